import Instruments
import Foundation
import Testing
import TestSupport
@testable import QuizRunner
@testable import Results

@Suite(.serialized) struct PlainModeTests {
    /// A database where two participants took the pre-test, each with an open answer to score.
    func twoPreTestsToScore(_ kind: StoreKind = .sqlite) throws -> TempDB {
        let db = try TempDB(kind)
        for name in ["Бірінші Қатысушы", "Екінші Қатысушы"] {
            let pre = try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: prePlainScript(name: name))
            #expect(pre.status == 0, "\(pre.output)")
        }
        return db
    }

    /// The scores saved for the open question q10 of the pre-tests (unscored answers left out).
    func savedOpenScores(_ db: TempDB) throws -> [Double] {
        let store = try db.store()
        return try store.participants(training: "t1").compactMap { p in
            try store.attempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test").flatMap { try store.responses(attempt: $0.rowID)["q10"]?.score }
        }
    }

    /// The trainer types the score itself: «2» gives 2 points, «0» gives 0, and a value off the scale is refused.
    @Test(arguments: StoreKind.allCases) func scoringStoresTheTypedScore(store kind: StoreKind) throws {
        let db = try twoPreTestsToScore(kind)
        let scored = try runKatch(["score", "--training", "t1", "--plain", "--db", db.path, "--course", fixtureCourse], input: "3\n2\n0\n")
        #expect(scored.status == 0, "\(scored.output)")
        #expect(scored.output.contains("0) ") && scored.output.contains("2) ") && !scored.output.contains("3) "))
        #expect(scored.output.contains("0, 1, 2"), "the refusal of 3 names the allowed scores")
        let scores = try savedOpenScores(db)
        #expect(scores.sorted() == [0, 2])
    }

    /// Registering again by name (no code) finds the earlier registration: a submitted pre-test is
    /// refused, nobody is registered twice; a different person with the same name can still register.
    @Test(arguments: StoreKind.allCases) func secondPreTestByNameIsRefused(store kind: StoreKind) throws {
        let db = try TempDB(kind)
        let quiz = ["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse]
        #expect(try runKatch(quiz, input: prePlainScript(name: "Айгүл Сәрсенова")).status == 0)
        // «Is one of them you?» → yes, then the registration answers confirm it (region 1, agency 1).
        let again = try runKatch(quiz, input: "\nайгүл  СӘРСЕНОВА\n1\n1\n1\n\n")
        #expect(again.output.contains("Олардың бірі сіз бе"))
        #expect(again.output.contains("тестті тапсырып қойдыңыз"), "\(again.output)")
        let store = try db.store()
        #expect(try store.participants(training: "t1").count == 1)
        // «2»: another person of the same name registers and gets a code of their own.
        var other = prePlainScript(name: "Айгүл Сәрсенова").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        other.insert("2", at: 2)
        #expect(try runKatch(quiz, input: other.joined(separator: "\n")).status == 0)
        #expect(try store.participants(training: "t1").count == 2)
    }

    @Test(arguments: StoreKind.allCases) func wholePreAndPostTestInPlainMode(store kind: StoreKind) throws {
        let db = try TempDB(kind)
        let pre = try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: prePlainScript(name: "Айгүл Сәрсенова"))
        #expect(pre.status == 0, "\(pre.output)")
        let store = try db.store()
        let participant = try #require(try store.participants(training: "t1").first)
        #expect(pre.output.contains(participant.code))
        let attempt = try #require(try store.attempt(participant: participant.rowID, phase: .pre, instrument: "pre-post-test"))
        #expect(attempt.isSubmitted)
        let answers = try store.responses(attempt: attempt.rowID)
        #expect(answers["q1"]?.choice == "a" && answers["q1"]?.correct == true)
        #expect(answers["q2"]?.choice == "b" && answers["q2"]?.correct == true)
        #expect(answers["q3"]?.choice == "a;b" && answers["q3"]?.correct == true)
        #expect(answers["q10"]?.text == "Полиция мен әлеуметтік қызмет")
        #expect(answers["q10"]?.score == nil && answers["q10"]?.maxScore == 2)
        // Test mode: nothing about correctness during or after the pre-test.
        for word in ["Дұрыс", "дұрыс", "%"] { #expect(!pre.output.contains(word), "pre-test shows «\(word)»") }

        // Post-test found by code; then feedback; then own pre and post scores.
        // Found by name, confirmed by the registration answers (region 1, agency 1) — nothing of theirs is shown.
        let post = ["Айгүл сәрсенова", "1", "1", "1", "1", "3", "", "1", "1", "4", "Жақсы өтті", ".", "1", "1"].joined(separator: "\n") + "\n"
        let run = try runKatch(["quiz", "post", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: post)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("100%"))
        // Post: q1 right, q2 and q3 wrong, the open q10 skipped (0 of its 2 points, kept in the maximum): 1 / 5.
        #expect(run.output.contains("20%"))
        let postAttempt = try #require(try store.attempt(participant: participant.rowID, phase: .post, instrument: "pre-post-test"))
        #expect(postAttempt.isSubmitted)
        let feedback = try #require(try store.attempt(participant: participant.rowID, phase: .feedback, instrument: "feedback-form"))
        #expect(try store.responses(attempt: feedback.rowID)["f1"]?.choice == "4")
        // A second pre-test for the same person is refused.
        let again = try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: participant.code + "\n")
        #expect(again.status == 1)
        #expect(again.output.contains("екінші рет"))
    }

    /// Looking someone up by name shows nothing of theirs and opens nothing: the registration
    /// answers must confirm it. Wrong answers: no region or agency shown, no post-test, no score.
    @Test func lookupByNameDisclosesNothing() throws {
        let db = try TempDB()
        #expect(try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: prePlainScript(name: "Айгүл Сәрсенова")).status == 0)
        // Someone else types her name, then guesses region 2 and agency 2.
        let run = try runKatch(["quiz", "post", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: "Айгүл Сәрсенова\n2\n2\n\n")
        #expect(run.output.contains("Растау мүмкін болмады"), "\(run.output)")
        #expect(!run.output.contains("Шымкент қаласы, Полиция") && !run.output.contains("(Шымкент"), "her registration was shown")
        #expect(!run.output.contains("%"), "a score was shown")
        let store = try db.store()
        let p = try #require(try store.participants(training: "t1").first)
        #expect(try store.attempt(participant: p.rowID, phase: .post, instrument: "pre-post-test") == nil, "a post-test was started for her")
    }

    /// One participant through every case — a skipped choice, a wrong multiple answer, an unscored
    /// then scored open answer, a skipped open answer — and every place that shows a score agrees:
    /// the participant's end screen, `katch score`, the report, the export and a re-import.
    @Test func oneScoreEverywhere() throws {
        let db = try TempDB()
        let name = "Сәуле Жақыпова"
        // Pre: q1 right, q2 skipped, q3 only a (wrong), q10 answered (not yet scored).
        let pre = ["", name, "1", "1", "1", "", "1", "", "1", "Полиция", ".", "1", "1"].joined(separator: "\n") + "\n"
        #expect(try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: pre).status == 0)
        // Post: q1, q2, q3 right, q10 skipped; then the feedback form; the end screen shows both scores.
        let post = [name, "1", "1", "1", "2", "1 2", "", "1", "1", "4", "Жақсы", ".", "1", "1"].joined(separator: "\n") + "\n"
        let end = try runKatch(["quiz", "post", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: post)
        #expect(end.status == 0, "\(end.output)")
        // Pre 1 of 3 (q10 waits for its score), post 3 of 5 (the skipped q10 counts 0 of 2).
        #expect(end.output.contains("33%") && end.output.contains("60%"), "\(end.output)")

        // The trainer scores q10 of the pre-test: 2 points. End of input after it: exit 3, one answer counted.
        let scored = try runKatch(["score", "--training", "t1", "--plain", "--db", db.path, "--course", fixtureCourse], input: "2\n")
        #expect(scored.status == 0, "\(scored.output)")
        #expect(scored.output.contains("Бағаланды: 1 жауап"), "\(scored.output)")

        func participantScores(_ dbPath: String) throws -> (pre: Double?, post: Double?) {
            let out = try runKatch(["report", "--db", dbPath, "--course", fixtureCourse, "--format", "json"], input: "")
            #expect(out.status == 0, "\(out.output)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(out.output.utf8)) as? [String: Any])
            let overall = try #require(json["overall"] as? [String: Any])
            let people = try #require(overall["participants"] as? [[String: Any]])
            #expect(people.count == 1)
            return (people.first?["pre"] as? Double, people.first?["post"] as? Double)
        }
        // Pre now 3 of 5 = 60%, post 60%.
        let report = try participantScores(db.path)
        #expect(report.pre == 60 && report.post == 60, "\(report)")

        // Export and import into a new database: the same scores.
        let csv = db.path + ".csv"
        #expect(try runKatch(["results", "export", "--format", "long", "--db", db.path, "--course", fixtureCourse, "-o", csv], input: "").status == 0)
        let exported = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(exported.contains(",pre,q10,Полиция,,2,"), "\(exported)")
        let other = try TempDB()
        let imported = try runKatch(["results", "import", csv, "--db", other.path, "--course", fixtureCourse, "--create-trainings"], input: "")
        #expect(imported.status == 0, "\(imported.output)")
        let again = try participantScores(other.path)
        #expect(again.pre == 60 && again.post == 60, "\(again)")

        // Scoring again with --all shows the saved 2 and Enter on it changes nothing (none counted).
        let rescored = try runKatch(["score", "--training", "t1", "--all", "--plain", "--db", db.path, "--course", fixtureCourse], input: "2\n")
        #expect(rescored.output.contains("Бағаланды: 0 жауап"), "\(rescored.output)")
    }

    /// Going back shows the score just saved (not 0 or an older value), and an empty line keeps it.
    @Test func scoringGoingBackShowsTheSavedScore() throws {
        let db = try twoPreTestsToScore()
        // First answer 2, back from the second to the first (shown with its saved 2 marked), keep it, skip the second.
        let run = try runKatch(["score", "--training", "t1", "--plain", "--db", db.path, "--course", fixtureCourse], input: "2\n<\n\n\n")
        #expect(run.status == 0, "\(run.output)")
        let screens = run.output.components(separatedBy: "Ашық жауаптарды бағалау — 1 / 2")
        #expect(screens.count == 3, "\(run.output)")
        #expect(screens[2].contains("*2) "), "the first answer shown again marks its saved score: \(screens[2])")
        #expect(run.output.contains("Бағаланды: 1 жауап"), "\(run.output)")
        let scores = try savedOpenScores(db)
        #expect(scores == [2])
    }

    /// End of input while scoring keeps what was scored and exits with 3 (as the README says), not 130.
    @Test func scoringEndOfInputExitsThree() throws {
        let db = try twoPreTestsToScore()
        let run = try runKatch(["score", "--training", "t1", "--plain", "--db", db.path, "--course", fixtureCourse], input: "1\n")
        #expect(run.status == 3, "\(run.output)")
        #expect(run.output.contains("Бағаланды: 1 жауап"), "\(run.output)")
    }

    @Test func badInputIsRefusedAndNeverStored() throws {
        let db = try TempDB()
        let long = String(repeating: "ә", count: 200)
        let lines = [
            "", "", "   ", long, "Бекзат\u{07}", "Бекзат Әлиев",  // name: empty, spaces, too long, control char, ok
            "0", "9", "x", "1",  // region: out of range, letters
            "-1", "2.5", "2",  // agency
            "3", "1",  // gender out of range
            long,  "",  // contact too long, skip
            "7", "zz", "1",  // q1
            "1",  // q2
            "1 9", "q", "1",  // q3
            "", "",  // q4 skipped (open: empty line keeps nothing)
            "9", "1", "1",  // review, confirm
        ]
        var input = Data(lines.joined(separator: "\n").utf8)
        // Insert a line of invalid UTF-8 before the region answers.
        let marker = Data("\n0\n".utf8)
        if let r = input.range(of: marker) { input.replaceSubrange(r, with: Data("\n\u{FF}\n0\n".utf8.map { $0 == 0xC3 ? 0xFF : $0 })) }
        let run = try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: String(decoding: input, as: UTF8.self) + "\n")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("Бұл өріс міндетті"))
        #expect(run.output.contains("Тым ұзын"))
        #expect(run.output.contains("басқару таңбаларына"))
        #expect(run.output.contains("1-ден 2-ге дейінгі"))
        let store = try db.store()
        let p = try #require(try store.participants(training: "t1").first)
        #expect(p.region == "shymkent" && p.agency == "education" && p.gender == "f")
        let answers = try store.responses(attempt: try #require(try store.attempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test")).rowID)
        #expect(answers.keys.sorted() == ["q1", "q2", "q3"])
        #expect(answers.values.allSatisfy { ($0.text ?? "").count < 100 })
    }

    @Test func invalidUTF8LineIsRefused() throws {
        let db = try TempDB()
        var bytes = Data("\n".utf8)
        bytes.append(contentsOf: [0x41, 0xC3, 0x28, 0x0A])  // invalid UTF-8 as the name
        bytes.append(Data("Дана\n1\n1\n1\n\n".utf8))
        let run = try runKatchData(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: bytes)
        #expect(run.output.contains("UTF-8 емес"))
        #expect(run.status == 3)  // input ended before the end: saved, non-zero
        let p = try #require(try db.store().participants(training: "t1").first)
        #expect(p.region == "shymkent")
    }

    @Test func endOfInputSavesAndExitsNonZero() throws {
        let db = try TempDB()
        let partial = ["", "Дана", "1", "1", "1", "", "1", "2"].joined(separator: "\n") + "\n"
        let run = try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: partial)
        #expect(run.status == 3)
        #expect(run.output.contains("сақталды"))
        let store = try db.store()
        let p = try #require(try store.participants(training: "t1").first)
        let attempt = try #require(try store.attempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test"))
        #expect(!attempt.isSubmitted)
        #expect(try store.responses(attempt: attempt.rowID).count == 2)
        #expect(run.output.contains("Сіздің қатысушы кодыңыз: \(p.code)"), "stopping reminds the participant of the code")
        // Input that ends during registration says that nothing was saved.
        let early = try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: "\nЕркін\n")
        #expect(early.status == 3 && early.output.contains("ештеңе сақталған жоқ") && !early.output.contains("сақталды"))
        // Running again with the code offers to resume and continues at question 3.
        let resume = [p.code, "1", "1 2", "", "1", "1"].joined(separator: "\n") + "\n"
        let again = try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: resume)
        #expect(again.status == 0, "\(again.output)")
        #expect(again.output.contains("Жалғастырасыз ба"))
        #expect(try store.attempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test")?.isSubmitted == true)
        #expect(try store.responses(attempt: attempt.rowID).count == 3)
    }

    @Test func unknownTrainingIsRefused() throws {
        let db = try TempDB()
        let run = try runKatch(["quiz", "pre", "--training", "nope", "--db", db.path, "--course", fixtureCourse], input: "")
        #expect(run.status == 1)
        #expect(run.output.contains("nope"))
    }

    @Test func thirtyParticipantsAtOnce() throws {
        let db = try TempDB()
        let binary = try katchBinary()
        // All thirty start before any of them gets its input's end, so they write at the same time.
        let processes = try (0..<30).map { i in
            try Subprocess(binary, ["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse],
                           input: Data(prePlainScript(name: "Қатысушы \(i)").utf8))
        }
        let results = try processes.map { try $0.wait(timeout: 180) }
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.filter { $0.status != 0 }.map(\.output))")
        let store = try db.store()
        let participants = try store.participants(training: "t1")
        #expect(participants.count == 30)
        #expect(Set(participants.map(\.code)).count == 30)
        var complete = 0
        for p in participants {
            if let a = try store.attempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test"), a.isSubmitted,
                try store.responses(attempt: a.rowID).count == 4
            {
                complete += 1
            }
        }
        #expect(complete == 30)
    }
}
