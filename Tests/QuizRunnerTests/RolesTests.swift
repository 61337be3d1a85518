import Foundation
import Instruments
import Testing
import TestSupport
@testable import Results

/// The least-privilege roles of a central store (issue 17, item 5): a quiz station connected as
/// katch_quiz runs a whole quiz but cannot read names or other participants' answers; a report
/// connected as katch_report reads what reports read and nothing else.
@Suite struct RolesTests {
    @Test func aQuizStationCannotReadNamesOrOthersAnswersAndAReportReadsWithoutNames() throws {
        let owner = try newTestPostgresDatabase()
        #expect(try runKatch(["training", "add", "t1", "--title", "T", "--db", owner], input: "").status == 0)
        let roles = try runKatch(["db", "roles", "--db", owner, "--apply"], input: "")
        #expect(roles.status == 0, "\(roles.output)")
        #expect(try runKatch(["db", "roles", "--db", owner, "--apply"], input: "").status == 0, "setting up the roles again changes nothing")
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let password = "pw-\(suffix)"
        try testPostgresAdmin([
            "CREATE ROLE station_\(suffix) LOGIN PASSWORD '\(password)' IN ROLE katch_quiz",
            "CREATE ROLE analyst_\(suffix) LOGIN PASSWORD '\(password)' IN ROLE katch_report",
        ])
        let database = try PostgresURL(owner).database
        let station = testPostgresURLText(database: database, user: "station_\(suffix)", password: password)
        let analyst = testPostgresURLText(database: database, user: "analyst_\(suffix)", password: password)

        // Somebody else's submitted pre-test, entered by the owner.
        let central = try ResultsStore(path: owner)
        let other = try central.register(Registration(name: "Бөтен Адам", region: "shymkent-city", agency: "police", gender: "f", contact: "+7 700"), training: "t1")
        let theirs = try central.startAttempt(participant: other.rowID, phase: .pre, instrument: "pre-post-test", contentHash: "h")
        try central.save(Response(questionID: "q1", choice: "b", correct: false, score: 0), attempt: theirs.rowID, position: 1)
        try central.submit(attempt: theirs.rowID)

        // A whole pre-test at the station.
        let name = "Станция Қатысушысы"
        let quiz = try runKatch(["quiz", "pre", "--training", "t1", "--db", station, "--course", fixtureCourse], input: prePlainScript(name: name))
        #expect(quiz.status == 0, "\(quiz.output)")
        let mine = try #require(try central.participants(training: "t1", name: name).first)
        let myAttempt = try #require(try central.attempt(participant: mine.rowID, phase: .pre, instrument: "pre-post-test"))
        #expect(myAttempt.isSubmitted)
        let myAnswers = try central.responses(attempt: myAttempt.rowID)
        #expect(!myAnswers.isEmpty)

        let s = try ResultsStore(path: station)
        #expect(!s.readsSubmittedAnswers)
        #expect(throws: ResultsError.self) { _ = try s.read { c in try c.all("SELECT name, contact FROM participant_identity") } }
        #expect(try s.responses(attempt: theirs.rowID).isEmpty, "another participant's submitted answers are hidden")
        #expect(try s.snapshot().responses.isEmpty)
        let changed = try s.write { c in try c.execute("UPDATE response SET choice = 'a' WHERE attempt_id = ?", [theirs.rowID]) }
        #expect(changed == 0, "a submitted answer cannot be changed")
        #expect(try central.responses(attempt: theirs.rowID)["q1"]?.choice == "b")
        // A returning participant is still found by the name they type (without reading names).
        #expect(try s.participants(training: "t1", name: "станция  қатысушысы").map(\.code) == [mine.code])
        #expect(throws: ResultsError.self) { try s.addTraining(Training(id: "t2", title: "T")) }

        // The analyst: the same report and export as the owner's, no names, no writes.
        for format in ["json", "csv"] {
            let asOwner = try runKatch(["report", "--db", owner, "--course", fixtureCourse, "--format", format], input: "")
            let asAnalyst = try runKatch(["report", "--db", analyst, "--course", fixtureCourse, "--format", format], input: "")
            #expect(asAnalyst.status == 0, "\(asAnalyst.output)")
            #expect(asAnalyst.output == asOwner.output)
        }
        let export = try runKatch(["results", "export", "--db", analyst, "--course", fixtureCourse], input: "")
        #expect(export.status == 0 && export.output.contains(mine.code) && export.output.contains(other.code), "\(export.output)")
        let r = try ResultsStore(path: analyst, readOnly: true)
        #expect(throws: ResultsError.self) { _ = try r.read { c in try c.all("SELECT name FROM participant_identity") } }
        let w = try ResultsStore(path: analyst)
        #expect(throws: ResultsError.self) { try w.addTraining(Training(id: "t3", title: "T")) }
    }

    @Test func rolesArePrintedForAnOwnerToReviewAndRefusedOnSQLite() throws {
        let printed = try runKatch(["db", "roles", "--db", "postgres://owner@db.example.kz/katch"], input: "")
        #expect(printed.status == 0)
        #expect(printed.output.contains("CREATE ROLE katch_quiz NOLOGIN") && printed.output.contains("GRANT INSERT ON participant_identity TO katch_quiz"))
        #expect(!printed.output.contains("GRANT SELECT ON participant_identity"))
        let db = try TempDB()
        let refused = try runKatch(["db", "roles", "--db", db.path], input: "")
        #expect(refused.status == 1 && refused.output.contains("roles exist only on a PostgreSQL store"), "\(refused.output)")
    }
}
