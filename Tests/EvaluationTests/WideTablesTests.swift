import Instruments
import Evaluation
import Foundation
import Statistics
import Testing
import TestSupport

/// Wide tables of the HTML report (the breakdowns, the comparison of trainings) stay inside the
/// content width: on screen they scroll sideways in a wrapper, in print they wrap to the A4 width.
@Suite(.serialized) struct WideTablesTests {
    /// The fixture's report made as wide as real reports get: Russian labels, an agency group with
    /// a long name and no matched pair yet (every figure «нет: …», words in numeric columns), and
    /// eight trainings with long ids and missing feedback means in the comparison.
    static func crowdedReport() throws -> (EvaluationReport, FixtureDB) {
        var (report, fixture) = try EvaluationTests.report(language: "ru")
        let none = StatValue.unavailable(reason: StatReason.nothingPaired)
        for b in report.overall.breakdowns.indices where report.overall.breakdowns[b].dimension == "agency" {
            guard var group = report.overall.breakdowns[b].groups.first else { continue }
            group.label = "Управление координации занятости и социальных программ (ЖҚҮӘББ) — другое ведомство"
            group.matched = 0
            group.meanPre = none
            group.meanPost = none
            group.meanGain = none
            group.meanGainCI = ConfidenceInterval(level: 0.95, lower: none, upper: none)
            group.classGain = StatValue.unavailable(reason: StatReason.zeroTotalVariance)
            report.overall.breakdowns[b].groups.append(group)
        }
        let first = try #require(report.comparison.first)
        report.comparison = (1...8).map { k in
            var c = first
            c.training.id = "turkistan-oblysy-2026-0\(k)-qaytalau"
            c.tTestP = StatValue.unavailable(reason: StatReason.zeroVariance)
            c.feedbackMeans = c.feedbackMeans.map { m in
                var m = m
                m.mean = StatValue.unavailable(reason: StatReason.empty)
                return m
            }
            return c
        }
        return (report, fixture)
    }

    @Test func everyTableSitsInAScrollingWrapper() throws {
        let (report, fixture) = try Self.crowdedReport()
        defer { fixture.remove() }
        let html = String(decoding: report.rendered(as: .html), as: UTF8.self)
        let tables = html.components(separatedBy: "<table>").count - 1
        #expect(tables >= 8)
        #expect(html.components(separatedBy: "<div class=\"table-wrap\"><table>").count - 1
            + html.components(separatedBy: "<div class=\"table-wrap wide\"><table>").count - 1 == tables)
        #expect(html.components(separatedBy: "</table></div>").count - 1 == tables)
        // The comparison is the wide one.
        let comparison = try #require(html.range(of: "<section id=\"comparison\">"))
        #expect(html[comparison.upperBound...].contains("<div class=\"table-wrap wide\"><table>"))
        // «нет: нет пар» in a numeric column may wrap; numbers may not.
        #expect(html.contains("<td class=\"num text\">нет: нет пар</td>"))
        #expect(html.contains("<td class=\"num\">6</td>"))
        #expect(HTMLReportCSS.rule(".table-wrap", in: html)?.contains("overflow-x:auto") == true)
        // The comparison chart shortens long ids to its margin and keeps the whole id as the tooltip.
        #expect(html.contains("<title>turkistan-oblysy-2026-01-qaytalau</title>turkistan-oblysy-2026…</text>"))
    }

    /// The crowded report in headless Chromium: at 1200 px nothing runs past the content column
    /// (wide tables scroll inside it), and with the print rules at the A4 text width (182 mm =
    /// 688 CSS px) every table fits the page.
    @Test func tablesStayInsideTheContentWidthOnScreenAndInPrint() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else { return }
        let (report, fixture) = try Self.crowdedReport()
        defer { fixture.remove() }
        let html = String(decoding: report.rendered(as: .html), as: UTF8.self)
        #expect(html.contains("@media print{"))
        // For reading by hand: KATCH_REPORT_SAMPLE_DIR=/tmp/x swift test … keeps this report as crowded.html.
        if let keep = ProcessInfo.processInfo.environment["KATCH_REPORT_SAMPLE_DIR"] {
            let dir = URL(fileURLWithPath: keep)
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: dir.appendingPathComponent("crowded.html"))
        }

        func layout(_ page: String, width: Int, print: Bool) throws -> String {
            let probe = """
                <script>
                (function () {
                  var main = document.querySelector("main"), bad = [];
                  if (main.scrollWidth > main.clientWidth + 1) { bad.push("main " + main.scrollWidth + " > " + main.clientWidth); }
                  document.querySelectorAll(".table-wrap").forEach(function (w, i) {
                    var t = w.querySelector("table");
                    if (\(print) && t.getBoundingClientRect().width > w.clientWidth + 1) { bad.push("table " + i + " " + Math.round(t.getBoundingClientRect().width) + " > " + w.clientWidth); }
                  });
                  document.body.setAttribute("data-layout", bad.length ? bad.join("; ") : "ok");
                })();
                </script>
                </body>
                """
            var text = page.replacingOccurrences(of: "</body>", with: probe)
            // Print rules applied on screen, at the width of A4's text area.
            if print { text = text.replacingOccurrences(of: "@media print{", with: "@media all{") }
            let file = fixture.dir.appendingPathComponent(print ? "print.html" : "screen.html")
            try Data(text.utf8).write(to: file)
            let run = try Subprocess.run(chromium, [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=\(width),1200",
                "--user-data-dir=\(fixture.dir.appendingPathComponent("profile-\(width)").path)", "--dump-dom", file.absoluteString,
            ], mergeErrors: false, timeout: 90)
            guard let r = run.output.range(of: "data-layout=\"") else { return "no result" }
            return String(run.output[r.upperBound...].prefix { $0 != "\"" })
        }
        let screen = try layout(html, width: 1200, print: false)
        #expect(screen == "ok")
        let paper = try layout(html, width: 688, print: true)
        #expect(paper == "ok")

        // The same check fails for the old markup (tables straight in <main>, numbers never wrapping):
        // the probe can tell.
        let old = html.replacingOccurrences(of: ".table-wrap{overflow-x:auto;", with: ".table-wrap{")
            .replacingOccurrences(of: ".table-wrap{overflow:visible}", with: "")
            .replacingOccurrences(of: "td.num.text{white-space:normal;min-width:6em}", with: "")
            .replacingOccurrences(of: "overflow-wrap:anywhere", with: "overflow-wrap:normal")
        let oldScreen = try layout(old, width: 1200, print: false)
        #expect(oldScreen != "ok")
        let oldPaper = try layout(old, width: 688, print: true)
        #expect(oldPaper != "ok")
    }
}

/// Reading one rule of the report's inline stylesheet.
enum HTMLReportCSS {
    /// The declarations of the first rule for `selector` (`{…}` after it), if any.
    static func rule(_ selector: String, in html: String) -> String? {
        guard let r = html.range(of: selector + "{") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "}" })
    }
}
