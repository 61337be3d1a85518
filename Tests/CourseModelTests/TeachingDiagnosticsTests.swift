import Foundation
import Testing
@testable import CourseModel

/// Issue 13: diagnostics that teach — line endings, YAML in plain words, no cascades, real
/// positions, "did you mean", and the cases that used to be accepted silently.
@Suite struct TeachingDiagnosticsTests {
    // MARK: Line endings and BOM

    @Test func crlfAndBOMFilesAreValid() throws {
        let crlf = { (s: String) in s.replacingOccurrences(of: "\n", with: "\r\n") }
        let quiz = page("quiz", kind: "quiz", body: "## Сұрақ {#q1}\n- [x] бір\n- [ ] екі\n")
        let c = try TempCourse(
            config: "\u{FEFF}" + crlf(TempCourse.baseConfig),
            files: ["modules/intro.md": "\u{FEFF}" + crlf(TempCourse.intro), "exercises/quiz.md": crlf(quiz)])
        let result = c.load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.course.quiz?.questions.count == 1)
        #expect(result.course.config.title == "Test")
    }

    // MARK: YAML in plain words

    @Test func yamlTabIsExplained() throws {
        let c = try TempCourse(files: ["modules/p.md": "---\nid: p\ntitle: T\n\tkind: page\n---\nText\n"])
        let d = try #require(c.diagnostics("bad-yaml").first)
        #expect(d.message.contains("tab"), "\(d)")
        #expect(!d.message.contains("scanning"), "\(d)")
        #expect(d.position.line == 4, "\(d)")
    }

    @Test func yamlUnquotedColonIsExplained() throws {
        let c = try TempCourse(files: ["modules/p.md": "---\nid: p\ntitle: Part 1: basics\nkind: page\n---\nText\n"])
        let d = try #require(c.diagnostics("bad-yaml").first)
        #expect(d.message.contains("quotes"), "\(d)")
        #expect(!d.message.contains("mapping values"), "\(d)")
        #expect(d.position.line == 3 && d.position.column > 1, "\(d)")
    }

    @Test func yamlIndentationIsExplained() throws {
        let config = "title: x\nmaterials:\n  flipchart: F\n   markers: M\n"
        let d = try #require(try TempCourse(config: config).diagnostics("bad-yaml").first)
        #expect(d.message.contains("indentation") || d.message.contains("quotes"), "\(d)")
        #expect(d.position.line >= 3, "\(d)")
    }

    @Test func yamlUnclosedBracketAndOddFirstCharacter() throws {
        let unclosed = try TempCourse(files: ["modules/p.md": "---\nid: p\ntitle: T\nkind: page\nmaterials: [flipchart\n---\nText\n"])
        let d1 = try #require(unclosed.diagnostics("bad-yaml").first)
        #expect(d1.message.contains("not closed"), "\(d1)")
        let at = try TempCourse(files: ["modules/p.md": "---\nid: p\ntitle: @home\nkind: page\n---\nText\n"])
        let d2 = try #require(at.diagnostics("bad-yaml").first)
        #expect(d2.message.contains("cannot start with '@'") && d2.position.line == 3, "\(d2)")
    }

    @Test func missingCourseYMLHoldsBackWhatFollows() throws {
        let c = try TempCourse(files: ["exercises/a.md": page("a", kind: "exercise", extra: "materials: [flipchart]\n", body: "Text\n")])
        try FileManager.default.removeItem(at: c.root.appendingPathComponent("course.yml"))
        let result = c.load()
        #expect(result.diagnostics.map(\.code) == ["missing-course-yml"], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.message.contains("1 further problem not shown") == true)
    }

    @Test func keyWrittenTwiceIsAnError() throws {
        let c = try TempCourse(files: ["modules/p.md": "---\nid: p\ntitle: One\nkind: page\ntitle: Two\n---\nText\n"])
        let d = c.diagnostics("bad-yaml")
        #expect(d.count == 1)
        #expect(d.first?.position.line == 5 && d.first?.message.contains("line 3") == true, "\(d)")
    }

    // MARK: No cascades

    @Test func brokenCourseYMLGivesOneError() throws {
        let files = [
            "exercises/a.md": page("a", kind: "exercise", extra: "materials: [flipchart, markers]\ntrack: common\n", body: "Text\n"),
            "exercises/b.md": page("b", kind: "exercise", extra: "materials: [ball]\n", body: "Text\n"),
        ]
        let c = try TempCourse(config: "title: x\nmaterials:\n\tflipchart: F\n", files: files)
        let result = c.load()
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
        let d = try #require(result.diagnostics.first)
        #expect(d.file == "course.yml")
        #expect(d.message.contains("4 further problems not shown until this is fixed"), "\(d)")
    }

    @Test func brokenFrontMatterHidesReferencesToItsPage() throws {
        let files = [
            "modules/target.md": "---\nid: target\ntitle: a: b\nkind: page\n---\n## Бөлім {#target-sec}\n",
            "modules/p.md": page("p", body: "See [t](id:target), [s](id:target-sec) and [x](id:other).\n"),
        ]
        let result = try TempCourse(files: files).load()
        #expect(result.diagnostics.map(\.code) == ["dangling-reference", "bad-yaml"], "\(result.diagnostics)")
        #expect(result.diagnostics.last?.message.contains("2 further problems not shown until this is fixed") == true)
        #expect(result.diagnostics.first?.message.contains("'id:other'") == true)
    }

    // MARK: Positions

    @Test func frontMatterProblemsPointAtTheirLine() throws {
        let files = [
            "exercises/a.md": page("a", kind: "exercise", extra: "module: module-9\nmaterials: [flipchart, chalk]\n", body: "T[^1]\n\n[^1]: one\n\n[^2]: two\n"),
            "exercises/b.md": page("a", kind: "exercise", body: "Text\n"),
        ]
        let result = try TempCourse(files: files).load()
        func at(_ code: String) -> String? { result.diagnostics.first { $0.code == code }.map { "\($0.file):\($0.position)" } }
        #expect(at("unknown-module") == "exercises/a.md:5:9")
        #expect(at("unknown-material") == "exercises/a.md:6:24")
        #expect(at("unused-footnote") == "exercises/a.md:12:1")
        #expect(at("duplicate-id")?.hasSuffix(":2:5") == true, "\(result.diagnostics)")
    }

    @Test func problemsInsideFootnotesPointAtTheirDefinition() throws {
        let body = "Text[^1].\n\nMore.\n\n[^1]: Source ▶ here, [see](id:nowhere).\n"
        let result = try TempCourse(files: ["modules/p.md": page("p", body: body)]).load()
        let lines = Set(result.diagnostics.map(\.position.line))
        #expect(result.diagnostics.count >= 2, "\(result.diagnostics)")
        #expect(lines == [10], "\(result.diagnostics)")
    }

    @Test func duplicateHeadingIDPointsAtTheHeading() throws {
        let files = [
            "modules/a.md": page("a", body: "Text\n\n## One {#sec}\n"),
            "modules/b.md": page("b", body: "Text\n\nMore\n\n## Two {#sec}\n"),
        ]
        let d = try #require(try TempCourse(files: files).diagnostics("duplicate-id").first)
        #expect(d.file == "modules/b.md" && d.position.line == 10, "\(d)")
    }

    // MARK: Did you mean

    @Test func didYouMean() throws {
        let files = [
            "exercises/case-cotton.md": page("case-cotton", kind: "case", body: "Text\n"),
            "modules/p.md": page("p", kind: "modul-part", extra: "sumary: x\n", body: "Text\n"),
            "modules/q.md": page("q", body: "See [c](id:case-coton).\n\n## Q {#q1 type=multipel}\n- [x] a\n- [ ] b\n"),
            "exercises/e.md": page("e", kind: "exercise", extra: "materials: [flipchrat]\n", body: "Text\n\n> [!TRAINR]\n> Steps.\n"),
        ]
        let result = try TempCourse(files: files).load()
        func message(_ code: String) -> String { result.diagnostics.first { $0.code == code }?.message ?? "" }
        #expect(message("dangling-reference").contains("did you mean 'case-cotton'?"))
        #expect(message("unknown-kind").contains("did you mean 'module-part'?"))
        #expect(message("unknown-key").contains("did you mean 'summary'?"))
        #expect(message("bad-question-type").contains("did you mean 'multiple'?"))
        #expect(message("unknown-material").contains("did you mean 'flipchart'?"))
        #expect(message("unknown-callout").contains("did you mean 'TRAINER'?"))
        #expect(Suggestion.closest(to: "general", in: ["common", "4.a"]) == nil)
    }

    // MARK: Silent cases

    @Test func tracksMustBeDeclared() throws {
        let p = page("e", kind: "exercise", extra: "track: genral\n", body: "Text\n")
        let undeclared = try TempCourse(files: ["exercises/e.md": p]).diagnostics("unknown-track")
        #expect(undeclared.count == 1)
        #expect(undeclared.first?.message.contains("tracks: [genral]") == true, "\(undeclared)")
        let declared = try TempCourse(config: TempCourse.baseConfig + "tracks: [general, special]\n", files: ["exercises/e.md": p])
            .diagnostics("unknown-track")
        #expect(declared.count == 1)
        #expect(declared.first?.message.contains("did you mean 'general'?") == true, "\(declared)")
        #expect(declared.first?.position.line == 5)
        let ok = try TempCourse(config: TempCourse.baseConfig + "tracks: [general]\n", files: ["exercises/e.md": p.replacingOccurrences(of: "genral", with: "general")])
        #expect(ok.load().diagnostics.isEmpty)
    }

    @Test func modulePartNeedsItsModule() throws {
        let files = [
            "modules/m1/index.md": page("module-1", kind: "module", body: "Text\n"),
            "modules/m1/part-1.md": page("m1-part-1", kind: "module-part", body: "Text\n"),
        ]
        let d = try TempCourse(files: files).diagnostics("module-part-without-module")
        #expect(d.count == 1)
        #expect(d.first?.message.contains("module: module-1") == true, "\(d)")
    }

    @Test func secondQuizOrSurveyIsAnError() throws {
        let quiz = { (id: String) in page(id, kind: "quiz", body: "## Q {#\(id)-q}\n- [x] a\n- [ ] b\n") }
        let survey = { (id: String) in page(id, kind: "survey", body: "## F {#\(id)-f type=open}\n") }
        let files = [
            "exercises/quiz-a.md": quiz("quiz-a"), "exercises/quiz-b.md": quiz("quiz-b"),
            "exercises/survey-a.md": survey("survey-a"), "exercises/survey-b.md": survey("survey-b"),
        ]
        let d = try TempCourse(files: files).diagnostics("second-instrument")
        #expect(d.count == 2, "\(d)")
    }

    @Test func practiceOpenQuestionNeedsModelAnswer() throws {
        let body = "## Q {#ex-q1 type=open}\n\nText after.\n\n## Q2 {#ex-q2 type=open}\n\n> [!ANSWER]\n> Model answer.\n"
        let d = try TempCourse(files: ["exercises/e.md": page("e", kind: "exercise", body: body)]).diagnostics("practice-without-model-answer")
        #expect(d.count == 1)
        #expect(d.first?.message.contains("ex-q1") == true)
    }

    @Test func pipeTableOutsideTableBlock() throws {
        let body = "Intro.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nA | pipe in text.\n"
        let d = try TempCourse(files: ["modules/p.md": page("p", body: body)]).diagnostics("pipe-table")
        #expect(d.count == 1)
        #expect(d.first?.position.line == 8)
        #expect(d.first?.message.contains("```table") == true)
    }

    @Test func textBetweenHeadingAndOptionsIsTheStem() throws {
        let quiz = page("quiz", kind: "quiz", body: "## Сұрақ {#q1}\n\nАйгүл 15 жаста.\n\n- [x] бір\n- [ ] екі\n")
        let result = try TempCourse(files: ["exercises/quiz.md": quiz]).load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let q = try #require(result.course.page("quiz")?.questions.first)
        #expect(q.options.count == 2)
        #expect(q.stem.map(\.plainText) == ["Айгүл 15 жаста."])
    }
}
