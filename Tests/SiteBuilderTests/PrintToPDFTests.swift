import Foundation
import Testing
import TestSupport
@testable import CourseModel
@testable import SiteBuilder

/// The printed forms as a trainer prints them: headless Chromium's print to PDF with its default
/// settings (background graphics off), read back with poppler (`pdftotext`, `pdftoppm`).
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: chromiumPath)
    && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftoppm"), "chromium or poppler-utils is not installed"))
struct PrintToPDFTests {
    static let site: (dir: URL, course: Course) = {
        let loaded = CourseLoader.load(root: repositoryRoot)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-pdf-\(UUID().uuidString)")
        _ = try? SiteBuilder(course: loaded.course).build(into: dir)
        return (dir, loaded.course)
    }()

    func printed(_ page: String) throws -> URL {
        let pdf = Self.site.dir.appendingPathComponent(page.replacingOccurrences(of: "/", with: "-") + ".pdf")
        _ = try Subprocess.run(chromiumPath, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(Self.site.dir.appendingPathComponent("profile").path)",
            "--print-to-pdf=\(pdf.path)", Self.site.dir.appendingPathComponent(page).absoluteString,
        ], mergeErrors: false, timeout: 120)
        return pdf
    }

    /// The PDF's text, with white space folded (words wrap across lines on paper).
    func text(_ pdf: URL) throws -> String {
        let run = try Subprocess.run("/usr/bin/pdftotext", [pdf.path, "-"], mergeErrors: false, timeout: 60)
        return run.output.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{0C}" }).joined(separator: " ")
    }

    /// The words (runs of letters and digits) of `text`, with how often each occurs.
    func words(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for w in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) { counts[String(w), default: 0] += 1 }
        return counts
    }

    /// The words of `item` missing from the words on paper (table columns interleave in the text
    /// pdftotext reads, so the check is on words; a row cut at the page edge loses some).
    /// pdftotext joins a word hyphenated at a line end («ата-» + «анаңызға» → «атаанаңызға»), so a
    /// word not found whole is looked for in the letters of the whole text.
    func missing(_ item: String, from paper: [String: Int], letters: String) -> [String] {
        var need = words(item)
        for (w, n) in need { need[w] = max(0, n - (paper[w] ?? 0)) }
        return need.filter { $0.value > 0 && !letters.contains($0.key) }.map(\.key).sorted()
    }

    /// Rows of dark pixels that run across at least half the page, counted once per line (pages as
    /// 8-bit grey PGM at 50 dpi).
    func ruledLines(_ pdf: URL, longerThan fraction: Double = 0.5) throws -> Int {
        let prefix = pdf.deletingPathExtension().path
        _ = try Subprocess.run("/usr/bin/pdftoppm", ["-r", "50", "-gray", pdf.path, prefix], mergeErrors: false, timeout: 60)
        var lines = 0
        let dir = pdf.deletingLastPathComponent()
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        where name.hasPrefix(pdf.deletingPathExtension().lastPathComponent + "-") && name.hasSuffix(".pgm") {
            let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            // Header: "P5\n<w> <h>\n255\n".
            var fields: [Int] = []
            var i = 2
            while fields.count < 3 {
                while bytes[i] == 10 || bytes[i] == 32 { i += 1 }
                var n = 0
                while bytes[i] >= 48 && bytes[i] <= 57 { n = n * 10 + Int(bytes[i] - 48); i += 1 }
                fields.append(n)
            }
            i += 1
            let (w, h) = (fields[0], fields[1])
            var previousWasLine = false
            for y in 0..<h {
                var longest = 0, run = 0
                for x in 0..<w {
                    if bytes[i + y * w + x] < 200 { run += 1; longest = max(longest, run) } else { run = 0 }
                }
                let isLine = Double(longest) > Double(w) * fraction
                if isLine && !previousWasLine { lines += 1 }
                previousWasLine = isLine
            }
        }
        return lines
    }

    @Test func thePrePostTestPrintsWholeWithWritingLines() throws {
        let pdf = try printed("participant/pre-post-test.html")
        let text = try text(pdf)
        let paper = words(text)
        let letters = String(text.filter { $0.isLetter || $0.isNumber })
        let quiz = try #require(Self.site.course.page("pre-post-test"))
        for q in quiz.questions {
            for part in [q.prompt] + q.options.map(\.spans.plainText) {
                let lost = missing(part, from: paper, letters: letters)
                #expect(lost.isEmpty, "\(q.id): «\(part.prefix(50))…» lost \(lost) on paper")
            }
        }
        // Nothing of the web page's chrome: no meta box, no print button.
        #expect(!text.contains("Басып шығару"), "the print button is on paper")
        // The open question's writing lines (and the form's fill-in lines) print without background graphics.
        // Only the writing lines run across half the page (the form's fill-in lines are shorter).
        let open = try #require(quiz.questions.first { $0.type == .open })
        let ruled = try ruledLines(pdf)
        #expect(ruled >= open.lines, "\(ruled) long lines on paper; the open question asks for \(open.lines)")
    }

    @Test func theAppendixFourFormPrintsWholeWithItsFields() throws {
        let pdf = try printed("participant/screening-appendix-4.html")
        let text = try text(pdf)
        let paper = words(text)
        let letters = String(text.filter { $0.isLetter || $0.isNumber })
        let page = try #require(Self.site.course.page("screening-appendix-4"))
        for item in page.screeningTools.flatMap(\.allItems) {
            for part in [item.text] + (item.options ?? []) {
                let lost = missing(part, from: paper, letters: letters)
                #expect(lost.isEmpty, "item \(item.id): «\(part.prefix(50))…» lost \(lost) on paper")
            }
        }
        for field in ["Күні", "Қатысушының коды", "Сұхбат алған"] { #expect(text.contains(field), "no «\(field)» field") }
        // A «Ескертпелер» line under each of the 13 scored items, and the header's fields.
        let ruled = try ruledLines(pdf, longerThan: 0.15)
        #expect(ruled >= 13, "\(ruled) lines on paper")
    }

    /// Search on the real course: the status says how many pages were found; 20 are listed and a
    /// button offers the rest.
    @Test func searchCountsResultsAndShowsMoreOnRequest() throws {
        let page = Self.site.dir.appendingPathComponent("trainer/search.html").absoluteString + "?q=%D0%B1%D0%B0%D0%BB%D0%B0"  // «бала»
        let run = try Subprocess.run(chromiumPath, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(Self.site.dir.appendingPathComponent("profile-search").path)",
            "--dump-dom", page,
        ], mergeErrors: false, timeout: 90)
        let dom = run.output
        // The status element's text (after its attributes, which hold the message templates).
        let status = try #require(dom.range(of: "role=\"status\"").map { String(dom[$0.upperBound...].drop { $0 != ">" }.prefix(200)) })
        let found = try #require(status.range(of: "табылғаны: ").map { Int(status[$0.upperBound...].prefix { $0.isNumber }) ?? 0 })
        let list = try #require(dom.range(of: "<ol id=\"search-results\">").flatMap { start in
            dom.range(of: "</ol>", range: start.upperBound..<dom.endIndex).map { String(dom[start.upperBound..<$0.lowerBound]) }
        })
        let listed = list.components(separatedBy: "<li>").count - 1
        #expect(found > 100, "\(status.prefix(200))")
        #expect(listed == 20, "\(listed) listed of \(found)")
        #expect(dom.contains("қалғаны: \(found - 20))"), "the show-more button does not say how many are left")
    }
}

extension PrintToPDFTests {
    /// The print book: page 1 holds the title and a linked table of contents (not the title alone),
    /// every page is in it, and activities of one kind outside the modules (icebreakers, energizers)
    /// flow one after another instead of one to a sheet.
    @Test func thePrintBookHasAContentsPageAndGroupsShortActivities() throws {
        let html = try String(contentsOf: Self.site.dir.appendingPathComponent("trainer/print.html"), encoding: .utf8)
        let toc = try #require(html.range(of: "<nav class=\"print-toc\"").flatMap { start in
            html.range(of: "</nav>", range: start.upperBound..<html.endIndex).map { String(html[start.lowerBound..<$0.upperBound]) }
        })
        let sections = html.components(separatedBy: "<section class=\"print-page").count - 1
        let links = toc.components(separatedBy: "<a href=\"#").count - 1
        #expect(sections > 80 && links == sections, "\(links) contents links for \(sections) pages")
        let icebreakers = Self.site.course.pages.filter { $0.kind == .icebreaker && $0.module == nil }
        #expect(icebreakers.count >= 2)
        let breaks = icebreakers.filter { html.contains("<section class=\"print-page module-start\" id=\"\($0.id)--top\"") }
        #expect(breaks.count == 1, "only the first icebreaker starts a new sheet, not \(breaks.map(\.id))")
        let pdf = try printed("trainer/print.html")
        let first = try Subprocess.run("/usr/bin/pdftotext", ["-f", "1", "-l", "1", pdf.path, "-"], mergeErrors: false, timeout: 60).output
        #expect(first.contains("Мазмұны") && first.contains("Кіріспе"), "page 1 is not the contents page")
    }
}
