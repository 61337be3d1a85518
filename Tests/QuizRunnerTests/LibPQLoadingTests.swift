import Foundation
import Testing
import TestSupport

/// libpq — and libssl, libcrypto, Kerberos, LDAP and SASL with it — is loaded by a PostgreSQL store
/// only, never by katch's start-up: every other command starts without their cost (README, «libpq,
/// loaded on demand»). The dynamic loader's own log (`LD_DEBUG=libs`, on standard error) of a run of
/// the real binary says which libraries it loaded.
@Suite struct LibPQLoadingTests {
    /// Runs katch with the loader logging the libraries it loads; standard error is in the output.
    func runLogged(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String) {
        let r = try runKatch(arguments, input: input, environment: ["LD_DEBUG": "libs"])
        #expect(r.output.contains("calling init:"), "the loader's log is missing, so it proves nothing: \(r.output.prefix(2_000))")
        return r
    }

    @Test func checkDoesNotLoadLibpq() throws {
        let r = try runLogged(["check", "--course", fixtureCourse])
        #expect(r.status == 0, "\(r.output.suffix(2_000))")
        #expect(!r.output.contains("libpq"), "\(r.output.components(separatedBy: "\n").filter { $0.contains("libpq") })")
    }

    /// A quiz, a listing and a report on an SQLite store: no libpq either.
    @Test func anSQLiteStoreDoesNotLoadLibpq() throws {
        let db = try TempDB(.sqlite)
        for (arguments, input) in [
            (["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], prePlainScript(name: "Айгүл")),
            (["training", "list", "--db", db.path], ""),
            (["report", "--db", db.path, "--course", fixtureCourse, "--format", "json", "-o", "/dev/null"], ""),
        ] {
            let r = try runLogged(arguments, input: input)
            #expect(r.status == 0, "\(arguments): \(r.output.suffix(2_000))")
            #expect(!r.output.contains("libpq"), "\(arguments): \(r.output.components(separatedBy: "\n").filter { $0.contains("libpq") })")
        }
    }

    /// The same log shows libpq loaded when a PostgreSQL store is opened — so the tests above would
    /// see it — and the store works.
    @Test func aPostgreSQLStoreLoadsLibpq() throws {
        let db = try TempDB(.postgres)
        let r = try runLogged(["training", "list", "--db", db.path])
        #expect(r.status == 0, "\(r.output.suffix(2_000))")
        #expect(r.output.contains("libpq.so.5"))
        #expect(r.output.contains("Шымкент тренингі"))
    }
}
