import Foundation
import Markdown
import Testing
import Yams
@testable import CourseModel

@Suite struct ContentTests {
    func loadFixture() -> CourseLoader.Result {
        CourseLoader.load(root: repositoryRoot.appendingPathComponent("Tests/Fixtures/mini-course"))
    }

    @Test func fixtureLoadsClean() {
        let result = loadFixture()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.course.pages.count == 14)
        #expect(Set(result.course.pages.map(\.kind)) == Set(PageKind.allCases))
    }

    @Test func quizQuestionsAreRead() throws {
        let quiz = try #require(loadFixture().course.page("pre-post-test"))
        let qs = quiz.questions
        #expect(qs.map(\.id) == ["q1", "q2", "q3", "q10"])
        #expect(qs[0].type == .single && qs[0].correctIndices == [0])
        #expect(qs[0].explanation?.kind == .answer)
        #expect(qs[2].type == .multiple && qs[2].correctIndices == [0, 1])
        #expect(qs[3].type == .open && qs[3].maxScore == 2)
        #expect(qs[3].explanation?.body.isEmpty == false)
        #expect(qs[1].isCorrect([1]) && !qs[1].isCorrect([0]))
    }

    @Test func practiceQuestionsInsideAnExercise() throws {
        let ex = try #require(loadFixture().course.page("exercise-1"))
        #expect(ex.questions.map(\.id) == ["ex1-s1-acts", "ex1-s1-trafficking", "ex1-s1-crimes"])
        #expect(ex.questions[0].heading.level == 4)
    }

    @Test func surveyRatingsKeepTheirLabels() throws {
        let survey = try #require(loadFixture().course.page("feedback-form"))
        #expect(survey.questions[0].type == .rating)
        #expect(survey.questions[0].options.map(\.spans.plainText) == ["Нашар", "Жақсартуды қажет етеді", "Қанағаттанарлық", "Жақсы", "Өте жақсы"])
    }

    @Test func calloutsTablesFootnotesAndScreening() throws {
        let course = loadFixture().course
        let part = try #require(course.page("m1-part-1"))
        let tables = part.blocks.compactMap { if case .table(let t) = $0.kind { return t } else { return nil } }
        #expect(tables.first?.header.map(\.plainText) == ["Әрекеттер", "Құралдар", "Мақсаты"])
        #expect(tables.first?.rows.count == 2)
        #expect(part.footnotes.map(\.label) == ["4"])
        let kinds = part.blocks.compactMap { if case .callout(let c) = $0.kind { return c.kind } else { return nil } }
        #expect(kinds == [.attention, .important, .example])
        let tool = try #require(course.page("screening-child")?.screeningTools.first)
        #expect(tool.sections.map { $0.maxScore(top: tool.scaleTop) } == [3, 3])
        #expect(tool.totals?.map(\.max) == [6, 3])
    }

    @Test func agendaTotalsAndContinuations() throws {
        let agenda = loadFixture().course.config.agenda
        #expect(agenda.pages.map(\.id) == ["day-1", "day-3-4a"])
        let day1 = try #require(agenda.day("day-1"))
        #expect(day1.total == Minutes(185, 190))
        let track = try #require(agenda.day("day-3-4a"))
        #expect(agenda.sessions(of: track).count == 2)
    }

    @Test func slugsAreNFCAndUnique() {
        let decomposed = "Й".decomposedStringWithCanonicalMapping
        #expect(Slug.make(decomposed + " бөлім") == Slug.make("Й бөлім"))
        #expect(Slug.make("I.A. Халықаралық анықтама") == "i-a-халықаралық-анықтама")
        #expect(Slug.unique("a", taken: ["a", "a-2"]) == "a-3")
    }

    /// Table rows split over bytes as they split over characters, escaped pipes and a pipe followed by
    /// a combining mark (one character with it) included.
    @Test func pipeCellsAgreeWithTheCharacterSplit() {
        let rows = [
            "| a | b |", "|a|b", "a | b \\| c |", "| Әріп | **қалың** |", "|", "\\|", "|\\|", "", "| x \\\\ y |", "| a |\u{301} b |",
            "| a \\\u{301}| b |", "| a | b |\u{301}", "|\u{301} a |", " | trailing space | ",
        ]
        for row in rows { #expect(TableRow.pipeCells(row) == TableRow.pipeCellsByCharacter(row), "\(row)") }
        #expect(TableRow.pipeCells("| a \\| b | c |") == ["a | b", "c"])
    }

    /// katch's trimming gives what Foundation's `trimmingCharacters(in: .whitespaces)` gives: tabs,
    /// Unicode spaces (no-break, ideographic, thin), a combining mark after a space, line breaks (not
    /// trimmed), text of spaces only, and substrings.
    @Test func trimmingAgreesWithFoundation() {
        let texts = [
            "", " ", "\t", "  a  ", "\ta\t", "a", " a b ", "\u{00A0}Әріп\u{3000}", "\u{2009}x\u{202F}", " \u{301}a", "a \u{301}",
            "\na\n", " \n a \n ", "\u{200B}a\u{200B}", "\u{FEFF} a", " 🇰🇿 ", "\u{1680}\u{2000}\u{205F}",
        ]
        for text in texts {
            #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
            let inner = ("|" + text + "|").dropFirst().dropLast()
            #expect(inner.trimmingSpaces() == inner.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
        #expect(" \u{00A0}a b\t".trimmingSpaces() == "a b")
    }

    /// The byte search finds the first occurrence (after false starts on the first byte), at the
    /// start, at the end, in a substring, and nothing in a text shorter than the needle.
    @Test func byteSearchFindsTheFirstOccurrence() {
        let text = "3534 1-мод 1-модуль, 2-модуль"
        let found = text.rangeOfBytes("-модуль")
        #expect(found.map { String(text[$0]) } == "-модуль")
        #expect(found.map { text.distance(from: text.startIndex, to: $0.lowerBound) } == 12)
        #expect("ababac".rangeOfBytes("abac").map { "ababac".distance(from: "ababac".startIndex, to: $0.lowerBound) } == 2)
        #expect("abc".rangeOfBytes("abc") != nil && "abc".rangeOfBytes("c") != nil && "abc".rangeOfBytes("a") != nil)
        #expect("ab".rangeOfBytes("abc") == nil && "abc".rangeOfBytes("") == nil && "aab".rangeOfBytes("ba") == nil)
        let sub = "xx[^1] and [^2]".dropFirst(3)
        #expect(sub.rangeOfBytes("[^").map { String(sub[$0.lowerBound...]) } == "[^2]")
        #expect(ExtractionDamage.runningHeader(in: "текст 3534 1-модуль. Кіріспе") == "3534 1-модуль")
        #expect(ExtractionDamage.runningHeader(in: "1-модуль туралы") == nil)
    }

    /// katch's key lookup gives what Yams's `node[key]` gives: quoted and tagged keys, words YAML
    /// reads as booleans or null, numbers, missing keys.
    @Test func yamlKeyLookupAgreesWithYams() throws {
        let yaml = "id: a\n\"title\": b\n!!str kind: c\nyes: d\n'on': e\n1: f\nmodule-x: g\nnull: h\n!!int 2: i\nother_agency: j\n"
        let node = try #require(try Yams.compose(yaml: yaml))
        for key in ["id", "title", "kind", "yes", "on", "1", "2", "module-x", "null", "other_agency", "missing", "Id"] {
            #expect(node[key: key] == node[key], "\(key)")
        }
        #expect(node[key: "kind"]?.string == "c")
        #expect(Node.isWord("trainer-note") && !Node.isWord("yes") && !Node.isWord("1a") && !Node.isWord("Id"))
        // The reader's index of a mapping gives the same, asked once and again, in the mapping and in
        // one nested in it (a mapping of its own, at its own place).
        let nested = try #require(try YAMLEncoding.compose(yaml: yaml + "inner:\n  id: z\n  \"title\": y\n"))
        var reader = YAMLReader(file: "x.md", lineOffset: 0, diagnostics: DiagnosticBag())
        for _ in 0..<2 {
            for key in ["id", "title", "kind", "yes", "on", "1", "module-x", "null", "other_agency", "missing", "Id", "inner"] {
                #expect(reader.value(nested, key) == nested[key: key], "\(key)")
            }
            let inner = reader.value(nested, "inner")
            #expect(reader.value(inner, "id")?.string == "z" && reader.value(inner, "title")?.string == "y")
        }
        #expect(reader.indexes.count == 2)
    }

    /// The lines holding a needle are those a plain line-by-line search finds, with their numbers:
    /// needles at the start and end of the text, twice on a line, on empty lines' neighbours, and
    /// in random texts of the needle's pieces, newlines and Kazakh letters.
    @Test func linesContainingANeedleAreTheOnesALineSearchFinds() {
        func naive(_ needle: String, _ text: String) -> [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { $0.element.utf8.count >= needle.utf8.count && String($0.element).rangeOfBytes(needle) != nil }
                .map { "\($0.offset):\($0.element)" }
        }
        func ours(_ needle: String, _ text: String) -> [String] { Lines.containing(needle, in: text).map { "\($0.number):\($0.line)" } }
        let fixed = ["[^1]: a\nb\n[^2]: c", "x\n\n[^1] [^2]\n", "", "[^", "\n\n\n[^", "ab]:\n]:]:\nқ]:"]
        for text in fixed {
            #expect(ours("[^", text) == naive("[^", text), "\(text)")
            #expect(ours("]:", text) == naive("]:", text), "\(text)")
        }
        var generator = SystemRandomNumberGenerator()
        let pieces = ["[", "^", "]", ":", "\n", "\n", "а", "ә", " ", "x"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(ours("[^", text) == naive("[^", text), "\(text.debugDescription)")
            #expect(ours("]:", text) == naive("]:", text), "\(text.debugDescription)")
        }
    }

    /// The column of a text's suffix counts the characters before it, as `text.count - suffix.count`
    /// does, also when the suffix starts inside a character (then by that formula).
    @Test func charactersBeforeASuffixAreCountedAsBefore() {
        for (text, suffix) in [("[^қ]: мәтін", "мәтін"), ("abc", "abc"), ("abc", ""), ("a e\u{301}x", "\u{301}x"), ("жол", "ол")] {
            #expect(ContentReader.charactersBefore(suffix, in: text) == text.count - suffix.count, "\(text.debugDescription)")
        }
    }

    /// katch composes YAML with only the boolean and null rules of Yams's resolver: every key finds
    /// the value, and every value reads as the same text, boolean and whole number, as under the
    /// default resolver; a key given twice is still refused.
    @Test func yamlComposedWithFewerRulesReadsTheSame() throws {
        let yaml = """
            id: a
            order: 03
            minutes: 45
            ratio: 1.5
            date: 2026-05-12
            optional: yes
            hidden: false
            none: ~
            empty:
            hex: 0x1F
            exp: 1e3
            "1": quoted one
            2: two
            <<: merge
            "=": value
            title: "Тақырып: 2"
            """
        let ours = try #require(try YAMLEncoding.compose(yaml: yaml))
        let theirs = try #require(try Yams.compose(yaml: yaml))
        for key in ["id", "order", "minutes", "ratio", "date", "optional", "hidden", "none", "empty", "hex", "exp", "2", "<<", "title"] {
            let a = ours[key: key], b = theirs[key]
            #expect(a != nil && a?.string == b?.string, "\(key)")
            #expect(a?.bool == b?.bool && a?.int == b?.int, "\(key)")
        }
        #expect(ours[key: "optional"]?.bool == true && ours[key: "hidden"]?.bool == false && ours[key: "minutes"]?.int == 45)
        // Where the two differ: a quoted key that looks like a number or `=` is found by its text
        // (the default resolver reads the text asked for as an int or a value, and misses it).
        #expect(ours[key: "1"]?.string == "quoted one" && theirs["1"] == nil)
        #expect(ours[key: "="]?.string == "value" && theirs["="] == nil)
        #expect(throws: (any Error).self) { try YAMLEncoding.compose(yaml: "title: a\ntitle: b\n") }
        // Front matter, composed with no rules at all, reads every text and whole number the same.
        let front = try #require(try YAMLEncoding.composeFrontMatter(yaml: yaml))
        for key in ["id", "order", "minutes", "ratio", "date", "optional", "hidden", "none", "empty", "hex", "exp", "2", "<<", "title"] {
            #expect(front[key: key]?.string == theirs[key]?.string && front[key: key]?.int == theirs[key]?.int, "\(key)")
        }
        #expect(throws: (any Error).self) { try YAMLEncoding.composeFrontMatter(yaml: "title: a\ntitle: b\n") }
    }

    /// Thousands of identical headings get thousands of distinct anchors, numbered in order and
    /// stepping over explicit ids, each found without trying every earlier number again.
    @Test func identicalHeadingsGetDistinctAnchors() throws {
        let body = "## Part\n\n## Part {#part-3}\n\n" + String(repeating: "## Part\n\nМәтін.\n\n", count: 4000)
        let course = try TempCourse(files: ["modules/p.md": page("p", body: body)])
        let anchors = course.load().course.page("p")?.headings.map(\.anchor) ?? []
        #expect(anchors.count == 4002)
        #expect(Set(anchors).count == 4002)
        #expect(anchors.prefix(5) == ["part", "part-3", "part-2", "part-4", "part-5"])
        #expect(anchors.last == "part-4002")
        var unique = UniqueAnchors()
        #expect(["x", "x", "x-2", "x"].map { unique.claim($0) } == ["x", "x-2", "x-2-2", "x-3"])
    }

    @Test func minutesParse() {
        #expect(Minutes(parsing: "5-10") == Minutes(5, 10))
        #expect(Minutes(parsing: "5–10") == Minutes(5, 10))
        #expect(Minutes(parsing: "45") == Minutes(45))
        #expect(Minutes(parsing: "10-5") == nil)
        #expect(Minutes(parsing: "abc") == nil)
        #expect(Minutes(parsing: "-45") == nil)
        #expect(Minutes(parsing: "45-") == nil)
        #expect(Minutes(parsing: "5--10") == nil)
        #expect(Minutes(parsing: "+3") == nil)
        #expect(Minutes(parsing: " 5 - 10 ") == Minutes(5, 10))
    }
}
