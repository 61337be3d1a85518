import Foundation
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
    /// Body lines shown at once on the screen last drawn (PgDn moves by this much, so no line is skipped).
    var bodyWindow = 1

    /// First line shown of a text field or option list longer than the room left for it
    /// (`Int.max` on a new screen: the window then opens on the focus).
    var linesOffset = Int.max
    /// Lines of the field or option list shown at once (0 when it all fits).
    var linesWindow = 0
    /// Lines of the field or option list on the screen last drawn.
    var linesCount = 0
    /// Set by PgUp/PgDn on the field or option list: the window stays where it was paged to until
    /// the focus moves (so an option longer than the window can be read to its end).
    var linesPaged = false

    /// The last screen drawn when it is a message that must outlive the full-screen display (one
    /// shown without waiting, or marked ``Screen/lasting``): ``close()`` prints it on the shell's screen.
    var finalScreen: Screen?
    public private(set) var lastDraft: String?
    public private(set) var lastMarks: Set<Int>?
    /// Information for the next screen drawn (see ``notice(_:)``).
    var pendingNotice: String?

    public func notice(_ text: String) { pendingNotice = text }

    public func setFarewell(_ lines: [String]) { RawTerminal.setFarewell(lines.joined(separator: "\n")) }

    /// How long a save runs before the screen says so.
    static let savingNoticeAfter = 0.4

    /// Shows «saving…» on the last row when `save` has not returned after
    /// ``savingNoticeAfter`` seconds; the next screen is drawn whole, over it.
    public func saving<T>(_ save: () throws(ResultsError) -> T) throws(ResultsError) -> T {
        let notice = SavingNotice(terminal: terminal, row: max(1, terminal.size.rows), text: style.dim(TextLayout.truncate(l(.tSaving), columns: columns)))
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.savingNoticeAfter) { notice.show() }
        defer { notice.cancel() }
        return try save()
    }

    /// The header line: the header shortened with «…» (so the screen's height stays known) and the progress bar.
    func headerLine(_ h: String, progress: (done: Int, total: Int)?) -> String {
        let barWidth = progress == nil ? 0 : max(5, min(30, columns - TextLayout.width(h) - 4))
        let room = columns - (barWidth > 0 ? barWidth + 2 : 0)
        var line = style.bold(TextLayout.truncate(h, columns: room))
        if let p = progress {
            line += "  " + style.cyan(TextLayout.progressBar(done: p.done, total: p.total, width: barWidth))
        }
        return line
    }

    /// Draws a screen. When it is taller than the terminal, the body (a case's text) is shown in a
    /// window that PgUp/PgDn (and ↑/↓ on information screens) move; title and options stay visible.
    /// `focus` is the lines of `lines` that must stay in view (the text cursor's line, the option
    /// under the cursor): a long text field or option list is shown in a window that follows it,
    /// and PgUp/PgDn page it when the body fits. On a small terminal (fewer than 16 rows) the hint
    /// takes one line and a title too long for a third of the screen continues in the body window,
    /// so every line can be reached and nothing scrolls off the top.
    func draw(_ screen: Screen, lines: [String], hint: String, focus: ClosedRange<Int>? = nil) {
        let size = terminal.size
        let rows = max(6, size.rows)
        let compact = rows < 16
        var top: [String] = []
        if let h = screen.header { top = [headerLine(h, progress: screen.progress)] + (compact ? [] : [""]) }
        var title = TextLayout.wrap(screen.title, columns: columns).map(style.bold)
        var body: [String] = []
        for para in screen.body {
            body.append("")
            body += TextLayout.wrap(para, columns: columns)
        }
        var after: [String] = [""]
        if let n = pendingNotice {
            after += TextLayout.wrap(n, columns: columns).map(style.cyan)
            pendingNotice = nil
        }
        if let m = message {
            after += TextLayout.wrap(m, columns: columns).map(style.red)
            message = nil
        }
        after += compact ? [style.dim(TextLayout.truncate(hint, columns: columns))] : TextLayout.wrap(hint, columns: columns).map(style.dim)
        // A title too long for the screen continues at the top of the (paged) body.
        let minLines = lines.isEmpty ? 0 : min(lines.count, 3) + 1
        let titleRoom = compact ? max(1, (rows - top.count - after.count - minLines) / 2) : max(1, rows - top.count - after.count - minLines - 2)
        while title.count > titleRoom {
            body.insert(title.removeLast(), at: 0)
        }
        var lines = lines
        linesCount = lines.count
        // A text field or option list longer than the room under the title keeps its focus in view.
        // (a blank line above the field; two more for a body window when there is a body)
        let fieldRoom = max(3, rows - top.count - title.count - after.count - (body.isEmpty ? 1 : 3))
        if lines.count > fieldRoom {
            let window = fieldRoom - 1
            linesWindow = window
            if let focus, !linesPaged {
                linesOffset = min(max(linesOffset, focus.upperBound - window + 1), focus.lowerBound)
            }
            linesOffset = max(0, min(linesOffset, lines.count - window))
            let end = min(lines.count, linesOffset + window)
            let more = (linesOffset > 0 ? "↑ " : "  ") + (end < lines.count ? "↓ " : "  ")
            lines = Array(lines[linesOffset..<end]) + [style.dim(more + "\(linesOffset + 1)–\(end)/\(lines.count) PgUp/PgDn")]
        } else {
            linesWindow = 0
        }
        let bottom: [String] = [""] + lines + after
        let room = rows - top.count - title.count - bottom.count
        var shown = body
        if !body.isEmpty && body.count > room {
            let window = max(1, room - 1)
            bodyWindow = window
            maxBodyOffset = max(0, body.count - window)
            bodyOffset = min(max(0, bodyOffset), maxBodyOffset)
            shown = Array(body[bodyOffset..<min(body.count, bodyOffset + window)])
            let more = (bodyOffset > 0 ? "↑ " : "  ") + (bodyOffset < maxBodyOffset ? "↓ " : "  ")
            shown.append(style.dim(more + "PgUp/PgDn \(bodyOffset + window)/\(body.count)"))
        } else {
            maxBodyOffset = 0
            bodyOffset = 0
        }
        var all = top + title + shown + bottom
        // Never more lines than rows: the terminal would scroll the title away.
        if all.count > rows { all = Array(all.prefix(rows)) }
        // A small screen with rows to spare shows the whole hint after all.
        let fullHint = TextLayout.wrap(hint, columns: columns).map(style.dim)
        if compact && fullHint.count > 1 && all.count + fullHint.count - 1 <= rows && all.last == after.last {
            all.removeLast()
            all += fullHint
        }
        // No newline after the last line: on the terminal's last row it would scroll the title away.
        terminal.write("\u{1B}[H\u{1B}[2J" + all.joined(separator: "\r\n"))
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

    /// Moves the body window by a page (or, when the body fits or is at its end, the field or
    /// option list's window); true when the key was a paging key. A page is the window's height,
    /// so no line is skipped.
    func page(_ key: Key) -> Bool {
        switch key {
        case .pageDown:
            if bodyOffset < maxBodyOffset {
                bodyOffset += bodyWindow
            } else if linesWindow > 0 {
                linesOffset = min(linesOffset, linesCount) + linesWindow
                linesPaged = true
            }
        case .pageUp:
            if linesWindow > 0 && linesOffset > 0 && (linesPaged || maxBodyOffset == 0) {
                linesOffset = max(0, min(linesOffset, linesCount) - linesWindow)
                linesPaged = true
            } else {
                bodyOffset -= bodyWindow
            }
        default:
            linesPaged = false
            return false
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

    /// A new screen: windows open at the top (or on the focus), nothing kept from the last one.
    /// A pause longer than this between the key that ended a screen and the next screen (the
    /// answer's save waited for the server) drops the keys typed meanwhile.
    static let typeAheadPause = 1.5

    func begin() {
        if terminal.discardTypeAhead(olderThan: Self.typeAheadPause) { message = l(.tTypeAheadDropped) }
        bodyOffset = 0
        linesOffset = .max
        linesPaged = false
        finalScreen = nil
        lastDraft = nil
        lastMarks = nil
    }

    public func show(_ screen: Screen, wait: Bool) -> Outcome<Void> {
        begin()
        if !wait || screen.lasting { finalScreen = screen }
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
            // Ctrl-D ends only text fields; here it counts only when the terminal is gone (a stray
            // second Ctrl-D after finishing an answer must not end the test).
            case .endOfInput: if terminal.isClosed { return .endOfInput }
            case .resize: break
            default: if !page(key) { continue }
            }
            draw(screen, lines: [], hint: l(.tPressEnter))
        }
    }

    public func chooseOne(_ screen: Screen, options: [String], keys: [String]?, current: Int?, allowSkip: Bool) -> Outcome<Int?> {
        chooseOne(screen, options: options, keys: keys, current: current, cursor: current ?? 0, allowSkip: allowSkip)
    }

    public func confirm(_ screen: Screen, defaultYes: Bool) -> Outcome<Bool> {
        switch chooseOne(screen, options: [l(.tYes), l(.tNo)], keys: nil, current: nil, cursor: defaultYes ? 0 : 1, allowSkip: false) {
        case .value(let i): return .value(i == 0)
        case .back: return .back
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        }
    }

    func chooseOne(_ screen: Screen, options: [String], keys: [String]?, current: Int?, cursor start: Int, allowSkip: Bool) -> Outcome<Int?> {
        var cursor = start
        begin()
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
            // Ctrl-D ends only text fields; here it counts only when the terminal is gone (a stray
            // second Ctrl-D after finishing an answer must not end the test).
            case .endOfInput: if terminal.isClosed { return .endOfInput }
            case .paste: message = l(.tPasteIgnored)
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
        begin()
        /// Leaving without confirming: the marks stay available as ``lastMarks``.
        func leave(_ outcome: Outcome<Set<Int>>) -> Outcome<Set<Int>> {
            if marked != current { lastMarks = marked }
            return outcome
        }
        while true {
            let shown = optionLines(options, cursor: cursor, marked: marked, multiple: true)
            draw(screen, lines: shown.lines, hint: l(.tHintMultiple), focus: shown.focus)
            let key = terminal.readKey()
            if page(key) || move(&cursor, key, count: options.count) { continue }
            switch key {
            case .space: marked.formSymmetricDifference([cursor])
            case .enter, .right: return .value(marked)
            case .left, .backspace: return leave(.back)
            case .interrupt: return leave(.interrupted)
            // Ctrl-D ends only text fields; here it counts only when the terminal is gone (a stray
            // second Ctrl-D after finishing an answer must not end the test).
            case .endOfInput: if terminal.isClosed { return leave(.endOfInput) }
            case .paste: message = l(.tPasteIgnored)
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
        begin()
        /// Leaving without finishing: what was typed stays available as ``lastDraft``.
        func leave<T>(_ outcome: Outcome<T>) -> Outcome<T> {
            lastDraft = buffer.text
            return outcome
        }
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
            case .paste(let pasted):
                // Pasted text is text, never keys: its line breaks stay in a long answer (a one-line
                // field gets spaces instead) and nothing in it can finish or submit anything.
                let text = multiline ? pasted : String(pasted.map { $0 == "\n" ? " " : $0 })
                for c in text {
                    if buffer.characters.count >= maxLength {
                        message = l(.tTooLong, maxLength)
                        break
                    }
                    buffer.insert(c)
                }
            case .backspace: buffer.backspace()
            case .delete: buffer.deleteForward()
            case .left: buffer.moveLeft()
            case .right: buffer.moveRight()
            case .home: buffer.home()
            case .end: buffer.end()
            case .up where multiline: buffer.moveUp()
            case .down where multiline: buffer.moveDown()
            case .enter:
                // In a long answer Enter starts a new line; Enter on an empty last line finishes —
                // unless more input is already waiting: then it is a paste in a terminal without
                // bracketed paste, and its blank lines must not finish (and submit) anything.
                if multiline && (terminal.inputPending || !(buffer.cursorAtEnd && (buffer.isEmpty || buffer.beforeCursor == "\n"))) {
                    if buffer.characters.count < maxLength { buffer.insert("\n") } else { message = l(.tTooLong, maxLength) }
                    continue
                }
                if let done = finish(buffer.text, multiline: multiline, required: required, maxLength: maxLength) { return .value(done) }
            case .endOfInput:
                // Ctrl-D finishes a valid answer; otherwise (or when the terminal is gone) save and leave.
                if !terminal.isClosed, let done = finish(buffer.text, multiline: multiline, required: required, maxLength: maxLength) {
                    return .value(done)
                }
                return leave(.endOfInput)
            case .escape: return leave(.back)
            case .interrupt: return leave(.interrupted)
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

    /// Leaves the full screen; the last message that must stay (what was saved, the participant
    /// code) is printed again on the shell's screen, which the alternate screen kept as it was.
    public func close() {
        terminal.restore()
        guard let f = finalScreen else { return }
        var out: [String] = []
        if let h = f.header { out.append(h) }
        out += TextLayout.wrap(f.title, columns: columns)
        for para in f.body { out += TextLayout.wrap(para, columns: columns) }
        terminal.write(out.joined(separator: "\n") + "\n")
    }
}

/// The «saving…» line of a save that takes long: written from another thread, never after the
/// save has returned (the lock orders it before the next screen).
private final class SavingNotice: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private let terminal: RawTerminal
    private let row: Int
    private let text: String

    init(terminal: RawTerminal, row: Int, text: String) {
        (self.terminal, self.row, self.text) = (terminal, row, text)
    }

    func show() {
        lock.withLock {
            guard !done else { return }
            terminal.write("\u{1B}[\(row);1H\u{1B}[2K" + text)
        }
    }

    func cancel() { lock.withLock { done = true } }
}
