/// A position in a source file: 1-based line and 1-based column counted in characters.
public struct SourcePosition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line number in the file (front matter included).
    public var line: Int
    /// 1-based column, in Unicode characters (not bytes).
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    /// The position `columns` characters further on the same line.
    public func advanced(by columns: Int) -> SourcePosition {
        SourcePosition(line: line, column: column + columns)
    }
}

/// A CommonMark block node, converted from the libcmark AST into plain Swift values.
public struct Block: Sendable, Hashable {
    /// What kind of block this is, with its content.
    public var kind: Kind
    /// Where the block starts in the source file.
    public var position: SourcePosition

    /// Creates a block.
    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }

    /// The CommonMark block kinds.
    public indirect enum Kind: Sendable, Hashable {
        case paragraph([Inline])
        case heading(level: Int, [Inline])
        case blockQuote([Block])
        case list(ListStyle, items: [ListItem])
        case codeBlock(info: String, literal: String)
        case html(String)
        case thematicBreak
        /// Content nested deeper than the converter follows (``Converter/maximumDepth`` levels),
        /// as plain text. Never shown: a reader reports it as an error, since what it holds (a
        /// callout, say) can no longer be told apart from text.
        case tooDeep(String)
    }
}

/// How a list is numbered.
public struct ListStyle: Sendable, Hashable {
    /// Whether the list is ordered (`1.`) rather than bulleted.
    public var ordered: Bool
    /// The first number of an ordered list.
    public var start: Int
    /// Whether the list is tight (no blank lines between items).
    public var tight: Bool

    /// Creates a list style.
    public init(ordered: Bool, start: Int = 1, tight: Bool = true) {
        self.ordered = ordered
        self.start = start
        self.tight = tight
    }
}

/// One list item: its blocks and its position.
public struct ListItem: Sendable, Hashable {
    /// The blocks inside the item.
    public var blocks: [Block]
    /// Where the item starts.
    public var position: SourcePosition

    /// Creates a list item.
    public init(blocks: [Block], position: SourcePosition) {
        self.blocks = blocks
        self.position = position
    }
}

/// A CommonMark inline node.
///
/// Text and links carry where they start in the file (nil for text katch made up itself, and for
/// inlines parsed out of a table cell), so diagnostics can point into a long paragraph.
public indirect enum Inline: Sendable, Hashable {
    case text(String, at: SourcePosition? = nil)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case link(destination: String, title: String, [Inline], at: SourcePosition? = nil)
    case image(source: String, title: String, alt: [Inline])
    case softBreak
    case lineBreak
    case html(String)
}

extension Inline {
    /// The plain text of this inline and its children (breaks become spaces).
    public var plainText: String {
        switch self {
        case .text(let s, _), .code(let s): return s
        case .emphasis(let c), .strong(let c), .link(_, _, let c, _), .image(_, _, let c): return c.plainText
        case .softBreak, .lineBreak: return " "
        case .html: return ""
        }
    }
}

extension Array where Element == Inline {
    /// The concatenated plain text of these inlines.
    public var plainText: String { map(\.plainText).joined() }

    /// The same inlines without source positions (for text parsed on its own, whose positions
    /// do not point into the file).
    public var withoutPositions: [Inline] { mapPositions { _ in nil } }

    /// The same inlines with every source position passed through `transform`.
    public func mapPositions(_ transform: (SourcePosition) -> SourcePosition?) -> [Inline] {
        map { inline in
            switch inline {
            case .text(let s, let at): return .text(s, at: at.flatMap(transform))
            case .link(let d, let t, let c, let at):
                return .link(destination: d, title: t, c.mapPositions(transform), at: at.flatMap(transform))
            case .emphasis(let c): return .emphasis(c.mapPositions(transform))
            case .strong(let c): return .strong(c.mapPositions(transform))
            case .image(let s, let t, let alt): return .image(source: s, title: t, alt: alt.mapPositions(transform))
            case .code, .softBreak, .lineBreak, .html: return inline
            }
        }
    }
}

extension Block {
    /// The plain text of this block and everything inside it, blocks separated by newlines.
    public var plainText: String {
        switch kind {
        case .paragraph(let i), .heading(_, let i): return i.plainText
        case .blockQuote(let b): return b.map(\.plainText).joined(separator: "\n")
        case .list(_, let items):
            return items.map { $0.blocks.map(\.plainText).joined(separator: "\n") }.joined(separator: "\n")
        case .codeBlock(_, let literal): return literal
        case .tooDeep(let text): return text
        case .html, .thematicBreak: return ""
        }
    }
}
