import Instruments
import Results
import Localization
import Terminal

/// The full-screen terminal front end: one question per screen, arrow keys, j/k, numbers and
/// letters, Space to toggle, a progress bar; colours unless `NO_COLOR`.
public final class InteractiveConsole: Console {
    public let l: Localizer
    let terminal: RawTerminal
    let style: Style
    var message: String?

    /// Enters raw mode; nil when standard input is not a terminal.
    public init?(localizer: Localizer, environment: [String: String]) {
        guard let t = RawTerminal() else { return nil }
        terminal = t
        l = localizer
        style = Style(enabled: true, environment: environment)
    }

    var columns: Int { max(20, terminal.size.columns - 1) }

    /// First body line shown when the screen is taller than the terminal.
    var bodyOffset = 0
    /// The largest useful `bodyOffset` of the screen last drawn (0 when everything fits).
    var maxBodyOffset = 0

    /// First line shown of a text field or option list longer than the room left for it
    /// (`Int.max` on a new screen: the window then opens on the focus).
    var linesOffset = Int.max

    /// Draws a screen. When it is taller than the terminal, the body (a case's text) is shown in a
    /// window that PgUp/PgDn (and ↑/↓ on information screens) move; title and options stay visible.
    /// `focus` is the lines of `lines` that must stay in view (the text cursor's line, the option
    /// under the cursor): a long text field or option list is shown in a window that follows it.
    func draw(_ screen: Screen, lines: [String], hint: String, focus: ClosedRange<Int>? = nil) {
        var top: [String] = []
        if let h = screen.header {
            // One line: the header is shortened with «…» so the screen's height stays known.
            let barWidth = screen.progress == nil ? 0 : max(5, min(30, columns - TextLayout.width(h) - 4))
            let room = columns - (barWidth > 0 ? barWidth + 2 : 0)
            var line = style.bold(TextLayout.truncate(h, columns: room))
            if let p = screen.progress {
                line += "  " + style.cyan(TextLayout.progressBar(done: p.done, total: p.total, width: barWidth))
            }
            top += [line, ""]
        }
        for l in TextLayout.wrap(screen.title, columns: columns) { top.append(style.bold(l)) }
        var body: [String] = []
        for para in screen.body {
            body.append("")
            body += TextLayout.wrap(para, columns: columns)
        }
        var after: [String] = [""]
        if let m = message {
            after += TextLayout.wrap(m, columns: columns).map(style.red)
            message = nil
        }
        after += TextLayout.wrap(hint, columns: columns).map(style.dim)
        let rows = max(8, terminal.size.rows)
        var lines = lines
        // A text field or option list longer than the room under the title keeps its focus in view.
        // (a blank line above the field; two more for a body window when there is a body)
        let fieldRoom = max(3, rows - top.count - after.count - (body.isEmpty ? 1 : 3))
        if let focus, lines.count > fieldRoom {
            let window = fieldRoom - 1
            linesOffset = min(max(linesOffset, focus.upperBound - window + 1), focus.lowerBound, lines.count - window)
            linesOffset = max(0, linesOffset)
            let end = min(lines.count, linesOffset + window)
            let more = (linesOffset > 0 ? "↑ " : "  ") + (end < lines.count ? "↓ " : "  ")
            lines = Array(lines[linesOffset..<end]) + [style.dim(more + "\(linesOffset + 1)–\(end)/\(lines.count)")]
        }
        let bottom: [String] = [""] + lines + after
        let room = rows - top.count - bottom.count
        var shown = body
        if !body.isEmpty && body.count > room {
            let window = max(1, room - 1)
            maxBodyOffset = max(0, body.count - window)
            bodyOffset = min(max(0, bodyOffset), maxBodyOffset)
            shown = Array(body[bodyOffset..<min(body.count, bodyOffset + window)])
            let more = (bodyOffset > 0 ? "↑ " : "  ") + (bodyOffset < maxBodyOffset ? "↓ " : "  ")
            shown.append(style.dim(more + "PgUp/PgDn \(bodyOffset + window)/\(body.count)"))
        } else {
            maxBodyOffset = 0
            bodyOffset = 0
        }
        // No newline after the last line: on the terminal's last row it would scroll the title away.
        terminal.write("\u{1B}[H\u{1B}[2J" + (top + shown + bottom).joined(separator: "\r\n"))
    }

    /// Whether j and k move the cursor: only while they are not option letters (fewer than ten options, or keyed options).
    static func lettersMove(count: Int, keyed: Bool) -> Bool { keyed || count < 10 }

    /// Moves the option cursor with ↑/↓/Tab, or k/j while those letters are not options; true when it moved.
    func move(_ cursor: inout Int, _ key: Key, count: Int, keyed: Bool = false) -> Bool {
        let letters = Self.lettersMove(count: count, keyed: keyed)
        switch key {
        case .up: cursor = (cursor + count - 1) % count
        case .down, .tab: cursor = (cursor + 1) % count
        case .character("k") where letters: cursor = (cursor + count - 1) % count
        case .character("j") where letters: cursor = (cursor + 1) % count
        default: return false
        }
        return true
    }

    /// The hint of a choice screen: j/k only where they move, and the keys that choose at once.
    func choiceHint(count: Int, keys: [String]?) -> String {
        let moving = Self.lettersMove(count: count, keyed: keys != nil) ? "↑↓ j/k" : "↑↓"
        let direct: String
        if let keys, let first = keys.first, let last = keys.last {
            direct = first == last ? first : first + "–" + last
        } else {
            direct = count == 1 ? "1 / a" : "1–\(min(count, 9)) / a–\(optionName(count - 1))"
        }
        return l(.tHintChoice, moving, direct)
    }

    public func optionName(_ index: Int) -> String { OptionLetter.letter(index) }

    /// Moves the body window by a page; true when the key was a paging key.
    func page(_ key: Key) -> Bool {
        let step = max(1, terminal.size.rows / 2)
        switch key {
        case .pageDown: bodyOffset += step
        case .pageUp: bodyOffset -= step
        default: return false
        }
        return true
    }

    /// The options as screen lines, and the lines of the one under the cursor.
    func optionLines(_ options: [String], cursor: Int, marked: Set<Int>, multiple: Bool, keys: [String]? = nil)
        -> (lines: [String], focus: ClosedRange<Int>)
    {
        var lines: [String] = []
        var focus = 0...0
        for (i, o) in options.enumerated() {
            let box = multiple ? (marked.contains(i) ? "[x]" : "[ ]") : (marked.contains(i) ? "(•)" : "( )")
            let prefix = " \(keys?[i] ?? optionName(i))) \(box) "
            let wrapped = TextLayout.wrap(o, columns: columns - prefix.count - 2)
            if i == cursor { focus = lines.count...(lines.count + max(0, wrapped.count - 1)) }
            for (j, w) in wrapped.enumerated() {
                let text = (j == 0 ? prefix : String(repeating: " ", count: prefix.count)) + w
                lines.append(i == cursor ? style.reverse("›" + text) : " " + text)
            }
        }
        return (lines, focus)
    }

    public func show(_ screen: Screen, wait: Bool) -> Outcome<Void> {
        bodyOffset = 0
        draw(screen, lines: [], hint: wait ? l(.tPressEnter) : "")
        guard wait else { return .value(()) }
        while true {
            let key = terminal.readKey()
            switch key {
            case .enter, .space, .right:
                // A long text is read to its end first: Enter pages down, then continues.
                if bodyOffset < maxBodyOffset {
                    _ = page(.pageDown)
                } else {
                    return .value(())
                }
            case .down, .character("j"): bodyOffset += 1
            case .up, .character("k"): bodyOffset -= 1
            case .left, .backspace: return .back
            case .interrupt: return .interrupted
            case .endOfInput: return .endOfInput
            default: if !page(key) { continue }
            }
            draw(screen, lines: [], hint: l(.tPressEnter))
        }
    }

    public func chooseOne(_ screen: Screen, options: [String], keys: [String]?, current: Int?, allowSkip: Bool) -> Outcome<Int?> {
        var cursor = current ?? 0
        bodyOffset = 0
        linesOffset = .max
        while true {
            let shown = optionLines(options, cursor: cursor, marked: current.map { [$0] } ?? [], multiple: false, keys: keys)
            draw(screen, lines: shown.lines, hint: choiceHint(count: options.count, keys: keys), focus: shown.focus)
            let key = terminal.readKey()
            if page(key) || move(&cursor, key, count: options.count, keyed: keys != nil) { continue }
            switch key {
            case .enter: return .value(cursor)
            case .right: if allowSkip { return .value(current) }
            case .left, .backspace: return .back
            case .interrupt: return .interrupted
            case .endOfInput: return .endOfInput
            case .character(let c):
                if let keys {
                    if let i = keys.firstIndex(of: String(c).lowercased()) { return .value(i) }
                    message = l(.tInvalidKey, keys.joined(separator: ", "))
                } else if let i = OptionInput.index(String(c), count: options.count) {
                    return .value(i)
                } else {
                    message = l(.tInvalidNumber, options.count)
                }
            default: continue
            }
        }
    }

    public func chooseMany(_ screen: Screen, options: [String], current: Set<Int>) -> Outcome<Set<Int>> {
        var cursor = 0
        var marked = current
        bodyOffset = 0
        linesOffset = .max
        while true {
            let shown = optionLines(options, cursor: cursor, marked: marked, multiple: true)
            draw(screen, lines: shown.lines, hint: l(.tHintMultiple), focus: shown.focus)
            let key = terminal.readKey()
            if page(key) || move(&cursor, key, count: options.count) { continue }
            switch key {
            case .space: marked.formSymmetricDifference([cursor])
            case .enter, .right: return .value(marked)
            case .left, .backspace: return .back
            case .interrupt: return .interrupted
            case .endOfInput: return .endOfInput
            case .character(let c):
                if let i = OptionInput.index(String(c), count: options.count) {
                    marked.formSymmetricDifference([i])
                    cursor = i
                } else {
                    message = l(.tInvalidLetters, options.count)
                }
            default: continue
            }
        }
    }

    public func text(_ screen: Screen, current: String, multiline: Bool, required: Bool, maxLength: Int) -> Outcome<String> {
        var buffer = TextEditBuffer(current)
        bodyOffset = 0
        linesOffset = .max
        while true {
            var lines = TextLayout.wrap(buffer.display(cursor: "▏"), columns: columns - 2, indent: "  ")
            let focus = lines.firstIndex { $0.contains("▏") }.map { $0...$0 }
            if !multiline && !required { lines.append(style.dim("  " + l(.tFieldOptional))) }
            draw(screen, lines: lines, hint: multiline ? l(.tHintText) : l(.tHintLine), focus: focus)
            let key = terminal.readKey()
            if page(key) { continue }
            switch key {
            case .character(let c):
                if buffer.characters.count < maxLength { buffer.insert(c) } else { message = l(.tTooLong, maxLength) }
            case .space:
                if buffer.characters.count < maxLength { buffer.insert(" ") }
            case .backspace: buffer.backspace()
            case .delete: buffer.deleteForward()
            case .left: buffer.moveLeft()
            case .right: buffer.moveRight()
            case .home: buffer.home()
            case .end: buffer.end()
            case .up where multiline: buffer.moveUp()
            case .down where multiline: buffer.moveDown()
            case .enter:
                // In a long answer Enter starts a new line; Enter on an empty last line finishes.
                if multiline && !(buffer.cursorAtEnd && (buffer.isEmpty || buffer.beforeCursor == "\n")) {
                    if buffer.characters.count < maxLength { buffer.insert("\n") } else { message = l(.tTooLong, maxLength) }
                    continue
                }
                if let done = finish(buffer.text, multiline: multiline, required: required, maxLength: maxLength) { return .value(done) }
            case .endOfInput:
                // Ctrl-D finishes a valid answer; otherwise (or when the terminal is gone) save and leave.
                if !terminal.isClosed, let done = finish(buffer.text, multiline: multiline, required: required, maxLength: maxLength) {
                    return .value(done)
                }
                return .endOfInput
            case .escape: return .back
            case .interrupt: return .interrupted
            default: continue
            }
        }
    }

    func finish(_ buffer: String, multiline: Bool, required: Bool, maxLength: Int) -> String? {
        let text = buffer.trimmingSpaces()
        if required && text.isEmpty {
            message = l(.tInvalidEmpty)
            return nil
        }
        if let problem = TextRules.problem(text, multiline: multiline, maxLength: maxLength, l: l) {
            message = problem
            return nil
        }
        return text
    }

    public func close() {
        terminal.write("\u{1B}[H\u{1B}[2J")
        terminal.restore()
    }
}
