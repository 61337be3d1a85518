import Foundation
import Testing
@testable import CourseModel
@testable import SiteBuilder

/// `katch serve` rebuilds through a ``SiteCache``: after each kind of edit of a copy of the real
/// course, the incremental build must equal a fresh full build byte for byte, with the same
/// diagnostics, and render only what the edit touched.
@Suite struct IncrementalBuildTests {
    /// A copy of the real course in a temporary folder, removed afterwards.
    final class CourseCopy {
        let root: URL
        init() throws {
            let fm = FileManager.default
            root = fm.temporaryDirectory.appendingPathComponent("katch-incremental-\(UUID().uuidString)")
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
            for name in ["course.yml", "modules", "exercises", "site"] {
                try fm.copyItem(at: repositoryRoot.appendingPathComponent(name), to: root.appendingPathComponent(name))
            }
        }
        deinit { try? FileManager.default.removeItem(at: root) }

        func read(_ file: String) throws -> String { try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) }
        func write(_ file: String, _ text: String) throws { try Data(text.utf8).write(to: root.appendingPathComponent(file)) }
    }

    /// The incremental build (through `cache`) and a full build of `root`: the same diagnostics, and
    /// when the course has no errors the same files in both editions. Returns whether it built.
    @discardableResult
    func expectSameAsFullBuild(_ root: URL, _ cache: SiteCache, _ step: String) throws -> Bool {
        let incremental = CourseLoader.load(root: root, cache: cache.load)
        let full = CourseLoader.load(root: root)
        #expect(incremental.diagnostics == full.diagnostics, "\(step): diagnostics differ")
        #expect(incremental.hasErrors == full.hasErrors)
        guard !full.hasErrors else { return false }
        let fastResult = Result { () throws(SiteError) in try SiteBuilder(course: incremental.course).buildAll(cache: cache) }
        let slowResult = Result { () throws(SiteError) in try SiteBuilder(course: full.course).buildAll() }
        if case .failure(let slowError) = slowResult {
            // A build that fails (a leak) fails the same way.
            guard case .failure(let fastError) = fastResult else {
                Issue.record("\(step): the full build failed and the incremental one did not: \(slowError)")
                return false
            }
            #expect(fastError.description == slowError.description, "\(step)")
            return false
        }
        // The leak check's index, kept between builds, finds the same secrets as one made afresh.
        let kept = cache.leaks.scanner(for: incremental.course, revisions: cache.load)
        let fresh = LeakCheck(course: full.course).scanner()
        let sameSecrets = kept.secrets == fresh.secrets
        let sameFragments = kept.fragments.map { $0.file + $0.text } == fresh.fragments.map { $0.file + $0.text }
        #expect(sameSecrets && sameFragments, "\(step): the kept leak index differs from a fresh one")
        let fast = try fastResult.get(), slow = try slowResult.get()
        #expect(fast.map(\.edition) == slow.map(\.edition))
        for (a, b) in zip(fast, slow) {
            let differing = Set(a.files.keys).union(b.files.keys).filter { a.files[$0] != b.files[$0] }.sorted()
            #expect(differing.isEmpty, "\(step): \(a.edition) files differ from a full build: \(differing.prefix(10))")
        }
        return true
    }

    @Test func editsRebuildOnlyWhatTheyTouchAndEqualAFullBuild() throws {
        let copy = try CourseCopy()
        let cache = SiteCache()
        let course = CourseLoader.load(root: copy.root).course
        let pageCount = course.pages.count + course.pages.filter { $0.audience == .all }.count

        // The first build renders every page; a build with nothing changed renders none.
        try expectSameAsFullBuild(copy.root, cache, "first build")
        #expect(cache.rendered == pageCount)
        let parsedBefore = cache.load.reused
        try expectSameAsFullBuild(copy.root, cache, "no change")
        #expect(cache.rendered == 0)
        #expect(cache.load.reused == parsedBefore + course.pages.count)

        // A body edit of a page for everyone: that page, in both editions.
        let energizer = try #require(course.pages.first { $0.id == "energizer-1" })
        let original = try copy.read(energizer.file)
        try copy.write(energizer.file, original + "\nБір жаңа абзац: қайта құрастыру тек осы бетті қозғайды.\n")
        try expectSameAsFullBuild(copy.root, cache, "body edit")
        #expect(cache.rendered == 2)

        // A page for everyone inside a module, linked from the energizer by a link without text of its
        // own (it shows the title): a new title renders the energizer, the page's neighbours and its
        // module's pages again, not the whole course.
        let target = try #require(course.pages.first { $0.module != nil && $0.kind != .module && $0.audience == .all })
        try copy.write(energizer.file, original + "\nҚараңыз: [](id:\(target.id)).\n")
        try expectSameAsFullBuild(copy.root, cache, "link without text")
        #expect(cache.rendered == 2)
        let targetText = try copy.read(target.file)
        let retitled = targetText.replacingOccurrences(of: "title: \"\(target.title)\"", with: "title: \"Жаңа атау\"")
        #expect(retitled != targetText, "the title line of \(target.file) was not found")
        try copy.write(target.file, retitled)
        try expectSameAsFullBuild(copy.root, cache, "title change")
        #expect(cache.rendered > 2 && cache.rendered < pageCount / 2, "rendered \(cache.rendered) of \(pageCount)")
        let built = SiteBuilder(course: CourseLoader.load(root: copy.root).course).build(.participant)
        #expect(text(built, "energizer-1.html").contains("Жаңа атау"))

        // Trainer-only text in the course's own stylesheet (a participant file the check passes) fails
        // the leak check in both builds, with the same report; taken out, the site builds again.
        let scanner = LeakCheck(course: course).scanner()
        let secret = try #require(scanner.secrets.values.min().map { scanner.fragments[$0].text })
        // The same text on a participant page is no secret; taken off again, it is one again.
        try copy.write(energizer.file, original + "\n" + secret + "\n")
        #expect(try expectSameAsFullBuild(copy.root, cache, "trainer text on a participant page"))
        try copy.write(energizer.file, original)
        #expect(try expectSameAsFullBuild(copy.root, cache, "trainer text taken off"))
        let stylesheet = try copy.read("site/style.css")
        try copy.write("site/style.css", stylesheet + "/* \(secret) */\n")
        #expect(try !expectSameAsFullBuild(copy.root, cache, "leak"), "trainer-only text in the stylesheet should fail the leak check")
        try copy.write("site/style.css", stylesheet)
        #expect(try expectSameAsFullBuild(copy.root, cache, "leak taken out"))

        // A broken edit fails the check (nothing is built) and its fix builds again, equal to a full build.
        try copy.write(energizer.file, "---\nid: energizer-1\ntitle: [unclosed\n---\n")
        #expect(try !expectSameAsFullBuild(copy.root, cache, "broken edit"))
        try copy.write(energizer.file, original)
        #expect(try expectSameAsFullBuild(copy.root, cache, "fixed edit"))

        // A new page, then the page deleted: the course's outline changes, so every page is rendered again.
        let added = "exercises/energizer-added.md"
        try copy.write(added, original.replacingOccurrences(of: "id: energizer-1", with: "id: energizer-added"))
        #expect(try expectSameAsFullBuild(copy.root, cache, "added page"))
        #expect(cache.rendered > pageCount / 2)
        try FileManager.default.removeItem(at: copy.root.appendingPathComponent(added))
        #expect(try expectSameAsFullBuild(copy.root, cache, "deleted page"))

        // `course.yml` is read by every page: all are rendered again.
        let config = try copy.read("course.yml")
        try copy.write("course.yml", config.replacingOccurrences(of: "\ntitle: \"", with: "\ntitle: \"Жаңа "))
        #expect(try expectSameAsFullBuild(copy.root, cache, "course.yml edit"))
        #expect(cache.rendered > pageCount / 2)
    }
}
