/// The text of a field being typed, and the cursor inside it.
///
/// The cursor stands between characters (0 … count). Lines are separated by `"\n"`; Home and End
/// and Up and Down work on the line the cursor is on.
public struct TextEditBuffer: Equatable, Sendable {
    /// The characters typed so far.
    public private(set) var characters: [Character]
    /// How many characters stand before the cursor.
    public private(set) var cursor: Int

    /// Starts with `text` and the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The text typed so far.
    public var text: String { String(characters) }
    /// Whether nothing has been typed.
    public var isEmpty: Bool { characters.isEmpty }
    /// Whether the cursor stands after the last character.
    public var cursorAtEnd: Bool { cursor == characters.count }
    /// The character just before the cursor.
    public var beforeCursor: Character? { cursor > 0 ? characters[cursor - 1] : nil }

    /// The text with `marker` where the cursor is, for drawing.
    public func display(cursor marker: Character) -> String {
        var shown = characters
        shown.insert(marker, at: cursor)
        return String(shown)
    }

    /// Types `c` at the cursor.
    public mutating func insert(_ c: Character) {
        characters.insert(c, at: cursor)
        cursor += 1
    }

    /// Deletes the character before the cursor.
    public mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the character after the cursor.
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Moves one character left (across line ends too).
    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    /// Moves one character right.
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }

    /// Where the cursor's line starts.
    var lineStart: Int {
        var i = cursor
        while i > 0 && characters[i - 1] != "\n" { i -= 1 }
        return i
    }

    /// Where the cursor's line ends (before its newline).
    var lineEnd: Int {
        var i = cursor
        while i < characters.count && characters[i] != "\n" { i += 1 }
        return i
    }

    /// Moves to the start of the line.
    public mutating func home() { cursor = lineStart }
    /// Moves to the end of the line.
    public mutating func end() { cursor = lineEnd }

    /// Moves to the same column of the line above (or its end when shorter).
    public mutating func moveUp() {
        let start = lineStart
        guard start > 0 else { return }
        let column = cursor - start
        let previousEnd = start - 1
        var previousStart = previousEnd
        while previousStart > 0 && characters[previousStart - 1] != "\n" { previousStart -= 1 }
        cursor = min(previousStart + column, previousEnd)
    }

    /// Moves to the same column of the line below (or its end when shorter).
    public mutating func moveDown() {
        let column = cursor - lineStart
        let end = lineEnd
        guard end < characters.count else { return }
        let nextStart = end + 1
        var nextEnd = nextStart
        while nextEnd < characters.count && characters[nextEnd] != "\n" { nextEnd += 1 }
        cursor = min(nextStart + column, nextEnd)
    }
}
