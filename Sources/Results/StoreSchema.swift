import Foundation

/// The versioned schema of the results store, written once for both dialects.
///
/// Applied migrations are recorded by identifier in `grdb_migrations` — the table GRDB's migrator
/// kept before katch ran its own, so files made by earlier versions carry on where they were. A
/// database with a migration this katch does not know was made by a newer katch and is refused
/// (never written), on either store.
enum StoreSchema {
    /// A named step of the schema.
    struct Migration: Sendable {
        /// Its identifier, recorded once applied.
        var id: String
        /// Its statements in a dialect.
        var statements: @Sendable (SQLDialect) -> [String]
    }

    /// The migrations, oldest first. Never edit one that shipped: add a new one.
    static let migrations: [Migration] = [
        Migration(id: "v1") { d in
            [
                """
                CREATE TABLE training (
                  id \(d.text) NOT NULL PRIMARY KEY,
                  title \(d.text) NOT NULL,
                  place \(d.text) NOT NULL DEFAULT '',
                  start_date \(d.text) NOT NULL DEFAULT '',
                  end_date \(d.text) NOT NULL DEFAULT '',
                  trainer \(d.text) NOT NULL DEFAULT '',
                  created_at \(d.text) NOT NULL)
                """,
                """
                CREATE TABLE participant (
                  id \(d.autoIncrementedKey),
                  training_id \(d.text) NOT NULL REFERENCES training(id) ON DELETE RESTRICT,
                  code \(d.text) NOT NULL,
                  region \(d.text) NOT NULL,
                  agency \(d.text) NOT NULL,
                  agency_other \(d.text) NOT NULL DEFAULT '',
                  gender \(d.text) NOT NULL,
                  created_at \(d.text) NOT NULL,
                  UNIQUE (training_id, code))
                """,
                // Personal data kept apart, so that nothing but this table ever holds a name (and a
                // role can be kept from it: see the README's roles).
                """
                CREATE TABLE participant_identity (
                  participant_id \(d.integer) NOT NULL PRIMARY KEY REFERENCES participant(id) ON DELETE CASCADE,
                  name \(d.text) NOT NULL,
                  name_key \(d.text) NOT NULL,
                  contact \(d.text) NOT NULL DEFAULT '')
                """,
                "CREATE INDEX participant_identity_on_name_key ON participant_identity(name_key)",
                """
                CREATE TABLE attempt (
                  id \(d.autoIncrementedKey),
                  participant_id \(d.integer) NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
                  phase \(d.text) NOT NULL,
                  instrument_id \(d.text) NOT NULL,
                  content_hash \(d.text) NOT NULL,
                  started_at \(d.text) NOT NULL,
                  submitted_at \(d.text),
                  position \(d.integer) NOT NULL DEFAULT 0,
                  UNIQUE (participant_id, phase, instrument_id))
                """,
                """
                CREATE TABLE response (
                  attempt_id \(d.integer) NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
                  question_id \(d.text) NOT NULL,
                  choice \(d.text),
                  text \(d.text),
                  correct \(d.boolean),
                  score \(d.double),
                  max_score \(d.double) NOT NULL,
                  answered_at \(d.text) NOT NULL,
                  scored_at \(d.text),
                  PRIMARY KEY (attempt_id, question_id))
                """,
            ]
        },
        // Practice (katch practice) is kept in tables of its own: never read by reports or exports.
        Migration(id: "v2-practice") { d in
            [
                """
                CREATE TABLE practice_session (
                  id \(d.autoIncrementedKey),
                  exercise_id \(d.text) NOT NULL,
                  started_at \(d.text) NOT NULL,
                  finished_at \(d.text),
                  position \(d.integer) NOT NULL DEFAULT 0)
                """,
                "CREATE INDEX practice_session_on_exercise_id ON practice_session(exercise_id)",
                """
                CREATE TABLE practice_answer (
                  session_id \(d.integer) NOT NULL REFERENCES practice_session(id) ON DELETE CASCADE,
                  question_id \(d.text) NOT NULL,
                  choice \(d.text),
                  text \(d.text),
                  correct \(d.boolean),
                  answered_at \(d.text) NOT NULL,
                  PRIMARY KEY (session_id, question_id))
                """,
            ]
        },
        // Several learners may practise the same exercise on one machine: sessions carry a learner label.
        Migration(id: "v3-practice-learner") { d in
            [
                "ALTER TABLE practice_session ADD COLUMN learner \(d.text) NOT NULL DEFAULT ''",
                "CREATE INDEX practice_session_learner ON practice_session(exercise_id, learner)",
            ]
        },
        // PostgreSQL: the name lookup of a quiz station goes through a function that runs with the
        // owner's rights, so a station's role (katch_quiz) can find a participant registered under
        // a name it is given without being able to read any name (see PostgresRoles). SQLite has
        // no roles: nothing to do there.
        Migration(id: "v4-name-lookup") { d in
            d == .sqlite ? [] : [
                """
                CREATE FUNCTION katch_participants_named(p_training TEXT, p_name_key TEXT) RETURNS SETOF BIGINT
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
                  SELECT p.id FROM participant p JOIN participant_identity i ON i.participant_id = p.id
                  WHERE p.training_id = p_training AND i.name_key = p_name_key ORDER BY p.id
                $$
                """,
                "REVOKE EXECUTE ON FUNCTION katch_participants_named(TEXT, TEXT) FROM PUBLIC",
            ]
        },
    ]

    /// The identifiers of all migrations.
    static var identifiers: [String] { migrations.map(\.id) }

    /// The table that records applied migrations.
    static let migrationsTable = "grdb_migrations"

    /// The applied migrations (none when the table is missing).
    static func applied(_ c: any SQLConnection, tableExists: Bool) throws -> [String] {
        guard tableExists else { return [] }
        return try c.all("SELECT identifier FROM \(migrationsTable)").map { r throws(ResultsError) in try r[0] }
    }

    /// Refuses a database made by a newer katch: one with a migration this katch does not know.
    static func refuseNewer(_ applied: [String], location: String) throws(ResultsError) {
        let known = Set(identifiers)
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw ResultsError(
                "\(location) was made by a newer katch (schema \(unknown.joined(separator: ", "))); nothing was written. Use that katch version or a newer one")
        }
    }

    /// Whether every migration is applied.
    static func isCurrent(_ applied: [String]) -> Bool { Set(identifiers).isSubset(of: Set(applied)) }

    /// Applies the missing migrations, each in its own transaction; `lock` serializes migrators
    /// (PostgreSQL's advisory lock; SQLite's write lock already does). A current database is only
    /// read (a role without the right to create tables opens it); a newer one is refused.
    static func migrate(_ backend: any SQLBackend, location: String, tableExists: @escaping (any SQLConnection) throws -> Bool, lock: String?) throws {
        let before = try backend.read { c in try applied(c, tableExists: try tableExists(c)) }
        try refuseNewer(before, location: location)
        if isCurrent(before) { return }
        try backend.write(retry: true) { c in
            if let lock { try c.execute(lock) }
            if try !tableExists(c) { try c.execute("CREATE TABLE \(migrationsTable) (identifier \(c.dialect.text) NOT NULL PRIMARY KEY)") }
        }
        for migration in migrations {
            try backend.write(retry: true) { c in
                if let lock { try c.execute(lock) }
                let applied = try applied(c, tableExists: true)
                try refuseNewer(applied, location: location)
                if applied.contains(migration.id) { return }
                for statement in migration.statements(c.dialect) { try c.execute(statement) }
                try c.execute("INSERT INTO \(migrationsTable) (identifier) VALUES (?)", [migration.id])
            }
        }
    }
}
