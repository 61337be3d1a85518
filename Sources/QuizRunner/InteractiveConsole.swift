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

    func draw(_ screen: Screen, lines: [String], hint: String) {
        var out = "\u{1B}[H\u{1B}[2J"
        if let h = screen.header {
            var line = style.bold(h)
            if let p = screen.progress {
                let barWidth = max(5, min(30, columns - TextLayout.width(h) - 4))
                line += "  " + style.cyan(TextLayout.progressBar(done: p.done, total: p.total, width: barWidth))
            }
            out += line + "\r\n\r\n"
        }
        for l in TextLayout.wrap(screen.title, columns: columns) { out += style.bold(l) + "\r\n" }
        for para in screen.body {
            out += "\r\n"
            for l in TextLayout.wrap(para, columns: columns) { out += l + "\r\n" }
        }
        out += "\r\n"
        for l in lines { out += l + "\r\n" }
        out += "\r\n"
        if let m = message {
            for l in TextLayout.wrap(m, columns: columns) { out += style.red(l) + "\r\n" }
            message = nil
        }
        for l in TextLayout.wrap(hint, columns: columns) { out += style.dim(l) + "\r\n" }
        terminal.write(out)
    }

    func optionLines(_ options: [String], cursor: Int, marked: Set<Int>, multiple: Bool) -> [String] {
        var lines: [String] = []
        for (i, o) in options.enumerated() {
            let box = multiple ? (marked.contains(i) ? "[x]" : "[ ]") : (marked.contains(i) ? "(•)" : "( )")
            let prefix = " \(OptionInput.letters[min(i, 25)])) \(box) "
            let wrapped = TextLayout.wrap(o, columns: columns - prefix.count - 2)
            for (j, w) in wrapped.enumerated() {
                let text = (j == 0 ? prefix : String(repeating: " ", count: prefix.count)) + w
                lines.append(i == cursor ? style.reverse("›" + text) : " " + text)
            }
        }
        return lines
    }

    public func show(_ screen: Screen, wait: Bool) -> Outcome<Void> {
        draw(screen, lines: [], hint: wait ? l(.tPressEnter) : "")
        guard wait else { return .value(()) }
        while true {
            switch terminal.readKey() {
            case .enter, .space, .right: return .value(())
            case .left, .backspace: return .back
            case .interrupt: return .interrupted
            case .endOfInput: return .endOfInput
            default: continue
            }
        }
    }

    public func chooseOne(_ screen: Screen, options: [String], current: Int?, allowSkip: Bool) -> Outcome<Int?> {
        var cursor = current ?? 0
        while true {
            draw(screen, lines: optionLines(options, cursor: cursor, marked: current.map { [$0] } ?? [], multiple: false), hint: l(.tHintChoice))
            switch terminal.readKey() {
            case .up: cursor = (cursor + options.count - 1) % options.count
            case .down, .tab: cursor = (cursor + 1) % options.count
            case .character("k") where options.count < 11: cursor = (cursor + options.count - 1) % options.count
            case .character("j") where options.count < 10: cursor = (cursor + 1) % options.count
            case .enter: return .value(cursor)
            case .right: if allowSkip { return .value(current) }
            case .left, .backspace: return .back
            case .interrupt: return .interrupted
            case .endOfInput: return .endOfInput
            case .character(let c):
                if let i = OptionInput.index(String(c), count: options.count) { return .value(i) }
                message = l(.tInvalidNumber, options.count)
            default: continue
            }
        }
    }

    public func chooseMany(_ screen: Screen, options: [String], current: Set<Int>) -> Outcome<Set<Int>> {
        var cursor = 0
        var marked = current
        while true {
            draw(screen, lines: optionLines(options, cursor: cursor, marked: marked, multiple: true), hint: l(.tHintMultiple))
            switch terminal.readKey() {
            case .up: cursor = (cursor + options.count - 1) % options.count
            case .down, .tab: cursor = (cursor + 1) % options.count
            case .character("k") where options.count < 11: cursor = (cursor + options.count - 1) % options.count
            case .character("j") where options.count < 10: cursor = (cursor + 1) % options.count
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
        var buffer = current
        while true {
            var lines = TextLayout.wrap(buffer + "▏", columns: columns - 2, indent: "  ")
            if !multiline && !required { lines.append(style.dim("  " + l(.tFieldOptional))) }
            draw(screen, lines: lines, hint: multiline ? l(.tHintText) : l(.tHintChoice).split(separator: "·").last.map(String.init) ?? "")
            switch terminal.readKey() {
            case .character(let c):
                if buffer.count < maxLength { buffer.append(c) } else { message = l(.tTooLong, maxLength) }
            case .space:
                if buffer.count < maxLength { buffer.append(" ") }
            case .backspace:
                if !buffer.isEmpty { buffer.removeLast() }
            case .enter:
                if multiline && !buffer.hasSuffix("\n") && !buffer.isEmpty {
                    buffer.append("\n")
                    continue
                }
                if let done = finish(buffer, multiline: multiline, required: required, maxLength: maxLength) { return .value(done) }
            case .endOfInput:
                if let done = finish(buffer, multiline: multiline, required: required, maxLength: maxLength) { return .value(done) }
            case .escape, .left: return .back
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
