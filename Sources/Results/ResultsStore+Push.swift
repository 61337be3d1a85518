import Foundation

/// What `katch results push` copied (or, on a second run, found already there).
public struct PushSummary: Sendable, Hashable {
    /// Trainings, participants, attempts and answers added to the central store.
    public var trainings = 0, participants = 0, attempts = 0, answers = 0
    /// Names and contacts added (only with `withNames`).
    public var identities = 0
    /// Attempts and answers the laptop had later than the central store (an attempt submitted or a
    /// score given after an earlier push).
    public var attemptsUpdated = 0, answersUpdated = 0
    /// The trainings pushed.
    public var trainingIDs: [String] = []

    /// Whether the push changed nothing.
    public var changedNothing: Bool {
        trainings + participants + attempts + answers + identities + attemptsUpdated + answersUpdated == 0
    }
}

/// One training of a laptop's store with everything `push` copies, read in one transaction.
struct PushSource {
    struct Person {
        var rowID: Int64
        var code: String, region: String, agency: String, agencyOther: String, gender: String, createdAt: String
        /// Name and contact, read only with `withNames`.
        var identity: (name: String, nameKey: String, contact: String)?
    }

    struct Attempted {
        var rowID: Int64, participant: Int64
        var phase: String, instrument: String, contentHash: String, startedAt: String
        var submittedAt: String?
        var position: Int64
    }

    struct Answer: Equatable {
        var question: String
        var choice: String?, text: String?
        var correct: Bool?
        var score: Double?
        var maxScore: Double
        var answeredAt: String
        var scoredAt: String?

        /// The same answer (times aside).
        func sameAnswer(as other: Answer) -> Bool {
            question == other.question && choice == other.choice && text == other.text && correct == other.correct && score == other.score
                && maxScore == other.maxScore
        }
    }

    var training: Training
    var people: [Person] = []
    var attempts: [Attempted] = []
    var answers: [Int64: [Answer]] = [:]
}

extension ResultsStore {
    /// Copies this store's trainings (all, or `trainings`) into `target` — a trainer's laptop into
    /// the national store: trainings, participants by code, their pre, post and feedback attempts
    /// and answers with scores; names and contacts only when `withNames`. Practice stays on the laptop.
    ///
    /// All or nothing, in one transaction of the target. Idempotent: what is already there is left
    /// as it is, so a second push changes nothing. A training or participant registered differently
    /// on the target, or a submitted answer that differs, is refused naming what differs (never a
    /// name or contact). What the laptop has later — an attempt submitted, an answer changed before
    /// submission, a score given after an earlier push — updates the target.
    public func push(to target: ResultsStore, trainings wanted: [String]? = nil, withNames: Bool) throws(ResultsError) -> PushSummary {
        let sources = try pushSources(trainings: wanted, withNames: withNames)
        return try target.write { c in
            var summary = PushSummary()
            var problems: [String] = []
            for source in sources {
                try Self.push(source, into: c, withNames: withNames, summary: &summary, problems: &problems)
            }
            if !problems.isEmpty {
                let shown = problems.prefix(20).joined(separator: "; ") + (problems.count > 20 ? "; … (\(problems.count) in all)" : "")
                throw ResultsError("\(target.path) differs from \(path): \(shown); nothing was pushed")
            }
            summary.trainingIDs = sources.map(\.training.id)
            return summary
        }
    }

    /// Reads the trainings to push, in one read transaction.
    func pushSources(trainings wanted: [String]?, withNames: Bool) throws(ResultsError) -> [PushSource] {
        try read { c in
            let all = try c.all("SELECT * FROM training ORDER BY start_date, id").map(Self.training)
            var chosen = all
            if let wanted, !wanted.isEmpty {
                chosen = []
                for id in wanted where !chosen.contains(where: { $0.id == id }) {
                    guard let t = all.first(where: { $0.id == id }) else { throw ResultsError("no training '\(id)' in \(path)") }
                    chosen.append(t)
                }
            }
            var sources: [PushSource] = []
            for t in chosen {
                var s = PushSource(training: t)
                for r in try c.all(
                    """
                    SELECT p.id, p.code, p.region, p.agency, p.agency_other, p.gender, p.created_at, i.name, i.name_key, i.contact
                    FROM participant p LEFT JOIN participant_identity i ON i.participant_id = p.id WHERE p.training_id = ? ORDER BY p.id
                    """, [t.id])
                {
                    var identity: (String, String, String)?
                    if withNames, let name: String = try r["name"] { identity = (name, try r["name_key"], try r["contact"]) }
                    s.people.append(
                        PushSource.Person(
                            rowID: try r["id"], code: try r["code"], region: try r["region"], agency: try r["agency"], agencyOther: try r["agency_other"],
                            gender: try r["gender"], createdAt: try r["created_at"], identity: identity))
                }
                for r in try c.all(
                    """
                    SELECT a.id, a.participant_id, a.phase, a.instrument_id, a.content_hash, a.started_at, a.submitted_at, a.position
                    FROM attempt a JOIN participant p ON p.id = a.participant_id
                    WHERE p.training_id = ? AND a.phase IN ('pre', 'post', 'feedback') ORDER BY a.id
                    """, [t.id])
                {
                    s.attempts.append(
                        PushSource.Attempted(
                            rowID: try r["id"], participant: try r["participant_id"], phase: try r["phase"], instrument: try r["instrument_id"],
                            contentHash: try r["content_hash"], startedAt: try r["started_at"], submittedAt: try r["submitted_at"], position: try r["position"]))
                }
                for r in try c.all(
                    """
                    SELECT r.attempt_id, r.question_id, r.choice, r.text, r.correct, r.score, r.max_score, r.answered_at, r.scored_at
                    FROM response r JOIN attempt a ON a.id = r.attempt_id JOIN participant p ON p.id = a.participant_id
                    WHERE p.training_id = ? AND a.phase IN ('pre', 'post', 'feedback') ORDER BY r.attempt_id, r.question_id
                    """, [t.id])
                {
                    s.answers[try r["attempt_id"], default: []].append(try Self.pushAnswer(r))
                }
                sources.append(s)
            }
            return sources
        }
    }

    static func pushAnswer(_ r: SQLRow) throws(ResultsError) -> PushSource.Answer {
        PushSource.Answer(
            question: try r["question_id"], choice: try r["choice"], text: try r["text"], correct: try r["correct"], score: try r["score"],
            maxScore: try r["max_score"], answeredAt: try r["answered_at"], scoredAt: try r["scored_at"])
    }

    /// Pushes one training inside the target's transaction; differences go to `problems`.
    static func push(_ s: PushSource, into c: any SQLConnection, withNames: Bool, summary: inout PushSummary, problems: inout [String]) throws {
        let t = s.training
        if let there = try c.one("SELECT * FROM training WHERE id = ?", [t.id]).map(Self.training) {
            let fields = [("title", t.title, there.title), ("place", t.place, there.place), ("start date", t.startDate, there.startDate),
                          ("end date", t.endDate, there.endDate), ("trainer", t.trainer, there.trainer)]
            let differing = fields.filter { $0.1 != $0.2 }.map { "\($0.0) '\($0.1)' here, '\($0.2)' there" }
            if !differing.isEmpty {
                problems.append("training '\(t.id)' differs: \(differing.joined(separator: ", "))")
                return
            }
        } else {
            try c.execute(
                "INSERT INTO training (id, title, place, start_date, end_date, trainer, created_at) VALUES (?,?,?,?,?,?,?)",
                [t.id, t.title, t.place, t.startDate, t.endDate, t.trainer, now()])
            summary.trainings += 1
        }
        // Participants by code.
        var remoteParticipant: [Int64: Int64] = [:]
        for p in s.people {
            let label = "participant \(p.code) of '\(t.id)'"
            if let r = try c.one("SELECT id, region, agency, agency_other, gender FROM participant WHERE training_id = ? AND code = ?", [t.id, p.code]) {
                let fields: [(String, String, String)] = [
                    ("region", p.region, try r["region"]), ("agency", p.agency, try r["agency"]), ("other agency", p.agencyOther, try r["agency_other"]),
                    ("gender", p.gender, try r["gender"]),
                ]
                let differing = fields.filter { $0.1 != $0.2 }.map { "\($0.0) '\($0.1)' here, '\($0.2)' there" }
                if !differing.isEmpty {
                    problems.append("\(label) is registered differently: \(differing.joined(separator: ", "))")
                    continue
                }
                remoteParticipant[p.rowID] = try r["id"]
            } else {
                remoteParticipant[p.rowID] = try c.insertReturningID(
                    "INSERT INTO participant (training_id, code, region, agency, agency_other, gender, created_at) VALUES (?,?,?,?,?,?,?)",
                    [t.id, p.code, p.region, p.agency, p.agencyOther, p.gender, p.createdAt])
                summary.participants += 1
            }
            guard withNames, let identity = p.identity, let id = remoteParticipant[p.rowID] else { continue }
            if let r = try c.one("SELECT name, contact FROM participant_identity WHERE participant_id = ?", [id]) {
                // Never the name or contact itself in a message.
                let name: String = try r["name"], contact: String = try r["contact"]
                if name != identity.name || contact != identity.contact {
                    problems.append("\(label) has another name or contact there")
                }
            } else {
                try c.execute(
                    "INSERT INTO participant_identity (participant_id, name, name_key, contact) VALUES (?,?,?,?)",
                    [id, identity.name, identity.nameKey, identity.contact])
                summary.identities += 1
            }
        }
        let codes = Dictionary(uniqueKeysWithValues: s.people.map { ($0.rowID, $0.code) })
        // Attempts and their answers.
        for a in s.attempts {
            // A participant registered differently there was reported already.
            guard let pid = remoteParticipant[a.participant], let code = codes[a.participant] else { continue }
            let label = "participant \(code) of '\(t.id)', \(a.phase) \(a.instrument)"
            let answers = s.answers[a.rowID] ?? []
            guard let r = try c.one("SELECT id, submitted_at FROM attempt WHERE participant_id = ? AND phase = ? AND instrument_id = ?", [pid, a.phase, a.instrument])
            else {
                let aid = try c.insertReturningID(
                    "INSERT INTO attempt (participant_id, phase, instrument_id, content_hash, started_at, submitted_at, position) VALUES (?,?,?,?,?,?,?)",
                    [pid, a.phase, a.instrument, a.contentHash, a.startedAt, a.submittedAt, a.position])
                summary.attempts += 1
                _ = try c.insertRows(
                    prefix: "INSERT INTO response (attempt_id, question_id, choice, text, correct, score, max_score, answered_at, scored_at) VALUES",
                    row: "(?,?,?,?,?,?,?,?,?)", count: answers.count, returningID: false
                ) { k, v in
                    let x = answers[k]
                    v += [.integer(aid), .text(x.question), x.choice.sqlValue, x.text.sqlValue, x.correct.sqlValue, x.score.sqlValue, .real(x.maxScore),
                          .text(x.answeredAt), x.scoredAt.sqlValue]
                }
                summary.answers += answers.count
                continue
            }
            let aid: Int64 = try r["id"]
            let thereSubmitted: String? = try r["submitted_at"]
            var there: [String: PushSource.Answer] = [:]
            for row in try c.all(
                "SELECT question_id, choice, text, correct, score, max_score, answered_at, scored_at FROM response WHERE attempt_id = ?", [aid])
            {
                let x = try Self.pushAnswer(row)
                there[x.question] = x
            }
            // An attempt still open there takes the laptop's later answers; a submitted one only scores.
            let open = thereSubmitted == nil
            if open && a.submittedAt != nil {
                try c.execute("UPDATE attempt SET submitted_at = ?, position = ? WHERE id = ?", [a.submittedAt, a.position, aid])
                summary.attemptsUpdated += 1
            } else if !open && a.submittedAt == nil {
                problems.append("\(label) is submitted there but not here")
                continue
            }
            for x in answers {
                guard let y = there[x.question] else {
                    if open {
                        try c.execute(
                            "INSERT INTO response (attempt_id, question_id, choice, text, correct, score, max_score, answered_at, scored_at) VALUES (?,?,?,?,?,?,?,?,?)",
                            [aid, x.question, x.choice, x.text, x.correct, x.score, x.maxScore, x.answeredAt, x.scoredAt])
                        summary.answers += 1
                    } else {
                        problems.append("\(label), \(x.question): answered here, not there")
                    }
                    continue
                }
                if x.sameAnswer(as: y) { continue }
                var unscored = y
                unscored.score = x.score
                let onlyScored = y.score == nil && x.score != nil && x.sameAnswer(as: unscored)
                if open || onlyScored {
                    try c.execute(
                        """
                        UPDATE response SET choice = ?, text = ?, correct = ?, score = ?, max_score = ?, answered_at = ?, scored_at = ?
                        WHERE attempt_id = ? AND question_id = ?
                        """, [x.choice, x.text, x.correct, x.score, x.maxScore, x.answeredAt, x.scoredAt, aid, x.question])
                    summary.answersUpdated += 1
                } else {
                    problems.append("\(label), \(x.question): the answer differs")
                }
            }
        }
    }
}
