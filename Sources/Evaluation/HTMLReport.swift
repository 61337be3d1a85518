import Instruments
import HTMLText
import Foundation
import Localization
import Statistics

/// The HTML rendering: one self-contained file, inline CSS and SVG, nothing loaded from the network.
enum HTMLReport {
    static let css = """
        :root{--pre:#8a94a6;--post:#1f7a4d;--bad:#b3261e;--ink:#1b1f24;--muted:#5b6470;--line:#d5d9de}
        *{box-sizing:border-box}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);margin:0;background:#fff}
        main{max-width:1000px;margin:0 auto;padding:24px}
        h1{font-size:1.7em;margin:0 0 4px}h2{font-size:1.3em;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
        h3{font-size:1.05em;margin:16px 0 6px}
        .sub{color:var(--muted);margin:0 0 16px}
        .headline{font-size:1.25em;font-weight:600;margin:8px 0 16px}
        table{border-collapse:collapse;width:100%;margin:8px 0 12px;font-size:.92em}
        th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
        th{background:#f2f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .note{color:var(--muted);font-size:.9em}.warn{color:var(--bad)}
        .table-wrap{overflow-x:auto;margin:8px 0 12px}.table-wrap table{margin:0}td.num.text{white-space:normal;min-width:6em}
        .wide table{font-size:.78em}.wide th,.wide td{padding:3px 4px}
        ul.flags li{margin:2px 0}
        figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}
        svg{max-width:100%;height:auto;font:11px system-ui,Arial,sans-serif}
        .legend span{display:inline-block;margin-right:14px}.sw{display:inline-block;width:12px;height:12px;vertical-align:-1px;margin-right:4px}
        .answers li{margin:3px 0}.code{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f2f4f6;padding:0 3px}
        @page{size:A4;margin:14mm}
        @media print{body{font-size:10.5pt}main{max-width:none;padding:0}h2{break-after:avoid}tr,figure,li{break-inside:avoid}
        section{break-inside:auto}a{color:inherit;text-decoration:none}
        .table-wrap{overflow:visible}table{font-size:7.5pt}th,td{padding:2px 3px;overflow-wrap:break-word}td.num.text{min-width:0}
        .wide table{font-size:7pt}.wide th,.wide td{padding:1px 2px;overflow-wrap:anywhere}.wide td.num,.wide td:first-child{overflow-wrap:normal}}
        """

    /// A table inside a wrapper that scrolls sideways on screen when the table is wider than the
    /// page, and lets it wrap to the page width in print. `wide` tables (many columns) use a
    /// smaller type. Numeric cells do not wrap, except when they hold words (`n/a: n < 2`).
    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = [], wide: Bool = false) -> String {
        var s = "<div class=\"table-wrap" + (wide ? " wide" : "") + "\"><table><thead><tr>"
            + header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for r in rows {
            s += "<tr>"
            for (i, cell) in r.enumerated() {
                if numeric.contains(i) {
                    let words = cell.unicodeScalars.contains { $0.properties.isAlphabetic }
                    s += "<td class=\"num" + (words ? " text" : "") + "\">\(HTML.escape(cell))</td>"
                } else {
                    s += "<td>\(HTML.escape(cell))</td>"
                }
            }
            s += "</tr>"
        }
        return s + "</tbody></table></div>\n"
    }

    static func f(_ x: Double) -> String { ReportText.number(x, 1) }

    static func render(_ report: EvaluationReport, withAnswers: Bool) -> String {
        let x = ReportText(report)
        let t = x.t
        let s = report.overall
        let limit = report.method.listLimit
        var h = "<!DOCTYPE html>\n<html lang=\"\(HTML.escape(report.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(HTML.escape(t(.reportTitle))) — \(HTML.escape(report.course))</title>\n<style>\(css)</style>\n</head>\n<body>\n<main>\n"
        h += "<h1>\(HTML.escape(t(.reportTitle)))</h1>\n<p class=\"sub\">\(HTML.escape(report.course))</p>\n"
        if let headline = x.headline { h += "<p class=\"headline\">\(HTML.escape(headline))</p>\n" }

        h += "<section id=\"trainings\"><h2>\(HTML.escape(t(.reportTrainings)))</h2>"
        h += table(["id", t(.reportTraining), t(.reportPlace), t(.reportDates)], report.trainings.map { [$0.id, $0.title, $0.place, x.dates($0)] })
        h += "</section>\n"

        let c = s.counts
        h += "<section id=\"overview\"><h2>\(HTML.escape(t(.reportOverview)))</h2>"
        h += table(
            ["", t(.reportN)],
            [
                [t(.reportRegistered), "\(c.registered)"], [t(.reportPreSubmitted), "\(c.preSubmitted)"],
                [t(.reportPostSubmitted), "\(c.postSubmitted)"], [t(.reportMatchedPairs), "\(c.matchedPairs)"],
                [t(.reportFeedbackSubmitted), "\(c.feedbackSubmitted)"],
            ], numeric: [1])
        h += "<p class=\"note\">\(HTML.escape(t(.reportUnsubmitted, c.preUnsubmitted, c.postUnsubmitted, c.feedbackUnsubmitted)))<br>"
        h += "\(HTML.escape(t(.reportUnscored, c.unscoredOpenAnswers)))</p></section>\n"

        h += "<section id=\"scores\"><h2>\(HTML.escape(t(.reportScores)))</h2>"
        h += table(x.summaryHeader, x.summaryRows(s), numeric: [1, 2, 3, 4])
        h += histogram(s, x)
        h += slopeChart(s, x, limit: limit)
        h += "</section>\n"

        h += "<section id=\"learning\"><h2>\(HTML.escape(t(.reportLearning)))</h2>"
        h += table(["", ""], x.learningRows(s)) + "</section>\n"

        h += "<section id=\"questions\"><h2>\(HTML.escape(t(.reportQuestions)))</h2>"
        h += table(x.questionHeader, s.questions.map(x.questionRow), numeric: [1, 2, 3])
        h += "<ul class=\"note\">" + report.quiz.questions.map { "<li><b>\(HTML.escape($0.id))</b>: \(HTML.escape($0.prompt))</li>" }.joined() + "</ul>"
        h += questionChart(s, x)
        h += "</section>\n"

        h += "<section id=\"reliability\"><h2>\(HTML.escape(t(.reportReliability)))</h2>"
        h += table(["", "KR-20"], [[t(.reportPre), x.stat(s.reliability.kr20Pre, 2)], [t(.reportPost), x.stat(s.reliability.kr20Post, 2)]], numeric: [1])
        h += "</section>\n"

        h += "<section id=\"flags\"><h2>\(HTML.escape(t(.reportFlags)))</h2>"
        h += s.flags.isEmpty ? "<p>\(HTML.escape(t(.reportNoFlags)))</p>" : "<ul class=\"flags\">" + s.flags.map { "<li>\(HTML.escape(x.flag($0)))</li>" }.joined() + "</ul>"
        h += "</section>\n"

        if !s.feedback.isEmpty {
            h += "<section id=\"feedback\"><h2>\(HTML.escape(t(.reportFeedback)))</h2>"
            let scale = s.feedback.first.map { Array($0.distribution.lowest...$0.distribution.highest) } ?? []
            h += table(
                [t(.reportQuestion)] + scale.map(String.init) + [t(.reportN), t(.reportRatingMean), t(.reportSD)],
                s.feedback.map { r in
                    ["\(r.id). \(x.prompt(r.id))"] + scale.map { "\(r.distribution.count(of: $0))" }
                        + ["\(r.distribution.n)", x.stat(r.distribution.mean, 2), x.stat(r.distribution.standardDeviation, 2)]
                }, numeric: Set(1...(scale.count + 3)))
            h += feedbackChart(s, x)
            h += "</section>\n"
        }

        h += "<section id=\"breakdowns\"><h2>\(HTML.escape(t(.reportBreakdowns)))</h2>"
        for b in s.breakdowns {
            h += "<h3>\(HTML.escape(x.dimension(b.dimension)))</h3>" + table(x.groupHeader, b.groups.map(x.groupRow), numeric: [1, 2, 3, 4, 5, 7])
        }
        h += "<p class=\"note\">\(HTML.escape(t(.reportSmallSample, report.method.minGroup)))</p></section>\n"

        if !report.comparison.isEmpty {
            h += "<section id=\"comparison\"><h2>\(HTML.escape(t(.reportComparison)))</h2>"
            h += table(
                x.comparisonHeader, report.comparison.map(x.comparisonRow), numeric: Set(1..<x.comparisonHeader.count).subtracting([6]), wide: true)
            h += comparisonChart(report, x)
            h += "</section>\n"
        }

        h += "<section id=\"unmatched\"><h2>\(HTML.escape(t(.reportUnmatched)))</h2>"
        if s.unmatched.isEmpty { h += "<p>\(HTML.escape(t(.reportNone)))</p>" } else {
            h += table(
                [t(.reportTraining), t(.reportParticipant), ""],
                s.unmatched.prefix(limit).map { [$0.training, $0.code, $0.hasPre ? t(.reportOnlyPre) : t(.reportOnlyPost)] })
            if s.unmatched.count > limit { h += "<p class=\"note\">\(HTML.escape(t(.reportMoreNotShown, s.unmatched.count - limit)))</p>" }
        }
        h += "</section>\n"

        func answers(_ id: String, _ title: String, _ list: [TextAnswer]) {
            h += "<section id=\"\(id)\"><h2>\(HTML.escape(title))</h2>"
            if list.isEmpty {
                h += "<p>\(HTML.escape(t(.reportNone)))</p></section>\n"
                return
            }
            var order: [String] = []
            var groups: [String: [TextAnswer]] = [:]
            for a in list {
                if groups[a.question] == nil { order.append(a.question) }
                groups[a.question, default: []].append(a)
            }
            for q in order {
                let items = groups[q] ?? []
                h += "<h3>\(HTML.escape(q)). \(HTML.escape(x.prompt(q)))</h3><ul class=\"answers\">"
                for a in items.prefix(limit) {
                    let score = a.phase == "feedback" ? "" : " (\(a.score.map { ReportText.number($0, 1) } ?? t(.reportNotScored)))"
                    h += "<li><span class=\"code\">\(HTML.escape(a.code))</span> \(HTML.escape(x.phase(a.phase)))\(HTML.escape(score)): \(HTML.escape(a.text))</li>"
                }
                if items.count > limit { h += "<li class=\"note\">\(HTML.escape(t(.reportMoreNotShown, items.count - limit)))</li>" }
                h += "</ul>"
            }
            h += "</section>\n"
        }
        if withAnswers {
            answers("open-answers", t(.reportOpenAnswers), s.openAnswers)
            answers("comments", t(.reportComments), s.comments)
        } else if !s.openAnswers.isEmpty || !s.comments.isEmpty {
            h += "<p class=\"note\">\(HTML.escape(t(.reportAnswersLeftOut)))</p>\n"
        }

        h += "<section id=\"method\"><h2>\(HTML.escape(t(.reportMethod)))</h2>"
        h += "<p>\(HTML.escape(t(.reportMethodScore)))</p><p>\(HTML.escape(t(.reportMethodTests)))</p><p>\(HTML.escape(t(.reportMethodItems)))</p>"
        h += "<p class=\"note\">katch report · schemaVersion \(report.schemaVersion)</p></section>\n"
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    static func legend(_ x: ReportText) -> String {
        "<div class=\"legend\"><span><i class=\"sw\" style=\"background:var(--pre)\"></i>\(HTML.escape(x.t(.reportPre)))</span>"
            + "<span><i class=\"sw\" style=\"background:var(--post)\"></i>\(HTML.escape(x.t(.reportPost)))</span></div>"
    }

    /// Pre vs post distribution: 10 bins of 10 percentage points, two bars per bin.
    static func histogram(_ s: SectionReport, _ x: ReportText) -> String {
        var pre = [Int](repeating: 0, count: 10)
        var post = [Int](repeating: 0, count: 10)
        for p in s.participants {
            if let v = p.pre { pre[Swift.min(9, Swift.max(0, Int(v / 10)))] += 1 }
            if let v = p.post { post[Swift.min(9, Swift.max(0, Int(v / 10)))] += 1 }
        }
        // Whole-number ticks: the axis top is four equal whole steps at or above the highest bar.
        let highest = Swift.max(1, (pre + post).max() ?? 1)
        let step = (highest + 3) / 4
        let top = step * 4
        let w = 640.0, hgt = 240.0, left = 44.0, bottom = 30.0, plotH = hgt - bottom - 10, plotW = w - left - 10
        let bin = plotW / 10
        var svg = "<figure><figcaption>\(HTML.escape(x.t(.reportChartDistribution)))</figcaption>"
        svg += "<svg role=\"img\" aria-label=\"\(HTML.escape(x.t(.reportChartDistribution)))\" viewBox=\"0 0 \(Int(w)) \(Int(hgt))\" width=\"\(Int(w))\" height=\"\(Int(hgt))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for k in 0...4 {
            let y = 10 + plotH - plotH * Double(k) / 4
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(w - 10))\" y2=\"\(f(y))\" stroke=\"#e3e6ea\"/>"
            svg += "<text x=\"\(f(left - 4))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(step * k)</text>"
        }
        for i in 0..<10 {
            let x0 = left + Double(i) * bin
            for (j, (count, color)) in [(pre[i], "var(--pre)"), (post[i], "var(--post)")].enumerated() {
                let bh = plotH * Double(count) / Double(top)
                svg += "<rect x=\"\(f(x0 + 4 + Double(j) * (bin - 8) / 2))\" y=\"\(f(10 + plotH - bh))\" width=\"\(f((bin - 8) / 2))\" height=\"\(f(bh))\" style=\"fill:\(color)\"><title>\(count)</title></rect>"
            }
            svg += "<text x=\"\(f(x0 + bin / 2))\" y=\"\(f(hgt - 12))\" text-anchor=\"middle\">\(i * 10)–\(i * 10 + 10)</text>"
        }
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(10 + plotH))\" x2=\"\(f(w - 10))\" y2=\"\(f(10 + plotH))\" stroke=\"#555\"/>"
        svg += "</svg>" + legend(x) + "</figure>"
        return svg
    }

    /// Per-participant slope chart: one line from pre to post % per matched participant.
    static func slopeChart(_ s: SectionReport, _ x: ReportText, limit: Int) -> String {
        let matched = s.participants.filter { $0.pre != nil && $0.post != nil }
        let shown = matched.prefix(limit)
        let w = 420.0, hgt = 300.0, top = 16.0, bottom = 28.0, xa = 90.0, xb = 330.0
        let plotH = hgt - top - bottom
        func y(_ v: Double) -> Double { top + plotH - plotH * Swift.min(100, Swift.max(0, v)) / 100 }
        var svg = "<figure><figcaption>\(HTML.escape(x.t(.reportChartSlope)))</figcaption>"
        svg += "<svg role=\"img\" aria-label=\"\(HTML.escape(x.t(.reportChartSlope)))\" viewBox=\"0 0 \(Int(w)) \(Int(hgt))\" width=\"\(Int(w))\" height=\"\(Int(hgt))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for k in 0...4 {
            let v = Double(k) * 25
            svg += "<line x1=\"\(f(xa))\" y1=\"\(f(y(v)))\" x2=\"\(f(xb))\" y2=\"\(f(y(v)))\" stroke=\"#e3e6ea\"/>"
            svg += "<text x=\"\(f(xa - 8))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(Int(v))%</text>"
        }
        let opacity = shown.count > 60 ? "0.35" : "0.8"
        for p in shown {
            guard let a = p.pre, let b = p.post else { continue }
            let color = b > a ? "var(--post)" : (b < a ? "var(--bad)" : "var(--pre)")
            svg += "<line x1=\"\(f(xa))\" y1=\"\(f(y(a)))\" x2=\"\(f(xb))\" y2=\"\(f(y(b)))\" style=\"stroke:\(color)\" stroke-width=\"1.5\" stroke-opacity=\"\(opacity)\"><title>\(HTML.escape(p.code)): \(f(a)) → \(f(b))</title></line>"
        }
        svg += "<line x1=\"\(f(xa))\" y1=\"\(f(top))\" x2=\"\(f(xa))\" y2=\"\(f(top + plotH))\" stroke=\"#555\"/>"
        svg += "<line x1=\"\(f(xb))\" y1=\"\(f(top))\" x2=\"\(f(xb))\" y2=\"\(f(top + plotH))\" stroke=\"#555\"/>"
        svg += "<text x=\"\(f(xa))\" y=\"\(f(hgt - 8))\" text-anchor=\"middle\">\(HTML.escape(x.t(.reportPre)))</text>"
        svg += "<text x=\"\(f(xb))\" y=\"\(f(hgt - 8))\" text-anchor=\"middle\">\(HTML.escape(x.t(.reportPost)))</text>"
        svg += "</svg>"
        if matched.count > shown.count {
            svg += "<p class=\"note\">\(HTML.escape(x.t(.reportChartSlopeLimited, shown.count, matched.count)))</p>"
        }
        return svg + "</figure>"
    }

    /// Per-question facility before and after, horizontal bars.
    static func questionChart(_ s: SectionReport, _ x: ReportText) -> String {
        let rowH = 26.0, left = 48.0, w = 640.0, plotW = w - left - 60
        let hgt = Double(s.questions.count) * rowH + 30
        var svg = "<figure><figcaption>\(HTML.escape(x.t(.reportChartQuestions)))</figcaption>"
        svg += "<svg role=\"img\" aria-label=\"\(HTML.escape(x.t(.reportChartQuestions)))\" viewBox=\"0 0 \(Int(w)) \(Int(hgt))\" width=\"\(Int(w))\" height=\"\(Int(hgt))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for k in 0...4 {
            let gx = left + plotW * Double(k) / 4
            svg += "<line x1=\"\(f(gx))\" y1=\"4\" x2=\"\(f(gx))\" y2=\"\(f(hgt - 22))\" stroke=\"#e3e6ea\"/>"
            svg += "<text x=\"\(f(gx))\" y=\"\(f(hgt - 8))\" text-anchor=\"middle\">\(k * 25)%</text>"
        }
        for (i, q) in s.questions.enumerated() {
            let y0 = 6 + Double(i) * rowH
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y0 + 14))\" text-anchor=\"end\">\(HTML.escape(q.id))</text>"
            for (j, (v, color)) in [(q.facilityPre, "var(--pre)"), (q.facilityPost, "var(--post)")].enumerated() {
                let value = v.doubleValue ?? 0
                let bw = plotW * Swift.min(1, Swift.max(0, value))
                let by = y0 + Double(j) * 10
                svg += "<rect x=\"\(f(left))\" y=\"\(f(by))\" width=\"\(f(bw))\" height=\"9\" style=\"fill:\(color)\"><title>\(HTML.escape(x.percent(v)))</title></rect>"
                svg += "<text x=\"\(f(left + bw + 4))\" y=\"\(f(by + 8))\">\(HTML.escape(x.percent(v)))</text>"
            }
        }
        svg += "</svg>" + legend(x) + "</figure>"
        return svg
    }

    /// Feedback ratings: one stacked bar per rating question.
    static func feedbackChart(_ s: SectionReport, _ x: ReportText) -> String {
        let colors = ["#b3261e", "#e07b39", "#c9b037", "#7fb069", "#1f7a4d", "#155e3a", "#0d4029"]
        let rowH = 34.0, left = 48.0, w = 640.0, plotW = w - left - 20
        let hgt = Double(s.feedback.count) * rowH + 40
        var svg = "<figure><figcaption>\(HTML.escape(x.t(.reportChartFeedback)))</figcaption>"
        svg += "<svg role=\"img\" aria-label=\"\(HTML.escape(x.t(.reportChartFeedback)))\" viewBox=\"0 0 \(Int(w)) \(Int(hgt))\" width=\"\(Int(w))\" height=\"\(Int(hgt))\" xmlns=\"http://www.w3.org/2000/svg\">"
        var legendItems: [String] = []
        for (i, r) in s.feedback.enumerated() {
            let y0 = 6 + Double(i) * rowH
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y0 + 16))\" text-anchor=\"end\">\(HTML.escape(r.id))</text>"
            let total = Swift.max(1, r.distribution.n)
            var cx = left
            for (k, count) in r.distribution.counts.enumerated() {
                let bw = plotW * Double(count) / Double(total)
                let color = colors[k % colors.count]
                if bw > 0 {
                    svg += "<rect x=\"\(f(cx))\" y=\"\(f(y0))\" width=\"\(f(bw))\" height=\"22\" style=\"fill:\(color)\"><title>\(r.distribution.lowest + k): \(count)</title></rect>"
                    if bw > 18 { svg += "<text x=\"\(f(cx + bw / 2))\" y=\"\(f(y0 + 15))\" text-anchor=\"middle\" fill=\"#fff\">\(count)</text>" }
                }
                cx += bw
            }
            if i == 0 {
                for (k, label) in r.labels.enumerated() {
                    legendItems.append("<span><i class=\"sw\" style=\"background:\(colors[k % colors.count])\"></i>\(r.distribution.lowest + k) — \(HTML.escape(label))</span>")
                }
            }
        }
        svg += "</svg><div class=\"legend\">" + legendItems.joined() + "</div></figure>"
        return svg
    }

    /// Mean pre and post score per training.
    static func comparisonChart(_ report: EvaluationReport, _ x: ReportText) -> String {
        let rows = report.comparison
        let rowH = 30.0, left = 150.0, w = 640.0, plotW = w - left - 60
        let hgt = Double(rows.count) * rowH + 30
        var svg = "<figure><figcaption>\(HTML.escape(x.t(.reportChartComparison)))</figcaption>"
        svg += "<svg role=\"img\" aria-label=\"\(HTML.escape(x.t(.reportChartComparison)))\" viewBox=\"0 0 \(Int(w)) \(Int(hgt))\" width=\"\(Int(w))\" height=\"\(Int(hgt))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for k in 0...4 {
            let gx = left + plotW * Double(k) / 4
            svg += "<line x1=\"\(f(gx))\" y1=\"4\" x2=\"\(f(gx))\" y2=\"\(f(hgt - 22))\" stroke=\"#e3e6ea\"/>"
            svg += "<text x=\"\(f(gx))\" y=\"\(f(hgt - 8))\" text-anchor=\"middle\">\(k * 25)%</text>"
        }
        for (i, c) in rows.enumerated() {
            let y0 = 6 + Double(i) * rowH
            // Long ids are shortened to fit the 150-unit margin; the whole id is the label's tooltip.
            let id = c.training.id
            let label = id.count > 22 ? String(id.prefix(21)) + "…" : id
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y0 + 14))\" text-anchor=\"end\"><title>\(HTML.escape(id))</title>\(HTML.escape(label))</text>"
            for (j, (v, color)) in [(c.meanPre, "var(--pre)"), (c.meanPost, "var(--post)")].enumerated() {
                let value = v.doubleValue ?? 0
                let bw = plotW * Swift.min(100, Swift.max(0, value)) / 100
                let by = y0 + Double(j) * 11
                svg += "<rect x=\"\(f(left))\" y=\"\(f(by))\" width=\"\(f(bw))\" height=\"10\" style=\"fill:\(color)\"><title>\(HTML.escape(x.stat(v)))</title></rect>"
                svg += "<text x=\"\(f(left + bw + 4))\" y=\"\(f(by + 9))\">\(HTML.escape(x.stat(v)))</text>"
            }
        }
        svg += "</svg>" + legend(x) + "</figure>"
        return svg
    }
}
