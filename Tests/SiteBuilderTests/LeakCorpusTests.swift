import Foundation
import Testing
@testable import CourseModel
@testable import SiteBuilder

/// A small course on disk with one extra page (or several), for planting trainer-only text.
struct PlantedCourse {
    let root: URL

    init(files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("katch-leak-\(UUID().uuidString)")
        let config = """
            title: Test
            materials: {flipchart: Флипчарт}
            agenda:
              days:
                - {id: day-1, day: 1, title: "1-күн", sessions: [{title: Кіріспе, duration: 30, refs: [intro]}]}

            """
        var all = ["course.yml": config, "modules/intro.md": "---\nid: intro\ntitle: Кіріспе\nkind: page\n---\nМәтін.\n"]
        for (k, v) in files { all[k] = v }
        for (path, text) in all {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Either the course is refused with an error of one of `codes`, or it builds and no participant
    /// file holds `secret`. Returns which happened, for the message.
    func refusedOrClean(secret: String, codes: Set<String>) -> String {
        let loaded = CourseLoader.load(root: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            #expect(errors.contains { codes.contains($0.code) }, "refused, but not for the leak: \(errors.map(\.description))")
            return "refused"
        }
        let participant = SiteBuilder(course: loaded.course).build(.participant)
        for (path, bytes) in participant.files {
            #expect(!String(decoding: bytes, as: UTF8.self).contains(secret), "«\(secret)» reached participant \(path)")
        }
        return "built clean"
    }
}

func activity(_ id: String, _ body: String, audience: String = "all") -> String {
    "---\nid: \(id)\ntitle: Жаттығу \(id)\nkind: exercise\naudience: \(audience)\n---\n\(body)"
}

/// Sneaky ways to place trainer-only text where participants would see it (issue 11): each build
/// is refused at `katch check`, or the participant edition holds none of the planted text.
@Suite struct LeakCorpusTests {
    @Test("a footnote defined in a TRAINER callout and cited from participant text")
    func footnoteInTrainerCallout() throws {
        let c = try PlantedCourse(files: [
            "exercises/ex.md": activity("ex", "Қатысушыға арналған мәтін[^1].\n\n> [!TRAINER]\n> Нұсқаулық.\n>\n> [^1]: Зымыранқұпия үш.\n")
        ])
        #expect(c.refusedOrClean(secret: "Зымыранқұпия", codes: ["footnote-in-trainer-scope"]) == "refused")
    }

    @Test("a footnote defined in a question's ANSWER and cited from an option")
    func footnoteInAnswer() throws {
        let c = try PlantedCourse(files: [
            "exercises/ex.md": activity(
                "ex", "#### Сұрақ {#ex-q type=single}\n- [x] Бір[^2]\n- [ ] Екі\n\n> [!ANSWER]\n> Себебі.\n>\n> [^2]: Құпиятүсінік.\n")
        ])
        #expect(c.refusedOrClean(secret: "Құпиятүсінік", codes: ["footnote-in-trainer-scope"]) == "refused")
    }

    @Test("an ANSWER callout nested 50 levels deep")
    func deepNesting() throws {
        let prefix = String(repeating: "> ", count: 50)
        let c = try PlantedCourse(files: ["exercises/ex.md": activity("ex", "\(prefix)[!ANSWER]\n\(prefix)Тереңқұпия жауап.\n")])
        #expect(c.refusedOrClean(secret: "Тереңқұпия", codes: ["too-deep"]) == "refused")
    }

    @Test("a trainer page with a short title linked with empty text from a participant page")
    func shortTitle() throws {
        let c = try PlantedCourse(files: [
            "exercises/secret.md": "---\nid: secret-page\ntitle: Жасырын үш сөз\nkind: reference\naudience: trainer\n---\nМәтін.\n",
            "exercises/ex.md": activity("ex", "Қараңыз: [](id:secret-page).\n"),
        ])
        #expect(c.refusedOrClean(secret: "Жасырын", codes: ["reference-to-trainer-only"]) == "refused")
    }

    @Test("a link reference definition inside a TRAINER callout")
    func referenceDefinition() throws {
        let c = try PlantedCourse(files: [
            "exercises/ex.md": activity("ex", "Қараңыз [сілтеме][r].\n\n> [!TRAINER]\n> Нұсқаулық.\n>\n> [r]: https://example.org/hiddenpath \"Құпиятақырып\"\n")
        ])
        #expect(c.refusedOrClean(secret: "hiddenpath", codes: ["reference-definition-in-quote"]) == "refused")
    }

    @Test("a callout marker in bold, and one with Cyrillic letters")
    func lookalikeMarkers() throws {
        for body in [">**[!TRAINER]** Жалғанқұпия мәтін.\n", "> [!ТRAINER]\n> Жалғанқұпия мәтін.\n", "> _[!ANSWER]_\n> Жалғанқұпия мәтін.\n"] {
            let c = try PlantedCourse(files: ["exercises/ex.md": activity("ex", body)])
            #expect(c.refusedOrClean(secret: "Жалғанқұпия", codes: ["lookalike-callout"]) == "refused", "\(body)")
        }
    }

    @Test("an ANSWER callout inside an option (shown in neither edition) is an error")
    func calloutInsideOption() throws {
        let c = try PlantedCourse(files: [
            "exercises/ex.md": activity("ex", "#### Сұрақ {#ex-q type=single}\n- [x] Бір\n\n  > [!ANSWER]\n  > Жоғалғантүсінік.\n- [ ] Екі\n")
        ])
        #expect(c.refusedOrClean(secret: "Жоғалғантүсінік", codes: ["content-inside-option"]) == "refused")
    }

    @Test("two tables with one download name")
    func duplicateDownloads() throws {
        let table = "```table download=data.csv\n| А | Б |\n| 1 | 2 |\n```\n"
        let c = try PlantedCourse(files: ["exercises/a.md": activity("a", table), "exercises/b.md": activity("b", table)])
        #expect(c.refusedOrClean(secret: "never", codes: ["duplicate-download"]) == "refused")
    }

    @Test("the leak check looks at short trainer-only text whole: a one-word title, a heading, a URL")
    func shortFragmentsAreChecked() throws {
        let c = try PlantedCourse(files: [
            "exercises/secret.md": "---\nid: secret-page\ntitle: Бірсөзтақырып\nkind: reference\naudience: trainer\n---\nМәтін.\n",
            "exercises/ex.md": activity("ex", "Мәтін.\n\n> [!TRAINER]\n> ### Қысқатақырып\n> [сілтеме](https://example.org/trainerpath)\n"),
        ])
        let loaded = CourseLoader.load(root: c.root)
        defer { try? FileManager.default.removeItem(at: c.root) }
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let clean = SiteBuilder(course: loaded.course).build(.participant)
        #expect(LeakCheck(course: loaded.course).check(clean).isEmpty, "\(LeakCheck(course: loaded.course).check(clean))")
        for planted in ["Бірсөзтақырып", "Қысқатақырып", "https://example.org/trainerpath"] {
            var output = clean
            output.files["ex.html"] = (output.files["ex.html"] ?? []) + Array("<p>\(planted)</p>".utf8)
            #expect(!LeakCheck(course: loaded.course).check(output).isEmpty, "«\(planted)» not caught")
        }
    }

    @Test("common words of a short trainer title beside each other in participant text are no leak")
    func commonShortWordsAreNoLeak() throws {
        let c = try PlantedCourse(files: [
            "exercises/secret.md": "---\nid: secret-page\ntitle: Материалдар (2)\nkind: reference\naudience: trainer\n---\nМәтін.\n",
            "exercises/ex.md": activity("ex", "Материалдар 2 дана керек.\n"),
        ])
        let loaded = CourseLoader.load(root: c.root)
        defer { try? FileManager.default.removeItem(at: c.root) }
        let output = SiteBuilder(course: loaded.course).build(.participant)
        #expect(LeakCheck(course: loaded.course).check(output).isEmpty, "\(LeakCheck(course: loaded.course).check(output))")
    }

    /// Found by fuzzing: the title written on a callout's marker line belongs to the callout's scope
    /// (it reached the participant search index when the walk gave the callout its outer scope).
    @Test("a TRAINER or ANSWER callout's title reaches no participant file, search index included")
    func calloutTitle() throws {
        for marker in ["TRAINER", "ANSWER"] {
            let c = try PlantedCourse(files: ["exercises/ex.md": activity("ex", "Мәтін.\n\n> [!\(marker)] Тақырыпқұпия\n> мәтін\n")])
            #expect(c.refusedOrClean(secret: "Тақырыпқұпия", codes: []) == "built clean")
        }
    }
}
