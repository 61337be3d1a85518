import Foundation
import Instruments
import Testing
import TestSupport
@testable import Results

/// The store's own guarantees, the same on SQLite and PostgreSQL (issue 17).
@Suite struct StoreBothTests {
    /// Fifty participants at fifty terminals (each with its own connection) answer at the same
    /// moment: nobody sees an error and every answer is there.
    @Test(arguments: StoreKind.allCases) func fiftyParticipantsAtOnceLoseNothing(store kind: StoreKind) throws {
        let dir = try TempDir()
        let location = try newStoreLocation(kind, in: dir.url)
        try ResultsStore(path: location).addTraining(Training(id: "t1", title: "T"))
        let participants = 50, questions = 10
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        let failures = Failures()
        for i in 0..<participants {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let store = try ResultsStore(path: location)
                    start.wait()
                    let p = try store.register(Registration(name: "Қатысушы \(i)", region: "r", agency: "a", gender: "f"), training: "t1")
                    let a = try store.startAttempt(participant: p.rowID, phase: .pre, instrument: "quiz", contentHash: "h")
                    for q in 1...questions {
                        try store.save(Response(questionID: "q\(q)", choice: "a", correct: true, score: 1), attempt: a.rowID, position: q)
                    }
                    try store.submit(attempt: a.rowID)
                } catch {
                    failures.add("participant \(i): \(error)")
                }
            }
        }
        // Let every terminal connect first, then all answer at once.
        Thread.sleep(forTimeInterval: 0.5)
        for _ in 0..<participants { start.signal() }
        #expect(group.wait(timeout: .now() + 240) == .success, "the participants did not finish in 4 minutes")
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
        let snapshot = try ResultsStore(path: location, readOnly: true).snapshot()
        #expect(snapshot.participants.count == participants)
        #expect(Set(snapshot.participants.map(\.code)).count == participants, "every code is unique")
        #expect(snapshot.attempts.filter(\.isSubmitted).count == participants)
        #expect(snapshot.responses.count == participants * questions)
    }

    /// A database written by a newer katch (a migration this one does not know) is refused with a
    /// message that says so, and nothing is written to it.
    @Test(arguments: StoreKind.allCases) func aNewerSchemaIsRefused(store kind: StoreKind) throws {
        let dir = try TempDir()
        let location = try newStoreLocation(kind, in: dir.url)
        let store = try ResultsStore(path: location)
        _ = try store.write { c in try c.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        for readOnly in [false, true] {
            do {
                _ = try ResultsStore(path: location, readOnly: readOnly)
                Issue.record("a database of a newer katch was opened (readOnly: \(readOnly))")
            } catch {
                #expect(error.description.contains("was made by a newer katch"), "\(error.description)")
                #expect(error.description.contains("v99-from-the-future"))
            }
        }
    }

    /// A database made before the last migration is brought up to date when opened for writing.
    @Test(arguments: StoreKind.allCases) func anOlderSchemaIsMigrated(store kind: StoreKind) throws {
        let dir = try TempDir()
        let location = try newStoreLocation(kind, in: dir.url)
        let store = try ResultsStore(path: location)
        try store.write { c in
            try c.execute("DROP INDEX practice_session_learner")
            try c.execute("ALTER TABLE practice_session DROP COLUMN learner")
            try c.execute("DELETE FROM grdb_migrations WHERE identifier = 'v3-practice-learner'")
        }
        #expect(throws: ResultsError.self) { _ = try ResultsStore(path: location, readOnly: true) }
        let again = try ResultsStore(path: location)
        let session = try again.startPractice(exercise: "e1", learner: "Ә")
        #expect(try again.unfinishedPractice(exercise: "e1", learner: "Ә")?.id == session.id)
    }
}

/// Collects failures from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.withLock { list.append(s) } }
    var all: [String] { lock.withLock { list } }
}

/// The PostgreSQL store's connection errors: host and port, never the password, and a store that
/// carries on once the server is back (issue 17, item 6).
@Suite struct PostgresConnectionTests {
    func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw NoTestServer(description: "no free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    @Test func unreachableWrongPasswordAndMissingDatabaseNameTheServerNotThePassword() throws {
        let server = try testPostgresURL()
        let secret = "s3cret-Пароль-\(UUID().uuidString.prefix(8))"
        let port = try freePort()
        let cases: [(url: String, expected: String, hostAndPort: String)] = [
            ("postgres://katch:\(secret)@127.0.0.1:\(port)/x", "Connection refused", "127.0.0.1:\(port)"),
            (testPostgresURLText(database: "postgres", password: secret), "password authentication failed", server.hostAndPort),
            (testPostgresURLText(database: "no_such_database_\(port)"), "does not exist", server.hostAndPort),
        ]
        for c in cases {
            do {
                _ = try ResultsStore(path: c.url)
                Issue.record("\(c.expected): opened")
            } catch {
                #expect(error.description.contains(c.hostAndPort), "\(error.description)")
                #expect(error.description.contains(c.expected), "\(error.description)")
                #expect(!error.description.contains(secret), "the password is shown: \(error.description)")
                if let password = server.password {
                    #expect(!error.description.contains(password), "the password is shown: \(error.description)")
                }
            }
        }
    }

    /// Rows copied in COPY's binary format come back as they went: integers into a double column,
    /// NULLs, and text with tabs, line breaks, backslashes and Kazakh letters; a value of the wrong
    /// type stops the copy with a message that does not show the value, and nothing of it is kept.
    @Test func binaryCopyKeepsEveryValueAndRefusesAWrongTypeWithoutShowingIt() throws {
        let c = try PostgresConnection(url: try testPostgresURL(), readOnly: false)
        try c.run("CREATE TEMP TABLE copy_kinds (id BIGINT, x DOUBLE PRECISION, b BOOLEAN, t TEXT)")
        let rows: [[SQLValue]] = [
            [.integer(-9_007_199_254_740_993), .real(0.1), .bool(true), .text("tab\there\nline \\N back\\slash «Қазақ» \r")],
            [.integer(0), .integer(3), .bool(false), .text("")],
            [.null, .null, .null, .null],
        ]
        _ = try c.insertRows(prefix: "INSERT INTO copy_kinds (id, x, b, t) VALUES", row: "(?,?,?,?)", count: rows.count, returningID: false) { i, v in
            v += rows[i]
        }
        func read(_ sql: String) throws -> [SQLRow] {
            try c.run("BEGIN")
            defer { try? c.run("COMMIT") }
            return try c.allRows(sql, [])
        }
        let back = try read("SELECT id, x, b, t FROM copy_kinds ORDER BY id NULLS LAST")
        #expect(back.count == 3)
        let values = back.map { row -> [SQLValue] in
            guard case .values(let v) = row.source else { return [] }
            return v
        }
        #expect(values == [rows[0], [.integer(0), .real(3), .bool(false), .text("")], rows[2]])
        let secret = "жауап-\(UUID().uuidString.prefix(8))"
        do {
            _ = try c.insertRows(prefix: "INSERT INTO copy_kinds (id, x, b, t) VALUES", row: "(?,?,?,?)", count: 2, returningID: false) { i, v in
                v += i == 0 ? [.integer(7), .real(1), .bool(true), .text("kept?")] : [.text(secret), .real(1), .bool(true), .text("x")]
            }
            Issue.record("a text was copied into a bigint column")
        } catch {
            // The row and column are named, the value never.
            #expect("\(error)".contains("text") && "\(error)".contains("bigint"), "\(error)")
            #expect("\(error)".contains("row 2") && "\(error)".contains("column id"), "\(error)")
            #expect(!"\(error)".contains(secret))
        }
        #expect(try read("SELECT id FROM copy_kinds").count == 3)
    }

    /// A copy large enough checks its table's foreign keys in bulk (taken off, then re-created in
    /// the same transaction: the constraint's row is new, its definition the same); a dangling
    /// reference still fails the whole copy; a small copy, a table already larger than the copy, and
    /// a table another session is writing to (the lock not had in time) are checked row by row.
    @Test func largeCopiesCheckForeignKeysInBulkAndKeepThem() throws {
        let c = try PostgresConnection(url: try testPostgresURL(), readOnly: false)
        c.bulkForeignKeysFrom = 10
        c.bulkLockTimeout = "200ms"
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let (parent, child) = ("bulk_parent_\(suffix)", "bulk_child_\(suffix)")
        try c.run("CREATE TABLE \(parent) (id BIGINT PRIMARY KEY)")
        try c.run("CREATE TABLE \(child) (parent_id BIGINT NOT NULL REFERENCES \(parent)(id) ON DELETE CASCADE, v TEXT)")
        defer { try? c.run("DROP TABLE \(child), \(parent)") }
        try c.run("INSERT INTO \(parent) SELECT generate_series(1, 100)")
        func query(_ sql: String) throws -> [String] {
            try c.run("BEGIN")
            defer { try? c.run("COMMIT") }
            return try c.allRows(sql, []).map { row in try row[0] as String }
        }
        let constraint = "SELECT oid::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '\(child)'::regclass"
        func key() throws -> (oid: String, definition: String) {
            let text = try #require(try query(constraint).first)
            let space = try #require(text.firstIndex(of: " "))
            return (String(text[..<space]), String(text[text.index(after: space)...]))
        }
        func load(_ parents: [Int64]) throws {
            try c.run("BEGIN")
            do {
                _ = try c.insertRows(prefix: "INSERT INTO \(child) (parent_id, v) VALUES", row: "(?,?)", count: parents.count, returningID: false) { i, v in
                    v += [.integer(parents[i]), .text("ответ \(i)")]
                }
                try c.run("COMMIT")
            } catch {
                try c.run("ROLLBACK")
                throw error
            }
        }
        func rows() throws -> Int { Int(try query("SELECT count(*)::text FROM \(child)").first ?? "") ?? -1 }
        let original = try key()

        // 50 rows into an empty table: in bulk.
        try load((1...50).map(Int64.init))
        let afterBulk = try key()
        #expect(afterBulk.oid != original.oid, "the key was re-created")
        #expect(afterBulk.definition == original.definition)
        #expect(try rows() == 50)

        // A dangling reference in a bulk copy: nothing of it is kept, the key is as it was.
        let secretless = #expect(throws: (any Error).self) { try load((1...49).map(Int64.init) + [999]) }
        #expect("\(secretless.map { "\($0)" } ?? "")".contains("\(child)_parent_id_fkey"))
        #expect(try rows() == 50)
        #expect(try key() == afterBulk)

        // A small copy: row by row (the same key).
        try load([1, 2, 3])
        #expect(try key() == afterBulk)

        // A table larger than the copy: row by row.
        try c.run("ANALYZE \(child)")
        try load((1...20).map(Int64.init))
        #expect(try key() == afterBulk)
        #expect(try rows() == 73)

        // Another session writing to the table: the lock is not had within the timeout, row by row.
        try c.run("TRUNCATE \(child)")
        try c.run("ANALYZE \(child)")
        let other = try PostgresConnection(url: try testPostgresURL(), readOnly: false)
        try other.run("BEGIN")
        try other.run("LOCK TABLE \(child) IN ROW EXCLUSIVE MODE")
        try load((1...30).map(Int64.init))
        try other.run("ROLLBACK")
        #expect(try key() == afterBulk)
        #expect(try rows() == 30)

        // A writer during a bulk copy waits for it and then succeeds (a quiz station's answer).
        try c.run("TRUNCATE \(child)")
        try c.run("ANALYZE \(child)")
        try c.run("BEGIN")
        _ = try c.insertRows(prefix: "INSERT INTO \(child) (parent_id, v) VALUES", row: "(?,?)", count: 40, returningID: false) { i, v in
            v += [.integer(Int64(i + 1)), .text("bulk")]
        }
        let station = try PostgresBackend(url: try testPostgresURL(), readOnly: false)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var stationError: (any Error)?
        let started = Date()
        nonisolated(unsafe) var waited = 0.0
        DispatchQueue.global().async {
            do {
                _ = try station.write(retry: true) { w in try w.execute("INSERT INTO \(child) (parent_id, v) VALUES (?, ?)", [.integer(7), .text("station")]) }
            } catch { stationError = error }
            waited = Date().timeIntervalSince(started)
            done.signal()
        }
        Thread.sleep(forTimeInterval: 0.5)
        try c.run("COMMIT")
        done.wait()
        #expect(stationError == nil)
        #expect(waited >= 0.4, "the station waited for the copy to commit")
        #expect(try rows() == 41)
        #expect(try key().oid != afterBulk.oid, "the copy's keys were checked in bulk")
    }

    @Test func aURLIsShownWithoutItsPassword() throws {
        let url = try PostgresURL("postgresql://ops:p%40ss@db.example.kz:6543/katch?sslmode=require")
        #expect(url.redacted == "postgres://ops@db.example.kz:6543/katch")
        #expect(url.password == "p@ss")
        #expect(url.parameters.map(\.0) == ["sslmode"])
        do {
            _ = try PostgresURL("postgres://ops:hunter2@db.example.kz:6543/")
            Issue.record("a URL without a database was accepted")
        } catch {
            #expect(!error.description.contains("hunter2") && error.description.contains("names no database"), "\(error.description)")
        }
    }

    /// The server goes away in the middle of a quiz: the next answer fails with the server's host
    /// and port, the answers before it stay, and the same store carries on once the server is back.
    @Test func aServerThatGoesAwayAndComesBack() throws {
        let server = try testPostgresURL()
        let database = try newTestPostgresDatabase()
        let port = try freePort()
        var proxy = try TCPProxy(listen: port, to: server.port)
        defer { proxy.stop() }
        let location = testPostgresURLText(database: try PostgresURL(database).database).replacingOccurrences(of: ":\(server.port)/", with: ":\(port)/")
        let store = try ResultsStore(path: location)
        try store.addTraining(Training(id: "t1", title: "T"))
        let p = try store.register(Registration(name: "Ә", region: "r", agency: "a", gender: "f"), training: "t1")
        let a = try store.startAttempt(participant: p.rowID, phase: .pre, instrument: "quiz", contentHash: "h")
        try store.save(Response(questionID: "q1", choice: "a"), attempt: a.rowID, position: 1)

        proxy.stop()
        do {
            try store.save(Response(questionID: "q2", choice: "b"), attempt: a.rowID, position: 2)
            Issue.record("an answer was saved with the server away")
        } catch {
            #expect(error.description.contains("127.0.0.1:\(port)"), "\(error.description)")
            #expect(!error.description.contains(server.password ?? "no password"), "the password is shown")
        }
        #expect(try ResultsStore(path: database).responses(attempt: a.rowID).keys.sorted() == ["q1"], "the committed answer stays")

        proxy = try TCPProxy(listen: port, to: server.port)
        try store.save(Response(questionID: "q2", choice: "b"), attempt: a.rowID, position: 2)
        #expect(try store.responses(attempt: a.rowID).keys.sorted() == ["q1", "q2"])
    }
}

/// A TCP proxy on 127.0.0.1 (a python3 child): stopping it cuts every connection through it, as a
/// server that went away.
struct TCPProxy {
    let process: Process

    init(listen: Int, to target: Int) throws {
        let script = """
            import socket, sys, threading
            srv = socket.socket()
            srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            srv.bind(("127.0.0.1", int(sys.argv[1])))
            srv.listen(64)
            print("ready", flush=True)
            def pipe(a, b):
                try:
                    while True:
                        d = a.recv(65536)
                        if not d:
                            break
                        b.sendall(d)
                except OSError:
                    pass
                for s in (a, b):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
            while True:
                c, _ = srv.accept()
                s = socket.create_connection(("127.0.0.1", int(sys.argv[2])))
                threading.Thread(target=pipe, args=(c, s), daemon=True).start()
                threading.Thread(target=pipe, args=(s, c), daemon=True).start()
            """
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, String(listen), String(target)]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let ready = out.fileHandleForReading.availableData
        guard String(decoding: ready, as: UTF8.self).contains("ready") else { throw NoTestServer(description: "the proxy did not start") }
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
