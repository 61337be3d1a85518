import CLibPQ  // libpq's types; its functions are called through LibPQ, never by name
import Foundation

/// The PostgreSQL store through libpq: one connection per process, every statement with
/// `?` placeholders numbered for the server, parameters sent as text (the server infers their
/// types from the columns), large results read through a cursor in batches.
///
/// Writes run `SERIALIZABLE` — what SQLite's single writer gives — and a transaction that loses to
/// a concurrent one (SQLSTATE 40001, 40P01) is run again, so fifty participants answering at the
/// same moment see no error. A connection that was lost (server restarted, network gone) is
/// re-established before the next transaction, so a quiz goes on once the server is back.
final class PostgresBackend: SQLBackend, @unchecked Sendable {
    // The connection is used under `lock` only.
    private let lock = NSLock()
    private var connection: PostgresConnection
    let url: PostgresURL
    let readOnly: Bool
    var dialect: SQLDialect { .postgres }

    /// Connects; an unreachable server, a refused login or a missing database is an error naming
    /// the host and port (never the password).
    init(url: PostgresURL, readOnly: Bool) throws(ResultsError) {
        self.url = url
        self.readOnly = readOnly
        connection = try PostgresConnection(url: url, readOnly: readOnly)
    }

    /// How many times a write transaction that lost to a concurrent one is run again.
    static let maxAttempts = 50

    func write<T>(retry: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        var attempt = 0
        while true {
            attempt += 1
            let c = try begin("BEGIN ISOLATION LEVEL SERIALIZABLE")
            do {
                let result = try body(c)
                try c.run("COMMIT")
                return result
            } catch let e as PostgresError where retry && e.isTransient && attempt < Self.maxAttempts {
                c.rollbackQuietly()
                // A short random pause so that the transactions that collided do not collide again.
                usleep(UInt32.random(in: 1_000...(5_000 * UInt32(min(attempt, 20)))))
            } catch {
                c.rollbackQuietly()
                throw error
            }
        }
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let c = try begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            let result = try body(c)
            try c.run("COMMIT")
            return result
        } catch {
            c.rollbackQuietly()
            throw error
        }
    }

    func afterSecureDelete() {}

    /// Begins a transaction on the connection, connecting again first when it was lost (a server
    /// restarted, a network gone while the participant read a question): nothing of the transaction
    /// ran yet, so nothing is lost or done twice. A server still away is an error naming it.
    private func begin(_ sql: String) throws -> PostgresConnection {
        if !connection.isOK { connection = try PostgresConnection(url: url, readOnly: readOnly) }
        do {
            try connection.run(sql)
        } catch where !connection.isOK {
            // libpq learns that an idle connection was closed only when it is next used.
            connection = try PostgresConnection(url: url, readOnly: readOnly)
            try connection.run(sql)
        }
        return connection
    }
}

/// An error reported by the server (or libpq), with its SQLSTATE.
struct PostgresError: Error, CustomStringConvertible {
    var sqlState: String
    var message: String
    var description: String { message }

    /// A transaction that lost to a concurrent one and may simply run again.
    var isTransient: Bool { sqlState == "40001" || sqlState == "40P01" }
}

/// One libpq connection.
final class PostgresConnection: SQLConnection {
    /// libpq, loaded when the first connection is made.
    let pq: LibPQ
    let conn: OpaquePointer
    let url: PostgresURL
    var dialect: SQLDialect { .postgres }
    private var cursorCount = 0
    /// Copies of this many rows or more check the table's foreign keys in bulk
    /// (``copyIn(_:count:values:)``); tests lower it.
    var bulkForeignKeysFrom = 100_000
    /// How long a bulk copy waits for the locks that taking its table's foreign keys off needs,
    /// before it checks them row by row instead.
    var bulkLockTimeout = "5s"
    /// `?` → `$n` translations of the statements seen.
    private var numbered: [String: String] = [:]
    /// The columns of each copy target seen, with how they are written (one catalogue query per
    /// target and connection: a push copies the answers of each attempt on its own).
    private var copyColumns: [String: [(name: String, kind: CopyKind)]] = [:]

    /// Connects; libpq is loaded first if no connection was made before (a machine without it gets
    /// an error saying what to install).
    init(url: PostgresURL, readOnly: Bool) throws(ResultsError) {
        let pq: LibPQ
        do { pq = try LibPQ.load() } catch {
            throw ResultsError("cannot open the PostgreSQL results database \(url.database) at \(url.hostAndPort): \(error)")
        }
        self.pq = pq
        self.url = url
        var pairs: [(String, String)] = [
            ("host", url.host), ("port", String(url.port)), ("dbname", url.database), ("user", url.user),
            ("application_name", "katch"), ("connect_timeout", "10"), ("client_encoding", "UTF8"),
        ]
        if let password = url.password { pairs.append(("password", password)) }
        for (k, v) in url.parameters { pairs.removeAll { $0.0 == k }; pairs.append((k, v)) }
        if readOnly { pairs.append(("options", "-c default_transaction_read_only=on")) }
        let keys = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer {
            keys.forEach { free($0) }
            values.forEach { free($0) }
        }
        var keyPointers: [UnsafePointer<CChar>?] = keys.map { UnsafePointer($0) } + [nil]
        var valuePointers: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        guard let conn = pq.connectdbParams(&keyPointers, &valuePointers, 0) else {
            throw ResultsError("cannot connect to the results database at \(url.hostAndPort): out of memory")
        }
        if pq.status(conn) != CONNECTION_OK {
            let reason = Self.clean(Self.string(pq.errorMessage(conn)), url: url)
            pq.finish(conn)
            throw ResultsError("cannot connect to the PostgreSQL results database \(url.database) at \(url.hostAndPort) as \(url.user): \(reason)")
        }
        self.conn = conn
        _ = pq.setNoticeProcessor(conn, { _, _ in }, nil)  // notices (a table that already exists…) are not shown
    }

    deinit { pq.finish(conn) }

    var isOK: Bool { pq.status(conn) == CONNECTION_OK }

    /// The text of a string libpq returns; empty for none (libpq returns none only for a field or
    /// row out of range, or no connection, which the callers never ask about).
    private static func string(_ text: UnsafeMutablePointer<CChar>?) -> String {
        text.map { String(cString: $0) } ?? ""
    }

    /// A libpq message on one line, without the password should it ever appear in one.
    static func clean(_ message: String, url: PostgresURL) -> String {
        var text = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        if let password = url.password, !password.isEmpty { text = text.replacingOccurrences(of: password, with: "***") }
        return text
    }

    /// The error of a failed result (or of the connection), naming the server when it is gone.
    func error(_ result: OpaquePointer?) -> PostgresError {
        let state = result.flatMap { pq.resultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) } ?? ""
        let raw = result.flatMap { pq.resultErrorMessage($0) }.map { String(cString: $0) } ?? ""
        var message = Self.clean(raw.isEmpty ? Self.string(pq.errorMessage(conn)) : raw, url: url)
        if !isOK {
            message = "lost the connection to the PostgreSQL results database at \(url.hostAndPort) (\(message)); answers saved before are kept — run the command again once the server is back"
        }
        return PostgresError(sqlState: state, message: message)
    }

    /// Runs a statement without arguments.
    func run(_ sql: String) throws(PostgresError) {
        let result = pq.exec(conn, sql)
        defer { pq.clear(result) }
        let status = pq.resultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw error(result) }
    }

    func rollbackQuietly() {
        guard isOK else { return }
        pq.clear(pq.exec(conn, "ROLLBACK"))
    }

    /// `sql` with its `?` placeholders numbered `$1`, `$2`, … from `first` (quoted text left alone).
    static func number(_ sql: String, from first: Int = 1) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = first
        var quote: Character?
        for ch in sql {
            if let q = quote {
                if ch == q { quote = nil }
                out.append(ch)
            } else if ch == "'" || ch == "\"" {
                quote = ch
                out.append(ch)
            } else if ch == "?" {
                out += "$\(n)"
                n += 1
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// The text form of a parameter (nil for NULL).
    static func text(_ v: SQLValue) -> String? {
        switch v {
        case .null: return nil
        case .integer(let i): return String(i)
        case .real(let d): return d.description
        case .text(let s): return s
        case .bool(let b): return b ? "t" : "f"
        }
    }

    /// Runs `sql` (already numbered) with text parameters.
    private func exec(_ sql: String, _ parameters: [String?]) throws(PostgresError) -> OpaquePointer? {
        // One buffer of NUL-terminated values, so that thousands of parameters cost one allocation.
        var buffer: [CChar] = []
        var offsets: [Int?] = []
        offsets.reserveCapacity(parameters.count)
        for p in parameters {
            guard let p else {
                offsets.append(nil)
                continue
            }
            offsets.append(buffer.count)
            for byte in p.utf8 { buffer.append(CChar(bitPattern: byte)) }
            buffer.append(0)
        }
        let result: OpaquePointer? = buffer.withUnsafeBufferPointer { base in
            // No address only when every parameter is NULL (no offsets then).
            let pointers: [UnsafePointer<CChar>?] = offsets.map { o in o.flatMap { offset in base.baseAddress.map { $0 + offset } } }
            return pointers.withUnsafeBufferPointer { ps in
                pq.execParams(conn, sql, Int32(parameters.count), nil, ps.baseAddress, nil, nil, 0)
            }
        }
        let status = pq.resultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let e = error(result)
            pq.clear(result)
            throw e
        }
        return result
    }

    private func numberedSQL(_ sql: String) -> String {
        if let n = numbered[sql] { return n }
        let n = Self.number(sql)
        numbered[sql] = n
        return n
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let result = try exec(numberedSQL(sql), arguments.map(Self.text))
        defer { pq.clear(result) }
        return Int(Self.string(pq.cmdTuples(result))) ?? 0
    }

    func allRows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEach(sql, arguments) { rows.append($0) }
        return rows
    }

    /// Rows per FETCH from a cursor.
    static let fetchSize = 20_000

    func forEach(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        let trimmed = sql.drop(while: \.isWhitespace).prefix(6).uppercased()
        guard trimmed == "SELECT" else {
            // INSERT … RETURNING and the like: one result.
            let result = try exec(numberedSQL(sql), arguments.map(Self.text))
            defer { pq.clear(result) }
            try rows(result, body)
            return
        }
        cursorCount += 1
        let cursor = "katch_cursor_\(cursorCount)"
        let declare = try exec("DECLARE \(cursor) NO SCROLL CURSOR FOR " + numberedSQL(sql), arguments.map(Self.text))
        pq.clear(declare)
        while true {
            let result = try exec("FETCH FORWARD \(Self.fetchSize) FROM \(cursor)", [])
            defer { pq.clear(result) }
            let count = pq.ntuples(result)
            try rows(result, body)
            if count < Self.fetchSize { break }
        }
        try run("CLOSE \(cursor)")
    }

    /// Type ids of the server's built-in types that are not read as text.
    fileprivate enum TypeID {
        static let bool: Oid = 16, int8: Oid = 20, int2: Oid = 21, int4: Oid = 23, text: Oid = 25, float4: Oid = 700, float8: Oid = 701,
            varchar: Oid = 1043, numeric: Oid = 1700
    }

    private func rows(_ result: OpaquePointer?, _ body: (SQLRow) throws -> Void) throws {
        let fields = Int(pq.nfields(result))
        let columns = SQLColumns((0..<fields).map { Self.string(pq.fname(result, Int32($0))) })
        let types = (0..<fields).map { pq.ftype(result, Int32($0)) }
        var values: [SQLValue] = []
        values.reserveCapacity(fields)
        for row in 0..<pq.ntuples(result) {
            values.removeAll(keepingCapacity: true)
            for f in 0..<fields {
                if pq.getisnull(result, row, Int32(f)) == 1 {
                    values.append(.null)
                    continue
                }
                guard let raw = pq.getvalue(result, row, Int32(f)) else { throw ResultsError("column \(columns.names[f]): no value in row \(row)") }
                switch types[f] {
                case TypeID.int8, TypeID.int2, TypeID.int4:
                    guard let i = Int64(String(cString: raw)) else { throw ResultsError("column \(columns.names[f]): not an integer") }
                    values.append(.integer(i))
                case TypeID.float4, TypeID.float8, TypeID.numeric:
                    guard let d = Double(String(cString: raw)) else { throw ResultsError("column \(columns.names[f]): not a number") }
                    values.append(.real(d))
                case TypeID.bool:
                    values.append(.bool(raw.pointee == CChar(UInt8(ascii: "t"))))
                default:
                    values.append(.text(String(cString: raw)))
                }
            }
            try body(SQLRow(columns: columns, values: values))
        }
    }

    /// Parameters per statement: the protocol allows 65,535.
    static let maxParameters = 60_000

    func insertRows(prefix: String, row: String, count: Int, returningID: Bool, values: (Int, inout [SQLValue]) -> Void) throws -> [Int64] {
        if let target = Self.copyTarget(prefix: prefix, row: row) {
            guard returningID else {
                try copyIn(target, count: count, values: values)
                return []
            }
            if count >= Self.copyWithIDsFrom, let table = target.table, let columns = target.columns {
                // COPY returns no ids: take them from the table's identity sequence first (the
                // values a default would take, so concurrent writers get others), then load the
                // rows with their ids. On 300,000 participants and attempts this spares the server
                // parsing and planning 60 statements of 60,000 parameters.
                let ids = try reserveIDs(table: table, count: count)
                try copyIn("\(table) (id, \(columns))", count: count) { i, v in
                    v.append(.integer(ids[i]))
                    values(i, &v)
                }
                return ids
            }
        }
        var ids: [Int64] = []
        if returningID { ids.reserveCapacity(count) }
        let perRow = row.filter { $0 == "?" }.count
        let rowsPerStatement = max(1, min(5_000, Self.maxParameters / max(perRow, 1)))
        var buffer: [SQLValue] = []
        var start = 0
        while start < count {
            let end = min(count, start + rowsPerStatement)
            var sql = prefix + " "
            var parameters: [String?] = []
            parameters.reserveCapacity((end - start) * perRow)
            for i in start..<end {
                if i > start { sql += "," }
                sql += Self.number(row, from: parameters.count + 1)
                buffer.removeAll(keepingCapacity: true)
                values(i, &buffer)
                for v in buffer { parameters.append(Self.text(v)) }
            }
            // The rows of a multi-row VALUES are inserted, and returned, in the order given.
            if returningID { sql += " RETURNING id" }
            let result = try exec(sql, parameters)
            defer { pq.clear(result) }
            if returningID {
                for r in 0..<pq.ntuples(result) {
                    guard let id = Int64(Self.string(pq.getvalue(result, r, 0))) else { throw ResultsError("the insert returned no id") }
                    ids.append(id)
                }
            }
            start = end
        }
        return ids
    }
}

extension String {
    /// `t` of a copy target `t (a, b)`.
    fileprivate var table: String? {
        guard let open = firstIndex(of: "(") else { return nil }
        return String(self[..<open]).trimmingCharacters(in: .whitespaces)
    }
    /// `a, b` of a copy target `t (a, b)`.
    fileprivate var columns: String? {
        guard let open = firstIndex(of: "("), let close = lastIndex(of: ")"), open < close else { return nil }
        return String(self[index(after: open)..<close])
    }
}

extension PostgresConnection {
    /// Below this many rows, an insert that returns ids is one multi-row `INSERT … RETURNING`
    /// (one round trip); from it on, ids are reserved and the rows copied.
    static let copyWithIDsFrom = 1_000

    /// `table (columns)` of an `INSERT INTO table (columns) VALUES` whose rows are placeholders
    /// only — what `COPY … FROM STDIN` can load instead; nil for any other shape.
    static func copyTarget(prefix: String, row: String) -> String? {
        let head = prefix.trimmingCharacters(in: .whitespaces)
        guard head.uppercased().hasPrefix("INSERT INTO "), head.uppercased().hasSuffix(" VALUES") else { return nil }
        guard row.allSatisfy({ "(?, )".contains($0) }) else { return nil }
        return String(head.dropFirst("INSERT INTO ".count).dropLast(" VALUES".count))
    }

    /// `count` new ids of `table`'s identity column `id`, drawn from its sequence as defaults
    /// would be (increasing; other writers draw others meanwhile).
    func reserveIDs(table: String, count: Int) throws -> [Int64] {
        // The sequence's name is looked up once (per row it was most of the time).
        let result = try exec(
            "SELECT nextval((SELECT pg_get_serial_sequence($1, 'id'))::regclass) FROM generate_series(1, $2::bigint)", [table, String(count)])
        defer { pq.clear(result) }
        guard pq.ntuples(result) == Int32(count) else { throw ResultsError("the server reserved \(pq.ntuples(result)) ids of \(table), not \(count)") }
        var ids: [Int64] = []
        ids.reserveCapacity(count)
        for r in 0..<Int32(count) {
            guard let id = Int64(Self.string(pq.getvalue(result, r, 0))) else { throw ResultsError("the server reserved an id of \(table) that is not a number") }
            ids.append(id)
        }
        return ids
    }

    /// Loads rows with `COPY target FROM STDIN` in the binary format: the fastest way into
    /// PostgreSQL, inside the current transaction like any statement. Binary rather than text
    /// spares the server splitting lines and parsing numbers (an eighth of its time on 2 million
    /// answers); each value is written as its column's type wants it, which is looked up first.
    ///
    /// A copy of ``bulkForeignKeysFrom`` rows or more into a table no larger than the copy checks the
    /// table's foreign keys in bulk, as PostgreSQL's manual advises for loading data ("Populating
    /// a Database": remove foreign key constraints, load, re-create them): checked row by row, the
    /// keys of 2 million answers were two thirds of the server's time; re-created, they are checked
    /// by one join. All of it is inside the caller's transaction: the keys are back, exactly as they
    /// were, when it commits, and a row that breaks one makes the whole import fail. Meanwhile the
    /// table is locked (other writers and readers wait, a few seconds per million rows); when the
    /// locks cannot be had within ``bulkLockTimeout`` (a busy quiz), when this role does not own
    /// the table, or when the table already holds more rows than the copy, the keys are checked
    /// row by row as usual.
    func copyIn(_ target: String, count: Int, values: (Int, inout [SQLValue]) -> Void) throws {
        guard count >= bulkForeignKeysFrom, let table = target.table else {
            return try copyRows(target, count: count, values: values)
        }
        let keys = try foreignKeysToTakeOff(table: table, rows: count)
        guard !keys.isEmpty else { return try copyRows(target, count: count, values: values) }
        try run("SAVEPOINT katch_bulk_keys")
        do {
            let saved = try oneText("SELECT current_setting('lock_timeout')", [])
            _ = try oneText("SELECT set_config('lock_timeout', $1, true)", [bulkLockTimeout])
            for key in keys { try run("ALTER TABLE \(table) DROP CONSTRAINT \(Self.quoted(key.name))") }
            _ = try oneText("SELECT set_config('lock_timeout', $1, true)", [saved])
            try run("RELEASE SAVEPOINT katch_bulk_keys")
        } catch {
            // Not now (locks held by others): back to where we were, and check row by row.
            try run("ROLLBACK TO SAVEPOINT katch_bulk_keys")
            try run("RELEASE SAVEPOINT katch_bulk_keys")
            return try copyRows(target, count: count, values: values)
        }
        try copyRows(target, count: count, values: values)
        for key in keys { try run("ALTER TABLE \(table) ADD CONSTRAINT \(Self.quoted(key.name)) \(key.definition)") }
    }

    /// The foreign keys of `table` that a copy of `rows` rows checks in bulk: none unless this
    /// role owns the table and the table holds at most `rows` rows (the planner's estimate).
    func foreignKeysToTakeOff(table: String, rows: Int) throws -> [(name: String, definition: String)] {
        let result = try exec(
            """
            SELECT c.conname::text, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
            WHERE c.conrelid = $1::regclass AND c.contype = 'f' AND pg_has_role(r.relowner, 'USAGE') AND GREATEST(r.reltuples, 0) <= $2::bigint
            ORDER BY c.conname
            """, [table, String(rows)])
        defer { pq.clear(result) }
        return (0..<pq.ntuples(result)).map { r in
            (Self.string(pq.getvalue(result, r, 0)), Self.string(pq.getvalue(result, r, 1)))
        }
    }

    /// The single text value a query returns.
    private func oneText(_ sql: String, _ parameters: [String?]) throws -> String {
        let result = try exec(sql, parameters)
        defer { pq.clear(result) }
        guard pq.ntuples(result) == 1, let value = pq.getvalue(result, 0, 0) else { throw ResultsError("no value from: \(sql)") }
        return String(cString: value)
    }

    /// An SQL identifier in double quotes.
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Copies the rows (``copyIn(_:count:values:)`` without the bulk key check).
    private func copyRows(_ target: String, count: Int, values: (Int, inout [SQLValue]) -> Void) throws {
        let columns = try copyColumnKinds(target)
        let start = pq.exec(conn, "COPY \(target) FROM STDIN (FORMAT binary)")
        guard pq.resultStatus(start) == PGRES_COPY_IN else {
            let e = error(start)
            pq.clear(start)
            throw e
        }
        pq.clear(start)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        // Signature, flags, header extension length.
        buffer.append(contentsOf: Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0])
        var row: [SQLValue] = []
        func flush() throws {
            let sent = buffer.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { pq.putCopyData(conn, $0.baseAddress, Int32($0.count)) }
            }
            guard sent == 1 else { throw error(nil) }
            buffer.removeAll(keepingCapacity: true)
        }
        var failure: (any Error)?
        for i in 0..<count {
            row.removeAll(keepingCapacity: true)
            values(i, &row)
            guard row.count == columns.count else {
                failure = ResultsError("\(row.count) values for the \(columns.count) columns of \(target)")
                break
            }
            Self.appendBigEndian(UInt16(row.count), to: &buffer)
            for (k, v) in row.enumerated() {
                do { try Self.appendBinaryField(v, as: columns[k].kind, to: &buffer) } catch {
                    failure = ResultsError("row \(i + 1) of the copy into \(target.table ?? target), column \(columns[k].name): \(error.description)")
                    break
                }
            }
            if failure != nil { break }
            if buffer.count >= 1 << 20 { try flush() }
        }
        // A row that cannot be written ends the copy with an error: nothing of it is kept.
        if let failure {
            _ = pq.putCopyEnd(conn, "katch: \(failure)")
            while let result = pq.getResult(conn) { pq.clear(result) }
            throw failure
        }
        Self.appendBigEndian(UInt16.max, to: &buffer)  // -1: the end of the data
        try flush()
        guard pq.putCopyEnd(conn, nil) == 1 else { throw error(nil) }
        var failed: PostgresError?
        while let result = pq.getResult(conn) {
            if pq.resultStatus(result) != PGRES_COMMAND_OK && failed == nil { failed = error(result) }
            pq.clear(result)
        }
        if let failed { throw failed }
    }

    /// How a column of a binary copy is written.
    enum CopyKind: Equatable { case bigint, double, boolean, text }

    /// The columns of `table (a, b, …)`, in that order, with their kinds from the server's
    /// catalogue (asked once per target).
    func copyColumnKinds(_ target: String) throws -> [(name: String, kind: CopyKind)] {
        if let known = copyColumns[target] { return known }
        guard let table = target.table, let list = target.columns else { throw ResultsError("not a copy target: \(target)") }
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var types: [String: Oid] = [:]
        let result = try exec(
            "SELECT attname::text, atttypid::bigint FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped", [table])
        defer { pq.clear(result) }
        for r in 0..<pq.ntuples(result) {
            guard let oid = Oid(Self.string(pq.getvalue(result, r, 1))) else { continue }
            types[Self.string(pq.getvalue(result, r, 0))] = oid
        }
        let columns = try names.map { name -> (name: String, kind: CopyKind) in
            switch types[name] {
            case TypeID.int8?: return (name, .bigint)
            case TypeID.float8?: return (name, .double)
            case TypeID.bool?: return (name, .boolean)
            case TypeID.text?, TypeID.varchar?: return (name, .text)
            case let other?: throw ResultsError("column \(table).\(name) has a type katch does not copy (oid \(other))")
            case nil: throw ResultsError("no column \(name) in \(table)")
            }
        }
        copyColumns[target] = columns
        return columns
    }

    /// One field of COPY's binary format: its length (-1 for NULL) and its bytes, big-endian.
    static func appendBinaryField(_ v: SQLValue, as kind: CopyKind, to buffer: inout [UInt8]) throws(ResultsError) {
        switch (v, kind) {
        case (.null, _):
            appendBigEndian(UInt32.max, to: &buffer)
        case (.integer(let i), .bigint):
            appendBigEndian(UInt32(8), to: &buffer)
            appendBigEndian(UInt64(bitPattern: i), to: &buffer)
        case (.integer(let i), .double):
            appendBigEndian(UInt32(8), to: &buffer)
            appendBigEndian(Double(i).bitPattern, to: &buffer)
        case (.real(let d), .double):
            appendBigEndian(UInt32(8), to: &buffer)
            appendBigEndian(d.bitPattern, to: &buffer)
        case (.bool(let b), .boolean):
            appendBigEndian(UInt32(1), to: &buffer)
            buffer.append(b ? 1 : 0)
        case (.text(let s), .text):
            let start = buffer.count
            buffer.append(contentsOf: [0, 0, 0, 0])
            buffer.append(contentsOf: s.utf8)
            let n = UInt32(buffer.count - start - 4)
            for k in 0..<4 { buffer[start + k] = UInt8(truncatingIfNeeded: n >> (24 - 8 * UInt32(k))) }
        case (.integer(let i), .text):
            let bytes = Array(String(i).utf8)
            appendBigEndian(UInt32(bytes.count), to: &buffer)
            buffer.append(contentsOf: bytes)
        default:
            // Never the value itself: it may be a participant's answer.
            throw ResultsError("a value of another type (\(v.typeName)) for a \(kind) column")
        }
    }

    static func appendBigEndian<T: FixedWidthInteger>(_ x: T, to buffer: inout [UInt8]) {
        let b = x.bigEndian
        withUnsafeBytes(of: b) { buffer.append(contentsOf: $0) }
    }

}

extension PostgresBackend {
    /// Whether row security hides answers of submitted attempts from this connection's role.
    func readsSubmittedAnswers() throws(ResultsError) -> Bool {
        do {
            return try read { c in
                guard let r = try c.one("SELECT row_security_active('response') AS hidden") else { throw ResultsError("no answer from row_security_active") }
                let hidden: Bool = try r[0]
                return !hidden
            }
        } catch let e as ResultsError {
            throw e
        } catch {
            throw ResultsError("cannot read the rights of \(url.redacted): \(error)")
        }
    }

    /// The marker table: PostgreSQL has no `application_id`, so a katch database says what it is
    /// in a table of its own.
    static let markerTable = "katch_meta"
    /// Serializes migrators of one database (a fixed advisory lock key: "katch" in ASCII).
    static let migrationLock = "SELECT pg_advisory_xact_lock(461195162472)"

    /// Opens a PostgreSQL database: checks that it is katch's (or empty), refuses a newer one and
    /// migrates an older one — unless `readOnly`, which never writes.
    static func open(url: PostgresURL, readOnly: Bool) throws(ResultsError) -> PostgresBackend {
        let backend = try PostgresBackend(url: url, readOnly: readOnly)
        let location = url.redacted
        func tableExists(_ c: any SQLConnection, _ name: String) throws -> Bool {
            try c.exists("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?", [name])
        }
        do {
            let (tables, marked) = try backend.read { c in
                let tables: [String] = try c.all(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
                ).map { r throws(ResultsError) in try r[0] }
                let marked = tables.contains(markerTable)
                    ? try c.exists("SELECT 1 FROM \(markerTable) WHERE key = 'application' AND value = 'katch-results'") : false
                return (tables, marked)
            }
            if !marked && !tables.isEmpty {
                let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? " …" : "")
                throw ResultsError("\(location) is not a katch results database (it holds the tables \(shown) and no katch marker); nothing was written. Give another database with --db")
            }
            if readOnly {
                let applied = try backend.read { c in try StoreSchema.applied(c, tableExists: try tableExists(c, StoreSchema.migrationsTable)) }
                try StoreSchema.refuseNewer(applied, location: location)
                guard marked, StoreSchema.isCurrent(applied) else {
                    throw ResultsError(
                        "\(location) was made by an older katch or is empty and must be set up, which a read-only open cannot do: run 'katch training list --db \(location)' once as the database's owner")
                }
                return backend
            }
            if !marked {
                try backend.write(retry: true) { c in
                    try c.execute(migrationLock)
                    try c.execute("CREATE TABLE IF NOT EXISTS \(markerTable) (key \(c.dialect.text) NOT NULL PRIMARY KEY, value \(c.dialect.text) NOT NULL)")
                    try c.execute("INSERT INTO \(markerTable) (key, value) VALUES ('application', 'katch-results') ON CONFLICT (key) DO NOTHING")
                }
            }
            try StoreSchema.migrate(backend, location: location, tableExists: { c in try tableExists(c, StoreSchema.migrationsTable) }, lock: migrationLock)
            return backend
        } catch let e as ResultsError {
            throw e
        } catch {
            throw ResultsError("cannot open the results database \(location): \(error)")
        }
    }
}
