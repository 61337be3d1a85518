import Foundation

/// What `removeParticipant` removed (or, when refused, would remove).
public struct ParticipantRemoval: Sendable, Hashable {
    /// One attempt of the participant.
    public struct AttemptSummary: Sendable, Hashable {
        /// `pre`, `post` or `feedback`.
        public var phase: String
        /// The quiz or survey id.
        public var instrument: String
        /// Whether it was submitted.
        public var submitted: Bool
        /// How many answers it held.
        public var answers: Int
    }

    /// The participant's code.
    public var code: String
    /// The training.
    public var training: String
    /// Their attempts with answer counts.
    public var attempts: [AttemptSummary]
    /// Whether a name was stored (it is removed with the participant).
    public var hadName: Bool
    /// Whether a contact was stored.
    public var hadContact: Bool

    /// How many answers in all.
    public var answers: Int { attempts.map(\.answers).reduce(0, +) }
    /// Whether any attempt was submitted.
    public var hasSubmitted: Bool { attempts.contains(where: \.submitted) }
}

/// One participant as `katch participant list` shows them: never a name or contact.
public struct ParticipantListing: Sendable, Hashable {
    /// The participant's code.
    public var code: String
    /// When they registered (ISO 8601).
    public var registeredAt: String
    /// Region, agency and gender ids from the registration form.
    public var region: String, agency: String, gender: String
    /// Their attempts with answer counts.
    public var attempts: [ParticipantRemoval.AttemptSummary]
}

extension ResultsStore {
    /// The participants of `training` in order of registration, with their attempts (no names).
    public func participantListing(training: String) throws(ResultsError) -> [ParticipantListing] {
        try read { db in
            guard try db.exists("SELECT 1 FROM training WHERE id = ?", [training]) else {
                throw ResultsError("no training '\(training)' (katch training list shows them)")
            }
            let attempts = try db.all(
                """
                SELECT a.participant_id, a.phase, a.instrument_id, a.submitted_at,
                       (SELECT COUNT(*) FROM response r WHERE r.attempt_id = a.id) AS answers
                FROM attempt a JOIN participant p ON p.id = a.participant_id WHERE p.training_id = ? ORDER BY a.id
                """, [training])
            var byParticipant: [Int64: [ParticipantRemoval.AttemptSummary]] = [:]
            for r in attempts {
                byParticipant[try r["participant_id"], default: []].append(try Self.attemptSummary(r))
            }
            return try db.all(
                "SELECT id, code, created_at, region, agency, gender FROM participant WHERE training_id = ? ORDER BY id", [training]
            ).map { r throws(ResultsError) in
                ParticipantListing(
                    code: try r["code"], registeredAt: try r["created_at"], region: try r["region"], agency: try r["agency"], gender: try r["gender"],
                    attempts: byParticipant[try r["id"]] ?? [])
            }
        }
    }

    /// Removes a participant registered by mistake: their answers, attempts, name and contact and
    /// the participant row, in one transaction. Refused (nothing removed) when an attempt was
    /// submitted, unless `force`. The freed pages are overwritten (`secure_delete`) so the name does
    /// not linger in the file.
    public func removeParticipant(training: String, code: String, force: Bool) throws(ResultsError) -> ParticipantRemoval {
        let removal: ParticipantRemoval = try write { db in
            if db.dialect == .sqlite { try db.execute("PRAGMA secure_delete = ON") }
            guard try db.exists("SELECT 1 FROM training WHERE id = ?", [training]) else {
                throw ResultsError("no training '\(training)' (katch training list shows them)")
            }
            guard let row = try db.one("SELECT id, code FROM participant WHERE training_id = ? AND code = ?", [training, code.uppercased()]) else {
                throw ResultsError("no participant '\(code.uppercased())' in training '\(training)'")
            }
            let id: Int64 = try row["id"]
            let attempts = try db.all(
                """
                SELECT a.id, a.phase, a.instrument_id, a.submitted_at, (SELECT COUNT(*) FROM response r WHERE r.attempt_id = a.id) AS answers
                FROM attempt a WHERE a.participant_id = ? ORDER BY a.id
                """, [id]
            ).map(Self.attemptSummary)
            // A participant without an identity row (imported from CSV) had neither name nor contact.
            let identity = try db.one("SELECT name, contact FROM participant_identity WHERE participant_id = ?", [id])
            let name: String = try identity.map { r throws(ResultsError) in try r["name"] } ?? ""
            let contact: String = try identity.map { r throws(ResultsError) in try r["contact"] } ?? ""
            let result = ParticipantRemoval(
                code: try row["code"], training: training, attempts: attempts, hadName: !name.isEmpty, hadContact: !contact.isEmpty)
            if result.hasSubmitted && !force { return result }
            try db.execute("DELETE FROM response WHERE attempt_id IN (SELECT id FROM attempt WHERE participant_id = ?)", [id])
            try db.execute("DELETE FROM attempt WHERE participant_id = ?", [id])
            try db.execute("DELETE FROM participant_identity WHERE participant_id = ?", [id])
            try db.execute("DELETE FROM participant WHERE id = ?", [id])
            return result
        }
        if removal.hasSubmitted && !force {
            let submitted = removal.attempts.filter(\.submitted).map { "\($0.phase) (\($0.answers) answers)" }.joined(separator: ", ")
            throw ResultsError(
                "participant \(removal.code) has submitted \(submitted): removing them takes these results out of the evaluation; nothing was removed — add --force to remove them all the same")
        }
        backend.afterSecureDelete()
        return removal
    }

    static func attemptSummary(_ r: SQLRow) throws(ResultsError) -> ParticipantRemoval.AttemptSummary {
        ParticipantRemoval.AttemptSummary(
            phase: try r["phase"], instrument: try r["instrument_id"], submitted: (try r["submitted_at"] as String?) != nil, answers: try r["answers"])
    }
}

extension ResultsStore {
    /// Removes whole trainings with their participants, names, attempts and answers, in one
    /// transaction (what `katch results bench --db` added to a server database).
    public func removeTrainings(_ ids: [String]) throws(ResultsError) {
        try write { db in
            for id in ids {
                let inTraining = "SELECT id FROM participant WHERE training_id = ?"
                try db.execute("DELETE FROM response WHERE attempt_id IN (SELECT id FROM attempt WHERE participant_id IN (\(inTraining)))", [id])
                try db.execute("DELETE FROM attempt WHERE participant_id IN (\(inTraining))", [id])
                try db.execute("DELETE FROM participant_identity WHERE participant_id IN (\(inTraining))", [id])
                try db.execute("DELETE FROM participant WHERE training_id = ?", [id])
                try db.execute("DELETE FROM training WHERE id = ?", [id])
            }
        }
    }
}
