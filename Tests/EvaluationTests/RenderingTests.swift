import Instruments
import HTMLText
import CourseModel
import Evaluation
import Foundation
import Results
import Statistics
import Testing
import TestSupport

@Suite(.serialized) struct RenderingTests {
    @Test func htmlEscapesFreeText() throws {
        let (report, fixture) = try EvaluationTests.report()
        defer { fixture.remove() }
        let html = String(decoding: report.rendered(as: .html, withAnswers: true), as: UTF8.self)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>жұмыс</b>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;бірлесіп&#39; Қазақстан &lt;b&gt;жұмыс&lt;/b&gt;"))
        #expect(html.contains("<html lang=\"kk\">"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        #expect(!html.contains("<link"))
        #expect(HTML.escape("a<b & \"c\" 'd' Қ") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39; Қ")
        let md = String(decoding: report.rendered(as: .md), as: UTF8.self)
        #expect(!md.contains("<script>"))
        #expect(md.contains("\\<script\\>"))
    }

    @Test func noNameOrContactInAnyFormat() throws {
        let (report, fixture) = try EvaluationTests.report()
        defer { fixture.remove() }
        for format in ReportFormat.allCases {
            let text = String(decoding: report.rendered(as: format), as: UTF8.self)
            #expect(!text.contains("Секретова"), "\(format)")
            #expect(!text.contains("Зейнеп"), "\(format)")
            #expect(!text.contains("zeinep.secret"), "\(format)")
            #expect(!text.contains("0199"), "\(format)")
            #expect(text.contains(fixture.codes["shymkent-2026-03"]?[0] ?? "?") || format == .csv, "\(format)")
        }
    }

    @Test func jsonIsStableAndDecodes() throws {
        let (report, fixture) = try EvaluationTests.report()
        defer { fixture.remove() }
        let data = Data(report.rendered(as: .json))
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: data)
        #expect(decoded == report)
        #expect(report.rendered(as: .json) == report.rendered(as: .json))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 2)
        for key in ["overall", "comparison", "quiz", "survey", "method", "trainings"] { #expect(object[key] != nil, "\(key)") }
    }

    /// The report's own JSON writer gives the bytes Foundation's `JSONEncoder` gives with sorted
    /// keys (the oracle), on reports with open answers, comments, breakdowns, suppressed groups,
    /// missing statistics and text that needs escaping.
    @Test func jsonWriterMatchesFoundation() throws {
        for (language, minGroup) in [("kk", 5), ("ru", 1), ("en", 50)] {
            let (report, fixture) = try EvaluationTests.report(language: language, minGroup: minGroup)
            defer { fixture.remove() }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let oracle = Array(try encoder.encode(report)) + [0x0A]
            let ours = report.rendered(as: .json)
            #expect(ours == oracle, "\(language) \(minGroup): first difference at byte \(ours.indices.first { $0 >= oracle.count || ours[$0] != oracle[$0] } ?? ours.count)")
        }
    }

    @Test func languagesAndCSV() throws {
        let (report, fixture) = try EvaluationTests.report(language: "ru")
        defer { fixture.remove() }
        let html = String(decoding: report.rendered(as: .html), as: UTF8.self)
        #expect(html.contains("<html lang=\"ru\">"))
        #expect(html.contains("Итоги оценки тренинга"))
        let csv = report.rendered(as: .csv)
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(text.contains("\r\n"))
        #expect(text.hasPrefix("table,measure,value"))
        #expect(text.contains("\r\nquestion,type,answered_pre"))
        #expect(text.contains("\r\ngroup,dimension,id"))
        #expect(text.contains("\r\ntraining,id,registered"))
    }

    /// Opens the HTML report in headless Chromium (skipped without chromium): the DOM comes back
    /// with every chart, and a screenshot is written.
    @Test func htmlOpensInHeadlessChromium() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else { return }
        let (report, fixture) = try EvaluationTests.report()
        defer { fixture.remove() }
        let file = fixture.dir.appendingPathComponent("report.html")
        try Data(report.rendered(as: .html)).write(to: file)
        let run = try Subprocess.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(fixture.dir.appendingPathComponent("profile").path)",
            "--enable-logging=stderr", "--v=0", "--dump-dom", file.absoluteString,
        ], mergeErrors: false, timeout: 90)
        let dom = run.output
        let console = run.errors
        #expect(!console.contains("CONSOLE"), "console messages: \(console.split(separator: "\n").filter { $0.contains("CONSOLE") })")
        #expect(!console.contains("Uncaught"))
        #expect(run.status == 0)
        #expect(dom.components(separatedBy: "<svg").count - 1 >= 5, "distribution, slope, questions, feedback, comparison")
        #expect(dom.contains("id=\"questions\""))
        #expect(!dom.contains("<script>alert"))
        // A sample for reading by hand: KATCH_REPORT_SAMPLE_DIR=/tmp/x swift test … keeps the HTML and a screenshot.
        if let keep = ProcessInfo.processInfo.environment["KATCH_REPORT_SAMPLE_DIR"] {
            let dir = URL(fileURLWithPath: keep)
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let html = dir.appendingPathComponent("report.html")
            try? FileManager.default.removeItem(at: html)
            try FileManager.default.copyItem(at: file, to: html)
            try Subprocess.run(chromium, [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(fixture.dir.appendingPathComponent("profile2").path)",
                "--window-size=1000,5000", "--screenshot=\(dir.appendingPathComponent("report.png").path)", html.absoluteString,
            ], timeout: 90)
        }
    }
}
