import Instruments
import Foundation
import Testing
@testable import CourseModel
@testable import SiteBuilder

/// The fixture course copied to a temporary folder, with some files replaced, loaded.
func fixtureCourse(replacing files: [String: String]) throws -> (Course, URL) {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("katch-site-\(UUID().uuidString)")
    try fm.copyItem(at: repositoryRoot.appendingPathComponent("Tests/Fixtures/mini-course"), to: dir)
    for (path, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(path)) }
    let result = CourseLoader.load(root: dir)
    #expect(!result.hasErrors, "\(result.diagnostics)")
    return (result.course, dir)
}

/// Every match of `pattern`'s first capture group in `text`, in order.
func captures(_ pattern: String, in text: String) throws -> [String] {
    let regex = try NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
        Range(m.range(at: 1), in: text).map { String(text[$0]) }
    }
}

/// The HTML level of each heading id in <main>: `<h3 id="x">` → ["x": 3].
func headingLevels(_ html: String) throws -> [String: Int] {
    var result: [String: Int] = [:]
    let regex = try NSRegularExpression(pattern: "<h([1-6]) id=\"([^\"]+)\"")
    for m in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
        guard let l = Range(m.range(at: 1), in: html), let a = Range(m.range(at: 2), in: html), let level = Int(html[l]) else { continue }
        result[String(html[a])] = level
    }
    return result
}

/// The printed pre/post test and the practice questions: numbered questions, lettered options
/// (the key, the plain-mode terminal and the paper-results CSV all name options by letter).
@Suite struct PrintedFormTests {
    @Test func quizQuestionsAreNumberedAndOptionsLettered() throws {
        for output in try SiteBuilder(course: fixtureCourse()).buildAll() {
            let html = text(output, "pre-post-test.html")
            // The fixture's quiz has four questions (q1, q2, q3, q10): numbered 1–4 in order, not by id.
            #expect(try captures("<span class=\"q-number\">([0-9]+)\\.</span>", in: html) == ["1", "2", "3", "4"], "\(output.edition)")
            // q1 has three options, q2 two, q3 three; q10 is open.
            #expect(try captures("<span class=\"option-letter\">([a-z])\\)</span>", in: html) == ["a", "b", "c", "a", "b", "a", "b", "c"])
            // The checkbox stays, before the letter.
            #expect(try captures("(<span class=\"box\" aria-hidden=\"true\">✓?</span> <span class=\"option-letter\">)", in: html).count == 8)
        }
    }

    @Test func practiceQuestionsOnExercisePagesAreNumberedAndLetteredToo() throws {
        let course = try fixtureCourse()
        let participant = SiteBuilder(course: course).build(.participant)
        let html = text(participant, "exercise-1.html")
        #expect(try captures("<span class=\"q-number\">([0-9]+)\\.</span>", in: html) == ["1", "2", "3"])
        #expect(try captures("<span class=\"option-letter\">([a-z])\\)</span>", in: html) == ["a", "b", "c", "a", "b", "c"])
        // Numbering starts again on every page, also on the print page.
        let print = text(participant, "print.html")
        let pagesWithQuestions = course.pages.filter { $0.isVisible(in: .participant) && !$0.questions.isEmpty }
        #expect(pagesWithQuestions.count >= 3)
        let numbers = try captures("<span class=\"q-number\">([0-9]+)\\.</span>", in: print)
        #expect(numbers.filter { $0 == "1" }.count == pagesWithQuestions.count)
        #expect(numbers.count == pagesWithQuestions.map(\.questions.count).reduce(0, +))
    }

    @Test func optionLettersMatchTheKeyAndTheCSVImport() {
        #expect((0..<4).map(OptionLetter.letter) == ["a", "b", "c", "d"])
        #expect(OptionLetter.letter(25) == "z")
        #expect(OptionLetter.letter(26) == "27")
    }

    @Test func paperFormSaysWhetherItIsThePreOrThePostTest() throws {
        var course = try fixtureCourse()
        for output in try SiteBuilder(course: course).buildAll() {
            let html = text(output, "pre-post-test.html")
            let phase = try #require(html.range(of: "<div class=\"form-phase\"><dt>Сауалнама түрі:</dt>"), "\(output.edition)")
            #expect(html.contains("<li><span class=\"box\"></span> Тренингке дейін</li><li><span class=\"box\"></span> Тренингтен кейін</li>"))
            // Near the registration fields: inside the registration block, before the first of them.
            let registration = try #require(html.range(of: "<section class=\"registration\""))
            let training = try #require(html.range(of: "<dt>Тренинг</dt>"))
            #expect(registration.upperBound < phase.lowerBound && phase.upperBound < training.lowerBound)
            // Only the quiz is a pre/post form.
            #expect(!text(output, "feedback-form.html").contains("form-phase"))
            #expect(!text(output, "exercise-1.html").contains("form-phase"))
        }
        // A quiz given only before the training offers only that box; other languages come from the catalogue.
        let index = try #require(course.pages.firstIndex { $0.id == "pre-post-test" })
        course.pages[index].phases = ["pre"]
        course.config.language = "ru"
        let html = text(SiteBuilder(course: course).build(.participant), "pre-post-test.html")
        #expect(html.contains("<dt>Вид анкеты:</dt>"))
        #expect(html.contains("До тренинга"))
        #expect(!html.contains("После тренинга"))
    }

    @Test func stylesheetShowsLettersAndKeepsTheBoxesUnindented() {
        let css = String(decoding: Theme.defaults["style.css"] ?? [], as: UTF8.self)
        // The options list has no markers of its own: the letters are text in the markup.
        #expect(css.contains(".options, .rating, .checkboxes, .checklist, .judgement { list-style: none;"))
        // A hanging indent must not push the inline blocks (box, letter) out of place.
        #expect(css.contains(".options .box, .options .option-letter { text-indent: 0; }"))
        #expect(!css.contains(".option-letter { display: none") && !css.contains(".q-number { display: none"))
    }
}

/// The fixture's Exercise 1 front matter and first line; tests append the body they need.
let exerciseOnePage = """
    ---
    id: exercise-1
    title: "1-жаттығу. Әрекеттер, құралдар және мақсат"
    kind: exercise
    module: module-1
    order: 1
    duration: 20
    materials: [flipchart, sticky-notes]
    ---
    Кіріспе мәтін.

    """

/// Heading levels follow the nesting of the page: sibling headings share a level, none is skipped.
@Suite struct HeadingLevelTests {
    static let twoScenarios = exerciseOnePage + """

        ### 1-сценарий

        Бірінші оқиға.

        #### Әрекеттер {#ex1-s1-acts type=multiple}
        - [x] Тарту
        - [ ] Жасырушылық

        #### Құралдар {#ex1-s1-means type=multiple}
        - [x] Алдау
        - [ ] Күш қолдану

        ### 2-сценарий

        Екінші оқиға.

        #### Әрекеттер {#ex1-s2-acts type=multiple}
        - [ ] Тарту
        - [x] Жасырушылық

        ###### Ескерту {#ex1-note}

        Терең деңгейдегі тақырып.

        ### 3-сценарий

        Үшінші оқиға.

        ## Сұрақтар

        #### Бұл адам саудасы ма? {#ex1-q-trafficking}
        - [x] Иә
        - [ ] Жоқ

        #### Неге? {#ex1-q-why type=open}

        """

    @Test func siblingHeadingsKeepOneLevel() throws {
        let (course, dir) = try fixtureCourse(replacing: ["exercises/exercise-1.md": Self.twoScenarios])
        defer { try? FileManager.default.removeItem(at: dir) }
        for edition in Edition.allCases {
            let html = text(SiteBuilder(course: course).build(edition), "exercise-1.html")
            let levels = try headingLevels(html)
            // Every ### is an h2 (the clamp used to give h2, h3, h3), every #### an h3, and the ###### an h4.
            #expect(levels["1-сценарий"] == 2 && levels["2-сценарий"] == 2 && levels["3-сценарий"] == 2, "\(edition): \(levels)")
            #expect(levels["ex1-s1-acts"] == 3 && levels["ex1-s1-means"] == 3 && levels["ex1-s2-acts"] == 3, "\(edition): \(levels)")
            #expect(levels["ex1-note"] == 4, "\(edition): \(levels)")
            // «## Сұрақтар» then #### questions (as in exercise-4a): both questions are h3 under the h2.
            #expect(levels["сұрақтар"] == 2 && levels["ex1-q-trafficking"] == 3 && levels["ex1-q-why"] == 3, "\(edition): \(levels)")
            #expect(HeadingOrder.skips(html).isEmpty)
            // The outline lists the h2 and h3 of the page, by their HTML level.
            #expect(html.contains("<li class=\"level-2\"><a href=\"#2-сценарий\">"))
            #expect(html.contains("<li class=\"level-3\"><a href=\"#ex1-s2-acts\">"))
            // The print page shifts the whole mapping one level down, the same for every sibling.
            let print = try headingLevels(text(SiteBuilder(course: course).build(edition), "print.html"))
            #expect(print["exercise-1--1-сценарий"] == 3 && print["exercise-1--3-сценарий"] == 3, "\(print)")
            #expect(print["exercise-1--ex1-s1-acts"] == 4 && print["exercise-1--ex1-s2-acts"] == 4)
        }
    }

    @Test func levelsFollowTheNesting() {
        var exercise = HeadingLevels(top: 2)
        // exercise-1: ### example, #### questions, ### next example (the old clamp gave h2, h3, h3).
        #expect([3, 4, 4, 3, 4, 6, 3].map { exercise.level($0) } == [2, 3, 3, 2, 3, 4, 2])
        var questions = HeadingLevels(top: 2)
        // exercise-4a: ### cases under a ##, then «## Сұрақтар» with #### questions: every question an h3.
        #expect([2, 3, 3, 2, 4, 4, 4].map { questions.level($0) } == [2, 3, 3, 2, 3, 3, 3])
        var print = HeadingLevels(top: 3)
        #expect([2, 3, 2].map { print.level($0) } == [3, 4, 3])
        var deep = HeadingLevels(top: 2)
        #expect([1, 2, 3, 4, 5, 6].map { deep.level($0) } == [2, 3, 4, 5, 6, 6], "never past h6")
    }

    /// In the real course, on every page of both editions, headings written at the same level come
    /// out at the same HTML level.
    @Test func realCourseSiblingsShareALevel() throws {
        let course = CourseLoader.load(root: repositoryRoot).course
        for edition in Edition.allCases {
            let output = SiteBuilder(course: course).build(edition)
            for page in course.pages where page.isVisible(in: edition) {
                let levels = try headingLevels(text(output, page.id + ".html"))
                var byAuthored: [Int: Set<Int>] = [:]
                for h in page.headings(in: edition) {
                    guard let level = levels[h.anchor] else { continue }
                    byAuthored[h.level, default: []].insert(level)
                }
                for (authored, html) in byAuthored {
                    #expect(html.count == 1, "\(edition) \(page.id): level \(authored) became \(html.sorted())")
                }
            }
        }
    }
}

/// Markdown escapes written in table cells reach readers as the characters they escape.
@Suite struct TableTextTests {
    static let escapedTable = exerciseOnePage + """

        ```table caption="Деректер" download=exercise-1-data.csv
        | Әрекеттер | Құралдар\\* | Мақсаты |
        |---|---|---|
        | \\_тарту\\_ | **алдау** | \\[жыныстық\\] қанау |
        ```

        """

    @Test func searchIndexAndCSVHoldTheCellText() throws {
        let (course, dir) = try fixtureCourse(replacing: ["exercises/exercise-1.md": Self.escapedTable])
        defer { try? FileManager.default.removeItem(at: dir) }
        for output in try SiteBuilder(course: course).buildAll() {
            let index = text(output, "assets/search-index.js")
            #expect(index.contains("Әрекеттер Құралдар* Мақсаты _тарту_ алдау [жыныстық] қанау"), "\(output.edition)")
            #expect(!index.contains("\\\\"), "a backslash reached the \(output.edition) search index")
            let csv = String(decoding: output.files["downloads/exercise-1-data.csv"] ?? [], as: UTF8.self)
            #expect(csv == "\u{FEFF}Әрекеттер,Құралдар*,Мақсаты\r\n_тарту_,алдау,[жыныстық] қанау\r\n")
            let page = text(output, "exercise-1.html")
            #expect(page.contains("<th scope=\"col\">Құралдар*</th>"))
            #expect(page.contains("<td><strong>алдау</strong></td>"))
        }
    }

    /// The real course: no Markdown escape shows in either edition's page text or search index.
    @Test func realCourseShowsNoMarkdownEscapes() throws {
        let course = CourseLoader.load(root: repositoryRoot).course
        for output in try SiteBuilder(course: course).buildAll() {
            for (path, bytes) in output.files where path.hasSuffix(".html") || path == "assets/search-index.js" || path.hasSuffix(".csv") {
                let raw = String(decoding: bytes, as: UTF8.self)
                let shown = path.hasSuffix(".html") ? LeakDetector.textOfMarkup(raw) : raw.replacingAll("\\\\", with: "\\")
                for escape in ["\\*", "\\_", "\\[", "\\]", "\\`", "\\#"] {
                    #expect(!shown.contains(escape), "\(output.edition) \(path) shows «\(escape)»")
                }
            }
        }
    }
}
