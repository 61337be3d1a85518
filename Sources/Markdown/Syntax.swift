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
public indirect enum Inline: Sendable, Hashable {
    case text(String)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case link(destination: String, title: String, [Inline])
    case image(source: String, title: String, alt: [Inline])
    case softBreak
    case lineBreak
    case html(String)
}

extension Inline {
    /// The plain text of this inline and its children (breaks become spaces).
    public var plainText: String {
        switch self {
        case .text(let s), .code(let s): return s
        case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c): return c.plainText
        case .softBreak, .lineBreak: return " "
        case .html: return ""
        }
    }
}

extension Array where Element == Inline {
    /// The concatenated plain text of these inlines.
    public var plainText: String { map(\.plainText).joined() }
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
        case .html, .thematicBreak: return ""
        }
    }
}
