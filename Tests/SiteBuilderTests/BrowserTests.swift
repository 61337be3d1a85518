import Foundation
import Testing
import TestSupport
@testable import CourseModel
@testable import SiteBuilder

let chromiumPath = "/usr/bin/chromium"

/// Opens the built fixture site from file:// in headless Chromium (scripts/test.sh installs it).
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: chromiumPath), "chromium is not installed"))
struct BrowserTests {
    static let site: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-browser-\(UUID().uuidString)")
        if let course = try? fixtureCourse() { _ = try? SiteBuilder(course: course).build(into: dir) }
        return dir
    }()

    /// The DOM after scripts ran, and the console messages.
    func open(_ relative: String, query: String? = nil) throws -> (dom: String, console: [String]) {
        let url = Self.site.appendingPathComponent(relative).absoluteString + (query.map { "?q=" + $0 } ?? "")
        let profile = Self.site.deletingLastPathComponent().appendingPathComponent("katch-chromium-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let run = try Subprocess.run(chromiumPath, ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                                                    "--enable-logging=stderr", "--v=0", "--dump-dom", url],
                                     mergeErrors: false, timeout: 90)
        let dom = run.output
        let console = run.errors.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return (dom, console)
    }

    func results(_ query: String, edition: String = "participant") throws -> [String] {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789")) ?? query
        let (dom, console) = try open("\(edition)/search.html", query: encoded)
        #expect(console.isEmpty, "\(console)")
        guard let start = dom.range(of: "<ol id=\"search-results\">"), let end = dom.range(of: "</ol>", range: start.upperBound..<dom.endIndex) else { return [] }
        return dom[start.upperBound..<end.lowerBound].components(separatedBy: "<li>").dropFirst().map { String($0.prefix(120)) }
    }

    @Test func pagesOpenWithoutConsoleErrors() throws {
        for page in ["trainer/index.html", "participant/index.html", "trainer/agenda-day-1.html", "trainer/exercise-1.html",
                     "participant/pre-post-test.html", "trainer/screening-child.html", "participant/print.html", "trainer/activities.html"] {
            let (dom, console) = try open(page)
            #expect(console.isEmpty, "\(page): \(console)")
            #expect(dom.contains("<main"), "\(page) did not render")
        }
    }

    /// An inflected word finds its stem's other forms; the form as typed ranks first.
    @Test func searchFindsInflectedKazakhWords() throws {
        let typed = try results("қатысушыларға", edition: "trainer")
        #expect(typed.first?.contains("Жаттықтырушыға арналған жеке бет") == true, "\(typed)")
        #expect(typed.count >= 3, "stem «қатысушы» is in the introduction and Exercise 1 too: \(typed)")
        let absent = try results("ҚАТЫСУШЫЛАРДЫ", edition: "trainer")  // this form is nowhere in the text
        func pages(_ r: [String]) -> Set<String> { Set(r.compactMap { $0.split(separator: "\"").dropFirst().first.map(String.init) }) }
        #expect(!absent.isEmpty && pages(absent) == pages(typed))
        #expect(try results("қатысушыхх", edition: "trainer").isEmpty)
    }

    /// Titles use the non-breaking hyphen («1‑жаттығу»); typed with «-» (or a dash) they are found.
    @Test func searchFoldsHyphensAndDashes() throws {
        let page = try #require(try fixtureCourse().pages.first { $0.title.contains("\u{2011}") }, "the fixture has a title with a non-breaking hyphen")
        let title = page.title
        for dash in ["-", "\u{2013}", "\u{2011}"] {
            let typed = title.replacingOccurrences(of: "\u{2011}", with: dash)
            let found = try results(typed, edition: "trainer")
            #expect(found.contains { $0.contains(page.id + ".html") }, "«\(typed)» did not find \(page.id)")
        }
    }

    /// On a phone the module tree is folded away behind the menu button, which opens it; the title
    /// names the edition; the trainer edition links to the same page of the participant edition.
    @Test func phoneMenuOpensTheModuleTreeAndEditionsAreTold() throws {
        let page = Self.site.appendingPathComponent("trainer/exercise-1.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<title>1‑жаттығу. Әрекеттер, құралдар және мақсат · Жаттықтырушы нұсқасы — "))
        #expect(html.contains("<a href=\"../participant/exercise-1.html\">Қатысушы нұсқасы →</a>"))
        let participant = try String(contentsOf: Self.site.appendingPathComponent("participant/exercise-1.html"), encoding: .utf8)
        #expect(participant.contains("· Қатысушы нұсқасы — ") && !participant.contains("../trainer/"))
        let probe = """
            <script>
            var tree = document.querySelector(".sidebar > ul:not(.nav-fixed)");
            var before = tree ? tree.offsetHeight : -1;
            document.querySelector(".menu-button").click();
            document.body.setAttribute("data-menu", before + "/" + (tree ? tree.offsetHeight : -1) + "/" + document.querySelector(".menu-button").getAttribute("aria-expanded"));
            </script>
            </body>
            """
        let copy = Self.site.appendingPathComponent("trainer/menu-probe.html")
        try Data(html.replacingOccurrences(of: "</body>", with: probe).utf8).write(to: copy)
        let profile = Self.site.deletingLastPathComponent().appendingPathComponent("katch-chromium-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let run = try Subprocess.run(chromiumPath, ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                                                    "--window-size=390,844", "--dump-dom", copy.absoluteString], mergeErrors: false, timeout: 90)
        let state = try #require(run.output.range(of: "data-menu=\"").map { String(run.output[$0.upperBound...].prefix { $0 != "\"" }) })
        let parts = state.split(separator: "/")
        #expect(parts.count == 3 && parts[0] == "0" && (Int(parts[1]) ?? 0) > 0 && parts[2] == "true", "closed/open heights and state: \(state)")
    }

    @Test func searchFindsKazakhWordsRegardlessOfCase() throws {
        let lower = try results("әлеуметтік қорғау")
        let upper = try results("ӘЛЕУМЕТТІК ҚОРҒАУ")
        #expect(!lower.isEmpty)
        #expect(lower == upper)
        let letters = try results("әғқңөұүһі")
        let upperLetters = try results("ӘҒҚҢӨҰҮҺІ")
        #expect(letters == upperLetters)
        #expect(!letters.isEmpty)
        let secretInParticipant = try results("Құпия")
        let secretInTrainer = try results("Құпия", edition: "trainer")
        #expect(secretInParticipant.isEmpty)  // trainer-only word: not in the participant index
        #expect(!secretInTrainer.isEmpty)
    }
}
