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

    /// Renders the document: each block as HTML, every text through ``HTML/escape(_:)``.
    static func render(_ doc: ReportDocument) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"\(HTML.escape(doc.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(HTML.escape(doc.title)) — \(HTML.escape(doc.subtitle))</title>\n<style>\(css)</style>\n</head>\n<body>\n<main>\n"
        h += "<h1>\(HTML.escape(doc.title))</h1>\n<p class=\"sub\">\(HTML.escape(doc.subtitle))</p>\n"
        if let headline = doc.headline { h += "<p class=\"headline\">\(HTML.escape(headline))</p>\n" }
        for section in doc.sections {
            h += "<section id=\"\(HTML.escape(section.id))\"><h2>\(HTML.escape(section.title))</h2>"
            for block in section.blocks { h += render(block) }
            h += "</section>\n"
        }
        h += "<p class=\"note\">\(HTML.escape(doc.footer))</p>\n</main>\n</body>\n</html>\n"
        return h
    }

    static func render(_ block: ReportDocument.Block) -> String {
        switch block {
        case .table(let t): return table(t.header, t.rows, numeric: t.numeric, wide: t.wide)
        case .subheading(let text): return "<h3>\(HTML.escape(text))</h3>"
        case .paragraph(let text): return "<p>\(HTML.escape(text))</p>"
        case .note(let text): return "<p class=\"note\">\(HTML.escape(text))</p>"
        case .bullets(let items): return "<ul class=\"flags\">" + items.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        case .terms(let items):
            return "<ul class=\"note\">" + items.map { "<li><b>\(HTML.escape($0.term))</b>: \(HTML.escape($0.text))</li>" }.joined() + "</ul>"
        case .answers(let lines):
            return "<ul class=\"answers\">"
                + lines.map { "<li><span class=\"code\">\(HTML.escape($0.code))</span> \(HTML.escape($0.label)): \(HTML.escape($0.text))</li>" }.joined()
                + "</ul>"
        case .chart(let chart): return SVGChart.render(chart)
        }
    }
}

/// The one chart helper: inline SVG in a `<figure>` with its caption and legend, gridlines with
/// labels, every text escaped. Bars, stacked bars and slope lines share this scaffold.
enum SVGChart {
    static func f(_ x: Double) -> String { ReportText.number(x, 1) }

    static func render(_ chart: Chart) -> String {
        switch chart {
        case .bars(let b): return bars(b)
        case .stacked(let s): return stacked(s)
        case .slope(let s): return slope(s)
        }
    }

    /// `<figure>`, caption and the `<svg>` element of `width` × `height`, around `body`.
    static func figure(_ caption: String, width: Double, height: Double, body: String, legend: [(color: String, label: String)], footnote: String?) -> String {
        var svg = "<figure><figcaption>\(HTML.escape(caption))</figcaption>"
        svg += "<svg role=\"img\" aria-label=\"\(HTML.escape(caption))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += body + "</svg>"
        if !legend.isEmpty {
            svg += "<div class=\"legend\">"
                + legend.map { "<span><i class=\"sw\" style=\"background:\($0.color)\"></i>\(HTML.escape($0.label))</span>" }.joined() + "</div>"
        }
        if let footnote { svg += "<p class=\"note\">\(HTML.escape(footnote))</p>" }
        return svg + "</figure>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ stroke: String = "#e3e6ea") -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\"/>"
    }

    static func text(_ x: Double, _ y: Double, _ anchor: String, _ content: String, title: String? = nil) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\"" + (anchor.isEmpty ? "" : " text-anchor=\"\(anchor)\"") + ">"
            + (title.map { "<title>\(HTML.escape($0))</title>" } ?? "") + HTML.escape(content) + "</text>"
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ color: String, title: String) -> String {
        "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" style=\"fill:\(color)\"><title>\(HTML.escape(title))</title></rect>"
    }

    /// Grouped bars: columns from the bottom (`vertical`) or bars from the left.
    static func bars(_ b: Chart.Bars) -> String {
        let legend = b.series.map { ($0.color, $0.name) }
        let scale = b.axisMax > 0 ? b.axisMax : 1
        var body = ""
        if b.vertical {
            let w = 640.0, hgt = 240.0, left = 44.0, bottom = 30.0, plotH = hgt - bottom - 10, plotW = w - left - 10
            let bin = plotW / Double(Swift.max(1, b.categories.count))
            for (value, label) in b.ticks {
                let y = 10 + plotH - plotH * value / scale
                body += line(left, y, w - 10, y) + text(left - 4, y + 4, "end", label)
            }
            let barW = (bin - 8) / Double(Swift.max(1, b.series.count))
            for (i, category) in b.categories.enumerated() {
                let x0 = left + Double(i) * bin
                for (j, series) in b.series.enumerated() {
                    guard let v = series.values[i] else { continue }
                    let bh = plotH * Swift.min(1, Swift.max(0, v / scale))
                    body += rect(x0 + 4 + Double(j) * barW, 10 + plotH - bh, barW, bh, series.color, title: series.labels[i])
                }
                body += text(x0 + bin / 2, hgt - 12, "middle", category, title: b.categoryTitles[i])
            }
            body += line(left, 10 + plotH, w - 10, 10 + plotH, "#555")
            return figure(b.caption, width: w, height: hgt, body: body, legend: legend, footnote: b.footnote)
        }
        let barH = 10.0, gap = 6.0
        let rowH = Double(b.series.count) * (barH + 1) + gap
        let left = b.labelMargin, w = 640.0, plotW = w - left - 60
        let hgt = Double(b.categories.count) * rowH + 30
        for (value, label) in b.ticks {
            let gx = left + plotW * value / scale
            body += line(gx, 4, gx, hgt - 22) + text(gx, hgt - 8, "middle", label)
        }
        for (i, category) in b.categories.enumerated() {
            let y0 = 6 + Double(i) * rowH
            body += text(left - 6, y0 + barH + 3, "end", category, title: b.categoryTitles[i])
            for (j, series) in b.series.enumerated() {
                let value = series.values[i] ?? 0
                let bw = plotW * Swift.min(1, Swift.max(0, value / scale))
                let by = y0 + Double(j) * (barH + 1)
                body += rect(left, by, bw, barH, series.color, title: series.labels[i])
                body += text(left + bw + 4, by + barH - 1, "", series.labels[i])
            }
        }
        return figure(b.caption, width: w, height: hgt, body: body, legend: legend, footnote: b.footnote)
    }

    static let ratingColors = ["#b3261e", "#e07b39", "#c9b037", "#7fb069", "#1f7a4d", "#155e3a", "#0d4029"]

    /// One stacked bar per category, each segment a count.
    static func stacked(_ s: Chart.Stacked) -> String {
        let rowH = 34.0, left = 48.0, w = 640.0, plotW = w - left - 20
        let hgt = Double(s.categories.count) * rowH + 40
        var body = ""
        for (i, category) in s.categories.enumerated() {
            let y0 = 6 + Double(i) * rowH
            body += text(left - 6, y0 + 16, "end", category)
            let total = Swift.max(1, s.counts[i].reduce(0, +))
            var cx = left
            for (k, count) in s.counts[i].enumerated() {
                let bw = plotW * Double(count) / Double(total)
                if bw > 0 {
                    let title = (k < s.segmentTitles.count ? s.segmentTitles[k] : "\(k + 1)") + ": \(count)"
                    body += rect(cx, y0, bw, 22, ratingColors[k % ratingColors.count], title: title)
                    if bw > 18 { body += "<text x=\"\(f(cx + bw / 2))\" y=\"\(f(y0 + 15))\" text-anchor=\"middle\" fill=\"#fff\">\(count)</text>" }
                }
                cx += bw
            }
        }
        let legend = s.legend.enumerated().map { (ratingColors[$0.offset % ratingColors.count], $0.element) }
        return figure(s.caption, width: w, height: hgt, body: body, legend: legend, footnote: nil)
    }

    /// One line per participant from the pre axis to the post axis (0–100%).
    static func slope(_ s: Chart.Slope) -> String {
        let w = 420.0, hgt = 300.0, top = 16.0, bottom = 28.0, xa = 90.0, xb = 330.0
        let plotH = hgt - top - bottom
        func y(_ v: Double) -> Double { top + plotH - plotH * Swift.min(100, Swift.max(0, v)) / 100 }
        var body = ""
        for k in 0...4 {
            let v = Double(k) * 25
            body += line(xa, y(v), xb, y(v)) + text(xa - 8, y(v) + 4, "end", "\(Int(v))%")
        }
        let opacity = s.lines.count > 60 ? "0.35" : "0.8"
        for (title, a, b) in s.lines {
            let color = b > a ? "var(--post)" : (b < a ? "var(--bad)" : "var(--pre)")
            body += "<line x1=\"\(f(xa))\" y1=\"\(f(y(a)))\" x2=\"\(f(xb))\" y2=\"\(f(y(b)))\" style=\"stroke:\(color)\" stroke-width=\"1.5\" stroke-opacity=\"\(opacity)\"><title>\(HTML.escape(title))</title></line>"
        }
        body += line(xa, top, xa, top + plotH, "#555") + line(xb, top, xb, top + plotH, "#555")
        body += text(xa, hgt - 8, "middle", s.preLabel) + text(xb, hgt - 8, "middle", s.postLabel)
        return figure(s.caption, width: w, height: hgt, body: body, legend: [], footnote: s.footnote)
    }
}
