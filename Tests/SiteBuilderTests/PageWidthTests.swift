import Foundation
import Testing
import TestSupport
@testable import CourseModel
@testable import SiteBuilder

/// Every page of both editions of the real course, opened in headless Chromium at a phone's width
/// (390 px) and a desktop's (1280 px): none may be wider than the window (wide tables scroll in their
/// own box, long words and URLs wrap). One Chromium run loads every page into a frame of each width.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: chromiumPath), "chromium is not installed"))
struct PageWidthTests {
    @Test func noPageIsWiderThanThePhoneOrTheDesktopWindow() throws {
        let loaded = CourseLoader.load(root: repositoryRoot)
        #expect(!loaded.hasErrors)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-widths-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let outputs = try SiteBuilder(course: loaded.course).build(into: dir)
        var pages: [String] = []
        for output in outputs {
            let files = try FileManager.default.contentsOfDirectory(atPath: output.folder.path)
            for path in files.sorted() where path.hasSuffix(".html") { pages.append("\(output.edition.rawValue)/\(path)") }
        }
        #expect(pages.count > 130)
        let list = "[" + pages.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        let harness = """
            <!DOCTYPE html><html><body><script>
            var pages = \(list), widths = [390, 1280], results = [], k = 0;
            function next() {
              if (k >= pages.length * widths.length) { document.body.setAttribute("data-result", results.length ? results.join("; ") : "ok"); return; }
              var p = pages[Math.floor(k / widths.length)], w = widths[k % widths.length]; k++;
              var f = document.createElement("iframe");
              f.style.width = w + "px"; f.style.height = "800px"; f.style.border = "0";
              f.onload = function () {
                try {
                  var d = f.contentDocument, sw = d.documentElement.scrollWidth;
                  if (sw > w + 1) {
                    var widest = "", max = 0;
                    d.querySelectorAll("body *").forEach(function (e) { var r = e.getBoundingClientRect(); if (r.right > max) { max = r.right; widest = e.tagName + "." + e.className; } });
                    results.push(p + " at " + w + " px is " + sw + " px wide (" + widest + ")");
                  }
                } catch (e) { results.push(p + ": " + e); }
                f.remove(); next();
              };
              f.src = p; document.body.appendChild(f);
            }
            next();
            </script></body></html>
            """
        let file = dir.appendingPathComponent("widths.html")
        try Data(harness.utf8).write(to: file)
        let run = try Subprocess.run(chromiumPath, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files",
            "--user-data-dir=\(dir.appendingPathComponent("profile").path)", "--virtual-time-budget=240000", "--dump-dom", file.absoluteString,
        ], mergeErrors: false, timeout: 300)
        let result = run.output.range(of: "data-result=\"").map { String(run.output[$0.upperBound...].prefix { $0 != "\"" }) }
        #expect(result == "ok", "\(result ?? "no result")")
    }
}
