/// The one policy for text that enters katch — typed in the quiz, imported from a CSV — and for
/// stored text shown on a terminal.
///
/// Text may hold no control characters (C0, DEL, C1, nor U+FFFD, the mark of a broken encoding)
/// except a tab, and line breaks in open answers; it is capped at a length per kind of field.
/// Stored text is shown on a terminal only through ``terminalSafe(_:keepLineBreaks:)``, so an
/// escape sequence that got into the database cannot rewrite the screen.
public enum TextPolicy {
    /// Open answers (quiz and survey), in characters.
    public static let openAnswerMaxLength = 4000
    /// One-line registration fields (name, «other» agency, contact) and the registration values of an import.
    public static let fieldMaxLength = 120
    /// The code-or-name field at the start of the quiz.
    public static let codeEntryMaxLength = 200
    /// A note of the screening interview.
    public static let noteMaxLength = 1000

    /// What is wrong with a text.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// Longer than the cap (characters).
        case tooLong(maxLength: Int, length: Int)
        /// A control character; `lineBreaksBefore` counts the line breaks before it in the text.
        case controlCharacter(Unicode.Scalar, lineBreaksBefore: Int)

        /// An English description (import messages).
        public var description: String {
            switch self {
            case .tooLong(let max, let length): return "is \(length) characters long; at most \(max) are allowed"
            case .controlCharacter(let s, _): return "holds the control character \(TextPolicy.name(of: s)), which is not allowed"
            }
        }
    }

    /// Whether `s` is refused in text (a tab always passes, a line feed only in multi-line text).
    public static func isForbidden(_ s: Unicode.Scalar, multiline: Bool) -> Bool {
        if s == "\t" { return false }
        if s == "\n" { return !multiline }
        return s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) || s == "\u{FFFD}"
    }

    /// nil when `text` may be stored, else the first problem (length first).
    public static func problem(_ text: String, multiline: Bool, maxLength: Int) -> Problem? {
        if text.utf8.count > maxLength {
            let length = text.count
            if length > maxLength { return .tooLong(maxLength: maxLength, length: length) }
        }
        // Fast path: no byte that can start a refused character (C0, DEL, C1 = C2 80…9F, U+FFFD = EF BF BD).
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF }) else { return nil }
        var breaks = 0
        for s in text.unicodeScalars {
            if isForbidden(s, multiline: multiline) { return .controlCharacter(s, lineBreaksBefore: breaks) }
            if s == "\n" { breaks += 1 }
        }
        return nil
    }

    /// `U+001B (ESC)`, `U+0000 (NUL)`: a control character as a message names it.
    public static func name(of s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let names: [UInt32: String] = [0: "NUL", 7: "BEL", 8: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI", 0x0A: "LF"]
        return names[s.value].map { "\(code) (\($0))" } ?? code
    }

    /// Stored text made safe for a terminal: C0 controls and DEL in caret notation (ESC → `^[`,
    /// NUL → `^@`, DEL → `^?`), C1 controls as U+FFFD; a tab stays, line feeds stay when
    /// `keepLineBreaks` (else `^J`). Text without control characters is returned unchanged.
    public static func terminalSafe(_ text: String, keepLineBreaks: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { isForbidden($0, multiline: keepLineBreaks) && $0 != "\u{FFFD}" }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s == "\u{FFFD}" || !isForbidden(s, multiline: keepLineBreaks) {
                out.append(s)
            } else if s.value < 0x20 || s.value == 0x7F {
                out.append("^")
                out.append(Unicode.Scalar(UInt8(s.value == 0x7F ? 0x3F : s.value + 0x40)))
            } else {
                out.append("\u{FFFD}")
            }
        }
        return String(out)
    }
}
