import Foundation

/// The least-privilege roles of a central PostgreSQL store, set up by its owner with
/// `katch db roles` (which prints, or with `--apply` runs, ``sql(database:)``).
///
/// - `katch_quiz`, for quiz stations: reads trainings, registers participants — a name and contact
///   can be written but never read (the name lookup of a returning participant goes through the
///   owner's `katch_participants_named`, which answers only for a name it is given) — and inserts
///   and updates answers of open attempts only: row security hides every answer of a submitted
///   attempt, so a station cannot read other participants' results.
/// - `katch_report`, for reports and exports: reads trainings, participants (no names, no
///   contacts), attempts and answers; writes nothing.
/// - The owner (who ran the migrations) keeps every right: trainings, imports, pushes, scoring,
///   participant removal and later migrations.
///
/// Both are group roles without login: give each station or analyst a login role of their own
/// (`CREATE ROLE station_07 LOGIN PASSWORD '…' IN ROLE katch_quiz`).
public enum PostgresRoles {
    /// The group role of quiz stations.
    public static let quizRole = "katch_quiz"
    /// The group role of reports and exports.
    public static let reportRole = "katch_report"

    /// The statements that create (if missing) and grant the roles on a migrated store; run them
    /// again after a migration that adds tables. Idempotent.
    public static func sql(database: String) -> String {
        let db = "\"" + database.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let open = "EXISTS (SELECT 1 FROM attempt a WHERE a.id = response.attempt_id AND a.submitted_at IS NULL)"
        return """
            DO $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(quizRole)') THEN CREATE ROLE \(quizRole) NOLOGIN; END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(reportRole)') THEN CREATE ROLE \(reportRole) NOLOGIN; END IF;
            END
            $$;
            GRANT CONNECT ON DATABASE \(db) TO \(quizRole), \(reportRole);
            GRANT USAGE ON SCHEMA public TO \(quizRole), \(reportRole);
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM \(quizRole), \(reportRole);
            -- What opening the store reads (its marker and schema version) and the trainings.
            GRANT SELECT ON katch_meta, grdb_migrations, training TO \(quizRole), \(reportRole);
            -- Quiz stations: register, answer open attempts, practise.
            GRANT SELECT, INSERT ON participant TO \(quizRole);
            GRANT INSERT ON participant_identity TO \(quizRole);
            GRANT SELECT, INSERT ON attempt TO \(quizRole);
            GRANT UPDATE (position, submitted_at) ON attempt TO \(quizRole);
            GRANT SELECT, INSERT, UPDATE ON response TO \(quizRole);
            GRANT SELECT, INSERT, UPDATE ON practice_session, practice_answer TO \(quizRole);
            GRANT EXECUTE ON FUNCTION katch_participants_named(TEXT, TEXT) TO \(quizRole);
            -- Reports and exports: everything a report reads, no names.
            GRANT SELECT ON participant, attempt, response TO \(reportRole);
            -- Answers: a station sees and changes those of open attempts only; reports see all.
            ALTER TABLE response ENABLE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS katch_quiz_open_attempts ON response;
            CREATE POLICY katch_quiz_open_attempts ON response TO \(quizRole) USING (\(open)) WITH CHECK (\(open));
            DROP POLICY IF EXISTS katch_report_reads ON response;
            CREATE POLICY katch_report_reads ON response FOR SELECT TO \(reportRole) USING (true);

            """
    }

    /// Runs ``sql(database:)`` on a store opened by its owner.
    public static func apply(to store: ResultsStore) throws(ResultsError) {
        guard case .postgres(let url) = store.location else {
            throw ResultsError("\(store.path) is an SQLite file: roles exist only on a PostgreSQL store")
        }
        let text = sql(database: url.database)
        try store.write { c in
            guard let c = c as? PostgresConnection else { throw ResultsError("not a PostgreSQL connection") }
            try c.run(text)
        }
    }
}
