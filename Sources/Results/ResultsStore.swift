import Statistics
import Instruments
import Foundation
import GRDB

/// The results database: SQLite through GRDB, WAL mode, a busy timeout, one transaction per answer.
///
/// Several processes (participants at several terminals) may write to one file at once: writes
/// take the write lock immediately (`BEGIN IMMEDIATE`) and wait up to the busy timeout for it.
public final class ResultsStore: Sendable {
    let db: DatabaseQueue
    /// The database file.
    public let path: String

    /// The environment variable that names the database file.
    public static let environmentVariable = "KATCH_DB"
    /// The default file name, in the working folder.
    public static let defaultFileName = "katch-results.sqlite"

    /// Whether the store was opened read-only (reports and exports): it never writes, not even
    /// the journal mode or a migration.
    public let isReadOnly: Bool

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

    /// Opens the database at `path`: creates it (mode 0600, or 0660 with ``Sharing/group``) and
    /// migrates it when `readOnly` is false; read-only opens never write.
    ///
    /// An existing file is checked before anything is written to it: it must pass SQLite's
    /// `quick_check` (a damaged file is refused) and be a katch database — marked with
    /// ``applicationID``, or made by an older katch (its tables and migrations, no marker yet: it
    /// gets the marker). Another application's SQLite file is refused, never extended with
    /// katch's tables.
    public init(path: String, busyTimeout: TimeInterval = 30, readOnly: Bool = false, sharing: Sharing? = nil) throws(ResultsError) {
        self.path = path
        isReadOnly = readOnly
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "katch-results"
        if readOnly {
            config.readonly = true
            func open(_ name: String) throws -> DatabaseQueue {
                let queue = try DatabaseQueue(path: name, configuration: config)
                try queue.read { db in
                    try Self.checkKatchDatabase(db, path: path)
                    guard try Self.migrator.hasCompletedMigrations(db) else {
                        throw ResultsError(
                            "\(path) was made by an older katch and must be upgraded, which a read-only open cannot do: run 'katch training list --db \(path)' once with write access")
                    }
                }
                return queue
            }
            do {
                do {
                    db = try open(path)
                } catch let e as DatabaseError where [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(e.resultCode.primaryResultCode) {
                    // A WAL database in a folder we cannot write to, with no -shm file (no writer has it
                    // open): SQLite cannot set up its shared memory, so it is read as an immutable file.
                    db = try open(URL(fileURLWithPath: path).absoluteString + "?immutable=1")
                }
            } catch let e as ResultsError {
                throw e
            } catch {
                throw ResultsError("cannot open the results database \(path) read-only: \(error)")
            }
            return
        }
        config.journalMode = .wal
        config.foreignKeysEnabled = true
        let mode: Sharing
        if let sharing { mode = sharing } else { mode = try Sharing.fromEnvironment() }
        do {
            try Self.createPrivately(path, mode: mode.mode)
            try Self.checkBeforeWriting(path, busyTimeout: busyTimeout)
            db = try DatabaseQueue(path: path, configuration: config)
            try Self.migrator.migrate(db)
            try db.write { db in
                if try Int32.fetchOne(db, sql: "PRAGMA application_id") != Self.applicationID {
                    try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)")
                }
            }
        } catch let e as ResultsError {
            throw e
        } catch {
            throw ResultsError("cannot open the results database \(path): \(error)")
        }
    }

    /// Creates a missing database file with `mode` (whatever the umask) before SQLite opens it, so
    /// its `-wal` and `-shm` files, which SQLite creates with the database file's mode, get it too.
    static func createPrivately(_ path: String, mode: mode_t) throws(ResultsError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 {
            if errno == EEXIST { return }  // existing (or being created by another process)
            throw ResultsError("cannot create the results database \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        if fchmod(fd, mode) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw ResultsError("cannot set the mode of \(path): \(reason)")
        }
    }

    /// Checks an existing file read-only before katch writes to it: not damaged, a katch database.
    static func checkBeforeWriting(_ path: String, busyTimeout: TimeInterval) throws(ResultsError) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size == 0 { return }  // new
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "katch-results-check"
        do {
            let check = try DatabaseQueue(path: path, configuration: config)
            try check.read { db in
                let result = try String.fetchAll(db, sql: "PRAGMA quick_check(5)")
                if result != ["ok"] {
                    throw ResultsError(
                        "\(path) is damaged (SQLite quick_check: \(result.joined(separator: "; "))); nothing was written. Restore it from a backup, or give another file with --db")
                }
                try checkKatchDatabase(db, path: path)
            }
            try check.close()
        } catch let e as ResultsError {
            throw e
        } catch let e as DatabaseError where e.resultCode.primaryResultCode == .SQLITE_CORRUPT || e.resultCode.primaryResultCode == .SQLITE_NOTADB {
            throw ResultsError("\(path) is damaged or not an SQLite database (\(e.message ?? "\(e.resultCode)")); nothing was written")
        } catch {
            throw ResultsError("cannot check the results database \(path): \(error)")
        }
    }

    /// Refuses a database that is not katch's: another application id, or tables without katch's
    /// marker and migrations.
    static func checkKatchDatabase(_ db: Database, path: String) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if id == applicationID { return }
        let notKatch = "\(path) is not a katch results database"
        if id != 0 { throw ResultsError("\(notKatch) (application id \(id)); nothing was written. Give another file with --db") }
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if tables.isEmpty { return }  // an empty database: katch may use it
        // Made by a katch without the marker: its migrations are applied and its tables are there.
        let known = Set(migrator.migrations)
        let applied = tables.contains("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
        if applied.contains("v1") && applied.allSatisfy(known.contains) && tables.contains("training") && tables.contains("participant") { return }
        let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? " …" : "")
        throw ResultsError("\(notKatch) (it holds the tables \(shown) and no katch marker); nothing was written. Give another file with --db")
    }

    /// A warning when an existing database (or its `-wal`/`-shm` file) may be read or written by
    /// other users of the machine — the names and contacts of participants are in it — naming the
    /// files and the command that fixes it; nil when it is private (or missing).
    public static func exposureWarning(path: String) -> String? {
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

    /// The database path from `--db`, else `KATCH_DB`, else the default file in the working folder.
    public static func resolvePath(_ option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let env = ProcessInfo.processInfo.environment[environmentVariable], !env.isEmpty { return env }
        return defaultFileName
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "training") { t in
                t.primaryKey("id", .text)
                t.column("title", .text).notNull()
                t.column("place", .text).notNull().defaults(to: "")
                t.column("start_date", .text).notNull().defaults(to: "")
                t.column("end_date", .text).notNull().defaults(to: "")
                t.column("trainer", .text).notNull().defaults(to: "")
                t.column("created_at", .text).notNull()
            }
            try db.create(table: "participant") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("training_id", .text).notNull().references("training", onDelete: .restrict)
                t.column("code", .text).notNull()
                t.column("region", .text).notNull()
                t.column("agency", .text).notNull()
                t.column("agency_other", .text).notNull().defaults(to: "")
                t.column("gender", .text).notNull()
                t.column("created_at", .text).notNull()
                t.uniqueKey(["training_id", "code"])
            }
            // Personal data kept apart, so that nothing but this table ever holds a name.
            try db.create(table: "participant_identity") { t in
                t.primaryKey("participant_id", .integer).references("participant", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("name_key", .text).notNull().indexed()
                t.column("contact", .text).notNull().defaults(to: "")
            }
            try db.create(table: "attempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("participant_id", .integer).notNull().references("participant", onDelete: .cascade)
                t.column("phase", .text).notNull()
                t.column("instrument_id", .text).notNull()
                t.column("content_hash", .text).notNull()
                t.column("started_at", .text).notNull()
                t.column("submitted_at", .text)
                t.column("position", .integer).notNull().defaults(to: 0)
                t.uniqueKey(["participant_id", "phase", "instrument_id"])
            }
            try db.create(table: "response") { t in
                t.column("attempt_id", .integer).notNull().references("attempt", onDelete: .cascade)
                t.column("question_id", .text).notNull()
                t.column("choice", .text)
                t.column("text", .text)
                t.column("correct", .boolean)
                t.column("score", .double)
                t.column("max_score", .double).notNull()
                t.column("answered_at", .text).notNull()
                t.column("scored_at", .text)
                t.primaryKey(["attempt_id", "question_id"])
            }
        }
        // Practice (katch practice) is kept in tables of its own: never read by reports or exports.
        m.registerMigration("v2-practice") { db in
            try db.create(table: "practice_session") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("exercise_id", .text).notNull().indexed()
                t.column("started_at", .text).notNull()
                t.column("finished_at", .text)
                t.column("position", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "practice_answer") { t in
                t.column("session_id", .integer).notNull().references("practice_session", onDelete: .cascade)
                t.column("question_id", .text).notNull()
                t.column("choice", .text)
                t.column("text", .text)
                t.column("correct", .boolean)
                t.column("answered_at", .text).notNull()
                t.primaryKey(["session_id", "question_id"])
            }
        }
        // Several learners may practise the same exercise on one machine: sessions carry a learner label.
        m.registerMigration("v3-practice-learner") { db in
            try db.alter(table: "practice_session") { t in t.add(column: "learner", .text).notNull().defaults(to: "") }
            try db.create(index: "practice_session_learner", on: "practice_session", columns: ["exercise_id", "learner"])
        }
        return m
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date())
    }

    /// Runs `body` in one immediate write transaction.
    func write<T>(_ body: (Database) throws -> T) throws(ResultsError) -> T {
        do {
            return try db.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw ResultsError("transaction produced no result") }
                return result
            }
        } catch let e as ResultsError {
            throw e
        } catch {
            throw ResultsError("database write failed: \(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(ResultsError) -> T {
        do {
            return try db.read(body)
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
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM training WHERE id = ?", arguments: [t.id]) == true {
                throw ResultsError("training '\(t.id)' already exists; nothing was changed")
            }
            try db.execute(
                sql: "INSERT INTO training (id, title, place, start_date, end_date, trainer, created_at) VALUES (?,?,?,?,?,?,?)",
                arguments: [t.id, t.title, t.place, t.startDate, t.endDate, t.trainer, Self.now()])
        }
    }

    /// All trainings, by start date then id.
    public func trainings() throws(ResultsError) -> [Training] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM training ORDER BY start_date, id").map(Self.training)
        }
    }

    /// The training with `id`.
    public func training(_ id: String) throws(ResultsError) -> Training? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM training WHERE id = ?", arguments: [id]).map(Self.training) }
    }

    static func training(_ r: Row) -> Training {
        Training(id: r["id"], title: r["title"], place: r["place"], startDate: r["start_date"], endDate: r["end_date"], trainer: r["trainer"])
    }

    // MARK: Participants

    /// Registers a participant in a training and gives them a new code.
    /// The fields must follow the input policy (``Instruments/TextPolicy``) the quiz applies while typing.
    public func register(_ reg: Registration, training: String) throws(ResultsError) -> Participant {
        for (name, value) in [("name", reg.name), ("region", reg.region), ("agency", reg.agency), ("agency_other", reg.agencyOther), ("gender", reg.gender), ("contact", reg.contact)] {
            if let p = TextPolicy.problem(value, multiline: false, maxLength: TextPolicy.fieldMaxLength) { throw ResultsError("registration: \(name) \(p)") }
        }
        return try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM training WHERE id = ?", arguments: [training]) == true else {
                throw ResultsError("no training '\(training)'; add it with 'katch training add'")
            }
            var code = ParticipantCode.make()
            while try Bool.fetchOne(db, sql: "SELECT 1 FROM participant WHERE training_id = ? AND code = ?", arguments: [training, code]) == true {
                code = ParticipantCode.make()
            }
            try db.execute(
                sql: "INSERT INTO participant (training_id, code, region, agency, agency_other, gender, created_at) VALUES (?,?,?,?,?,?,?)",
                arguments: [training, code, reg.region, reg.agency, reg.agencyOther, reg.gender, Self.now()])
            let id = db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO participant_identity (participant_id, name, name_key, contact) VALUES (?,?,?,?)",
                arguments: [id, reg.name, NameKey.make(reg.name), reg.contact])
            return Participant(rowID: id, trainingID: training, code: code, region: reg.region, agency: reg.agency, agencyOther: reg.agencyOther, gender: reg.gender)
        }
    }

    /// The participant with `code` in `training` (case-insensitive).
    public func participant(training: String, code: String) throws(ResultsError) -> Participant? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM participant WHERE training_id = ? AND code = ?", arguments: [training, code.uppercased()]
            ).map(Self.participant)
        }
    }

    /// Participants of `training` whose name matches `name` (case and spacing ignored).
    public func participants(training: String, name: String) throws(ResultsError) -> [Participant] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.* FROM participant p JOIN participant_identity i ON i.participant_id = p.id
                    WHERE p.training_id = ? AND i.name_key = ? ORDER BY p.id
                    """, arguments: [training, NameKey.make(name)]
            ).map(Self.participant)
        }
    }

    /// Every participant of `training`.
    public func participants(training: String) throws(ResultsError) -> [Participant] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM participant WHERE training_id = ? ORDER BY id", arguments: [training]).map(Self.participant)
        }
    }

    static func participant(_ r: Row) -> Participant {
        Participant(
            rowID: r["id"], trainingID: r["training_id"], code: r["code"], region: r["region"], agency: r["agency"],
            agencyOther: r["agency_other"], gender: r["gender"])
    }

    // MARK: Attempts and answers

    /// The attempt of a participant at a phase of an instrument, if any.
    public func attempt(participant: Int64, phase: Phase, instrument: String) throws(ResultsError) -> Attempt? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM attempt WHERE participant_id = ? AND phase = ? AND instrument_id = ?",
                arguments: [participant, phase.rawValue, instrument]
            ).map { try Self.attempt($0) }
        }
    }

    /// Starts an attempt, or returns the one already started (never a second one).
    public func startAttempt(participant: Int64, phase: Phase, instrument: String, contentHash: String) throws(ResultsError) -> Attempt {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO attempt (participant_id, phase, instrument_id, content_hash, started_at, position)
                    VALUES (?,?,?,?,?,0)
                    """, arguments: [participant, phase.rawValue, instrument, contentHash, Self.now()])
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM attempt WHERE participant_id = ? AND phase = ? AND instrument_id = ?",
                arguments: [participant, phase.rawValue, instrument])
            else { throw ResultsError("attempt could not be created") }
            return try Self.attempt(row)
        }
    }

    /// An attempt row; a phase katch does not know is an error naming the row, never read as «pre».
    static func attempt(_ r: Row) throws -> Attempt {
        let rawPhase: String = r["phase"]
        let rowID: Int64 = r["id"]
        guard let phase = Phase(rawValue: rawPhase) else { throw ResultsError("attempt \(rowID) has the unknown phase '\(rawPhase)'") }
        return Attempt(
            rowID: rowID, participantID: r["participant_id"], phase: phase,
            instrumentID: r["instrument_id"], contentHash: r["content_hash"], startedAt: r["started_at"],
            submittedAt: r["submitted_at"], position: r["position"])
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
            if try String.fetchOne(db, sql: "SELECT submitted_at FROM attempt WHERE id = ?", arguments: [attempt]) != nil {
                throw ResultsError("this attempt was already submitted; answers cannot change")
            }
            try db.execute(
                sql: """
                    INSERT INTO response (attempt_id, question_id, choice, text, correct, score, max_score, answered_at)
                    VALUES (?,?,?,?,?,?,?,?)
                    ON CONFLICT(attempt_id, question_id) DO UPDATE SET
                      choice = excluded.choice, text = excluded.text, correct = excluded.correct,
                      score = excluded.score, max_score = excluded.max_score, answered_at = excluded.answered_at, scored_at = NULL
                    """,
                arguments: [attempt, response.questionID, response.choice, response.text, response.correct, response.score, response.maxScore, Self.now()])
            try db.execute(sql: "UPDATE attempt SET position = ? WHERE id = ?", arguments: [position, attempt])
        }
    }

    /// Records where the participant is (for resuming) without answering.
    public func setPosition(_ position: Int, attempt: Int64) throws(ResultsError) {
        try write { db in try db.execute(sql: "UPDATE attempt SET position = ? WHERE id = ?", arguments: [position, attempt]) }
    }

    /// Submits an attempt.
    public func submit(attempt: Int64) throws(ResultsError) {
        try write { db in
            try db.execute(sql: "UPDATE attempt SET submitted_at = ? WHERE id = ? AND submitted_at IS NULL", arguments: [Self.now(), attempt])
        }
    }

    /// The answers of an attempt, by question id.
    public func responses(attempt: Int64) throws(ResultsError) -> [String: Response] {
        try read { db in
            var result: [String: Response] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT * FROM response WHERE attempt_id = ?", arguments: [attempt]) {
                let resp = Self.response(r)
                result[resp.questionID] = resp
            }
            return result
        }
    }

    static func response(_ r: Row) -> Response {
        Response(questionID: r["question_id"], choice: r["choice"], text: r["text"], correct: r["correct"], score: r["score"], maxScore: r["max_score"])
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
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.attempt_id, p.code, a.phase, r.question_id, r.text, r.score
                    FROM response r JOIN attempt a ON a.id = r.attempt_id JOIN participant p ON p.id = a.participant_id
                    WHERE p.training_id = ? AND a.instrument_id = ? AND a.submitted_at IS NOT NULL AND a.phase IN ('pre','post')
                      AND r.question_id IN (\(marks)) \(includeScored ? "" : "AND r.score IS NULL")
                    ORDER BY r.question_id, a.phase DESC, p.code
                    """, arguments: StatementArguments([training, quiz.id] + scored))
            var result: [OpenAnswer] = []
            for r in rows {
                let attempt: Int64 = r["attempt_id"]
                let question: String = r["question_id"]
                let rawPhase: String = r["phase"]
                guard let phase = Phase(rawValue: rawPhase) else {
                    throw ResultsError("attempt \(attempt) has the unknown phase '\(rawPhase)'")
                }
                let text: String = r["text"] ?? ""
                var score: Fraction?
                if let s: Double = r["score"] {
                    guard let exact = Fraction(decimal: s) else { throw ResultsError("attempt \(attempt), \(question): stored score \(s) is not a decimal") }
                    score = exact
                }
                if score == nil && text.allSatisfy(\.isWhitespace) { continue }
                result.append(OpenAnswer(attemptID: attempt, participantCode: r["code"], phase: phase, questionID: question, text: text, score: score))
            }
            return result
        }
    }

    /// The saved score of one answer (nil when not scored).
    public func score(attempt: Int64, question: String) throws(ResultsError) -> Fraction? {
        try read { db in
            guard let s = try Double?.fetchOne(db, sql: "SELECT score FROM response WHERE attempt_id = ? AND question_id = ?", arguments: [attempt, question]) ?? nil else {
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
            try db.execute(
                sql: "UPDATE response SET score = ?, max_score = ?, scored_at = ? WHERE attempt_id = ? AND question_id = ?",
                arguments: [score.doubleValue, maximum.doubleValue, Self.now(), attempt, question])
            if db.changesCount == 0 { throw ResultsError("no answer to \(question) in attempt \(attempt)") }
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

