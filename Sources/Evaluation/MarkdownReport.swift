import Instruments
import Foundation
import Localization
import Statistics

/// The Markdown rendering of a report (CommonMark with pipe tables).
enum MarkdownReport {
    /// Escapes text for Markdown: inline markup characters are backslash-escaped, HTML is
    /// neutralised and line breaks become spaces, so participant text can never become markup.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~", "{", "}": out.append("\\"); out.append(ch)
            case "<", ">", "&": out.append("\\"); out.append(ch)
            case "\n", "\r", "\r\n", "\t": out.append(" ")
            default: out.append(ch)
            }
        }
        return out
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var s = "| " + header.map(escape).joined(separator: " | ") + " |\n"
        s += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for r in rows { s += "| " + r.map(escape).joined(separator: " | ") + " |\n" }
        return s + "\n"
    }

    /// Renders the document as CommonMark with pipe tables; charts are left out (their figures
    /// are in the tables beside them).
    static func render(_ doc: ReportDocument) -> String {
        var md = "# \(escape(doc.title))\n\n\(escape(doc.subtitle))\n\n"
        if let headline = doc.headline { md += "**\(escape(headline))**\n\n" }
        for section in doc.sections {
            md += "## \(escape(section.title))\n\n"
            for block in section.blocks {
                switch block {
                case .table(let t): md += table(t.header, t.rows)
                case .subheading(let text): md += "### \(escape(text))\n\n"
                case .paragraph(let text), .note(let text): md += "\(escape(text))\n\n"
                case .bullets(let items): md += items.map { "- \(escape($0))\n" }.joined() + "\n"
                case .terms(let items): md += items.map { "- **\(escape($0.term))**: \(escape($0.text))\n" }.joined() + "\n"
                case .answers(let lines): md += lines.map { "- **\(escape($0.code))** \(escape($0.label)): \(escape($0.text))\n" }.joined() + "\n"
                case .chart: continue
                }
            }
        }
        md += "\(escape(doc.footer))\n"
        return md
    }
}

/// The CSV rendering of a report: blocks of tables separated by an empty line, each block starting
/// with its header row; the first column names the table (`summary`, `question`, `group`, `training`).
enum CSVReport {
    /// Writes the document's data blocks through the one CSV codec (BOM, CRLF, quoting, formula guard).
    static func render(_ doc: ReportDocument) -> [UInt8] {
        var out = CSVWriter()
        for (i, block) in doc.data.enumerated() {
            if i > 0 { out.blankLine() }
            out.row(block.header)
            for row in block.rows { out.row(row) }
        }
        return out.bytes
    }
}
