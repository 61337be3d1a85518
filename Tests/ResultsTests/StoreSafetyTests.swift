import Foundation
import GRDB
import Instruments
import Statistics
import Testing
@testable import Results

/// The mode bits of a file (nil when it does not exist).
func fileMode(_ path: String) -> mode_t? {
    var st = stat()
    return stat(path, &st) == 0 ? st.st_mode & 0o777 : nil
}

func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

/// A temporary folder, removed at the end.
final class TempDir {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("katch-store-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Private by default, checked on open, read-only for reports (issue 11, items 6 and 9).
@Suite(.serialized) struct StoreSafetyTests {
    @Test func newDatabaseAndItsWALFilesAreOwnerOnly() throws {
        let dir = try TempDir()
        let path = dir.path("r.sqlite")
        let old = umask(0o022)  // the usual umask, which gave 0644 before
        defer { umask(old) }
        let store = try ResultsStore(path: path, sharing: .privateToOwner)
        try store.addTraining(Training(id: "t1", title: "T"))
        // The store is still open: the -wal and -shm files exist now.
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(fileMode(file) == 0o600, "\(file): \(String(fileMode(file) ?? 0, radix: 8))")
        }
        #expect(ResultsStore.exposureWarning(path: path) == nil)
    }

    @Test func sharedGroupDatabaseIsGroupWritable() throws {
        let dir = try TempDir()
        let path = dir.path("g.sqlite")
        let old = umask(0o022)
        defer { umask(old) }
        let store = try ResultsStore(path: path, sharing: .group)
        try store.addTraining(Training(id: "t1", title: "T"))
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(fileMode(file) == 0o660, "\(file): \(String(fileMode(file) ?? 0, radix: 8))")
        }
    }

    @Test func aFileOthersCanReadIsWarnedAboutWithTheFix() throws {
        let t = try TempStore()
        let path = t.store.path
        chmod(path, 0o644)
        let warning = try #require(ResultsStore.exposureWarning(path: path))
        #expect(warning.contains(path) && warning.contains("chmod 600 \(path)"))
        chmod(path, 0o600)
        #expect(ResultsStore.exposureWarning(path: path) == nil)
    }

    @Test func anotherApplicationsDatabaseIsRefusedAndLeftAsItWas() throws {
        let dir = try TempDir()
        let path = dir.path("other.sqlite")
        do {
            let other = try DatabaseQueue(path: path)
            try other.write { db in
                try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine')")
            }
            try other.close()
        }
        let before = try bytes(path)
        do {
            _ = try ResultsStore(path: path)
            Issue.record("another application's database was opened as a results database")
        } catch {
            #expect(error.description.contains("is not a katch results database"), "\(error.description)")
            #expect(error.description.contains("notes"))
        }
        #expect(try bytes(path) == before, "nothing written: no katch tables, no WAL switch")
        #expect(throws: ResultsError.self) { _ = try ResultsStore(path: path, readOnly: true) }
        // A file with another application id is refused too, even without tables.
        let marked = dir.path("marked.sqlite")
        do {
            let other = try DatabaseQueue(path: marked)
            try other.write { db in try db.execute(sql: "PRAGMA application_id = 1234") }
            try other.close()
        }
        #expect(throws: ResultsError.self) { _ = try ResultsStore(path: marked) }
    }

    /// A katch database whose `response` table page is overwritten.
    static func damagedDatabase(in dir: TempDir) throws -> String {
        let path = dir.path("damaged.sqlite")
        do {
            let store = try ResultsStore(path: path)
            try store.addTraining(Training(id: "t1", title: "T"))
        }
        let (page, pageSize) = try DatabaseQueue(path: path).read { db in
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'response'")!, try Int.fetchOne(db, sql: "PRAGMA page_size")!)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64((page - 1) * pageSize))
        handle.write(Data(repeating: 0x5A, count: 64))
        try handle.close()
        return path
    }

    @Test func aDamagedDatabaseIsRefusedBeforeAnythingIsWritten() throws {
        let dir = try TempDir()
        let path = try Self.damagedDatabase(in: dir)
        let before = try bytes(path)
        do {
            let store = try ResultsStore(path: path)
            try store.addTraining(Training(id: "t2", title: "T"))
            Issue.record("a damaged database was written to")
        } catch {
            #expect(error.description.contains("damaged"), "\(error.description)")
            #expect(error.description.contains("nothing was written"))
        }
        #expect(try bytes(path) == before)
    }

    @Test func aDatabaseOfAnOlderKatchOpensAndGetsTheMarker() throws {
        let t = try TempStore()
        let path = t.store.path
        try t.store.addTraining(Training(id: "t1", title: "T"))
        try t.store.db.write { db in try db.execute(sql: "PRAGMA application_id = 0") }
        let again = try ResultsStore(path: path)
        #expect(try again.trainings().map(\.id) == ["t1"])
        #expect(try again.db.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") } == ResultsStore.applicationID)
    }

    @Test func readOnlyOpenServesReadsAndNeverWrites() throws {
        let filled = try filledStore()
        let path = filled.store.path
        try filled.store.db.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        let before = try bytes(path)
        let store = try ResultsStore(path: path, readOnly: true)
        #expect(store.isReadOnly)
        let k = keys()
        #expect(try !store.exportCSV(format: .long, quiz: k.quiz, survey: k.survey).isEmpty)
        #expect(try store.snapshot().participants.count == 4)
        #expect(throws: ResultsError.self) { try store.addTraining(Training(id: "t9", title: "T")) }
        #expect(try bytes(path) == before)
    }

    @Test func readOnlyOpenOfADatabaseNeedingAnUpgradeSaysSo() throws {
        let dir = try TempDir()
        let path = dir.path("old.sqlite")
        do {
            let store = try ResultsStore(path: path)
            try store.db.write { db in try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3-practice-learner'") }
        }
        do {
            _ = try ResultsStore(path: path, readOnly: true)
            Issue.record("an old database was opened read-only")
        } catch {
            #expect(error.description.contains("older katch"), "\(error.description)")
        }
    }
}

/// The quiz's input rules apply to the import (issue 11, item 8).
@Suite struct ImportInputPolicyTests {
    let header = "training_id,participant_id,region,agency,gender,phase,question_id,response,correct,score\n"

    func refusal(_ csv: String, file: String = "in.csv") throws -> CSVImportError {
        try refusal(Array(csv.utf8), file: file)
    }

    func refusal(_ csv: [UInt8], file: String = "in.csv") throws -> CSVImportError {
        let k = keys()
        let t = try TempStore()
        try t.store.addTraining(Training(id: "t-1", title: "T"))
        do {
            _ = try t.store.importCSV(csv, options: CSVImportOptions(quiz: k.quiz, survey: k.survey, fileName: file))
        } catch {
            #expect(try t.store.snapshot().attempts.isEmpty, "nothing imported")
            return error
        }
        throw TextPolicyFailure("the file was imported")
    }

    struct TextPolicyFailure: Error { var message: String; init(_ m: String) { message = m } }

    @Test func escapeAndBellAreRefusedWithTheirLine() throws {
        let e = try refusal(header + "t-1,AAA222,,,,pre,q1,a,,\nt-1,AAA222,,,,pre,q10,\"ok \u{1B}]0;pwned\u{07}\",,\nt-1,AAA222,,\u{07}police,,pre,q2,a,,\n")
        #expect(e.description.contains("in.csv:3: error: response holds the control character U+001B (ESC)"), "\(e.description)")
        #expect(e.description.contains("in.csv:4: error: agency holds the control character U+0007 (BEL)"), "\(e.description)")
        #expect(!e.description.contains("\u{1B}"), "the message itself never carries the escape to the terminal")
    }

    @Test func aNULIsAnErrorWithItsLineNotATruncation() throws {
        // The NUL is on the third line of a quoted answer that starts on line 2.
        let e = try refusal(header + "t-1,AAA222,,,,pre,q10,\"first line\nsecond\nthird \u{0}hidden\",,\n")
        #expect(e.problems.map(\.line) == [4], "\(e.description)")
        #expect(e.description.contains("in.csv:4: error: response holds the control character U+0000 (NUL)"), "\(e.description)")
    }

    @Test func theQuizLengthCapsApply() throws {
        let long = String(repeating: "ә", count: 50_000)
        let e = try refusal(header + "t-1,AAA222,,,,pre,q10,\(long),,\n")
        #expect(e.description.contains("in.csv:2: error: response is 50000 characters long; at most \(TextPolicy.openAnswerMaxLength) are allowed"), "\(e.description.prefix(300))")
        let other = String(repeating: "x", count: TextPolicy.fieldMaxLength + 1)
        let wide = try refusal("participant_id,agency,agency_other,phase,q10\nAAA222,other,\(other),pre,text\n")
        #expect(wide.description.contains("agency_other is \(TextPolicy.fieldMaxLength + 1) characters long"), "\(wide.description)")
    }

    @Test func tabsAndLineBreaksInAnswersAreKeptAsTheQuizStoresThem() throws {
        let k = keys()
        let t = try TempStore()
        try t.store.addTraining(Training(id: "t-1", title: "T"))
        let csv = header + "t-1,AAA222,,,,pre,q10,\"a\tb\r\nc\",,\n"
        _ = try t.store.importCSV(Array(csv.utf8), options: CSVImportOptions(quiz: k.quiz, survey: k.survey))
        #expect(try results(t.store).contains { $0.contains("|a\tb\nc|") })
        #expect(TextPolicy.problem(String(repeating: "ә", count: TextPolicy.openAnswerMaxLength), multiline: true, maxLength: TextPolicy.openAnswerMaxLength) == nil)
    }

    @Test func trainingTextsFollowThePolicyToo() throws {
        let t = try TempStore()
        #expect(throws: ResultsError.self) { try t.store.addTraining(Training(id: "t1", title: "T\u{1B}]0;x\u{07}")) }
        #expect(throws: ResultsError.self) { try t.store.addTraining(Training(id: "t1", title: "T", place: String(repeating: "ә", count: 121))) }
        #expect(try t.store.trainings().isEmpty)
        try t.store.addTraining(Training(id: "t1", title: "Бала саудасы\tтренингі", place: "Шымкент"))
    }

    @Test func theStoreItselfRefusesTextOutsideThePolicy() throws {
        let t = try TempStore()
        try t.store.addTraining(Training(id: "t1", title: "T"))
        #expect(throws: ResultsError.self) { _ = try t.store.register(Registration(name: "A\u{1B}[2J", region: "r", agency: "a", gender: "f"), training: "t1") }
        #expect(try t.store.participants(training: "t1").isEmpty)
        let p = try t.store.register(Registration(name: "Әсел", region: "r", agency: "a", gender: "f"), training: "t1")
        let a = try t.store.startAttempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test", contentHash: "h")
        #expect(throws: ResultsError.self) { try t.store.save(Response(questionID: "q10", text: "x\u{0}y", maxScore: 2), attempt: a.rowID, position: 0) }
        try t.store.save(Response(questionID: "q10", text: "бір\tекі\nүш", maxScore: 2), attempt: a.rowID, position: 0)
        #expect(try t.store.responses(attempt: a.rowID)["q10"]?.text == "бір\tекі\nүш")
    }

    @Test func storedTextIsShownOnATerminalWithItsControlsVisible() {
        #expect(TextPolicy.terminalSafe("a\u{1B}[2Jb\u{07}\u{0}\u{7F}\u{9B}c\nd\te") == "a^[[2Jb^G^@^?\u{FFFD}c\nd\te")
        #expect(TextPolicy.terminalSafe("x\ny", keepLineBreaks: false) == "x^Jy")
        #expect(TextPolicy.terminalSafe("Қазақша мәтін") == "Қазақша мәтін")
    }

    @Test func exportGuardsFormulasBehindLeadingWhiteSpace() throws {
        let t = try TempStore()
        let s = t.store
        try s.addTraining(Training(id: "t-1", title: "T"))
        let p = try s.register(Registration(name: "N", region: "r", agency: "police", gender: "f"), training: "t-1")
        let a = try s.startAttempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test", contentHash: "h")
        let planted = [" =HYPERLINK(\"http://x\")", "\t=1+1", "\r@SUM(A1)", "\n+cmd", "  -2+3"]
        for (i, text) in planted.enumerated() {
            try s.save(Response(questionID: "q\(i + 1)", text: "x", maxScore: 2), attempt: a.rowID, position: i)
            // Stored behind the policy's back (a CR is refused today; an older database may hold one).
            try s.db.write { db in try db.execute(sql: "UPDATE response SET text = ? WHERE question_id = ?", arguments: [text, "q\(i + 1)"]) }
        }
        try s.submit(attempt: a.rowID)
        for format in CSVFormat.allCases {
            var cells: [String] = []
            CSVReader.parse(Array(try s.exportCSV(format: format).dropFirst(3)), separator: UInt8(ascii: ",")) { _, fields in cells += fields }
            for text in planted {
                #expect(cells.contains("'" + text), "\(format): \(text.debugDescription) exported unguarded")
                #expect(!cells.contains(text))
            }
        }
        // The site's table downloads are written by the same writer (SiteBuilder calls CSVWriter.file).
        let download = String(decoding: CSVWriter.file([["Жыл", "Саны"], [" =1+1", "\t@x"]]).dropFirst(3), as: UTF8.self)
        #expect(download == "Жыл,Саны\r\n' =1+1,'\t@x\r\n")
    }
}

extension ResultsStore {
    /// The GRDB queue of an SQLite store, for tests that reach into the file.
    var db: DatabaseQueue {
        get throws { try #require(sqliteQueue, "an SQLite store") }
    }
}
