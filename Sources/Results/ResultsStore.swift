import Statistics
import Instruments
import Foundation
import GRDB

/// The results database: an SQLite file (through GRDB, the default, for a trainer working
/// offline) or a PostgreSQL server (through libpq, the national store many machines write to).
///
/// The store's methods and its migrations are written once, as SQL over an ``SQLBackend``; each
/// answer is committed at once in a transaction of its own. Several processes (participants at
/// several terminals) may write at once: on SQLite writes take the write lock immediately
/// (`BEGIN IMMEDIATE`) and wait up to the busy timeout for it; on PostgreSQL they run
/// `SERIALIZABLE` and a transaction that lost to a concurrent one is run again.
public final class ResultsStore: Sendable {
    let backend: any SQLBackend
    /// Where the store is, as messages show it: the file path, or the server's URL without its password.
    public let path: String
    /// Where the store is.
    public let location: StoreLocation

    /// The environment variable that names the database file.
    public static let environmentVariable = "KATCH_DB"
    /// The default file name, in the working folder.
    public static let defaultFileName = "katch-results.sqlite"

    /// Whether the store was opened read-only (reports and exports): it never writes, not even
    /// the journal mode or a migration.
    public let isReadOnly: Bool

    /// Whether this connection may read submitted answers: false for a quiz station connected as
    /// `katch_quiz` (see ``PostgresRoles``), which then shows no end-of-test scores rather than
    /// scores of answers it cannot see.
    public let readsSubmittedAnswers: Bool

    /// The value of `PRAGMA application_id` that marks a katch results database ("KATC").
    public static let applicationID: Int32 = 0x4B41_5443
    /// The environment variable that chooses the file mode of a new database: `private` (0600,
    /// the default) or `group` (0660, a shared training laptop where several accounts write).
    public static let modeEnvironmentVariable = "KATCH_DB_MODE"

    /// Who may read and write a database file katch creates.
    public enum Sharing: Sendable, Hashable {
        /// The owner only (0600): names and contacts stay private on a shared machine.
        case privateToOwner
        /// The owner and the file's group (0660).
        case group

        /// The file mode.
        public var mode: mode_t { self == .group ? 0o660 : 0o600 }

        /// From `KATCH_DB_MODE` (`private` or empty, `group`).
        public static func fromEnvironment() throws(ResultsError) -> Sharing {
            switch ProcessInfo.processInfo.environment[ResultsStore.modeEnvironmentVariable] ?? "" {
            case "", "private": return .privateToOwner
            case "group": return .group
            case let other: throw ResultsError("\(ResultsStore.modeEnvironmentVariable) must be 'private' or 'group' (got '\(other)')")
            }
        }
    }

    /// Opens the results database at `path` — a file, or a `postgres://` URL: creates the file
    /// (mode 0600, or 0660 with ``Sharing/group``) and migrates the database when `readOnly` is
    /// false; read-only opens never write.
    ///
    /// An existing file is checked before anything is written to it (see
    /// ``SQLiteBackend/open(path:busyTimeout:readOnly:mode:)``); a server database must be empty or
    /// katch's, and one made by a newer katch is refused on both.
    public init(path: String, busyTimeout: TimeInterval = 30, readOnly: Bool = false, sharing: Sharing? = nil) throws(ResultsError) {
        location = try StoreLocation(path)
        self.path = location.displayName
        isReadOnly = readOnly
        switch location {
        case .file(let file):
            let mode: Sharing
            if readOnly { mode = .privateToOwner } else if let sharing { mode = sharing } else { mode = try Sharing.fromEnvironment() }
            backend = try SQLiteBackend.open(path: file, busyTimeout: busyTimeout, readOnly: readOnly, mode: mode.mode)
        case .postgres(let url):
            let server = try PostgresBackend.open(url: url, readOnly: readOnly)
            backend = server
            readsSubmittedAnswers = try server.readsSubmittedAnswers()
            return
        }
        readsSubmittedAnswers = true
    }

    /// The GRDB queue of an SQLite store (tests reach into the file with it); nil on PostgreSQL.
    var sqliteQueue: DatabaseQueue? { (backend as? SQLiteBackend)?.queue }

    /// A warning when an existing database (or its `-wal`/`-shm` file) may be read or written by
    /// other users of the machine — the names and contacts of participants are in it — naming the
    /// files and the command that fixes it; nil when it is private (or missing, or on a server).
    public static func exposureWarning(path: String) -> String? {
        if PostgresURL.isServerURL(path) { return nil }
        var exposed: [(String, mode_t)] = []
        for file in [path, path + "-wal", path + "-shm"] {
            var st = stat()
            guard stat(file, &st) == 0 else { continue }
            if st.st_mode & 0o007 != 0 { exposed.append((file, st.st_mode & 0o777)) }
        }
        guard !exposed.isEmpty else { return nil }
        let files = exposed.map(\.0)
        let modes = exposed.map { "\($0.0) (mode \(String($0.1, radix: 8)))" }.joined(separator: ", ")
        return "warning: the results database is readable by other users of this machine: \(modes); "
            + "it holds participants' names and contacts. Fix: chmod 600 \(files.joined(separator: " ")) "
            + "(chmod 660 for a group of accounts on a shared training laptop, see \(modeEnvironmentVariable))"
    }

    /// The database from `--db`, else `KATCH_DB`, else the default file in the working folder: a
    /// file path or a `postgres://` URL (which may hold a password: show ``StoreLocation/displayName``).
    public static func resolvePath(_ option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let env = ProcessInfo.processInfo.environment[environmentVariable], !env.isEmpty { return env }
        return defaultFileName
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date())
    }

    /// Runs `body` in one write transaction, taken at once; run again if it lost to a concurrent
    /// one (PostgreSQL), so `body` must have no effect but through the connection.
    func write<T>(_ body: (any SQLConnection) throws -> T) throws(ResultsError) -> T {
        do {
            return try backend.write(retry: true, body)
        } catch let e as ResultsError {
            throw e
        } catch {
            throw ResultsError("database write failed: \(error)")
        }
    }

    /// Runs `body` in one read transaction.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws(ResultsError) -> T {
        do {
            return try backend.read(body)
        } catch let e as ResultsError {
            throw e
        } catch {
            throw ResultsError("database read failed: \(error)")
        }
    }

    // MARK: Trainings

    /// Adds a training; an existing id is refused (nothing is overwritten), and so is a training
    /// that ``Training/validate()`` refuses (a bad id, an impossible date, an end before the start).
    public func addTraining(_ t: Training) throws(ResultsError) {
        try t.validate()
        try write { db in
            if try db.exists("SELECT 1 FROM training WHERE id = ?", [t.id]) {
                throw ResultsError("training '\(t.id)' already exists; nothing was changed")
            }
            try db.execute(
                "INSERT INTO training (id, title, place, start_date, end_date, trainer, created_at) VALUES (?,?,?,?,?,?,?)",
                [t.id, t.title, t.place, t.startDate, t.endDate, t.trainer, Self.now()])
        }
    }

    /// All trainings, by start date then id.
    public func trainings() throws(ResultsError) -> [Training] {
        try read { db in
            try db.all("SELECT * FROM training ORDER BY start_date, id").map(Self.training)
        }
    }

    /// The training with `id`.
    public func training(_ id: String) throws(ResultsError) -> Training? {
        try read { db in try db.one("SELECT * FROM training WHERE id = ?", [id]).map(Self.training) }
    }

    static func training(_ r: SQLRow) throws(ResultsError) -> Training {
        Training(
            id: try r["id"], title: try r["title"], place: try r["place"], startDate: try r["start_date"], endDate: try r["end_date"],
            trainer: try r["trainer"])
    }

    // MARK: Participants

    /// Registers a participant in a training and gives them a new code.
    /// The fields must follow the input policy (``Instruments/TextPolicy``) the quiz applies while typing.
    public func register(_ reg: Registration, training: String) throws(ResultsError) -> Participant {
        for (name, value) in [("name", reg.name), ("region", reg.region), ("agency", reg.agency), ("agency_other", reg.agencyOther), ("gender", reg.gender), ("contact", reg.contact)] {
            if let p = TextPolicy.problem(value, multiline: false, maxLength: TextPolicy.fieldMaxLength) { throw ResultsError("registration: \(name) \(p)") }
        }
        return try write { db in
            guard try db.exists("SELECT 1 FROM training WHERE id = ?", [training]) else {
                throw ResultsError("no training '\(training)'; add it with 'katch training add'")
            }
            var code = ParticipantCode.make()
            while try db.exists("SELECT 1 FROM participant WHERE training_id = ? AND code = ?", [training, code]) {
                code = ParticipantCode.make()
            }
            let id = try db.insertReturningID(
                "INSERT INTO participant (training_id, code, region, agency, agency_other, gender, created_at) VALUES (?,?,?,?,?,?,?)",
                [training, code, reg.region, reg.agency, reg.agencyOther, reg.gender, Self.now()])
            try db.execute(
                "INSERT INTO participant_identity (participant_id, name, name_key, contact) VALUES (?,?,?,?)",
                [id, reg.name, NameKey.make(reg.name), reg.contact])
            return Participant(rowID: id, trainingID: training, code: code, region: reg.region, agency: reg.agency, agencyOther: reg.agencyOther, gender: reg.gender)
        }
    }

    /// The participant with `code` in `training` (case-insensitive).
    public func participant(training: String, code: String) throws(ResultsError) -> Participant? {
        try read { db in
            try db.one("SELECT * FROM participant WHERE training_id = ? AND code = ?", [training, code.uppercased()]).map(Self.participant)
        }
    }

    /// Participants of `training` whose name matches `name` (case and spacing ignored).
    public func participants(training: String, name: String) throws(ResultsError) -> [Participant] {
        try read { db in
            try db.all(db.dialect.participantsByNameSQL, [training, NameKey.make(name)]).map(Self.participant)
        }
    }

    /// Every participant of `training`.
    public func participants(training: String) throws(ResultsError) -> [Participant] {
        try read { db in
            try db.all("SELECT * FROM participant WHERE training_id = ? ORDER BY id", [training]).map(Self.participant)
        }
    }

    static func participant(_ r: SQLRow) throws(ResultsError) -> Participant {
        Participant(
            rowID: try r["id"], trainingID: try r["training_id"], code: try r["code"], region: try r["region"], agency: try r["agency"],
            agencyOther: try r["agency_other"], gender: try r["gender"])
    }

    // MARK: Attempts and answers

    /// The attempt of a participant at a phase of an instrument, if any.
    public func attempt(participant: Int64, phase: Phase, instrument: String) throws(ResultsError) -> Attempt? {
        try read { db in
            try db.one(
                "SELECT * FROM attempt WHERE participant_id = ? AND phase = ? AND instrument_id = ?", [participant, phase.rawValue, instrument]
            ).map(Self.attempt)
        }
    }

    /// Starts an attempt, or returns the one already started (never a second one).
    public func startAttempt(participant: Int64, phase: Phase, instrument: String, contentHash: String) throws(ResultsError) -> Attempt {
        try write { db in
            try db.execute(
                """
                INSERT INTO attempt (participant_id, phase, instrument_id, content_hash, started_at, position)
                VALUES (?,?,?,?,?,0) ON CONFLICT (participant_id, phase, instrument_id) DO NOTHING
                """, [participant, phase.rawValue, instrument, contentHash, Self.now()])
            guard let row = try db.one(
                "SELECT * FROM attempt WHERE participant_id = ? AND phase = ? AND instrument_id = ?", [participant, phase.rawValue, instrument])
            else { throw ResultsError("attempt could not be created") }
            return try Self.attempt(row)
        }
    }

    /// An attempt row; a phase katch does not know is an error naming the row, never read as «pre».
    static func attempt(_ r: SQLRow) throws(ResultsError) -> Attempt {
        let rawPhase: String = try r["phase"]
        let rowID: Int64 = try r["id"]
        guard let phase = Phase(rawValue: rawPhase) else { throw ResultsError("attempt \(rowID) has the unknown phase '\(rawPhase)'") }
        return Attempt(
            rowID: rowID, participantID: try r["participant_id"], phase: phase,
            instrumentID: try r["instrument_id"], contentHash: try r["content_hash"], startedAt: try r["started_at"],
            submittedAt: try r["submitted_at"], position: try r["position"])
    }

    /// Stores one answer (replacing an earlier answer to the same question) and the position, in
    /// one transaction: once this returns, the answer survives a killed terminal.
    /// An answer's text must follow the input policy (``Instruments/TextPolicy``) the quiz applies while typing.
    public func save(_ response: Response, attempt: Int64, position: Int) throws(ResultsError) {
        for value in [response.text, response.choice].compactMap({ $0 }) {
            if let p = TextPolicy.problem(value, multiline: true, maxLength: TextPolicy.openAnswerMaxLength) {
                throw ResultsError("the answer to \(response.questionID) \(p); it was not saved")
            }
        }
        try write { db in
            guard let row = try db.one("SELECT submitted_at FROM attempt WHERE id = ?", [attempt]) else {
                throw ResultsError("no attempt \(attempt) in the database; the answer was not saved")
            }
            if (try row[0] as String?) != nil {
                throw ResultsError("this attempt was already submitted; answers cannot change")
            }
            try db.execute(
                """
                INSERT INTO response (attempt_id, question_id, choice, text, correct, score, max_score, answered_at)
                VALUES (?,?,?,?,?,?,?,?)
                ON CONFLICT(attempt_id, question_id) DO UPDATE SET
                  choice = excluded.choice, text = excluded.text, correct = excluded.correct,
                  score = excluded.score, max_score = excluded.max_score, answered_at = excluded.answered_at, scored_at = NULL
                """,
                [attempt, response.questionID, response.choice, response.text, response.correct, response.score, response.maxScore, Self.now()])
            try db.execute("UPDATE attempt SET position = ? WHERE id = ?", [position, attempt])
        }
    }

    /// Records where the participant is (for resuming) without answering.
    public func setPosition(_ position: Int, attempt: Int64) throws(ResultsError) {
        try write { db in try db.execute("UPDATE attempt SET position = ? WHERE id = ?", [position, attempt]) }
    }

    /// Submits an attempt.
    public func submit(attempt: Int64) throws(ResultsError) {
        try write { db in
            try db.execute("UPDATE attempt SET submitted_at = ? WHERE id = ? AND submitted_at IS NULL", [Self.now(), attempt])
        }
    }

    /// The answers of an attempt, by question id.
    public func responses(attempt: Int64) throws(ResultsError) -> [String: Response] {
        try read { db in
            var result: [String: Response] = [:]
            for r in try db.all("SELECT * FROM response WHERE attempt_id = ?", [attempt]) {
                let resp = try Self.response(r)
                result[resp.questionID] = resp
            }
            return result
        }
    }

    static func response(_ r: SQLRow) throws(ResultsError) -> Response {
        Response(
            questionID: try r["question_id"], choice: try r["choice"], text: try r["text"], correct: try r["correct"], score: try r["score"],
            maxScore: try r["max_score"])
    }

    // MARK: Scoring open answers

    /// An open answer waiting for (or having) a trainer's score.
    public struct OpenAnswer: Sendable, Hashable {
        /// Attempt row id.
        public var attemptID: Int64
        /// Participant code.
        public var participantCode: String
        /// Phase (pre or post).
        public var phase: Phase
        /// Question id.
        public var questionID: String
        /// The answer text (empty when only a score was imported).
        public var text: String
        /// The saved score, nil until scored.
        public var score: Fraction?
    }

    /// Open answers to the trainer-scored questions of `quiz` in a training (submitted attempts),
    /// by question, phase and code; only the unscored ones unless `includeScored`. Answers left
    /// blank are not listed (they count 0 by the scoring rule).
    /// - Throws: ``ResultsError`` naming the row when a stored phase or score is not understood.
    public func openAnswers(training: String, quiz: InstrumentSpec, includeScored: Bool = false) throws(ResultsError) -> [OpenAnswer] {
        let scored = quiz.questions.filter(\.isScoredByTrainer).map(\.id)
        guard !scored.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: scored.count).joined(separator: ",")
        return try read { db in
            let rows = try db.all(
                """
                    SELECT r.attempt_id, p.code, a.phase, r.question_id, r.text, r.score
                    FROM response r JOIN attempt a ON a.id = r.attempt_id JOIN participant p ON p.id = a.participant_id
                    WHERE p.training_id = ? AND a.instrument_id = ? AND a.submitted_at IS NOT NULL AND a.phase IN ('pre','post')
                      AND r.question_id IN (\(marks)) \(includeScored ? "" : "AND r.score IS NULL")
                    ORDER BY r.question_id, a.phase DESC, p.code
                    """, [training, quiz.id] + scored)
            var result: [OpenAnswer] = []
            for r in rows {
                let attempt: Int64 = try r["attempt_id"]
                let question: String = try r["question_id"]
                let rawPhase: String = try r["phase"]
                guard let phase = Phase(rawValue: rawPhase) else {
                    throw ResultsError("attempt \(attempt) has the unknown phase '\(rawPhase)'")
                }
                let text: String = try r["text"] ?? ""
                var score: Fraction?
                if let s: Double = try r["score"] {
                    guard let exact = Fraction(decimal: s) else { throw ResultsError("attempt \(attempt), \(question): stored score \(s) is not a decimal") }
                    score = exact
                }
                if score == nil && text.allSatisfy(\.isWhitespace) { continue }
                result.append(OpenAnswer(attemptID: attempt, participantCode: try r["code"], phase: phase, questionID: question, text: text, score: score))
            }
            return result
        }
    }

    /// The saved score of one answer (nil when not scored).
    public func score(attempt: Int64, question: String) throws(ResultsError) -> Fraction? {
        try read { db in
            guard let row = try db.one("SELECT score FROM response WHERE attempt_id = ? AND question_id = ?", [attempt, question]),
                let s: Double = try row[0]
            else {
                return nil
            }
            guard let exact = Fraction(decimal: s) else { throw ResultsError("attempt \(attempt), \(question): stored score \(s) is not a decimal") }
            return exact
        }
    }

    /// Stores a trainer's score for an open answer, checked against the question's maximum (from
    /// the course), which is stored with it.
    public func setScore(_ score: Fraction, maximum: Fraction, attempt: Int64, question: String) throws(ResultsError) {
        guard score >= .zero, score <= maximum else { throw ResultsError("score must be between 0 and \(maximum)") }
        try write { db in
            let changed = try db.execute(
                "UPDATE response SET score = ?, max_score = ?, scored_at = ? WHERE attempt_id = ? AND question_id = ?",
                [score.doubleValue, maximum.doubleValue, Self.now(), attempt, question])
            if changed == 0 { throw ResultsError("no answer to \(question) in attempt \(attempt)") }
        }
    }
}

/// Pseudonymous participant codes: 6 characters without look-alikes (no 0/O, 1/I/L).
public enum ParticipantCode {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// A new random code.
    public static func make() -> String {
        var g = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] })
    }
}

/// A comparable form of a name: NFC, lowercased, spaces folded.
enum NameKey {
    static func make(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

