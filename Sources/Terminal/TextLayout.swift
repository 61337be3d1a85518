/// Text layout for terminals: display width and word wrapping that keeps Kazakh words whole.
public enum TextLayout {
    /// Columns a character takes (wide East Asian and emoji take 2, combining marks 0).
    public static func width(_ c: Character) -> Int {
        guard let s = c.unicodeScalars.first else { return 0 }
        let v = s.value
        if v < 0x20 { return 0 }
        if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0x1F300...0x1FAFF).contains(v)
        {
            return 2
        }
        return 1
    }

    /// Columns a string takes.
    public static func width(_ s: String) -> Int { s.reduce(0) { $0 + width($1) } }

    /// Wraps `text` to `columns`, breaking at spaces; words longer than a line are split.
    /// Existing line breaks are kept.
    public static func wrap(_ text: String, columns: Int, indent: String = "") -> [String] {
        let limit = max(10, columns - width(indent))
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                var ww = width(w)
                if lineWidth > 0 && lineWidth + 1 + ww > limit {
                    lines.append(indent + line)
                    line = ""
                    lineWidth = 0
                }
                while ww > limit {
                    var head = ""
                    var hw = 0
                    for c in w {
                        if hw + width(c) > limit - lineWidth - (lineWidth > 0 ? 1 : 0) { break }
                        head.append(c)
                        hw += width(c)
                    }
                    if head.isEmpty { break }
                    lines.append(indent + (lineWidth > 0 ? line + " " : "") + head)
                    line = ""
                    lineWidth = 0
                    w = String(w.dropFirst(head.count))
                    ww = width(w)
                }
                if lineWidth > 0 {
                    line += " "
                    lineWidth += 1
                }
                line += w
                lineWidth += ww
            }
            lines.append(indent + line)
        }
        return lines
    }

    /// `text` cut to `columns` display columns, ending in «…» when cut.
    /// With `atWord`, the cut falls after the last whole word that fits (when one ends in the second half).
    public static func truncate(_ text: String, columns: Int, atWord: Bool = false) -> String {
        guard width(text) > columns else { return text }
        var out = ""
        var w = 0
        for c in text {
            if w + width(c) > max(0, columns - 1) { break }
            out.append(c)
            w += width(c)
        }
        if atWord, let space = out.lastIndex(of: " "), out.distance(from: out.startIndex, to: space) >= out.count / 2 {
            out = String(out[..<space])
        }
        while let last = out.last, " ,;:".contains(last) { out.removeLast() }
        return out + "…"
    }

    /// A progress bar of `width` cells: `███░░░`.
    public static func progressBar(done: Int, total: Int, width: Int) -> String {
        guard total > 0, width > 0 else { return "" }
        let filled = min(width, max(0, (done * width + total / 2) / total))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
}

/// ANSI styling that honours `NO_COLOR` and plain output.
public struct Style: Sendable {
    /// Whether escape codes are written.
    public var enabled: Bool

    /// Creates a style; colours are off when `NO_COLOR` is set (to anything) or `enabled` is false.
    public init(enabled: Bool, environment: [String: String]) {
        self.enabled = enabled && environment["NO_COLOR"] == nil
    }

    func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m" + s + "\u{1B}[0m" : s }
    /// Bold.
    public func bold(_ s: String) -> String { wrap(s, "1") }
    /// Reverse video (the cursor line).
    public func reverse(_ s: String) -> String { enabled ? "\u{1B}[7m" + s + "\u{1B}[0m" : s }
    /// Dim.
    public func dim(_ s: String) -> String { wrap(s, "2") }
    /// Green.
    public func green(_ s: String) -> String { wrap(s, "32") }
    /// Red.
    public func red(_ s: String) -> String { wrap(s, "31") }
    /// Cyan.
    public func cyan(_ s: String) -> String { wrap(s, "36") }
}
