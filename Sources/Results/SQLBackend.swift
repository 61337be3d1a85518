import Foundation

/// One value bound to, or read from, a statement of either store.
///
/// The store's methods speak in these few types so that one SQL text serves SQLite and
/// PostgreSQL; each backend maps them to its own (GRDB's `DatabaseValue`, libpq's text format).
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bool(Bool)
}

extension SQLValue {
    /// The kind of value, for messages that must not show the value (it may be personal).
    var typeName: String {
        switch self {
        case .null: return "null"
        case .integer: return "integer"
        case .real: return "number"
        case .text: return "text"
        case .bool: return "boolean"
        }
    }
}

/// A Swift value that can be bound as a statement argument.
public protocol SQLBindable {
    /// The value as bound.
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }
extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .bool(self) } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// A type a stored value is read as; a value of another type is an error naming the column,
/// never a silent default.
public protocol SQLDecodable {
    /// The value as this type; `column` names it in the error when it is of another type.
    static func decode(_ value: SQLValue, column: () -> String) throws(ResultsError) -> Self
}

func mismatch(_ value: SQLValue, _ column: () -> String, expected: String) -> ResultsError {
    ResultsError("stored value of column \(column()) is not \(expected) (\(value))")
}

extension String: SQLDecodable {
    public static func decode(_ value: SQLValue, column: () -> String) throws(ResultsError) -> String {
        if case .text(let s) = value { return s }
        throw mismatch(value, column, expected: "text")
    }
}

extension Int64: SQLDecodable {
    public static func decode(_ value: SQLValue, column: () -> String) throws(ResultsError) -> Int64 {
        if case .integer(let i) = value { return i }
        throw mismatch(value, column, expected: "an integer")
    }
}

extension Int: SQLDecodable {
    public static func decode(_ value: SQLValue, column: () -> String) throws(ResultsError) -> Int {
        Int(try Int64.decode(value, column: column))
    }
}

extension Double: SQLDecodable {
    public static func decode(_ value: SQLValue, column: () -> String) throws(ResultsError) -> Double {
        switch value {
        case .real(let d): return d
        // SQLite hands back a whole REAL stored in an integer-affinity expression as an integer.
        case .integer(let i): return Double(i)
        default: throw mismatch(value, column, expected: "a number")
        }
    }
}

extension Bool: SQLDecodable {
    public static func decode(_ value: SQLValue, column: () -> String) throws(ResultsError) -> Bool {
        switch value {
        case .bool(let b): return b
        // SQLite keeps booleans as 0 and 1.
        case .integer(0): return false
        case .integer(1): return true
        default: throw mismatch(value, column, expected: "a boolean")
        }
    }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public static func decode(_ value: SQLValue, column: () -> String) throws(ResultsError) -> Wrapped? {
        if case .null = value { return nil }
        return try Wrapped.decode(value, column: column)
    }
}

/// The column names of a result, shared by its rows.
final class SQLColumns: Sendable {
    let names: [String]
    init(_ names: [String]) { self.names = names }

    func index(_ name: String) throws(ResultsError) -> Int {
        guard let i = names.firstIndex(of: name) else { throw ResultsError("no column \(name) in the result (\(names.joined(separator: ", ")))") }
        return i
    }
}

/// Where a row's values come from.
enum SQLRowSource {
    /// Values read already.
    case values([SQLValue])
    /// The current row of an SQLite statement, read column by column as asked for (valid while
    /// the statement stays on it).
    case sqlite(OpaquePointer)
}

/// One row of a result: values by column position or name.
struct SQLRow {
    let columns: SQLColumns
    let source: SQLRowSource

    init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        source = .values(values)
    }

    init(columns: SQLColumns, sqlite statement: OpaquePointer) {
        self.columns = columns
        source = .sqlite(statement)
    }

    subscript<T: SQLDecodable>(_ index: Int) -> T {
        get throws(ResultsError) {
            let v: SQLValue
            switch source {
            case .values(let values): v = values[index]
            case .sqlite(let statement): v = SQLiteConnection.value(statement, column: index)
            }
            return try T.decode(v) { columns.names[index] }
        }
    }

    subscript<T: SQLDecodable>(_ name: String) -> T {
        get throws(ResultsError) { try self[try columns.index(name)] }
    }
}

/// What differs between the two SQL dialects katch writes — the only place that knows it.
///
/// Statements are written once with `?` placeholders, `ON CONFLICT … DO UPDATE/NOTHING` upserts and
/// `RETURNING id` (all of which SQLite ≥ 3.35 and PostgreSQL share); the PostgreSQL backend numbers
/// the placeholders (`$1`, `$2`, …). Only column types, the marker and SQLite's pragmas differ.
public enum SQLDialect: Sendable, Hashable {
    case sqlite
    case postgres

    /// A surrogate key column: SQLite's autoincrementing rowid, PostgreSQL's identity column.
    var autoIncrementedKey: String {
        self == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    }
    /// Text. PostgreSQL compares with the "C" collation, so codes and ids sort by byte as on SQLite
    /// whatever the server's locale.
    var text: String { self == .sqlite ? "TEXT" : "TEXT COLLATE \"C\"" }
    /// A 64-bit integer (row ids, positions).
    var integer: String { self == .sqlite ? "INTEGER" : "BIGINT" }
    /// A double-precision number.
    var double: String { self == .sqlite ? "DOUBLE" : "DOUBLE PRECISION" }
    /// A boolean (SQLite keeps 0 and 1).
    var boolean: String { "BOOLEAN" }

    /// The participants of a training (`?` 1) registered under a name key (`?` 2), by row id. On
    /// PostgreSQL through the owner's function, so that a quiz station's role needs no right to
    /// read names.
    var participantsByNameSQL: String {
        switch self {
        case .sqlite:
            return """
                SELECT p.* FROM participant p JOIN participant_identity i ON i.participant_id = p.id
                WHERE p.training_id = ? AND i.name_key = ? ORDER BY p.id
                """
        case .postgres:
            return "SELECT p.* FROM participant p WHERE p.id IN (SELECT katch_participants_named(?, ?)) ORDER BY p.id"
        }
    }
}

/// A connection inside a transaction: statements with `?` placeholders and typed arguments.
protocol SQLConnection: AnyObject {
    /// The dialect of the statements this connection runs.
    var dialect: SQLDialect { get }
    /// Runs a statement; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Runs a query and hands each row to `body` as it is read (large results are never held
    /// whole). A row is valid during `body` only: it may read the statement's current row.
    func forEach(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws
    /// Runs a query and returns all its rows, each valid for as long as it is kept.
    func allRows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// Inserts `count` rows with one statement shape — `prefix` (`INSERT INTO t (a, b) VALUES`)
    /// followed by `row` (`(?, ?)`) — filling each row's arguments with `values`; returns the new
    /// `id` of every row, in order, when `returningID`. SQLite runs one cached statement per row,
    /// PostgreSQL sends many rows per statement (one round trip per thousands of rows).
    func insertRows(prefix: String, row: String, count: Int, returningID: Bool, values: (Int, inout [SQLValue]) -> Void) throws -> [Int64]
}

extension SQLConnection {
    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Int {
        try execute(sql, arguments.map(\.sqlValue))
    }

    /// All rows of a query.
    func all(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> [SQLRow] {
        try allRows(sql, arguments.map(\.sqlValue))
    }

    /// The first row of a query, if any.
    func one(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> SQLRow? {
        try all(sql, arguments).first
    }

    /// Whether a query returns a row.
    func exists(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Bool {
        try one(sql, arguments) != nil
    }

    /// Runs an `INSERT … RETURNING id` and returns the id.
    func insertReturningID(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int64 {
        guard let row = try one(sql + " RETURNING id", arguments) else { throw ResultsError("the insert returned no id") }
        return try row[0]
    }
}

/// One store's database: transactions over an ``SQLConnection``.
protocol SQLBackend: Sendable {
    /// The dialect of its statements.
    var dialect: SQLDialect { get }
    /// Runs `body` in one write transaction, taken at once (SQLite `BEGIN IMMEDIATE`, PostgreSQL
    /// `SERIALIZABLE`); a transaction that loses to a concurrent one is run again when `retry` (the
    /// body must then only have effects through the connection).
    func write<T>(retry: Bool, _ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body` in one read transaction: every query sees the same committed state.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// After a secure delete: moves freed pages out of logs where possible (SQLite's WAL checkpoint).
    func afterSecureDelete()
}

/// Where the results are: an SQLite file or a PostgreSQL server, from `--db` or `KATCH_DB`.
public enum StoreLocation: Sendable, Hashable {
    case file(String)
    case postgres(PostgresURL)

    /// Reads a `--db` value: `postgres://` or `postgresql://` URLs name a server, anything else a file.
    public init(_ text: String) throws(ResultsError) {
        if PostgresURL.isServerURL(text) { self = .postgres(try PostgresURL(text)) } else { self = .file(text) }
    }

    /// The location as it may be shown: the file path, or the URL without its password.
    public var displayName: String {
        switch self {
        case .file(let path): return path
        case .postgres(let url): return url.redacted
        }
    }
}

/// A PostgreSQL URL, `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?param=value…]`, parsed so that
/// messages can name the host and port and never the password.
public struct PostgresURL: Sendable, Hashable {
    /// The user name.
    public var user: String
    /// The password, if the URL gives one (never printed).
    var password: String?
    /// The host name or address.
    public var host: String
    /// The port (5432 when the URL gives none).
    public var port: Int
    /// The database name.
    public var database: String
    /// Further connection parameters (`sslmode`, `connect_timeout`, …), passed to libpq as they are.
    public var parameters: [(String, String)] { parameterList.map { ($0.key, $0.value) } }
    var parameterList: [Parameter]

    struct Parameter: Sendable, Hashable {
        var key: String
        var value: String
    }

    /// Whether `text` is a PostgreSQL URL rather than a file name.
    public static func isServerURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses a URL; a malformed one is an error that shows it without its password.
    public init(_ text: String) throws(ResultsError) {
        let shown = Self.redact(text)
        guard let c = URLComponents(string: text), let scheme = c.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw ResultsError("\(shown) is not a PostgreSQL URL: write postgres://USER[:PASSWORD]@HOST[:PORT]/DB")
        }
        guard let host = c.host, !host.isEmpty else { throw ResultsError("\(shown) names no host: write postgres://USER[:PASSWORD]@HOST[:PORT]/DB") }
        guard let user = c.user, !user.isEmpty else { throw ResultsError("\(shown) names no user: write postgres://USER[:PASSWORD]@HOST[:PORT]/DB") }
        let database = String(c.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw ResultsError("\(shown) names no database: write postgres://USER[:PASSWORD]@HOST[:PORT]/DB")
        }
        self.user = user
        self.password = c.password
        self.host = host
        self.port = c.port ?? 5432
        self.database = database
        self.parameterList = (c.queryItems ?? []).map { Parameter(key: $0.name, value: $0.value ?? "") }
    }

    /// `postgres://USER@HOST:PORT/DB`: the URL as messages show it.
    public var redacted: String { "postgres://\(user)@\(hostAndPort)/\(database)" }
    /// `HOST:PORT` (IPv6 addresses in brackets).
    public var hostAndPort: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The text with any password between `//user:` and `@` replaced, for a URL too malformed to parse.
    static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return text }
        let credentials = rest[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(rest[at...])
    }
}
