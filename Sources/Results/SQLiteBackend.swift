import Foundation
import GRDB
import GRDBSQLite

/// The SQLite store through GRDB: one file, WAL mode, a busy timeout, writes taking the write lock
/// at once (`BEGIN IMMEDIATE`) so that several processes writing one file wait instead of failing.
final class SQLiteBackend: SQLBackend {
    let queue: DatabaseQueue
    var dialect: SQLDialect { .sqlite }

    init(queue: DatabaseQueue) { self.queue = queue }

    func write<T>(retry: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        // SQLite never asks to run a transaction again: BEGIN IMMEDIATE waits (busy timeout) instead.
        try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(SQLiteConnection(db))
                return .commit
            }
            guard let result else { throw ResultsError("transaction produced no result") }
            return result
        }
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try queue.read { db in try body(SQLiteConnection(db)) }
    }

    func afterSecureDelete() {
        // Best effort: move the WAL into the database file so the old pages leave the log too.
        _ = try? queue.writeWithoutTransaction { db in try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}

/// A GRDB database connection inside a transaction.
final class SQLiteConnection: SQLConnection {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    init(_ db: Database) { self.db = db }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        // The initializer over optional existentials: the one over a sequence of DatabaseValue goes
        // through a key path per value, which costs a third of a bulk import.
        StatementArguments(values.map { databaseValue($0) as (any DatabaseValueConvertible)? })
    }

    static func databaseValue(_ v: SQLValue) -> DatabaseValue {
        switch v {
        case .null: return .null
        case .integer(let i): return i.databaseValue
        case .real(let d): return d.databaseValue
        case .text(let s): return s.databaseValue
        case .bool(let b): return b.databaseValue
        }
    }

    static func value(_ d: DatabaseValue) -> SQLValue {
        switch d.storage {
        case .null: return .null
        case .int64(let i): return .integer(i)
        case .double(let x): return .real(x)
        case .string(let s): return .text(s)
        case .blob(let b): return .text(String(decoding: b, as: UTF8.self))
        }
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try db.execute(sql: sql, arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func forEach(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(Self.arguments(arguments))
        let columns = SQLColumns(statement.columnNames)
        let cursor = try Row.fetchCursor(statement)
        while try cursor.next() != nil {
            // Each value is read from the statement's current row when asked for, as GRDB's own
            // fast path does: no value is copied that the caller does not read.
            try body(SQLRow(columns: columns, sqlite: statement.sqliteStatement))
        }
    }

    /// Column `index` of a statement's current row.
    static func value(_ statement: OpaquePointer, column index: Int) -> SQLValue {
        let i = Int32(index)
        switch sqlite3_column_type(statement, i) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, i))
        default:
            guard let text = sqlite3_column_text(statement, i) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, i))), as: UTF8.self))
        }
    }

    func allRows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(Self.arguments(arguments))
        let columns = SQLColumns(statement.columnNames)
        var rows: [SQLRow] = []
        let cursor = try Row.fetchCursor(statement)
        let count = columns.names.count
        while try cursor.next() != nil {
            let values = (0..<count).map { Self.value(statement.sqliteStatement, column: $0) }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    func insertRows(prefix: String, row: String, count: Int, returningID: Bool, values: (Int, inout [SQLValue]) -> Void) throws -> [Int64] {
        let statement = try db.cachedStatement(sql: prefix + " " + row)
        let stmt = statement.sqliteStatement
        // GRDB validates and binds the arguments once (all NULL); each row then binds its values
        // straight into the statement, which GRDB's execute() keeps — a third of a bulk import
        // otherwise goes into building StatementArguments.
        let parameters = row.filter { $0 == "?" }.count
        statement.setUncheckedArguments(StatementArguments(Array(repeating: DatabaseValue.null, count: parameters)))
        var ids: [Int64] = []
        if returningID { ids.reserveCapacity(count) }
        var buffer: [SQLValue] = []
        for i in 0..<count {
            buffer.removeAll(keepingCapacity: true)
            values(i, &buffer)
            guard buffer.count == parameters else { throw ResultsError("row \(i) has \(buffer.count) values for \(parameters) placeholders") }
            // A statement that ran must be reset before it takes new values.
            let reset = sqlite3_reset(stmt)
            guard reset == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: reset), message: db.lastErrorMessage, sql: statement.sql) }
            for (k, v) in buffer.enumerated() {
                let code = Self.bind(v, to: stmt, at: Int32(k + 1))
                guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql) }
            }
            try statement.execute()
            if returningID { ids.append(db.lastInsertedRowID) }
        }
        return ids
    }

    /// Binds one value to parameter `index` (from 1); SQLite copies text at once.
    static func bind(_ v: SQLValue, to stmt: OpaquePointer, at index: Int32) -> Int32 {
        switch v {
        case .null: return sqlite3_bind_null(stmt, index)
        case .integer(let x): return sqlite3_bind_int64(stmt, index, x)
        case .real(let d): return sqlite3_bind_double(stmt, index, d)
        case .bool(let b): return sqlite3_bind_int64(stmt, index, b ? 1 : 0)
        case .text(var s):
            return s.withUTF8 { p in
                // An empty buffer may have no address, which SQLite would bind as NULL.
                guard let base = p.baseAddress else { return sqlite3_bind_text(stmt, index, "", 0, transient) }
                return sqlite3_bind_text(stmt, index, base, Int32(p.count), transient)
            }
        }
    }

    /// SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension SQLiteBackend {
    /// Opens the SQLite database at `path`: creates it (with `mode`) and migrates it unless
    /// `readOnly`; read-only opens never write.
    ///
    /// An existing file is checked before anything is written to it: it must pass SQLite's
    /// `quick_check` (a damaged file is refused) and be a katch database — marked with
    /// ``ResultsStore/applicationID``, or made by an older katch (its tables and migrations, no
    /// marker yet: it gets the marker). Another application's SQLite file is refused, never
    /// extended with katch's tables.
    /// Bytes of a database file a read-only open maps into memory (SQLite reads the rest as usual).
    static let readMapSize = 1 << 30

    static func open(path: String, busyTimeout: TimeInterval, readOnly: Bool, mode: mode_t) throws(ResultsError) -> SQLiteBackend {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "katch-results"
        if readOnly {
            config.readonly = true
            // Reports and exports read the whole file once: mapped into memory, its pages are read
            // where they lie instead of being copied through read() into SQLite's cache.
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = \(Self.readMapSize)") }
            func open(_ name: String) throws -> SQLiteBackend {
                let queue = try DatabaseQueue(path: name, configuration: config)
                try queue.read { db in
                    try checkKatchDatabase(db, path: path)
                    let applied = try StoreSchema.applied(SQLiteConnection(db), tableExists: try db.tableExists(StoreSchema.migrationsTable))
                    try StoreSchema.refuseNewer(applied, location: path)
                    guard StoreSchema.isCurrent(applied) else {
                        throw ResultsError(
                            "\(path) was made by an older katch and must be upgraded, which a read-only open cannot do: run 'katch training list --db \(path)' once with write access")
                    }
                }
                return SQLiteBackend(queue: queue)
            }
            do {
                do {
                    return try open(path)
                } catch let e as DatabaseError where [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(e.resultCode.primaryResultCode) {
                    // A WAL database in a folder we cannot write to, with no -shm file (no writer has it
                    // open): SQLite cannot set up its shared memory, so it is read as an immutable file.
                    return try open(URL(fileURLWithPath: path).absoluteString + "?immutable=1")
                }
            } catch let e as ResultsError {
                throw e
            } catch {
                throw ResultsError("cannot open the results database \(path) read-only: \(error)")
            }
        }
        config.journalMode = .wal
        config.foreignKeysEnabled = true
        do {
            try createPrivately(path, mode: mode)
            try checkBeforeWriting(path, busyTimeout: busyTimeout)
            let backend = SQLiteBackend(queue: try DatabaseQueue(path: path, configuration: config))
            try StoreSchema.migrate(backend, location: path, tableExists: { c in
                guard let c = c as? SQLiteConnection else { throw ResultsError("not an SQLite connection") }
                return try c.db.tableExists(StoreSchema.migrationsTable)
            }, lock: nil)
            try backend.queue.write { db in
                if try Int32.fetchOne(db, sql: "PRAGMA application_id") != ResultsStore.applicationID {
                    try db.execute(sql: "PRAGMA application_id = \(ResultsStore.applicationID)")
                }
            }
            return backend
        } catch let e as ResultsError {
            throw e
        } catch {
            throw ResultsError("cannot open the results database \(path): \(error)")
        }
    }

    /// Creates a missing database file with `mode` (whatever the umask) before SQLite opens it, so
    /// its `-wal` and `-shm` files, which SQLite creates with the database file's mode, get it too.
    static func createPrivately(_ path: String, mode: mode_t) throws(ResultsError) {
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
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
        if id == ResultsStore.applicationID { return }
        let notKatch = "\(path) is not a katch results database"
        if id != 0 { throw ResultsError("\(notKatch) (application id \(id)); nothing was written. Give another file with --db") }
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if tables.isEmpty { return }  // an empty database: katch may use it
        // Made by a katch without the marker: its migrations are applied and its tables are there.
        let known = Set(StoreSchema.identifiers)
        let applied = tables.contains(StoreSchema.migrationsTable) ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
        if applied.contains("v1") && applied.allSatisfy(known.contains) && tables.contains("training") && tables.contains("participant") { return }
        let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? " …" : "")
        throw ResultsError("\(notKatch) (it holds the tables \(shown) and no katch marker); nothing was written. Give another file with --db")
    }
}
