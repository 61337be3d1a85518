import Foundation
import GRDB
import Instruments
import Testing
import TestSupport
@testable import Results

/// The results database as the trainer meets it on the command line (issue 11, items 6, 8, 9).
@Suite struct StoreCLITests {
    func contents(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func mode(_ path: String) -> mode_t? {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o777 : nil
    }

    /// A katch database with training t1 whose `response` table page is overwritten with junk.
    func damaged(_ db: TempDB) throws -> String {
        let (page, size) = try DatabaseQueue(path: db.path).read { d in
            (try Int.fetchOne(d, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'response'")!, try Int.fetchOne(d, sql: "PRAGMA page_size")!)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: db.path))
        try handle.seek(toOffset: UInt64((page - 1) * size))
        handle.write(Data(repeating: 0x5A, count: 64))
        try handle.close()
        return db.path
    }

    /// An import that creates thousands of trainings says how many, with the first and the last,
    /// rather than one line of every name; a few are named in full.
    @Test func importNamesFewCreatedTrainingsAndCountsMany() throws {
        func csv(_ trainings: Int) -> String {
            "training_id,participant_id,phase,q1\n" + (1...trainings).map { "t-\($0),ABC234,pre,a\n" }.joined()
        }
        for (count, expected) in [(12, "created 12 trainings (t-1, t-2, t-3, t-4, t-5, …, t-11, t-12)"), (3, "created trainings t-1, t-2, t-3")] {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-import-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("many.csv").path
            try csv(count).write(toFile: file, atomically: true, encoding: .utf8)
            let run = try runKatch(
                ["results", "import", file, "--db", dir.appendingPathComponent("r.sqlite").path, "--course", fixtureCourse, "--create-trainings"], input: "")
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains(expected), "\(run.output)")
        }
    }

    @Test func newDatabaseIsPrivateAndAnExposedOneIsWarnedAbout() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-mode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("new.sqlite").path
        let add = try runKatch(["training", "add", "t1", "--title", "T", "--db", path], input: "")
        #expect(add.status == 0, "\(add.output)")
        #expect(mode(path) == 0o600)
        #expect(!add.output.contains("warning"))
        let shared = dir.appendingPathComponent("shared.sqlite").path
        #expect(try runKatch(["training", "add", "t1", "--title", "T", "--db", shared], input: "", environment: ["KATCH_DB_MODE": "group"]).status == 0)
        #expect(mode(shared) == 0o660)
        let flag = dir.appendingPathComponent("flag.sqlite").path
        #expect(try runKatch(["training", "add", "t1", "--title", "T", "--shared-group", "--db", flag], input: "").status == 0)
        #expect(mode(flag) == 0o660)
        let bad = try runKatch(["training", "list", "--db", dir.appendingPathComponent("x.sqlite").path], input: "", environment: ["KATCH_DB_MODE": "public"])
        #expect(bad.status == 1 && bad.output.contains("KATCH_DB_MODE must be 'private' or 'group'"))
        chmod(path, 0o644)
        let list = try runKatch(["training", "list", "--db", path], input: "")
        #expect(list.status == 0)
        #expect(list.output.components(separatedBy: "warning:").count == 2, "one warning: \(list.output)")
        #expect(list.output.contains("chmod 600 \(path)"), "\(list.output)")
    }

    @Test func reportAndExportServeADatabaseTheUserCannotWrite() throws {
        let db = try TempDB()
        #expect(try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: prePlainScript(name: "Оқу Ғана")).status == 0)
        let before = try contents(db.path)
        // Root ignores file modes: the commands then run as nobody, in a folder and on a file nobody may write.
        let asRoot = getuid() == 0
        chmod(db.path, asRoot ? 0o644 : 0o400)
        chmod(db.dir.path, 0o555)
        defer { chmod(db.dir.path, 0o755) }
        func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let katch = try katchBinary()
            if asRoot {
                let r = try Subprocess.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", katch] + arguments, timeout: 120)
                return (r.status, r.output)
            }
            return try runKatch(arguments, input: "")
        }
        if asRoot {
            try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "setpriv (util-linux) is needed to test as another user")
        }
        let report = try run(["report", "--db", db.path, "--course", fixtureCourse, "--format", "csv"])
        #expect(report.status == 0, "\(report.output)")
        let export = try run(["results", "export", "--format", "long", "--db", db.path, "--course", fixtureCourse])
        #expect(export.status == 0, "\(export.output)")
        #expect(export.output.contains(",pre,q1,"), "\(export.output)")
        #expect(try contents(db.path) == before)
        // Writing is refused with a message, not a crash.
        let add = try run(["training", "add", "t2", "--title", "T", "--db", db.path])
        #expect(add.status == 1)
    }

    @Test func aDamagedOrForeignFileGetsNothingWrittenAndTheQuizShowsNoCode() throws {
        let db = try TempDB()
        let path = try damaged(db)
        let before = try contents(path)
        let add = try runKatch(["training", "add", "t2", "--title", "T", "--db", path], input: "")
        #expect(add.status == 1)
        #expect(add.output.contains("is damaged"), "\(add.output)")
        #expect(try contents(path) == before)
        let quiz = try runKatch(["quiz", "pre", "--training", "t1", "--db", path, "--course", fixtureCourse], input: prePlainScript(name: "Бүлінген Файл"))
        #expect(quiz.status == 1)
        #expect(quiz.output.contains("is damaged"), "\(quiz.output)")
        // No participant code (6 letters and digits of the code alphabet) was shown.
        #expect(quiz.output.range(of: "\\b[A-HJ-NP-Z2-9]{6}\\b", options: .regularExpression) == nil, "\(quiz.output)")
        #expect(try contents(path) == before)

        let foreign = db.dir.appendingPathComponent("notes.sqlite").path
        do {
            let q = try DatabaseQueue(path: foreign)
            try q.write { d in try d.execute(sql: "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('mine')") }
            try q.close()
        }
        let original = try contents(foreign)
        let refused = try runKatch(["training", "add", "t1", "--title", "T", "--db", foreign], input: "")
        #expect(refused.status == 1)
        #expect(refused.output.contains("\(foreign) is not a katch results database"), "\(refused.output)")
        #expect(try contents(foreign) == original)
        let report = try runKatch(["report", "--db", foreign, "--course", fixtureCourse, "--format", "md"], input: "")
        #expect(report.status == 1 && report.output.contains("is not a katch results database"), "\(report.output)")
    }

    @Test func scoreShowsStoredEscapeSequencesInsteadOfRunningThem() throws {
        let db = try TempDB()
        #expect(try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: prePlainScript(name: "Эскейп")).status == 0)
        // Planted behind katch's back (an older import, a hand-edited file).
        try DatabaseQueue(path: db.path).write { d in
            try d.execute(sql: "UPDATE response SET text = ? WHERE text IS NOT NULL", arguments: ["ok\u{1B}[2J\u{1B}]0;pwned\u{07}end"])
        }
        let run = try runKatch(["score", "--training", "t1", "--plain", "--db", db.path, "--course", fixtureCourse], input: "")
        #expect(run.output.contains("ok^[[2J^[]0;pwned^Gend"), "\(run.output)")
        #expect(!run.output.contains("\u{1B}]0;") && !run.output.contains("\u{07}"))
        // The training list shows a stored title the same way.
        try DatabaseQueue(path: db.path).write { d in try d.execute(sql: "UPDATE training SET title = ?", arguments: ["T\u{1B}[31m"]) }
        let list = try runKatch(["training", "list", "--db", db.path], input: "")
        #expect(list.output.contains("T^[[31m") && !list.output.contains("\u{1B}"), "\(list.output)")
    }
}
