import Foundation
@testable import Results

/// The stores the results tests run on: the same tests, both stores.
public enum StoreKind: String, CaseIterable, Sendable {
    case sqlite
    case postgres
}

/// The environment variable that gives the throw-away PostgreSQL server of the test run
/// (scripts/with-postgres.sh sets it): a superuser URL the tests create their databases with.
public let testPostgresVariable = "KATCH_TEST_POSTGRES"

/// Why a PostgreSQL test cannot run: it fails, never skips silently.
public struct NoTestServer: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// The test server's URL; an error (a failed test) when the run has none.
public func testPostgresURL() throws -> PostgresURL {
    guard let text = ProcessInfo.processInfo.environment[testPostgresVariable], !text.isEmpty else {
        throw NoTestServer(
            description: "\(testPostgresVariable) is not set: run the tests through scripts/test.sh (or scripts/with-postgres.sh swift test), which starts a throw-away PostgreSQL server")
    }
    return try PostgresURL(text)
}

/// Runs statements as the test server's superuser (on its `postgres` database unless `database`).
public func testPostgresAdmin(_ statements: [String], database: String? = nil) throws {
    var url = try testPostgresURL()
    if let database { url.database = database }
    let c = try PostgresConnection(url: url, readOnly: false)
    for s in statements { try c.run(s) }
}

/// A new, empty database on the test server; returns its URL (with the superuser's password).
public func newTestPostgresDatabase() throws -> String {
    let name = "katch_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    try testPostgresAdmin(["CREATE DATABASE \(name)"])
    return testPostgresURLText(database: String(name))
}

/// The test server's URL text for `database`, as the superuser (or as `user` with `password`).
public func testPostgresURLText(database: String, user: String? = nil, password: String? = nil) -> String {
    let text = ProcessInfo.processInfo.environment[testPostgresVariable] ?? ""
    guard var c = URLComponents(string: text) else { return text }
    c.path = "/" + database
    if let user { c.user = user }
    if let password { c.password = password }
    return c.string ?? text
}

/// A fresh results location of `kind`: a file in `dir`, or a new database on the test server.
public func newStoreLocation(_ kind: StoreKind, in dir: URL, name: String = "results.sqlite") throws -> String {
    switch kind {
    case .sqlite: return dir.appendingPathComponent(name).path
    case .postgres: return try newTestPostgresDatabase()
    }
}
