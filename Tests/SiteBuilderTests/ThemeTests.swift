import Foundation
import Testing
@testable import CourseModel
@testable import SiteBuilder

/// The theme lives in site/: the defaults are compiled in, a course's own site/ overrides them, and
/// course.yml's `theme:` sets the accent colour, a logo and a footer line.
@Suite struct ThemeTests {
    @Test func theDefaultsAreTheFilesOfSite() throws {
        for name in ["style.css", "search.js"] {
            let file = try Data(contentsOf: repositoryRoot.appendingPathComponent("site/\(name)"))
            #expect(Theme.defaults[name] == [UInt8](file), "\(name) compiled in differs from site/\(name)")
        }
        let output = SiteBuilder(course: try fixtureCourse()).build(.participant)
        #expect(output.files["assets/style.css"] == Theme.defaults["style.css"])
        #expect(output.files["assets/search.js"] == Theme.defaults["search.js"])
    }

    @Test func aCourseWithItsOwnStylesheetLogoAndColoursBuildsWithThem() throws {
        let mini = repositoryRoot.appendingPathComponent("Tests/Fixtures/mini-course")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-theme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: mini, to: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("site"), withIntermediateDirectories: true)
        try Data("body { background: papayawhip; }\n".utf8).write(to: dir.appendingPathComponent("site/style.css"))
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"
        try Data(svg.utf8).write(to: dir.appendingPathComponent("site/logo.svg"))
        var config = try String(contentsOf: dir.appendingPathComponent("course.yml"), encoding: .utf8)
        config += "\ntheme:\n  logo: logo.svg\n  accent: \"#aa3300\"\n  footer: \"© Ұйым <2026>\"\n"
        try Data(config.utf8).write(to: dir.appendingPathComponent("course.yml"))
        let loaded = CourseLoader.load(root: dir)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let output = SiteBuilder(course: loaded.course).build(.participant)
        let css = String(decoding: output.files["assets/style.css"] ?? [], as: UTF8.self)
        #expect(css.hasPrefix("body { background: papayawhip; }") && css.contains("--accent: #aa3300"))
        #expect(output.files["assets/search.js"] == Theme.defaults["search.js"], "files the course does not override stay the defaults")
        #expect(output.files["assets/logo.svg"] == [UInt8](svg.utf8))
        let index = String(decoding: output.files["index.html"] ?? [], as: UTF8.self)
        #expect(index.contains("<img class=\"logo\" src=\"assets/logo.svg\" alt=\"\">"))
        #expect(index.contains("© Ұйым &lt;2026&gt;"), "the footer line is escaped")

        // A colour that is not one, or a logo outside site/, is an error naming the key.
        config = config.replacingOccurrences(of: "\"#aa3300\"", with: "\"red; } body { display: none\"")
        try Data(config.utf8).write(to: dir.appendingPathComponent("course.yml"))
        #expect(CourseLoader.load(root: dir).diagnostics.contains { $0.code == "bad-theme" })
    }

    /// A frame may place {{article}} more than once: the print page, written section by section as
    /// it is made, holds the whole article at each place, and on disk is the same file as in memory.
    @Test func aFrameWithTheArticleTwicePrintsItTwiceOnDiskAsInMemory() throws {
        let frame = "<!DOCTYPE html><html><head><title>{{title}}</title></head><body><main>{{article}}</main><aside>{{article}}</aside></body></html>"
        let (course, root) = try fixtureCourse(replacing: [:])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("site"), withIntermediateDirectories: true)
        try Data(frame.utf8).write(to: root.appendingPathComponent("site/page.html"))
        let loaded = CourseLoader.load(root: root)
        #expect(!loaded.hasErrors && loaded.course.pages.count == course.pages.count, "\(loaded.diagnostics)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-frame2-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let written = try SiteBuilder(course: loaded.course).build(into: dir)
        for output in try SiteBuilder(course: loaded.course).buildAll() {
            let folder = try #require(written.first { $0.edition == output.edition }).folder
            let onDisk = try Data(contentsOf: folder.appendingPathComponent("print.html"))
            #expect(onDisk == Data(output.files["print.html"] ?? []), "\(output.edition)")
            let text = String(decoding: onDisk, as: UTF8.self)
            let firstPage = try #require(loaded.course.pages.first)
            #expect(text.components(separatedBy: "id=\"\(firstPage.id)--top\"").count - 1 == 2, "\(output.edition)")
            #expect(text.components(separatedBy: "class=\"print-toc\"").count - 1 == 2, "\(output.edition)")
        }
    }

    /// The page frame is `site/page.html`: a course's own frame places katch's slots as it likes;
    /// course text reaches it escaped; a frame with an unknown slot or without {{article}} stops the build.
    @Test func aCourseFramePlacesTheSlotsAndCannotPrintCourseTextUnescaped() throws {
        #expect(Theme.defaultFrame.pieces.contains("article"))
        #expect(String(decoding: Theme.defaults["page.html"] ?? [], as: UTF8.self).contains("{{header}}"))
        let mini = repositoryRoot.appendingPathComponent("Tests/Fixtures/mini-course")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-frame-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: mini, to: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("site"), withIntermediateDirectories: true)
        let frame = "<!DOCTYPE html><html lang=\"{{lang}}\"><head><title>{{title}}</title></head><body><div class=\"org-banner\">Ұйым</div>{{article}}{{footer}}</body></html>"
        try Data(frame.utf8).write(to: dir.appendingPathComponent("site/page.html"))
        var config = try String(contentsOf: dir.appendingPathComponent("course.yml"), encoding: .utf8)
        config = config.replacingOccurrences(of: "title:", with: "title: \"<script>x</script> \" #", options: [], range: config.range(of: "title:"))
        try Data(config.utf8).write(to: dir.appendingPathComponent("course.yml"))
        let loaded = CourseLoader.load(root: dir)
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        let outputs = try SiteBuilder(course: loaded.course).buildAll()
        let index = String(decoding: outputs[0].files["index.html"] ?? [], as: UTF8.self)
        #expect(index.hasPrefix("<!DOCTYPE html><html lang=\"kk\"><head><title>") && index.contains("<div class=\"org-banner\">Ұйым</div><article>"))
        #expect(!index.contains("<script>x</script>") && index.contains("&lt;script&gt;x&lt;/script&gt;"))
        #expect(!index.contains("class=\"sidebar\""), "slots the frame leaves out are left out")
        for (bad, message) in [
            ("<html>\n<body>{{nav}}{{article}}</html>", "site/page.html:2: unknown slot {{nav}}"),
            ("<html>{{header}}</html>", "site/page.html: the frame has no {{article}}"),
            ("<html>\n\n{{article</html>", "site/page.html:3: '{{' without '}}'"),
        ] {
            try Data(bad.utf8).write(to: dir.appendingPathComponent("site/page.html"))
            #expect { _ = try SiteBuilder(course: CourseLoader.load(root: dir).course).buildAll() } throws: { e in
                "\(e)".hasPrefix(message)
            }
        }
    }
}
