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
                out += t.textRows.map { $0.joined(separator: " ") }
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
///
/// Words are runs of letters and digits; each word is hashed (FNV-1a over its scalars) and runs of
/// words are hashed from the word hashes, so the whole check works on integers.
struct LeakDetector {
    static let shingleLength = 6
    static let shortest = 4

    static func isWordScalar(_ v: UInt32) -> Bool {
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if v >= 0x0400 && v <= 0x04FF { return !(v >= 0x0482 && v <= 0x0489) }
        guard let scalar = Unicode.Scalar(v) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Hashes of the words of `text`.
    static func words(_ text: String) -> [UInt64] {
        var result: [UInt64] = []
        var hash: UInt64 = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if isWordScalar(v) {
                if !inWord { hash = 0xcbf29ce484222325; inWord = true }
                hash = (hash ^ UInt64(v)) &* 0x100000001b3
            } else if inWord {
                result.append(hash)
                inWord = false
            }
        }
        if inWord { result.append(hash) }
        return result
    }

    static func combine(_ words: ArraySlice<UInt64>) -> UInt64 {
        var h: UInt64 = 0x84222325cbf29ce4 ^ UInt64(words.count)
        for w in words { h = (h ^ w) &* 0x100000001b3 &+ (h >> 29) }
        return h
    }

    /// Runs of `shingleLength` words (a whole paragraph of 4–5 words counts as one run).
    static func shingles(_ words: [UInt64]) -> [UInt64] {
        guard words.count >= shingleLength else {
            return words.count >= shortest ? [combine(words[...])] : []
        }
        return (0...(words.count - shingleLength)).map { combine(words[$0..<($0 + shingleLength)]) }
    }

    /// Every run of 4 to `shingleLength` words, for lookup.
    static func allRuns(_ words: [UInt64], into set: inout Set<UInt64>) {
        guard words.count >= shortest else { return }
        for n in shortest...shingleLength where words.count >= n {
            for i in 0...(words.count - n) { set.insert(combine(words[i..<(i + n)])) }
        }
    }

    /// Every run of 4 to `shingleLength` words, in order, for scanning output.
    static func forEachRun(_ words: [UInt64], _ body: (UInt64) -> Void) {
        guard words.count >= shortest else { return }
        for n in shortest...shingleLength where words.count >= n {
            for i in 0...(words.count - n) { body(combine(words[i..<(i + n)])) }
        }
    }

    /// The text of HTML: tags become spaces, the five entities katch writes are decoded.
    static func textOfMarkup(_ html: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(html.utf8)
        out.reserveCapacity(bytes.count)
        var i = 0
        var inTag = false
        while i < bytes.count {
            let b = bytes[i]
            if inTag {
                if b == UInt8(ascii: ">") { inTag = false }
                i += 1
                continue
            }
            if b == UInt8(ascii: "<") {
                inTag = true
                out.append(UInt8(ascii: " "))
                i += 1
                continue
            }
            if b == UInt8(ascii: "&") {
                var matched = false
                for (entity, char) in entities where bytes.count - i >= entity.count && Array(bytes[i..<(i + entity.count)]) == entity {
                    out.append(char)
                    i += entity.count
                    matched = true
                    break
                }
                if matched { continue }
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let entities: [([UInt8], UInt8)] = [
        (Array("&amp;".utf8), UInt8(ascii: "&")), (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")),
        (Array("&quot;".utf8), UInt8(ascii: "\"")), (Array("&#39;".utf8), UInt8(ascii: "'")),
    ]
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
