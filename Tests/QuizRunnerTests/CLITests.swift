import Instruments
import Foundation
import Testing
import TestSupport
@testable import Results

/// The `katch` executable as a user runs it: exit codes and messages.
@Suite struct CLITests {
    func tempCourse(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("katch-cli-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test func checkPrintsFileLineAndExitsOneOnErrors() throws {
        let root = try tempCourse([
            "course.yml": "title: T\n",
            "modules/p.md": "---\nid: p\ntitle: P\nkind: page\n---\nМәтін.\n\nSee [x](id:nowhere).\n\n> [!WHAT]\n> x\n",
        ])
        let r = try runKatch(["check", "--course", root.path], input: "")
        #expect(r.status == 1)
        #expect(r.output.contains("modules/p.md:8:5: error: dangling reference 'id:nowhere'"))
        #expect(r.output.contains("modules/p.md:10:1: error: unknown callout kind 'WHAT'"))
        #expect(r.output.contains("1 pages, 2 errors"))
        let clean = try runKatch(["check", "--course", fixtureCourse], input: "")
        #expect(clean.status == 0, "\(clean.output)")
    }

    /// A file over the size limit (10 MB) is an error naming the file and its size, found before it
    /// is read: `check` and `build` exit 1.
    @Test func fileOverTheSizeLimitIsAnErrorNamingItsSize() throws {
        let root = try tempCourse(["course.yml": "title: T\n", "modules/p.md": "---\nid: p\ntitle: P\nkind: page\n---\nМәтін.\n"])
        let big = "---\nid: big\ntitle: Big\nkind: page\n---\n" + String(repeating: "Мәтін бар.\n\n", count: 10_000_000 / 20 + 10)
        try Data(big.utf8).write(to: root.appendingPathComponent("modules/big.md"))
        let size = big.utf8.count
        let r = try runKatch(["check", "--course", root.path], input: "")
        #expect(r.status == 1)
        #expect(r.output.contains("modules/big.md:1:1: error: the file is \(size) bytes"), "\(r.output)")
        #expect(r.output.contains("more than the 10000000 bytes (10 MB)"))
        let out = root.appendingPathComponent("site").path
        let build = try runKatch(["build", "--course", root.path, "--out", out], input: "")
        #expect(build.status == 1)
        #expect(build.output.contains("modules/big.md:1:1: error: the file is \(size) bytes"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func buildRefusesABrokenCourseAndWritesNothing() throws {
        let root = try tempCourse(["course.yml": "title: T\n", "modules/p.md": "---\nid: p\ntitle: P\nkind: nonsense\n---\nx\n"])
        let out = root.appendingPathComponent("site").path
        let r = try runKatch(["build", "--course", root.path, "--out", out], input: "")
        #expect(r.status == 1)
        #expect(r.output.contains("modules/p.md:4:7: error: unknown kind 'nonsense'"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func buildWritesBothEditionsAndRefusesForeignFolders() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-out-\(UUID().uuidString)")
        let r = try runKatch(["build", "--course", fixtureCourse, "--out", dir.path], input: "")
        #expect(r.status == 0, "\(r.output)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("trainer/index.html").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("participant/index.html").path))
        // A folder katch did not make is never replaced.
        let foreign = FileManager.default.temporaryDirectory.appendingPathComponent("katch-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: foreign.appendingPathComponent("trainer"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: foreign.appendingPathComponent("trainer/notes.txt"))
        let refused = try runKatch(["build", "--course", fixtureCourse, "--out", foreign.path], input: "")
        #expect(refused.status == 1)
        #expect(try String(contentsOf: foreign.appendingPathComponent("trainer/notes.txt"), encoding: .utf8) == "mine")
    }

    @Test func trainingsAreAddedOnceAndListed() throws {
        let db = try TempDB()
        let again = try runKatch(["training", "add", "t1", "--title", "X", "--db", db.path], input: "")
        #expect(again.status == 1)
        #expect(again.output.contains("already exists"))
        let badDate = try runKatch(["training", "add", "t2", "--title", "X", "--start", "March", "--db", db.path], input: "")
        #expect(badDate.status == 1)
        let impossible = try runKatch(["training", "add", "t3", "--title", "X", "--start", "2026-13-45", "--end", "2025-01-01", "--db", db.path], input: "")
        #expect(impossible.status == 1)
        #expect(impossible.output.contains("error: start date '2026-13-45' is not a valid date: there is no month 13"))
        let backwards = try runKatch(["training", "add", "t4", "--title", "X", "--start", "2026-03-12", "--end", "2026-03-10", "--db", db.path], input: "")
        #expect(backwards.status == 1)
        #expect(backwards.output.contains("error: end date 2026-03-10 is before start date 2026-03-12"))
        let list = try runKatch(["training", "list", "--db", db.path], input: "")
        #expect(list.output.contains("t1") && list.output.contains("Шымкент тренингі"))
        #expect(!list.output.contains("t2") && !list.output.contains("t3") && !list.output.contains("t4"), "nothing stored for refused trainings")
    }

    @Test(arguments: StoreKind.allCases) func databaseFromEnvironmentVariable(store kind: StoreKind) throws {
        let db = try TempDB(kind)
        let list = try runKatch(["training", "list"], input: "", environment: ["KATCH_DB": db.path])
        #expect(list.output.contains("t1"))
    }

    /// `katch results push` twice: the second run says there is nothing to push and the central
    /// export is unchanged; no name leaves the laptop, and the password is never printed.
    @Test func pushingTheSameLaptopTwiceChangesNothing() throws {
        let laptop = try TempDB(.sqlite)
        let name = "Жолдыбай Пушбеков"
        #expect(try runKatch(["quiz", "pre", "--training", "t1", "--db", laptop.path, "--course", fixtureCourse], input: prePlainScript(name: name)).status == 0)
        let central = try newTestPostgresDatabase()
        let password = try testPostgresURL().password ?? "no password"
        let first = try runKatch(["results", "push", "--db", laptop.path, "--to", central], input: "")
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("pushed t1") && first.output.contains("1 participants") && first.output.contains("names and contacts stayed here"), "\(first.output)")
        #expect(!first.output.contains(password))
        let export = ["results", "export", "--db", central, "--course", fixtureCourse]
        let exported = try runKatch(export, input: "")
        #expect(exported.status == 0 && exported.output.contains(",pre,q1,"), "\(exported.output)")
        let second = try runKatch(["results", "push", "--db", laptop.path, "--to", central], input: "")
        #expect(second.status == 0)
        #expect(second.output.contains("nothing to push"), "\(second.output)")
        #expect(try runKatch(export, input: "").output == exported.output)
        let store = try ResultsStore(path: central)
        let p = try #require(try store.participants(training: "t1").first)
        #expect(try store.participants(training: "t1", name: name).isEmpty, "the name stayed on the laptop")
        #expect(try ResultsStore(path: laptop.path).participants(training: "t1", name: name).map(\.code) == [p.code])
    }

    /// Every results command on a server it cannot use: exit 1, the host and port, never the password.
    @Test func aServerThatCannotBeUsedIsExitOneWithoutThePassword() throws {
        let server = try testPostgresURL()
        let secret = "Wr0ng-\(UUID().uuidString.prefix(6))"
        let wrong = testPostgresURLText(database: "postgres", password: secret)
        let commands: [[String]] = [
            ["training", "list", "--db", wrong], ["training", "add", "t9", "--title", "T", "--db", wrong],
            ["quiz", "pre", "--training", "t1", "--plain", "--db", wrong, "--course", fixtureCourse],
            ["report", "--db", wrong, "--course", fixtureCourse, "--format", "json"], ["results", "export", "--db", wrong, "--course", fixtureCourse],
            ["participant", "list", "--training", "t1", "--db", wrong],
        ]
        for command in commands {
            let r = try runKatch(command, input: "")
            #expect(r.status == 1, "\(command[0]): \(r.output)")
            #expect(r.output.contains(server.hostAndPort) && r.output.contains("password authentication failed"), "\(command[0]): \(r.output)")
            #expect(!r.output.contains(secret), "\(command[0]) shows the password")
        }
        let env = try runKatch(["training", "list"], input: "", environment: ["KATCH_DB": wrong])
        #expect(env.status == 1 && !env.output.contains(secret))
    }

    @Test(arguments: StoreKind.allCases) func reportAndExportNeverShowNames(store kind: StoreKind) throws {
        let db = try TempDB(kind)
        let name = "Құпияжан Атаулыұлы"
        _ = try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: prePlainScript(name: name))
        for format in ["html", "md", "json", "csv"] {
            let r = try runKatch(["report", "--db", db.path, "--course", fixtureCourse, "--format", format], input: "")
            #expect(r.status == 0, "\(format): \(r.output.prefix(300))")
            #expect(!r.output.contains("Құпияжан"), "\(format) report shows the name")
        }
        for format in ["long", "wide"] {
            let r = try runKatch(["results", "export", "--format", format, "--db", db.path, "--course", fixtureCourse], input: "")
            #expect(r.status == 0)
            #expect(!r.output.contains("Құпияжан"))
        }
    }

    /// `-o` onto a device writes into it: the atomic write (a temporary file renamed over the
    /// target) once replaced /dev/null itself with a regular file when run as root; a regular file
    /// is still replaced whole.
    @Test func outputToADeviceLeavesTheDevice() throws {
        let db = try TempDB(.sqlite)
        _ = try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: prePlainScript(name: "Айгүл"))
        let r = try runKatch(["report", "--db", db.path, "--course", fixtureCourse, "--format", "json", "-o", "/dev/null"], input: "")
        #expect(r.status == 0, "\(r.output.prefix(300))")
        var st = stat()
        #expect(stat("/dev/null", &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR, "/dev/null is no longer a character device")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("katch-report-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("old".utf8).write(to: file)
        let again = try runKatch(["report", "--db", db.path, "--course", fixtureCourse, "--format", "json", "-o", file.path], input: "")
        #expect(again.status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("{"))
    }
}
