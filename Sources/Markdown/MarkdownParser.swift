import CCmark

/// An error from the Markdown layer.
public struct MarkdownError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Parses CommonMark with libcmark and converts the AST into ``Block`` values.
///
/// Positions are reported in the coordinates of the whole file: pass the number of lines that
/// precede the Markdown body (the front matter) as `lineOffset`. Columns are converted from
/// libcmark's UTF-8 byte offsets into character offsets.
public enum MarkdownParser {
    /// Blocks nested deeper than this are not converted (``Block/Kind/tooDeep(_:)``), so hostile input cannot
    /// overflow the stack.
    public static let maximumDepth = Converter.maximumDepth

    /// Parses `text` and returns its top-level blocks.
    /// - Parameters:
    ///   - text: the Markdown body (without front matter).
    ///   - lineOffset: lines preceding `text` in its file, added to every position.
    public static func parse(_ text: String, lineOffset: Int = 0) throws(MarkdownError) -> [Block] {
        let bytes = Array(text.utf8)
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8) else {
            throw MarkdownError("libcmark could not create a parser")
        }
        defer { cmark_parser_free(parser) }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            throw MarkdownError("libcmark could not parse the document")
        }
        defer { cmark_node_free(root) }
        cmark_consolidate_text_nodes(root)
        let converter = Converter(lines: LineIndex(bytes), lineOffset: lineOffset)
        return converter.blocks(childrenOf: root)
    }

    /// Parses a single line of inline Markdown (e.g. a table cell) into inlines.
    public static func parseInline(_ text: String) throws(MarkdownError) -> [Inline] {
        let blocks = try parse(text)
        var result: [Inline] = []
        for (index, block) in blocks.enumerated() {
            if index > 0 { result.append(.softBreak) }
            switch block.kind {
            case .paragraph(let inlines), .heading(_, let inlines): result += inlines.withoutPositions
            default: result.append(.text(block.plainText))
            }
        }
        return result
    }
}

/// Byte offsets of line starts, to turn byte columns into character columns.
struct LineIndex {
    let bytes: [UInt8]
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        self.starts = starts
    }

    /// How many spaces and tabs stand at a 1-based byte column of a 1-based line.
    func whitespaceRun(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= starts.count, byteColumn >= 1 else { return 0 }
        var i = starts[line - 1] + byteColumn - 1
        var count = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 {
            count += 1
            i += 1
        }
        return count
    }

    /// Characters between two 1-based byte columns of a 1-based line.
    func characterCount(line: Int, fromByteColumn from: Int, to: Int) -> Int {
        guard line >= 1, line <= starts.count, from >= 1, to > from else { return 0 }
        let start = starts[line - 1]
        var count = 0
        var i = start + from - 1
        let end = min(start + to - 1, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// Converts a 1-based byte column on a 1-based line into a 1-based character column.
    func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= starts.count, byteColumn > 1 else { return max(byteColumn, 1) }
        let start = starts[line - 1]
        let end = min(start + byteColumn - 1, bytes.count)
        var count = 0
        var i = start
        while i < end {
            // Count UTF-8 lead bytes only.
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count + 1
    }
}

final class Converter {
    let lines: LineIndex
    let lineOffset: Int
    /// The last column converted (line, byte column, character column): inline nodes come left to
    /// right, so counting characters goes on from there instead of from the line start each time.
    private var lastColumn = (line: 0, byte: 1, character: 1)
    /// Current nesting depth; deeper content is flattened to text so nothing recurses without bound.
    var depth = 0
    static let maximumDepth = 48

    init(lines: LineIndex, lineOffset: Int) {
        self.lines = lines
        self.lineOffset = lineOffset
    }

    /// All text literals below `node`, collected with libcmark's (non-recursive) iterator.
    func flattenedText(_ node: OpaquePointer) -> String {
        guard let iter = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iter) }
        var text = ""
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter) else { continue }
            if let literal = cmark_node_get_literal(n) {
                if !text.isEmpty { text += " " }
                text += String(cString: literal)
            }
        }
        return text
    }

    func position(_ node: OpaquePointer) -> SourcePosition {
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        return SourcePosition(line: line + lineOffset, column: characterColumn(line: line, byteColumn: column))
    }

    /// ``LineIndex/characterColumn(line:byteColumn:)``, counting on (or back) from the previous call on the
    /// same line. Inline nodes come mostly left to right, but a link's position is taken after its text's,
    /// a step back: counting from the line start then would make a line of many links quadratic.
    func characterColumn(line: Int, byteColumn: Int) -> Int {
        let result: Int
        if line == lastColumn.line, byteColumn >= lastColumn.byte {
            result = lastColumn.character + lines.characterCount(line: line, fromByteColumn: lastColumn.byte, to: byteColumn)
        } else if line == lastColumn.line, byteColumn >= 1 {
            result = lastColumn.character - lines.characterCount(line: line, fromByteColumn: byteColumn, to: lastColumn.byte)
        } else {
            result = lines.characterColumn(line: line, byteColumn: byteColumn)
        }
        lastColumn = (line, byteColumn, result)
        return result
    }

    /// Per line, the indentation libcmark stripped from a paragraph's continuation line and left out
    /// of its inline columns; learnt from the line's first (leftmost) inline node.
    var strippedIndent: [Int: Int] = [:]

    /// Where an inline node starts, corrected for the stripped indentation of its line.
    func inlinePosition(_ node: OpaquePointer) -> SourcePosition {
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        let indent = strippedIndent[line] ?? 0
        return SourcePosition(line: line + lineOffset, column: characterColumn(line: line, byteColumn: column + indent))
    }

    /// Records the stripped indentation of a line when `node` is the first inline seen on it.
    func learnIndent(_ node: OpaquePointer) {
        let line = Int(cmark_node_get_start_line(node))
        guard line > 0, strippedIndent[line] == nil else { return }
        strippedIndent[line] = lines.whitespaceRun(line: line, byteColumn: Int(cmark_node_get_start_column(node)))
    }

    func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            result.append(c)
            child = cmark_node_next(c)
        }
        return result
    }

    func blocks(childrenOf node: OpaquePointer) -> [Block] {
        children(node).compactMap(block)
    }

    func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    func block(_ node: OpaquePointer) -> Block? {
        let pos = position(node)
        depth += 1
        defer { depth -= 1 }
        if depth > Converter.maximumDepth {
            return Block(.tooDeep(flattenedText(node)), at: pos)
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            return Block(.paragraph(inlines(childrenOf: node)), at: pos)
        case CMARK_NODE_HEADING:
            return Block(.heading(level: Int(cmark_node_get_heading_level(node)), inlines(childrenOf: node)), at: pos)
        case CMARK_NODE_BLOCK_QUOTE:
            return Block(.blockQuote(blocks(childrenOf: node)), at: pos)
        case CMARK_NODE_LIST:
            let style = ListStyle(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0)
            let items = children(node).map { ListItem(blocks: blocks(childrenOf: $0), position: position($0)) }
            return Block(.list(style, items: items), at: pos)
        case CMARK_NODE_CODE_BLOCK:
            return Block(
                .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node))),
                at: pos)
        case CMARK_NODE_HTML_BLOCK:
            return Block(.html(string(cmark_node_get_literal(node))), at: pos)
        case CMARK_NODE_THEMATIC_BREAK:
            return Block(.thematicBreak, at: pos)
        default:
            return nil
        }
    }

    func inlines(childrenOf node: OpaquePointer) -> [Inline] {
        children(node).compactMap(inline)
    }

    func inline(_ node: OpaquePointer) -> Inline? {
        depth += 1
        defer { depth -= 1 }
        learnIndent(node)
        if depth > Converter.maximumDepth * 2 {
            return .text(flattenedText(node), at: inlinePosition(node))
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)), at: inlinePosition(node))
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis(inlines(childrenOf: node))
        case CMARK_NODE_STRONG: return .strong(inlines(childrenOf: node))
        case CMARK_NODE_LINK:
            return .link(
                destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                inlines(childrenOf: node), at: inlinePosition(node))
        case CMARK_NODE_IMAGE:
            return .image(
                source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                alt: inlines(childrenOf: node))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_HTML_INLINE: return .html(string(cmark_node_get_literal(node)))
        default: return nil
        }
    }
}
