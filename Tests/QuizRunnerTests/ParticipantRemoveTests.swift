import Instruments
import Foundation
import Testing
import TestSupport
@testable import Results

/// Issue 13: `katch participant remove` and `katch --version`.
@Suite struct ParticipantRemoveTests {
    @Test func versionIsPrinted() throws {
        let r = try runKatch(["--version"], input: "")
        #expect(r.status == 0)
        #expect(r.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3, "\(r.output)")
    }

    @Test func aParticipantRegisteredByMistakeIsRemovedWithTheirName() throws {
        let db = try TempDB()
        let store = try db.store()
        let name = "Қате Тіркелген Адам"
        let p = try store.register(Registration(name: name, region: "shymkent-city", agency: "police", gender: "f", contact: "+7 700 000 0000"), training: "t1")
        let attempt = try store.startAttempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test", contentHash: "x")
        try store.save(Response(questionID: "q1", choice: "a", correct: true, score: 1), attempt: attempt.rowID, position: 1)
        let list = try runKatch(["participant", "list", "--training", "t1", "--db", db.path], input: "")
        #expect(list.status == 0)
        #expect(list.output.contains(p.code) && list.output.contains("pre not submitted (1)"), "\(list.output)")
        #expect(!list.output.contains(name), "names are never listed")
        let r = try runKatch(["participant", "remove", p.code.lowercased(), "--training", "t1", "--db", db.path], input: "")
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("removed participant \(p.code)"))
        #expect(r.output.contains("pre attempt of pre-post-test (not submitted): 1 answer"), "\(r.output)")
        #expect(r.output.contains("name and contact"))
        #expect(try store.participant(training: "t1", code: p.code) == nil)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db.path)) + ((try? Data(contentsOf: URL(fileURLWithPath: db.path + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data(name.utf8)) == nil, "the name is still in the database file")
        let unknown = try runKatch(["participant", "remove", p.code, "--training", "t1", "--db", db.path], input: "")
        #expect(unknown.status == 1)
        #expect(unknown.output.contains("no participant"))
    }

    @Test(arguments: StoreKind.allCases) func aSubmittedParticipantNeedsForce(store kind: StoreKind) throws {
        let db = try TempDB(kind)
        let pre = try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: prePlainScript(name: "Айгүл Сәрсенова"))
        #expect(pre.status == 0, "\(pre.output)")
        let store = try db.store()
        let p = try #require(try store.participants(training: "t1").first)
        let refused = try runKatch(["participant", "remove", p.code, "--training", "t1", "--db", db.path], input: "")
        #expect(refused.status == 1)
        #expect(refused.output.contains("--force") && refused.output.contains("nothing was removed"), "\(refused.output)")
        #expect(try store.participant(training: "t1", code: p.code) != nil)
        let forced = try runKatch(["participant", "remove", p.code, "--training", "t1", "--db", db.path, "--force"], input: "")
        #expect(forced.status == 0, "\(forced.output)")
        #expect(forced.output.contains("(submitted)"))
        #expect(try store.participants(training: "t1").isEmpty)
    }
}
