import Instruments

/// Practice sessions (`katch practice`): answers to the case exercises, kept apart from test
/// results so that they never enter an evaluation summary.
extension ResultsStore {
    /// A practice session.
    public struct PracticeSession: Sendable, Hashable {
        /// Row id.
        public var id: Int64
        /// The exercise page id.
        public var exerciseID: String
        /// Where the learner was.
        public var position: Int
        /// Whether it was finished.
        public var finished: Bool
    }

    /// The latest unfinished session of an exercise by `learner` (a label; "" when none was given), if any.
    public func unfinishedPractice(exercise: String, learner: String = "") throws(ResultsError) -> PracticeSession? {
        try read { db in
            try db.one(
                """
                SELECT * FROM practice_session WHERE exercise_id = ? AND learner = ? AND finished_at IS NULL
                ORDER BY id DESC LIMIT 1
                """,
                [exercise, learner]
            ).map { r throws(ResultsError) in
                PracticeSession(id: try r["id"], exerciseID: try r["exercise_id"], position: try r["position"], finished: false)
            }
        }
    }

    /// Starts a new practice session of `learner` (a label; "" when none was given).
    public func startPractice(exercise: String, learner: String = "") throws(ResultsError) -> PracticeSession {
        try write { db in
            let id = try db.insertReturningID(
                "INSERT INTO practice_session (exercise_id, learner, started_at) VALUES (?, ?, ?)", [exercise, learner, Self.now()])
            return PracticeSession(id: id, exerciseID: exercise, position: 0, finished: false)
        }
    }

    /// Answers of a practice session by question id.
    public func practiceAnswers(session: Int64) throws(ResultsError) -> [String: Response] {
        try read { db in
            var result: [String: Response] = [:]
            for r in try db.all("SELECT * FROM practice_answer WHERE session_id = ?", [session]) {
                let resp = Response(questionID: try r["question_id"], choice: try r["choice"], text: try r["text"], correct: try r["correct"], maxScore: 0)
                result[resp.questionID] = resp
            }
            return result
        }
    }

    /// Stores one practice answer and the position.
    public func savePractice(_ r: Response, session: Int64, position: Int) throws(ResultsError) {
        try write { db in
            try db.execute(
                """
                INSERT INTO practice_answer (session_id, question_id, choice, text, correct, answered_at) VALUES (?,?,?,?,?,?)
                ON CONFLICT(session_id, question_id) DO UPDATE SET choice = excluded.choice, text = excluded.text,
                  correct = excluded.correct, answered_at = excluded.answered_at
                """, [session, r.questionID, r.choice, r.text, r.correct, Self.now()])
            try db.execute("UPDATE practice_session SET position = ? WHERE id = ?", [position, session])
        }
    }

    /// Records the position of a practice session.
    public func setPracticePosition(_ position: Int, session: Int64) throws(ResultsError) {
        try write { db in try db.execute("UPDATE practice_session SET position = ? WHERE id = ?", [position, session]) }
    }

    /// Marks a practice session finished.
    public func finishPractice(session: Int64) throws(ResultsError) {
        try write { db in
            try db.execute("UPDATE practice_session SET finished_at = ? WHERE id = ?", [Self.now(), session])
        }
    }
}
