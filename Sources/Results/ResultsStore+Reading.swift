import Statistics
import Instruments
import Foundation

/// One stored answer with the attempt it belongs to.
public struct StoredResponse: Sendable, Hashable {
    /// The attempt's row id.
    public var attemptID: Int64
    /// The answer.
    public var response: Response

    /// Creates a stored answer.
    public init(attemptID: Int64, response: Response) {
        self.attemptID = attemptID
        self.response = response
    }
}

/// Everything a report needs, read in one consistent read transaction: trainings, participants
/// (pseudonymous: code and registration groups, never names or contacts), attempts and answers.
///
/// Practice attempts are never part of a snapshot.
public struct ResultsSnapshot: Sendable {
    /// The trainings read, in the order asked for (or by start date then id).
    public var trainings: [Training]
    /// Their participants, by training then row id.
    public var participants: [Participant]
    /// Their attempts of phase pre, post and feedback (submitted or not).
    public var attempts: [Attempt]
    /// The answers of those attempts.
    public var responses: [StoredResponse]

    /// Creates a snapshot (tests build them by hand).
    public init(trainings: [Training], participants: [Participant], attempts: [Attempt], responses: [StoredResponse]) {
        self.trainings = trainings
        self.participants = participants
        self.attempts = attempts
        self.responses = responses
    }
}

extension ResultsStore {
    /// Reads a ``ResultsSnapshot`` for the given trainings (all trainings when `trainingIDs` is
    /// nil or empty), with raw SQL cursors so that millions of answers read in well under a second.
    ///
    /// - Parameter trainingIDs: the trainings to read; an unknown id is an error.
    /// - Returns: the snapshot; practice attempts are left out.
    public func snapshot(trainings trainingIDs: [String]? = nil) throws(ResultsError) -> ResultsSnapshot {
        var responses: [StoredResponse] = []
        var head = try snapshot(trainings: trainingIDs) { head in
            responses.reserveCapacity(head.attempts.count * 10)
            return { batch in responses.append(contentsOf: batch) }
        }
        head.responses = responses
        return head
    }

    /// Reads like ``snapshot(trainings:)``, in the same read transaction, but hands the answers
    /// over in batches as they are read instead of holding them all, so that a report can index
    /// them on another core while the rest is read.
    ///
    /// - Parameters:
    ///   - trainingIDs: the trainings to read; an unknown id is an error.
    ///   - batchSize: answers per batch.
    ///   - answers: called once with the snapshot without its answers (trainings, participants,
    ///     attempts), before the first answer is read; returns what takes each batch, in order.
    /// - Returns: the snapshot without its answers.
    public func snapshot(
        trainings trainingIDs: [String]?, batchSize: Int = 16_384,
        answers: (ResultsSnapshot) -> ([StoredResponse]) -> Void
    ) throws(ResultsError) -> ResultsSnapshot {
        try read { db in
            let all = try db.all("SELECT * FROM training ORDER BY start_date, id").map(Self.training)
            var trainings: [Training]
            if let ids = trainingIDs, !ids.isEmpty {
                var seen = Set<String>()
                trainings = []
                for id in ids where seen.insert(id).inserted {
                    guard let t = all.first(where: { $0.id == id }) else {
                        let known = all.map(\.id).joined(separator: ", ")
                        throw ResultsError("no training '\(id)' in the database (known: \(known.isEmpty ? "none" : known))")
                    }
                    trainings.append(t)
                }
            } else {
                trainings = all
            }
            let wanted = Set(trainings.map(\.id))
            let everything = wanted.count == all.count

            var participants: [Participant] = []
            var participantIDs = Set<Int64>()
            try db.forEach(
                "SELECT id, training_id, code, region, agency, agency_other, gender FROM participant ORDER BY training_id, id", []
            ) { r in
                let training: String = try r[1]
                guard everything || wanted.contains(training) else { return }
                let id: Int64 = try r[0]
                participantIDs.insert(id)
                participants.append(
                    Participant(rowID: id, trainingID: training, code: try r[2], region: try r[3], agency: try r[4], agencyOther: try r[5], gender: try r[6]))
            }

            var attempts: [Attempt] = []
            var attemptIDs = Set<Int64>()
            try db.forEach(
                """
                SELECT id, participant_id, phase, instrument_id, content_hash, started_at, submitted_at, position
                FROM attempt WHERE phase IN ('pre', 'post', 'feedback') ORDER BY id
                """, []
            ) { r in
                let pid: Int64 = try r[1]
                guard everything || participantIDs.contains(pid) else { return }
                let phaseText: String = try r[2]
                guard let phase = Phase(rawValue: phaseText), phase != .practice else { return }
                let id: Int64 = try r[0]
                attemptIDs.insert(id)
                attempts.append(
                    Attempt(
                        rowID: id, participantID: pid, phase: phase, instrumentID: try r[3], contentHash: try r[4], startedAt: try r[5],
                        submittedAt: try r[6], position: try r[7]))
            }

            let head = ResultsSnapshot(trainings: trainings, participants: participants, attempts: attempts, responses: [])
            let take = answers(head)
            var batch: [StoredResponse] = []
            let size = Swift.max(1, batchSize)
            batch.reserveCapacity(size)
            try db.forEach("SELECT attempt_id, question_id, choice, text, correct, score, max_score FROM response", []) { r in
                let aid: Int64 = try r[0]
                guard attemptIDs.contains(aid) else { return }
                batch.append(
                    StoredResponse(
                        attemptID: aid,
                        response: Response(
                            questionID: try r[1], choice: try r[2], text: try r[3], correct: try r[4], score: try r[5], maxScore: try r[6])))
                if batch.count == size {
                    // Handed over whole (not copied); the next batch gets a buffer of its own.
                    take(batch)
                    batch = []
                    batch.reserveCapacity(size)
                }
            }
            if !batch.isEmpty { take(batch) }
            return head
        }
    }

    /// Whether the database has a training with this id.
    public func hasTraining(_ id: String) throws(ResultsError) -> Bool {
        try read { db in try db.exists("SELECT 1 FROM training WHERE id = ?", [id]) }
    }
}

extension ResultsStore {
    /// The typed answers of an attempt to the questions of `instrument` (answers to questions it
    /// no longer has are not returned).
    /// - Throws: ``ResultsError`` naming the attempt when a stored answer does not fit its question.
    public func answers(attempt: Int64, instrument: InstrumentSpec) throws(ResultsError) -> [String: Answer] {
        let stored = try responses(attempt: attempt)
        var result: [String: Answer] = [:]
        for q in instrument.questions {
            guard let r = stored[q.id] else { continue }
            do {
                result[q.id] = try Answer(kind: q.kind, question: q.id, choice: r.choice, text: r.text, score: r.score)
            } catch {
                throw ResultsError("attempt \(attempt): \(error.description)")
            }
        }
        return result
    }
}
