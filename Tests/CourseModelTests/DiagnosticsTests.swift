import Foundation
import Markdown
import Testing
@testable import CourseModel

/// `katch check` reports file:line for every kind of bad input.
@Suite struct DiagnosticsTests {
    @Test func cleanCourseHasNoDiagnostics() throws {
        let course = try TempCourse()
        #expect(course.load().diagnostics.isEmpty)
    }

    @Test func duplicatePageID() throws {
        let c = try TempCourse(files: ["exercises/x.md": page("intro", body: "A\n")])
        let d = c.diagnostics("duplicate-id")
        #expect(d.count == 1)
        #expect(d.first?.file == "modules/intro.md" || d.first?.file == "exercises/x.md")
        #expect(d.first?.severity == .error)
    }

    @Test func missingRequiredKeyNamesTheLine() throws {
        let c = try TempCourse(files: ["modules/p.md": "---\nid: p\nkind: page\n---\nText\n"])
        let d = c.diagnostics("missing-key")
        #expect(d.count == 1)
        #expect(d.first?.message.contains("title") == true)
        #expect(d.first?.file == "modules/p.md")
    }

    @Test func danglingCrossReferenceWithLine() throws {
        let c = try TempCourse(files: ["modules/p.md": page("p", body: "Line one.\n\nSee [here](id:nowhere).\n")])
        let d = c.diagnostics("dangling-reference")
        #expect(d.count == 1)
        #expect(d.first?.position.line == 8)
        #expect(d.first?.description.hasPrefix("modules/p.md:8:5: error: dangling reference 'id:nowhere'") == true)
    }

    /// Inside long paragraphs, quotes, callouts, lists, quiz options and footnote definitions the
    /// diagnostic points at the reference itself, not at the start of its block.
    @Test func referencesAndFootnotesAreFoundWhereWritten() throws {
        let body = [
            "Бірінші жол,",  // 6
            "екінші жол [мұнда](id:joq-1) және",  // 7
            "үшінші жол[^9].",  // 8
            "",
            "> [!NOTE] Тақырып [сілтеме](id:joq-2)",  // 10
            "> Мәтін,",
            ">   тағы [бір](id:joq-3).",  // 12
            "",
            "- бірінші",
            "- екінші *қатар [x](id:joq-4)*",  // 15
            "",
            "Сілтеме[^1].",
            "",
            "[^1]: Түсініктеме, [қараңыз](id:joq-5).",  // 19
        ].joined(separator: "\n") + "\n"
        let c = try TempCourse(files: ["modules/p.md": page("p", body: body)])
        let refs = c.diagnostics("dangling-reference").map { "\($0.message.split(separator: "'")[1]) \($0.position)" }
        #expect(Set(refs) == ["id:joq-1 7:12", "id:joq-2 10:19", "id:joq-3 12:10", "id:joq-4 15:17", "id:joq-5 19:20"])
        #expect(c.diagnostics("undefined-footnote").map(\.position.description) == ["8:11"])

        let quiz = page("quiz", kind: "quiz", body: "## Сұрақ {#q1}\n- [ ] бір\n- [x] екі [a](id:joq-6)[^7]\n")
        let q = try TempCourse(files: ["exercises/quiz.md": quiz])
        #expect(q.diagnostics("dangling-reference").map(\.position.description) == ["8:11"])
        #expect(q.diagnostics("undefined-footnote").map(\.position.description) == ["8:24"])
    }

    @Test func unknownCalloutKind() throws {
        let c = try TempCourse(files: ["modules/p.md": page("p", body: "\n> [!DANGER] Title\n> Text\n")])
        let d = c.diagnostics("unknown-callout")
        #expect(d.count == 1)
        #expect(d.first?.position.line == 7)
        #expect(d.first?.message.contains("DANGER") == true)
    }

    @Test func quizItemWithoutCorrectOption() throws {
        let quiz = page("quiz", kind: "quiz", body: "## Сұрақ {#q1}\n- [ ] a\n- [ ] b\n")
        let c = try TempCourse(files: ["exercises/quiz.md": quiz])
        let d = c.diagnostics("no-correct-option")
        #expect(d.count == 1)
        #expect(d.first?.position.line == 6)
    }

    /// Issue 12: `values` must be scale values on a scale item; `read` should name a heading of the page.
    @Test func screeningValuesAndReadAloud() throws {
        let tool = """
            ## Жұмыс анықтамасы
            Оқып беріңіз.

            ```screening
            read: "Кіріспе ескертулер"
            scale: [{value: 0, label: "жоқ"}, {value: 3, label: "бар"}]
            sections:
              - id: A
                title: A
                read: "Жұмыс анықтамасы"
                items:
                  - {id: A1, text: x, type: scale, values: [0, 3]}
                  - {id: A2, text: y, type: scale, values: [2]}
                  - {id: A3, text: z, type: yesno, values: [0]}
            ```

            """
        let c = try TempCourse(files: ["exercises/tool.md": page("tool", kind: "screening", body: tool)])
        #expect(c.diagnostics("screening-values").map(\.message).sorted() == [
            "screening item 'A2': values [2] must be values of the scale [0, 3]",
            "screening item 'A3': values are for scale items only",
        ])
        let read = c.diagnostics("screening-read")
        #expect(read.count == 1 && read.first?.message.contains("'Кіріспе ескертулер'") == true, "\(read)")
        let loaded = try #require(c.load().course.page("tool")?.screeningTools.first)
        #expect(loaded.sections.first?.maxScore(top: loaded.scaleTop) == 3 + 2 + 0)
    }

    @Test func singleChoiceWithTwoCorrectOptions() throws {
        let quiz = page("quiz", kind: "quiz", body: "## Сұрақ {#q1}\n- [x] a\n- [x] b\n")
        #expect(try TempCourse(files: ["exercises/quiz.md": quiz]).diagnostics("several-correct-options").count == 1)
    }

    @Test func agendaSessionThatNamesNothing() throws {
        let config = TempCourse.baseConfig + "        - {title: \"\", duration: 10}\n"
        let c = try TempCourse(config: config.replacingOccurrences(of: "        - {title: \"\"", with: "        - {title: \"\""))
        let d = c.diagnostics("empty-session")
        #expect(d.count == 1)
        #expect(d.first?.file == "course.yml")
        #expect(d.first?.position.line == 11)
    }

    @Test func agendaReferenceToUnknownPage() throws {
        let config = TempCourse.baseConfig.replacingOccurrences(of: "refs: [intro]", with: "refs: [intro, ghost]")
        let d = try TempCourse(config: config).diagnostics("dangling-reference")
        #expect(d.count == 1)
        #expect(d.first?.position.line == 10)
    }

    @Test func zeroPageDurationIsAnError() throws {
        let c = try TempCourse(files: ["exercises/e.md": "---\nid: e\ntitle: E\nkind: exercise\nduration: 0\n---\nМәтін.\n"])
        let d = c.diagnostics("bad-duration")
        #expect(d.count == 1 && d.first?.position.line == 5, "\(d.map(\.description))")
    }

    @Test func malformedYAMLNamesItsLine() throws {
        let c = try TempCourse(files: ["modules/p.md": "---\nid: p\ntitle: [unclosed\nkind: page\n---\nText\n"])
        let d = c.diagnostics("bad-yaml")
        #expect(d.count == 1)
        #expect((3...5).contains(d.first?.position.line ?? 0))
    }

    @Test func malformedCourseYML() throws {
        let d = try TempCourse(config: "title: x\nagenda: {days: [\n").diagnostics("bad-yaml")
        #expect(d.count == 1)
        #expect(d.first?.file == "course.yml")
    }

    @Test func fileThatIsNotUTF8() throws {
        let c = try TempCourse()
        var bytes = Data("---\nid: bad\ntitle: x\nkind: page\n---\nok line\n".utf8)
        bytes.append(contentsOf: [0xC3, 0x28, 0x0A])
        try c.write("modules/bad.md", bytes)
        let d = c.diagnostics("not-utf8")
        #expect(d.count == 1)
        #expect(d.first?.position.line == 7)
    }

    @Test func dayTooLong() throws {
        let config = TempCourse.baseConfig.replacingOccurrences(of: "duration: 30", with: "duration: 700")
        #expect(try TempCourse(config: config).diagnostics("day-too-long").count == 1)
    }

    @Test func unknownMaterialAndModule() throws {
        let p = page("p", kind: "exercise", extra: "materials: [flipchart, laser]\nmodule: module-9\n", body: "x\n")
        let c = try TempCourse(files: ["exercises/p.md": p])
        #expect(c.diagnostics("unknown-material").count == 1)
        #expect(c.diagnostics("unknown-module").count == 1)
    }

    @Test func undefinedAndUnusedFootnotes() throws {
        let c = try TempCourse(files: ["modules/p.md": page("p", body: "Мәтін[^3].\n\n[^4]: Артық.\n")])
        #expect(c.diagnostics("undefined-footnote").first?.position.description == "6:6")
        #expect(c.diagnostics("unused-footnote").count == 1)
    }

    @Test func missingFrontMatterAndUnknownKind() throws {
        let c = try TempCourse(files: [
            "modules/a.md": "# Just a heading\n",
            "modules/b.md": page("b", kind: "lecture", body: "x\n"),
        ])
        #expect(c.diagnostics("missing-front-matter").first?.file == "modules/a.md")
        let kind = c.diagnostics("unknown-kind")
        #expect(kind.first?.file == "modules/b.md")
        #expect(kind.first?.position.line == 4)
    }

    @Test func duplicateHeadingIDAcrossPages() throws {
        let c = try TempCourse(files: [
            "modules/a.md": page("a", body: "## A {#sec}\n"),
            "modules/b.md": page("b", body: "## B {#sec}\n"),
        ])
        #expect(c.diagnostics("duplicate-id").count == 1)
    }

    @Test func garbageNeverCrashes() throws {
        let c = try TempCourse()
        var random = SystemRandomNumberGenerator()
        try c.write("modules/binary.md", Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }))
        try c.write("modules/empty.md", Data())
        // A file just under the size limit is read; one byte more and it is an error naming its size.
        var big = "---\nid: big\ntitle: Big\nkind: page\n---\n"
        let line = "Үлкен файлдың жолы [сілтеме](https://example.org) *екпін* `код`.\n\n"
        while big.utf8.count + line.utf8.count <= SourceFile.maximumSize { big += line }
        big += String(repeating: "\n", count: SourceFile.maximumSize - big.utf8.count)
        try c.write("modules/big.md", Data(big.utf8))
        try c.write("modules/huge.md", Data((big + "\n").utf8))
        var nested = "---\nid: nested\ntitle: N\nkind: page\n---\n"
        for i in 0..<2_000 { nested += String(repeating: "  ", count: i) + "- \(i)\n" }
        nested += String(repeating: ">", count: 3_000) + " [!NOTE]\n"
        try c.write("modules/nested.md", Data(nested.utf8))
        let result = c.load()
        #expect(result.diagnostics.contains { $0.file == "modules/binary.md" })
        #expect(result.diagnostics.contains { $0.file == "modules/empty.md" && $0.code == "empty-file" })
        #expect(result.course.page("big") != nil)
        let huge = result.diagnostics.filter { $0.file == "modules/huge.md" }
        #expect(huge.map(\.code) == ["file-too-large"])
        #expect(huge.first?.message.hasPrefix("the file is 10000001 bytes (10.0 MB), more than the 10000000 bytes (10 MB)") == true)
        #expect(result.course.page("nested") != nil)
    }

    @Test func extractionDamageIsAnError() throws {
        let body = "Бірінші ▶ абзац.\n\nсөз бөлі-\nнген жол.\n\nМәтін 3534 1-модуль жалғасы.\n\nКөшіп-қонушылар дұрыс.\n"
        let c = try TempCourse(files: ["modules/p.md": page("p", body: body)])
        #expect(c.diagnostics("extraction-glyph").first?.position.line == 6)
        #expect(c.diagnostics("extraction-hyphen").first?.position.line == 8)
        #expect(c.diagnostics("extraction-header").first?.position.line == 11)
        #expect(c.load().diagnostics.filter { $0.code.hasPrefix("extraction") }.count == 3)
    }

    @Test func negativeAgendaDurationIsAnError() throws {
        let config = TempCourse.baseConfig.replacingOccurrences(of: "duration: 30", with: "duration: -45")
        let c = try TempCourse(config: config)
        let d = c.diagnostics("bad-duration")
        #expect(d.map(\.description) == [
            "course.yml:10:38: error: 'duration' must not be negative (got -45); give minutes (45) or a range (\"5-10\") [bad-duration]"
        ])
        // Not read as 45 minutes.
        #expect(c.load().course.config.agenda.days.first?.sessions.first?.duration != Minutes(45))
    }

    @Test func negativePageDurationIsAnError() throws {
        let c = try TempCourse(files: ["exercises/p.md": page("p", kind: "exercise", extra: "duration: -3\n", body: "x\n")])
        let d = c.diagnostics("bad-duration")
        #expect(d.count == 1)
        #expect(d.first?.file == "exercises/p.md")
        #expect(d.first?.position.line == 5)
        #expect(d.first?.message.contains("must not be negative (got -3)") == true)
        #expect(c.load().course.page("p")?.duration == nil)
    }

    @Test(arguments: ["45-", "5--10", "+3", "-5-10"]) func malformedAgendaDurationIsOneError(_ text: String) throws {
        let config = TempCourse.baseConfig.replacingOccurrences(of: "duration: 30", with: "duration: \"\(text)\"")
        let d = try TempCourse(config: config).load().diagnostics
        #expect(d.count == 1, "\(d.map(\.description))")
        #expect(d.first?.code == "bad-duration")
        #expect(d.first?.position.line == 10)
    }

    /// One problem, one message: the loader and the validator used to report a missing duration both.
    @Test func missingAgendaDurationIsReportedOnce() throws {
        let config = TempCourse.baseConfig + "        - {title: Екі, refs: [intro]}\n"
        let d = try TempCourse(config: config).load().diagnostics
        #expect(d.map(\.description) == ["course.yml:11:11: error: session 'Екі' has no duration [missing-key]"])
    }

    @Test func zeroAgendaDurationIsReportedOnce() throws {
        let config = TempCourse.baseConfig.replacingOccurrences(of: "duration: 30", with: "duration: 0")
        let d = try TempCourse(config: config).load().diagnostics
        #expect(d.count == 1, "\(d.map(\.description))")
        #expect(d.first?.code == "bad-duration")
        #expect(d.first?.position.line == 10)
    }

    /// A callout right after a question was read once to see whether it is the question's ANSWER,
    /// then again as a block of its own: everything in it was reported twice.
    @Test func calloutAfterAQuestionIsReportedOnce() throws {
        let quiz = page("quiz", kind: "quiz", body: "## Сұрақ {#q1}\n- [x] a\n- [ ] b\n\n> [!DANGER] Title\n> [here](id:nowhere)\n")
        let d = try TempCourse(files: ["exercises/quiz.md": quiz]).load().diagnostics
        #expect(d.filter { $0.code == "unknown-callout" }.map(\.position.description) == ["10:1"])
        #expect(d.filter { $0.code == "dangling-reference" }.count == 1)
        #expect(d.count == 2, "\(d.map(\.description))")
        // The ANSWER callout of a question is still taken as its explanation, and reported on once.
        let answered = page("quiz", kind: "quiz", body: "## Сұрақ {#q1}\n- [x] a\n- [ ] b\n\n> [!ANSWER]\n> [here](id:nowhere)\n")
        let a = try TempCourse(files: ["exercises/quiz.md": answered])
        #expect(a.load().course.page("quiz")?.questions.first?.explanation != nil)
        #expect(a.diagnostics("dangling-reference").count == 1)
    }

    /// Many questions, each with its ANSWER callout (linking to a trainer page): every one is the
    /// question's explanation, read once (the reader once copied itself per question to undo a reading).
    @Test func manyQuestionsEachKeepTheirAnswer() throws {
        let body = (1...1500).map { "## Сұрақ \($0) {#q\($0)}\n- [x] a\n- [ ] b\n\n> [!ANSWER]\n> [Жазба](id:notes) \($0).\n\n" }.joined()
        let notes = page("notes", extra: "audience: trainer\n", body: "Жаттықтырушыға.\n")
        let course = try TempCourse(files: ["exercises/practice.md": page("practice", kind: "exercise", body: body), "modules/notes.md": notes])
        let result = course.load()
        #expect(!result.hasErrors, "\(result.diagnostics.prefix(3).map(\.description))")
        let questions = result.course.page("practice")?.questions ?? []
        #expect(questions.count == 1500)
        #expect(questions.allSatisfy { $0.explanation?.kind == .answer })
        #expect(questions.last?.explanation?.body.first.map { ContentWalk.ownText($0) } == ["Жазба 1500."])
    }

    /// Participant text pointing at a trainer-only heading is reported at every reference (the
    /// target page's headings are read once for all of them).
    @Test func everyReferenceToATrainerOnlyHeadingIsReported() throws {
        let links = (1...800).map { "Қараңыз [мұнда](id:secret-part) \($0).\n\n" }.joined()
        let body = "> [!TRAINER]\n> ## Құпия {#secret-part}\n> Мәтін.\n\n## Ашық {#open-part}\n\n" + links + "[Ашық](id:open-part)\n"
        let d = try TempCourse(files: ["modules/p.md": page("p", body: body)]).diagnostics("reference-to-trainer-only")
        #expect(d.count == 800)
        #expect(Set(d.map(\.position.line)).count == 800)
    }

    /// "Did you mean" hints stop after 200 distinct dangling ids: each hint compares the id with every
    /// id of the course, and thousands of them would make `katch check` quadratic.
    @Test func danglingReferenceHintsAreCapped() throws {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let ids = (0..<260).map { "intro" + String(letters[$0 / 26]) + String(letters[$0 % 26]) }
        let body = ids.map { "[x](id:\($0)) [x](id:\($0))\n\n" }.joined()
        let d = try TempCourse(files: ["modules/p.md": page("p", body: body)]).diagnostics("dangling-reference")
        #expect(d.count == 520)
        let hinted = d.filter { $0.message.contains("(did you mean 'intro'?)") }
        // Both references of each of the first 200 ids get the hint; the rest none.
        #expect(hinted.count == 400)
        #expect(d.prefix(400).allSatisfy { $0.message.contains("did you mean") })
    }

    @Test func ratingWithMoreLabelsThanItsScale() throws {
        let labels = (1...6).map { "- L\($0)\n" }.joined()
        let survey = page("survey", kind: "survey", body: "## Бағалаңыз {#f1 type=rating}\n" + labels)
        let d = try TempCourse(files: ["exercises/survey.md": survey]).diagnostics("rating-scale")
        #expect(d.count == 1)
        #expect(d.first?.severity == .error)
        #expect(d.first?.position.line == 6)
        #expect(d.first?.message.contains("6 labels but its scale is 1–5") == true)
        // Five labels, one per point, are fine.
        let five = page("survey", kind: "survey", body: "## Бағалаңыз {#f1 type=rating}\n" + (1...5).map { "- L\($0)\n" }.joined())
        #expect(try TempCourse(files: ["exercises/survey.md": five]).load().diagnostics.isEmpty)
    }

    @Test func realCourseHasNoExtractionDamage() {
        let result = CourseLoader.load(root: repositoryRoot)
        #expect(result.course.pages.count > 50)
        let damage = result.diagnostics.filter { $0.code.hasPrefix("extraction") }
        #expect(damage.isEmpty, "\(damage.prefix(10).map(\.description))")
    }
}
