import Markdown

/// Lint for damage left by the PDF extraction the manual came from: bullet glyphs in prose,
/// words split by an end-of-line hyphen, running headers and page numbers glued into text.
enum ExtractionDamage {
    /// The findings for `page` alone (they depend on nothing else, so they are kept with its parse).
    static func findings(_ page: Page) -> [Diagnostic] {
        var bag = DiagnosticBag()
        check(page, into: &bag)
        return bag.all
    }

    static func check(_ page: Page, into bag: inout DiagnosticBag) {
        func spans(_ s: [Span], at position: SourcePosition) {
            let items = s
            for (i, span) in items.enumerated() {
                switch span {
                case .text(let t):
                    // Every glyph is written with a lead byte E2 or EF in UTF-8: most texts are passed over by bytes.
                    if t.utf8.contains(where: { $0 == 0xE2 || $0 == 0xEF }), let glyph = t.unicodeScalars.first(where: isGlyph) {
                        bag.error(page.file, position, "stray bullet glyph «\(glyph)» in text: make it a Markdown list", code: "extraction-glyph")
                    }
                    if let header = runningHeader(in: t) {
                        bag.error(page.file, position, "a running page header is glued into the text («\(header)»)", code: "extraction-header")
                    }
                    if i + 2 < items.count, items[i + 1] == .softBreak, case .text(let next) = items[i + 2],
                        let last = t.dropLast().last, last.isLetter, t.hasSuffix("-"), let first = next.first, first.isLowercase
                    {
                        bag.error(page.file, position, "word split by an end-of-line hyphen: «\(t.suffix(12))\(next.prefix(12))»", code: "extraction-hyphen")
                    }
                case .emphasis(let c), .strong(let c), .link(_, let c), .reference(_, let c, _): spans(c, at: position)
                default: break
                }
            }
        }
        func blocks(_ bs: [ContentBlock]) {
            for b in bs {
                switch b.kind {
                case .paragraph(let s): spans(s, at: b.position)
                case .heading(let h): spans(h.spans, at: b.position)
                case .list(_, let items): items.forEach(blocks)
                case .quote(let inner): blocks(inner)
                case .callout(let c):
                    spans(c.title, at: b.position)
                    blocks(c.body)
                case .table(let t): (t.header + t.rows.flatMap { $0 }).forEach { spans($0, at: b.position) }
                case .question(let q):
                    spans(q.heading.spans, at: b.position)
                    q.options.forEach { spans($0.spans, at: b.position) }
                    if let e = q.explanation { blocks([ContentBlock(.callout(e), at: b.position)]) }
                default: break
                }
            }
        }
        blocks(page.blocks)
        for note in page.footnotes { spans(note.spans, at: page.position(of: "footnote:" + note.label)) }
    }

    /// Bullet glyphs of the PDF (▶, •, and the private-use bullets of symbol fonts).
    static let glyphs: [Unicode.Scalar] = ["\u{25B6}", "\u{2022}", "\u{F0B7}", "\u{F0A7}", "\u{F0D8}"]

    /// Whether `scalar` is one of ``glyphs``: compared one by one, as hashing every scalar of the
    /// texts that hold a dash or a quotation mark (a Set's lookup) was a third of this check.
    static func isGlyph(_ scalar: Unicode.Scalar) -> Bool { glyphs.contains(scalar) }

    /// «3534 1-модуль» style headers: a page-number run of 3–6 digits, spaces, a digit, a hyphen
    /// and «модуль». Scanned by hand: this runs on every text of the course.
    static func runningHeader(in text: String) -> String? {
        // The header's «модуль» follows a hyphen: most texts that name a module are passed over by bytes.
        guard text.containsBytes("-модуль") || text.containsBytes("\u{2011}модуль") else { return nil }
        let chars = Array(text)
        let word = Array("модуль")
        var i = 0
        while i + word.count <= chars.count {
            if Array(chars[i..<(i + word.count)]) == word, i >= 2, chars[i - 1] == "-" || chars[i - 1] == "‑", chars[i - 2].isNumber {
                var j = i - 3
                var spaces = 0
                while j >= 0, chars[j].isWhitespace { spaces += 1; j -= 1 }
                var digits = 0
                while j >= 0, chars[j].isNumber { digits += 1; j -= 1 }
                if spaces > 0 && (3...6).contains(digits) { return String(chars[(j + 1)..<(i + word.count)]) }
            }
            i += 1
        }
        return nil
    }
}
