import Instruments
import Foundation
import Markdown
import Yams

/// Reads katch's extensions (callouts, questions, tables, screening tools, footnotes,
/// cross-references, heading ids) from the CommonMark AST of one page.
struct ContentReader {
    let file: String
    let pageKind: PageKind
    var diagnostics = DiagnosticBag()
    /// The page's heading anchors so far.
    var anchors = UniqueAnchors()
    /// Explicit ids (`{#id}`) with where they were written.
    var explicitIDs: [(id: String, position: SourcePosition)] = []
    /// Cross-references `id:…` with where they were written.
    var references: [(id: String, position: SourcePosition)] = []
    /// Footnote definitions by label.
    var footnotes: [String: [Span]] = [:]
    var footnoteOrder: [String] = []
    var footnoteRefs: [(label: String, position: SourcePosition, scope: Scope)] = []
    /// Footnotes defined inside trainer-only content (a `TRAINER` or `ANSWER` callout).
    var trainerOnlyFootnotes: Set<String> = []
    /// Where each footnote is defined.
    var footnoteDefinedAt: [String: SourcePosition] = [:]
    /// How many trainer-only callouts the reader is inside.
    var trainerDepth = 0
    /// The scope of what is being read (the page's own audience is added by the loader).
    var scope: Scope { trainerDepth > 0 ? .trainerOnly : .everyone }
    /// Fallback texts of footnotes whose definition libcmark took as a link reference definition.
    var footnoteFallbacks: [String: String] = [:]

    init(file: String, pageKind: PageKind) {
        self.file = file
        self.pageKind = pageKind
    }

    // MARK: Blocks

    mutating func read(_ blocks: [Block], topLevel: Bool = true) -> [ContentBlock] {
        var result: [ContentBlock] = []
        var i = 0
        while i < blocks.count {
            let block = blocks[i]
            switch block.kind {
            case .heading(let level, let inlines):
                let heading = readHeading(level: level, inlines, at: block.position)
                if let (question, consumed) = readQuestion(heading, at: block.position, following: blocks[(i + 1)...]) {
                    result.append(ContentBlock(.question(question), at: block.position))
                    i += 1 + consumed
                    continue
                }
                if level == 1 && topLevel {
                    diagnostics.warning(
                        file, block.position, "the page title comes from front matter; start headings at ##",
                        code: "heading-level-1")
                }
                result.append(ContentBlock(.heading(heading), at: block.position))
            case .paragraph(let inlines):
                if let (label, body) = footnoteDefinition(inlines, at: block.position) {
                    if footnotes[label] != nil {
                        diagnostics.error(file, block.position, "footnote [^\(label)] is defined twice", code: "duplicate-footnote")
                    } else {
                        footnotes[label] = body
                        footnoteOrder.append(label)
                        if trainerDepth > 0 { trainerOnlyFootnotes.insert(label) }
                        footnoteDefinedAt[label] = block.position
                    }
                } else {
                    if Self.looksLikePipeTable(inlines) {
                        diagnostics.error(
                            file, block.position,
                            "this is a GitHub pipe table, which CommonMark shows as a paragraph of | characters: put it in a fenced block — a line ```table before it and ``` after it",
                            code: "pipe-table")
                    }
                    result.append(ContentBlock(.paragraph(spans(inlines, at: block.position)), at: block.position))
                }
            case .blockQuote(let inner):
                result.append(readQuote(inner, at: block.position))
            case .list(let style, let items):
                let read = items.map { self.read($0.blocks, topLevel: false) }
                result.append(ContentBlock(.list(style, items: read), at: block.position))
            case .codeBlock(let info, let literal):
                result.append(readFence(info: info, literal: literal, at: block.position))
            case .html:
                diagnostics.warning(file, block.position, "raw HTML is not rendered; use Markdown", code: "raw-html")
            case .thematicBreak:
                result.append(ContentBlock(.thematicBreak, at: block.position))
            case .tooDeep:
                diagnostics.error(
                    file, block.position,
                    "content nested more than \(MarkdownParser.maximumDepth) levels deep (quotes or lists inside each other) cannot be read safely: flatten it",
                    code: "too-deep")
            }
            i += 1
        }
        return result
    }

    /// Whether a paragraph is a GitHub pipe table written outside a ```` ```table ```` block: its
    /// first line holds a `|` and its second is a `|---|---|` separator.
    static func looksLikePipeTable(_ inlines: [Inline]) -> Bool {
        var lines: [String] = [""]
        for inline in inlines {
            switch inline {
            case .softBreak, .lineBreak: lines.append("")
            default: lines[lines.count - 1] += inline.plainText
            }
            if lines.count > 2 { break }
        }
        guard lines.count >= 2 else { return false }
        let separator = lines[1].trimmingCharacters(in: .whitespaces)
        return lines[0].contains("|") && separator.contains("|") && TableRow.isSeparator(separator)
    }

    // MARK: Headings

    mutating func readHeading(level: Int, _ inlines: [Inline], at position: SourcePosition) -> Heading {
        var inlines = inlines
        var attributes: [String: String] = [:]
        var explicitID: String?
        if case .text(let last, _)? = inlines.last,
            last.hasSuffix("}"), let open = last.lastIndex(of: "{")
        {
            let inside = String(last[last.index(after: open)..<last.index(before: last.endIndex)])
            let parsed = AttributeParser.parse(inside)
            if let parsed {
                explicitID = parsed.id
                attributes = parsed.attributes
                let before = String(last[..<open]).trimmingTrailingWhitespace()
                inlines.removeLast()
                if !before.isEmpty { inlines.append(.text(before)) }
            } else {
                diagnostics.error(file, position, "malformed attribute block {\(inside)}", code: "bad-attributes")
            }
        }
        let text = spans(inlines, at: position)
        let anchor: String
        if let explicitID {
            if !Identifier.isValid(explicitID) {
                diagnostics.error(
                    file, position, "id '\(explicitID)' must be lowercase letters, digits and dashes", code: "bad-id")
            }
            if anchors.contains(explicitID) {
                diagnostics.error(file, position, "anchor '\(explicitID)' is used twice on this page", code: "duplicate-id")
            }
            anchor = explicitID
            anchors.reserve(explicitID)
            explicitIDs.append((explicitID, position))
        } else {
            anchor = anchors.claim(Slug.make(text.plainText))
        }
        return Heading(level: level, spans: text, anchor: anchor, isExplicit: explicitID != nil, attributes: attributes)
    }

    // MARK: Questions

    /// A question is a heading with an id and a type, or a heading with an id followed by a
    /// checkbox list; in quiz and survey files every `##` heading is one.
    mutating func readQuestion(_ heading: Heading, at position: SourcePosition, following: ArraySlice<Block>)
        -> (Question, consumed: Int)?
    {
        let isInstrument = pageKind == .quiz || pageKind == .survey
        // Text between the heading and its options is the question's stem (a short case, a table).
        var stemCount = 0
        if heading.isExplicit || (isInstrument && heading.level == 2) {
            while stemCount < following.count, stemCount < 20,
                case let kind = following[following.startIndex + stemCount].kind, Self.canBeStem(kind)
            {
                stemCount += 1
            }
            if stemCount == following.count || !Self.isCheckboxList(following[following.startIndex + stemCount]) { stemCount = 0 }
        }
        let next = following.dropFirst(stemCount).first
        let hasCheckboxes = next.map(Self.isCheckboxList) ?? false
        let declaredType = heading.attributes["type"]
        guard heading.isExplicit || (isInstrument && heading.level == 2) else { return nil }
        guard declaredType != nil || hasCheckboxes || (isInstrument && heading.level == 2) else { return nil }
        if !heading.isExplicit {
            diagnostics.error(file, position, "a question needs an id: add {#q1} at the end of the heading", code: "question-without-id")
        }
        var consumed = 0
        var type: Question.QuestionType
        var options: [Question.Option] = []
        var stem: [ContentBlock] = []
        switch declaredType {
        case nil, "single", "multiple":
            type = declaredType == "multiple" ? .multiple : .single
        case "open": type = .open
        case "rating": type = .rating
        case let other?:
            diagnostics.error(
                file, position,
                "unknown question type '\(other)'\(Suggestion.hint(for: other, in: ["single", "multiple", "open", "rating"])) (single, multiple, open, rating)",
                code: "bad-question-type")
            type = .open
        }
        switch type {
        case .single, .multiple:
            if let block = next, hasCheckboxes, let items = checkboxList(block) {
                options = items
                if stemCount > 0 { stem = read(Array(following.prefix(stemCount)), topLevel: false) }
                consumed = stemCount + 1
            } else {
                diagnostics.error(
                    file, position, "question '\(heading.anchor)' has no options: add a list of '- [ ]' / '- [x]' items",
                    code: "question-without-options")
            }
            let correct = options.filter(\.isCorrect).count
            if consumed > 0 && correct == 0 {
                diagnostics.error(file, position, "question '\(heading.anchor)' has no correct option [x]", code: "no-correct-option")
            } else if type == .single && correct > 1 {
                diagnostics.error(
                    file, position,
                    "question '\(heading.anchor)' has \(correct) correct options; add type=multiple if that is meant",
                    code: "several-correct-options")
            }
        case .rating:
            if case .list(_, let items)? = next?.kind {
                options = items.map { item in
                    Question.Option(spans: item.blocks.first.map { firstSpans($0) } ?? [], isCorrect: false)
                }
                consumed = 1
            }
            if options.count < 2 {
                diagnostics.error(file, position, "rating '\(heading.anchor)' needs a list of at least 2 labels", code: "rating-without-labels")
            } else if options.count > Question.ratingScale.upperBound {
                let scale = Question.ratingScale
                diagnostics.error(
                    file, position,
                    "rating '\(heading.anchor)' has \(options.count) labels but its scale is \(scale.lowerBound)–\(scale.upperBound): give one label per point, \(scale.upperBound) at most",
                    code: "rating-scale")
            }
        case .open:
            break
        }
        var maxScore = type == .open ? 0 : 1
        if let max = heading.attributes["max"] {
            if let value = Int(max), value >= 0 {
                maxScore = value
            } else {
                diagnostics.error(file, position, "max must be a whole number, not '\(max)'", code: "bad-max")
            }
        }
        if let lines = heading.attributes["lines"] {
            if type != .open {
                diagnostics.error(file, position, "lines= sets the writing lines of an open question; '\(heading.anchor)' is not one", code: "bad-lines")
            } else if Int(lines).map({ !Question.writingLines.contains($0) }) ?? true {
                diagnostics.error(
                    file, position, "lines must be a whole number from \(Question.writingLines.lowerBound) to \(Question.writingLines.upperBound), not '\(lines)'",
                    code: "bad-lines")
            }
        }
        var explanation: Callout?
        // A quote right after the question is its explanation when it is an ANSWER callout; any other
        // quote is left for `read`. Its kind is looked at first, so nothing is read twice (and the
        // reader is never copied to undo a reading, which made a page of many questions quadratic).
        if let after = following.dropFirst(consumed).first, case .blockQuote(let inner) = after.kind,
            Self.calloutMarker(inner)?.kind == .answer,
            case .callout(let callout) = readQuote(inner, at: after.position).kind
        {
            explanation = callout
            consumed += 1
        }
        if type == .open && !isInstrument && explanation == nil {
            diagnostics.warning(
                file, position,
                "practice question '\(heading.anchor)' is open but has no model answer: add an ANSWER callout right after the heading (> [!ANSWER] …); katch practice shows it beside the learner's answer",
                code: "practice-without-model-answer")
        } else if type == .open && heading.attributes["max"] != nil && explanation == nil {
            diagnostics.warning(
                file, position, "open question '\(heading.anchor)' is scored but has no rubric in an ANSWER callout",
                code: "open-without-rubric")
        }
        switch heading.attributes["shuffle"] {
        case nil, "true":
            // Practice questions show their options in a shuffled order fixed by the id (OptionOrder);
            // the pre/post test and the feedback form keep the manual's order (their paper form).
            if !isInstrument && (type == .single || type == .multiple) {
                options = OptionOrder.shuffled(id: heading.anchor, correct: options.map(\.isCorrect)).map { options[$0] }
            }
        case "false":
            break
        case let other?:
            diagnostics.error(file, position, "shuffle must be true or false, not '\(other)'", code: "bad-shuffle")
        }
        let question = Question(
            id: heading.anchor, heading: heading, type: type, options: options, maxScore: maxScore,
            explanation: explanation, stem: stem)
        return (question, consumed)
    }

    /// Whether a block may stand between a question's heading and its options (as its stem).
    static func canBeStem(_ kind: Block.Kind) -> Bool {
        switch kind {
        case .paragraph: return true
        case .codeBlock(let info, _): return info.hasPrefix("table")
        default: return false
        }
    }

    /// Whether every item of a list starts with `[ ]` or `[x]`.
    static func isCheckboxList(_ block: Block) -> Bool {
        guard case .list(_, let items) = block.kind, !items.isEmpty else { return false }
        return items.allSatisfy { item in
            guard case .paragraph(let inlines)? = item.blocks.first?.kind, case .text(let first, _)? = inlines.first else {
                return false
            }
            return ["[ ]", "[x]"].contains(first.prefix(3).lowercased())
        }
    }

    /// The options of a list whose every item starts with `[ ]` or `[x]`; nil otherwise.
    mutating func checkboxList(_ block: Block) -> [Question.Option]? {
        guard case .list(_, let items) = block.kind, !items.isEmpty else { return nil }
        var options: [Question.Option] = []
        for item in items {
            guard case .paragraph(let inlines)? = item.blocks.first?.kind,
                case .text(let first, let firstAt)? = inlines.first
            else { return nil }
            let marker = first.prefix(3)
            let correct: Bool
            switch marker.lowercased() {
            case "[ ]": correct = false
            case "[x]": correct = true
            default: return nil
            }
            var rest = inlines
            let remainder = String(first.dropFirst(3)).trimmingLeadingWhitespace()
            rest.removeFirst()
            if !remainder.isEmpty { rest.insert(Self.suffix(remainder, of: first, at: firstAt), at: 0) }
            options.append(Question.Option(spans: spans(rest, at: item.position), isCorrect: correct))
            // An option is one paragraph: anything more under it would be shown in neither edition.
            for extra in item.blocks.dropFirst() {
                let what = if case .blockQuote = extra.kind { "a quote or callout" } else { "more than one paragraph" }
                diagnostics.error(
                    file, extra.position,
                    "an option holds \(what), which neither edition shows: put the ANSWER callout after the whole option list, unindented",
                    code: "content-inside-option")
            }
        }
        return options
    }

    mutating func firstSpans(_ block: Block) -> [Span] {
        if case .paragraph(let inlines) = block.kind { return spans(inlines, at: block.position) }
        return [.text(block.plainText)]
    }

    // MARK: Callouts

    mutating func readQuote(_ inner: [Block], at position: SourcePosition) -> ContentBlock {
        checkLookalikeMarker(inner, at: position)
        guard let (name, kind) = Self.calloutMarker(inner), case .paragraph(let inlines)? = inner.first?.kind,
            case .text(let first, let firstAt)? = inlines.first, let close = first.firstIndex(of: "]")
        else {
            return ContentBlock(.quote(read(inner, topLevel: false)), at: position)
        }
        guard let kind else {
            // A Cyrillic look-alike of a known kind was reported by `checkLookalikeMarker`.
            if CalloutKind(rawValue: String(name.uppercased().map { Self.latinLookalikes[$0] ?? $0 })) != nil {
                return ContentBlock(.quote(read(inner, topLevel: false)), at: position)
            }
            diagnostics.error(
                file, position,
                "unknown callout kind '\(name)'\(Suggestion.hint(for: name.uppercased(), in: CalloutKind.allCases.map(\.rawValue))) (known: \(CalloutKind.allCases.map(\.rawValue).joined(separator: ", ")))",
                code: "unknown-callout")
            return ContentBlock(.quote(read(inner, topLevel: false)), at: position)
        }
        // Title: the rest of the first line; body: the following lines and blocks.
        var titleInlines: [Inline] = []
        let afterMarker = String(first[first.index(after: close)...]).trimmingLeadingWhitespace()
        if !afterMarker.isEmpty { titleInlines.append(Self.suffix(afterMarker, of: first, at: firstAt)) }
        var rest = Array(inlines.dropFirst())
        while let next = rest.first, next != .softBreak, next != .lineBreak {
            titleInlines.append(next)
            rest.removeFirst()
        }
        if !rest.isEmpty { rest.removeFirst() }
        var bodyBlocks = Array(inner.dropFirst())
        if !rest.isEmpty {
            let firstPosition = inner.first?.position ?? position
            bodyBlocks.insert(
                Block(.paragraph(rest), at: SourcePosition(line: firstPosition.line + 1, column: firstPosition.column)),
                at: 0)
        }
        if kind.isTrainerOnly { trainerDepth += 1 }
        let title = spans(titleInlines, at: position)
        let body = read(bodyBlocks, topLevel: false)
        if kind.isTrainerOnly { trainerDepth -= 1 }
        let callout = Callout(kind: kind, title: title, body: body)
        return ContentBlock(.callout(callout), at: position)
    }

    /// The `[!NAME]` marker a quote starts with, and the callout kind it names (nil when none).
    static func calloutMarker(_ inner: [Block]) -> (name: String, kind: CalloutKind?)? {
        guard case .paragraph(let inlines)? = inner.first?.kind, case .text(let first, _)? = inlines.first, first.hasPrefix("[!"),
            let close = first.firstIndex(of: "]")
        else { return nil }
        let name = String(first[first.index(first.startIndex, offsetBy: 2)..<close])
        return (name, CalloutKind(rawValue: name.uppercased()))
    }

    /// A quote that looks like a callout but is not one would show its text in both editions:
    /// `> **[!TRAINER]**` (the marker in bold or italics) or `> [!ТRAINER]` with Cyrillic letters.
    mutating func checkLookalikeMarker(_ inner: [Block], at position: SourcePosition) {
        guard case .paragraph(let inlines)? = inner.first?.kind, let first = inlines.first else { return }
        switch first {
        case .strong(let inside), .emphasis(let inside):
            let text = inside.plainText.trimmingLeadingWhitespace()
            if text.hasPrefix("[!") {
                diagnostics.error(
                    file, position,
                    "the callout marker is in bold or italics, so this is an ordinary quote shown to everyone: write it plain, > \(text.prefix(while: { $0 != "]" }))]",
                    code: "lookalike-callout")
            }
        case .text(let text, _) where text.hasPrefix("[!"):
            guard let close = text.firstIndex(of: "]") else { return }
            let name = String(text[text.index(text.startIndex, offsetBy: 2)..<close])
            guard CalloutKind(rawValue: name.uppercased()) == nil else { return }
            let folded = String(name.uppercased().map { Self.latinLookalikes[$0] ?? $0 })
            if let kind = CalloutKind(rawValue: folded) {
                diagnostics.error(
                    file, position,
                    "callout marker [!\(name)] has Cyrillic letters that look Latin: write [!\(kind.rawValue)] (Latin letters) — as it is, it is not a callout",
                    code: "lookalike-callout")
            }
        default:
            return
        }
    }

    /// Cyrillic capitals that look like Latin ones.
    static let latinLookalikes: [Character: Character] = [
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I",
    ]

    // MARK: Fenced blocks

    mutating func readFence(info: String, literal: String, at position: SourcePosition) -> ContentBlock {
        let words = info.split(separator: " ", maxSplits: 1).map(String.init)
        let name = words.first ?? ""
        let attributes = words.count > 1 ? AttributeParser.parse(words[1])?.attributes ?? [:] : [:]
        switch name {
        case "table":
            let table = readTable(literal, attributes: attributes, at: position)
            return ContentBlock(.table(table), at: position)
        case "screening":
            if let tool = readScreening(literal, at: position) {
                return ContentBlock(.screening(tool), at: position)
            }
            return ContentBlock(.code(info: info, literal: literal), at: position)
        default:
            return ContentBlock(.code(info: info, literal: literal), at: position)
        }
    }

    mutating func readTable(_ literal: String, attributes: [String: String], at position: SourcePosition) -> Table {
        let csv = attributes["format"] == "csv"
        var raw: [[String]] = []
        // Lines split at the newline byte: splitting a String at a Character breaks the whole table
        // into graphemes first (line endings are `\n` by now).
        for (offset, line) in literal.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let trimmed = Substring(line).trimmingSpaces()
            if trimmed.isEmpty { continue }
            if !csv && TableRow.isSeparator(trimmed) { continue }
            let cells = csv ? TableRow.csvCells(trimmed) : TableRow.pipeCells(trimmed)
            if let expected = raw.first?.count, cells.count != expected {
                diagnostics.warning(
                    file, SourcePosition(line: position.line + 1 + offset, column: 1),
                    "table row has \(cells.count) cells, the header has \(expected)", code: "table-row-width")
            }
            raw.append(cells)
        }
        if raw.isEmpty {
            diagnostics.error(file, position, "empty table", code: "empty-table")
        }
        let width = raw.map(\.count).max() ?? 0
        let padded = raw.map { $0 + Array(repeating: "", count: width - $0.count) }
        let cellSpans = padded.map { row in row.map { cell in self.inlineSpans(cell, at: position) } }
        var download = attributes["download"]
        if let d = download, !d.hasSuffix(".csv") || d.contains("/") || d.contains("..") {
            diagnostics.error(file, position, "download must be a plain file name ending in .csv, not '\(d)'", code: "bad-download")
            download = nil
        }
        return Table(
            caption: attributes["caption"] ?? "", header: cellSpans.first ?? [], rows: Array(cellSpans.dropFirst()),
            rawRows: padded, download: download)
    }

    mutating func inlineSpans(_ text: String, at position: SourcePosition) -> [Span] {
        guard !text.isEmpty else { return [] }
        do {
            return spans(try MarkdownParser.parseInline(text), at: position)
        } catch {
            return [.text(text)]
        }
    }

    mutating func readScreening(_ literal: String, at position: SourcePosition) -> ScreeningTool? {
        do {
            let tool = try YAMLDecoder(encoding: YAMLEncoding.chosen).decode(ScreeningTool.self, from: literal)
            var seen: Set<String> = []
            for item in tool.allItems {
                if !seen.insert(item.id).inserted {
                    diagnostics.error(file, position, "screening item '\(item.id)' appears twice", code: "duplicate-id")
                }
                if (item.type == .choice || item.type == .multiple) && (item.options ?? []).isEmpty {
                    diagnostics.error(file, position, "screening item '\(item.id)' is a choice without options", code: "choice-without-options")
                }
                if let values = item.values {
                    let scale = Set((tool.scale ?? []).map(\.value))
                    if item.type != .scale {
                        diagnostics.error(file, position, "screening item '\(item.id)': values are for scale items only", code: "screening-values")
                    } else if values.isEmpty || !values.allSatisfy(scale.contains) {
                        diagnostics.error(
                            file, position, "screening item '\(item.id)': values \(values) must be values of the scale \(scale.sorted())",
                            code: "screening-values")
                    }
                }
            }
            let sectionIDs = Set(tool.sections.map(\.id))
            for total in tool.totals ?? [] {
                for s in total.sections where !sectionIDs.contains(s) {
                    diagnostics.error(file, position, "total '\(total.label)' names unknown section '\(s)'", code: "dangling-reference")
                }
                let computed = tool.sections.filter { total.sections.contains($0.id) }.map { $0.maxScore(top: tool.scaleTop) }.reduce(0, +)
                if computed != total.max {
                    diagnostics.warning(
                        file, position, "total '\(total.label)' says max \(total.max) but its scale items add up to \(computed)",
                        code: "screening-total")
                }
            }
            return tool
        } catch {
            let (line, column, message) = YAMLErrors.describe(error, yaml: literal, lineOffset: position.line)
            diagnostics.error(
                file, SourcePosition(line: position.line + line, column: column), "screening block: \(message)", code: "bad-yaml")
            return nil
        }
    }

    // MARK: Footnotes

    mutating func footnoteDefinition(_ inlines: [Inline], at position: SourcePosition) -> (String, [Span])? {
        guard case .text(let first, let firstAt)? = inlines.first, first.hasPrefix("[^"),
            let close = first.firstIndex(of: "]"),
            first[first.index(after: close)...].hasPrefix(":")
        else { return nil }
        let label = String(first[first.index(first.startIndex, offsetBy: 2)..<close])
        guard !label.isEmpty, !label.contains(" ") else { return nil }
        // `protectFootnoteDefinitions` wrote a backslash before the definition, so what follows the
        // first text node on its line stands one column further on than in the file.
        var rest = Array(inlines.dropFirst()).mapPositions { p in
            guard let firstAt, p.line == firstAt.line, p.column > firstAt.column else { return p }
            return p.advanced(by: -1)
        }
        let remainder = String(first[first.index(close, offsetBy: 2)...]).trimmingLeadingWhitespace()
        if !remainder.isEmpty { rest.insert(Self.suffix(remainder, of: first, at: firstAt), at: 0) }
        return (label, spans(rest, at: position))
    }

    // MARK: Inlines

    /// A text inline holding `suffix`, the end of `text` (which starts at `at`), placed where it stands in the file.
    static func suffix(_ suffix: String, of text: String, at: SourcePosition?) -> Inline {
        .text(suffix, at: at?.advanced(by: charactersBefore(suffix, in: text)))
    }

    /// `text.count - suffix.count` for a `suffix` of `text`, counting only the characters before it
    /// when it starts on a character boundary (a footnote's text can be a long paragraph, and
    /// counting characters breaks it all into graphemes).
    static func charactersBefore(_ suffix: String, in text: String) -> Int {
        let u = text.utf8
        guard suffix.utf8.count <= u.count,
            let start = u.index(u.endIndex, offsetBy: -suffix.utf8.count).samePosition(in: text),
            text[start...] == suffix
        else { return text.count - suffix.count }
        return text[..<start].count
    }

    mutating func spans(_ inlines: [Inline], at position: SourcePosition) -> [Span] {
        var result: [Span] = []
        for inline in inlines {
            switch inline {
            case .text(let text, let at): result += splitFootnotes(text, at: at, fallback: position)
            case .code(let s): result.append(.code(s))
            case .emphasis(let c): result.append(.emphasis(spans(c, at: position)))
            case .strong(let c): result.append(.strong(spans(c, at: position)))
            case .link(let destination, _, let children, let at):
                let here = at ?? position
                // `[^N]` followed by a definition that libcmark took as a link reference definition.
                if case .text(let t, _)? = children.first, children.count == 1, t.hasPrefix("^"), t.count > 1 {
                    let label = String(t.dropFirst())
                    footnoteRefs.append((label, here, scope))
                    footnoteFallbacks[label] = destination.removingPercentEncoding ?? destination
                    result.append(.footnote(label))
                } else if destination.hasPrefix("id:") {
                    let target = String(destination.dropFirst(3))
                    references.append((target, here))
                    result.append(.reference(id: target, spans(children, at: here), at: here))
                } else {
                    result.append(.link(url: destination, spans(children, at: here)))
                }
            case .image(let source, _, let alt):
                result.append(.image(source: source, alt: alt.plainText))
                if alt.plainText.isEmpty {
                    diagnostics.warning(file, position, "image without alt text", code: "image-alt")
                }
            case .softBreak: result.append(.softBreak)
            case .lineBreak: result.append(.lineBreak)
            case .html:
                diagnostics.warning(file, position, "raw HTML is not rendered; use Markdown", code: "raw-html")
            }
        }
        return result
    }

    /// Splits `[^N]` footnote markers out of a text node that starts at `at` (when known).
    mutating func splitFootnotes(_ text: String, at: SourcePosition?, fallback: SourcePosition) -> [Span] {
        guard text.containsBytes("[^") else { return [.text(text)] }
        var result: [Span] = []
        var rest = Substring(text)
        while let start = rest.rangeOfBytes("[^") {
            guard let close = rest[start.upperBound...].firstIndex(of: "]") else { break }
            let label = String(rest[start.upperBound..<close])
            guard !label.isEmpty, label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                result.append(.text(String(rest[..<start.upperBound])))
                rest = rest[start.upperBound...]
                continue
            }
            if start.lowerBound > rest.startIndex { result.append(.text(String(rest[..<start.lowerBound]))) }
            result.append(.footnote(label))
            footnoteRefs.append((label, at.map { $0.advanced(by: text.distance(from: text.startIndex, to: start.lowerBound)) } ?? fallback, scope))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { result.append(.text(String(rest))) }
        return result
    }
}

extension String {
    func trimmingLeadingWhitespace() -> String { String(drop(while: { $0.isWhitespace })) }
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

/// Parses `{#id key=value key="quoted value"}` attribute blocks (content between the braces).
enum AttributeParser {
    static func parse(_ text: String) -> (id: String?, attributes: [String: String])? {
        var id: String?
        var attributes: [String: String] = [:]
        var tokens: [String] = []
        var current = ""
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c.isWhitespace {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if quote != nil { return nil }
        if !current.isEmpty { tokens.append(current) }
        for token in tokens {
            if token.hasPrefix("#") {
                id = String(token.dropFirst())
            } else if let eq = token.firstIndex(of: "=") {
                attributes[String(token[..<eq])] = String(token[token.index(after: eq)...])
            } else if token.hasPrefix(".") {
                continue
            } else {
                attributes[token] = "true"
            }
        }
        return (id, attributes)
    }
}

/// Splitting table rows.
enum TableRow {
    static func isSeparator(_ line: String) -> Bool {
        // Over the bytes: every character allowed is ASCII, and any other makes a byte outside them.
        line.utf8.contains(UInt8(ascii: "-"))
            && line.utf8.allSatisfy { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: " ") }
    }

    /// The cells of a `| a | b |` row: split at `|` (not `\\|`), each trimmed.
    ///
    /// Over the UTF-8 bytes (`|` and `\\` are ASCII) unless a `|` or `\\` is followed by a non-ASCII
    /// byte, which could be a combining mark making one character with it: then by characters, as ever.
    static func pipeCells(_ line: String) -> [String] {
        var copy = line
        let cells = copy.withUTF8 { bytes -> [String]? in
            for i in 0..<max(0, bytes.count - 1)
            where (bytes[i] == UInt8(ascii: "|") || bytes[i] == UInt8(ascii: "\\")) && bytes[i + 1] >= 0x80 {
                return nil
            }
            var start = 0, end = bytes.count
            if end > 0 && bytes[0] == UInt8(ascii: "|") { start = 1 }
            if end > start && bytes[end - 1] == UInt8(ascii: "|") && !(end - start >= 2 && bytes[end - 2] == UInt8(ascii: "\\")) { end -= 1 }
            var cells: [String] = []
            var current: [UInt8] = []
            var escaped = false
            var i = start
            while i < end {
                let b = bytes[i]
                if escaped {
                    if b != UInt8(ascii: "|") { current.append(UInt8(ascii: "\\")) }
                    current.append(b)
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "|") {
                    cells.append(String(decoding: current, as: UTF8.self).trimmingSpaces())
                    current.removeAll(keepingCapacity: true)
                } else {
                    current.append(b)
                }
                i += 1
            }
            cells.append(String(decoding: current, as: UTF8.self).trimmingSpaces())
            return cells
        }
        return cells ?? pipeCellsByCharacter(line)
    }

    static func pipeCellsByCharacter(_ line: String) -> [String] {
        var body = Substring(line)
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|") && !body.hasSuffix("\\|") { body = body.dropLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for c in body {
            if escaped {
                if c != "|" { current.append("\\") }
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "|" {
                cells.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(c)
            }
        }
        cells.append(current.trimmingSpaces())
        return cells
    }

    static func csvCells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line)
        var i = 0
        while i < iterator.count {
            let c = iterator[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < iterator.count && iterator[i + 1] == "\"" {
                        current.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                cells.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(c)
            }
            i += 1
        }
        iterator.removeAll()
        cells.append(current.trimmingSpaces())
        return cells
    }
}
