import CourseModel
import Markdown

/// What text of the content each edition holds, for the search index and the leak check — read
/// with the one content traversal (``ContentWalk``) and its scope decision.
enum EditionText {
    /// Plain text of `blocks` as the edition shows it, one string per paragraph-like part.
    static func visible(_ blocks: [ContentBlock], in edition: Edition) -> [String] {
        var out: [String] = []
        ContentWalk.walk(blocks) { b, scope in
            if scope.isVisible(in: edition) { out += ContentWalk.ownText(b) }
        }
        return out
    }

    /// Everything of `page` that only the trainer edition holds: for a trainer page all of it (title,
    /// text, footnotes, link targets), else the text, link targets and footnotes of trainer-only
    /// content. Each fragment is checked whole by the leak check, however short.
    static func trainerOnly(_ page: Page) -> [String] {
        var out: [String] = page.audience == .trainer ? [page.title, page.summary ?? ""] : []
        page.walk { b, scope in
            guard scope == .trainerOnly else { return }
            out += ContentWalk.ownText(b)
            for spans in ContentWalk.ownSpans(b) { out += SpanWalker.destinations(spans) }
        }
        for note in page.footnotes where page.footnoteScope(note.label) == .trainerOnly {
            out.append(note.spans.plainText)
            out += SpanWalker.destinations(note.spans)
        }
        return out
    }
}

/// Finds trainer-only text in participant output by comparing runs of words (shingles).
///
/// Words are runs of letters and digits; each word is hashed (FNV-1a over its scalars) and runs of
/// words are hashed from the word hashes, so the whole check works on integers.
struct LeakDetector {
    static let shingleLength = 6
    /// Trainer-only text shorter than a shingle is checked whole: a 1-word title counts too.
    static let shortest = 1
    /// Fragments shorter than this are checked whole only when one of their words is one that
    /// participant-visible text never has (a coincidence of common words is no leak).
    static let shortestCommon = 4

    /// Whether a scalar belongs to a word: ASCII letters and digits and Cyrillic letters decided
    /// inline (every scalar of every participant file comes here), the rest by Unicode properties.
    @inline(__always) static func isWordScalar(_ v: UInt32) -> Bool {
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if v >= 0x0400 && v <= 0x04FF { return !(v >= 0x0482 && v <= 0x0489) }
        return isOtherWordScalar(v)
    }

    static func isOtherWordScalar(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Hashes of the words of UTF-8 `text` (valid UTF-8: a String's bytes, or bytes checked before).
    ///
    /// Decodes the scalars from the bytes itself, so a whole page is hashed without making a String
    /// of it; the hash of a word is the same as over its `unicodeScalars`.
    static func words<Bytes: Collection<UInt8>>(_ text: Bytes) -> [UInt64] {
        var result: [UInt64] = []
        var hash: UInt64 = 0
        var inWord = false
        var i = text.startIndex
        while i != text.endIndex {
            let lead = text[i]
            text.formIndex(after: &i)
            var v = UInt32(lead)
            if lead >= 0xC0 {
                // 2 to 4 bytes: the lead's payload bits, then 6 bits from each continuation byte.
                let extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
                v = UInt32(lead) & (0x3F >> UInt32(extra))
                for _ in 0..<extra where i != text.endIndex {
                    v = v << 6 | UInt32(text[i] & 0x3F)
                    text.formIndex(after: &i)
                }
            }
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

    /// Markup of answer keys and trainer-only callouts, which no participant page may hold.
    static let markers: [(text: String, bytes: [UInt8])] = ["class=\"correct\"", "callout-trainer", "callout-answer", "class=\"key\""]
        .map { ($0, Array($0.utf8)) }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    static func combine(_ words: ArraySlice<UInt64>) -> UInt64 {
        var h: UInt64 = 0x84222325cbf29ce4 ^ UInt64(words.count)
        for w in words { h = (h ^ w) &* 0x100000001b3 &+ (h >> 29) }
        return h
    }

    /// Runs of `shingleLength` words (a shorter fragment — a title, a heading, a URL — is one run).
    static func shingles(_ words: [UInt64]) -> [UInt64] {
        guard words.count >= shingleLength else {
            return words.count >= shortest ? [combine(words[...])] : []
        }
        return (0...(words.count - shingleLength)).map { combine(words[$0..<($0 + shingleLength)]) }
    }

    /// Every run of 1 to `shingleLength` words, for lookup.
    static func allRuns(_ words: [UInt64], into set: inout Set<UInt64>) {
        guard words.count >= shortest else { return }
        for n in shortest...shingleLength where words.count >= n {
            for i in 0...(words.count - n) { set.insert(combine(words[i..<(i + n)])) }
        }
    }

    /// Every run of 1 to `shingleLength` words, in order, for scanning output.
    static func forEachRun(_ words: [UInt64], _ body: (UInt64) -> Void) {
        guard words.count >= shortest else { return }
        for n in shortest...shingleLength where words.count >= n {
            for i in 0...(words.count - n) { body(combine(words[i..<(i + n)])) }
        }
    }

    /// The text of HTML: tags become spaces, the five entities katch writes are decoded.
    static func textOfMarkup(_ html: String) -> String { String(decoding: textOfMarkup(Array(html.utf8)), as: UTF8.self) }

    /// ``textOfMarkup(_:)-(String)`` over UTF-8 bytes.
    static func textOfMarkup(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
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
                for (entity, char) in entities where bytes.count - i >= entity.count && bytes[i..<(i + entity.count)].elementsEqual(entity) {
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
        return out
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
