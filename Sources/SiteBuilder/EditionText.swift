import CourseModel
import Markdown

/// What text of the content each edition holds, for the search index and the leak check.
enum EditionText {
    /// Plain text of `blocks` as the edition shows it, one string per paragraph-like block.
    static func visible(_ blocks: [ContentBlock], in edition: Edition) -> [String] {
        var out: [String] = []
        collect(blocks, edition: edition, into: &out)
        return out
    }

    static func collect(_ blocks: [ContentBlock], edition: Edition, into out: inout [String]) {
        for b in blocks {
            switch b.kind {
            case .callout(let c):
                if c.kind.isTrainerOnly && edition == .participant { continue }
                out.append(c.title.plainText)
                collect(c.body, edition: edition, into: &out)
            case .question(let q):
                out.append(q.prompt)
                collect(q.stem, edition: edition, into: &out)
                out += q.options.map(\.spans.plainText)
                if edition == .trainer, let e = q.explanation {
                    collect([ContentBlock(.callout(e), at: b.position)], edition: edition, into: &out)
                }
            case .list(_, let items):
                for item in items { collect(item, edition: edition, into: &out) }
            case .quote(let inner):
                collect(inner, edition: edition, into: &out)
            case .table(let t):
                out += t.rawRows.map { $0.joined(separator: " ") }
            default:
                out.append(b.plainText)
            }
        }
    }

    /// Text that exists only in the trainer edition: trainer-only callouts and explanations.
    static func trainerOnly(_ blocks: [ContentBlock]) -> [String] {
        var out: [String] = []
        func walk(_ blocks: [ContentBlock]) {
            for b in blocks {
                switch b.kind {
                case .callout(let c):
                    if c.kind.isTrainerOnly {
                        out += visible(c.body, in: .trainer)
                    } else {
                        walk(c.body)
                    }
                case .question(let q):
                    if let e = q.explanation { out += visible(e.body, in: .trainer) }
                case .list(_, let items): items.forEach(walk)
                case .quote(let inner): walk(inner)
                default: break
                }
            }
        }
        walk(blocks)
        return out
    }
}

/// Finds trainer-only text in participant output by comparing runs of words (shingles).
struct LeakDetector {
    static let shingleLength = 6

    /// Words of `text`: runs of letters and digits, lowercased.
    static func words(_ text: String) -> [Substring] {
        let lower = text.lowercased()
        return lower.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    static func shingles(_ words: [Substring]) -> [String] {
        guard words.count >= shingleLength else {
            return words.count >= 4 ? [words.joined(separator: " ")] : []
        }
        return (0...(words.count - shingleLength)).map { words[$0..<($0 + shingleLength)].joined(separator: " ") }
    }

    /// Every run of words of the output (and every short-paragraph run) for lookup.
    static func index(_ text: String) -> Set<String> {
        let w = words(text)
        var set = Set<String>()
        guard w.count >= 4 else { return set }
        for n in 4...shingleLength where w.count >= n {
            for i in 0...(w.count - n) { set.insert(w[i..<(i + n)].joined(separator: " ")) }
        }
        return set
    }

    /// Markup stripped, so that only text is compared.
    static func textOfMarkup(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var inTag = false
        for c in html {
            if c == "<" { inTag = true; out.append(" "); continue }
            if c == ">" && inTag { inTag = false; continue }
            if !inTag { out.append(c) }
        }
        return out.replacingEntities()
    }
}

extension String {
    func replacingEntities() -> String {
        guard contains("&") else { return self }
        var s = self
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            s = s.replacingAll(entity, with: char)
        }
        return s
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
