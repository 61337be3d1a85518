import Localization

/// What a prompt ended with.
public enum Outcome<Value> {
    /// An answer.
    case value(Value)
    /// The participant went back.
    case back
    /// Ctrl-C: stop, everything answered is saved.
    case interrupted
    /// End of input (closed terminal, end of a script).
    case endOfInput
}

/// One screen: a header line with progress, a title and paragraphs.
public struct Screen: Sendable {
    /// E.g. «Сұрақ 3 / 10».
    public var header: String?
    /// Done and total, for the progress bar.
    public var progress: (done: Int, total: Int)?
    /// The question or prompt.
    public var title: String
    /// Further paragraphs (a stem, an explanation).
    public var body: [String]

    /// Creates a screen.
    public init(header: String? = nil, progress: (done: Int, total: Int)? = nil, title: String, body: [String] = []) {
        self.header = header
        self.progress = progress
        self.title = title
        self.body = body
    }
}

/// The front end of the engine: the interactive terminal or plain line-by-line text.
public protocol Console: AnyObject {
    /// Interface strings.
    var l: Localizer { get }
    /// Shows information; the interactive console waits for Enter.
    func show(_ screen: Screen, wait: Bool) -> Outcome<Void>
    /// One of `options`; `current` is the earlier answer.
    func chooseOne(_ screen: Screen, options: [String], current: Int?, allowSkip: Bool) -> Outcome<Int?>
    /// Any of `options`.
    func chooseMany(_ screen: Screen, options: [String], current: Set<Int>) -> Outcome<Set<Int>>
    /// A text; `multiline` for open answers.
    func text(_ screen: Screen, current: String, multiline: Bool, required: Bool, maxLength: Int) -> Outcome<String>
    /// Leaves the terminal as it was.
    func close()
}

extension Console {
    /// Yes (true) or no.
    func confirm(_ screen: Screen) -> Outcome<Bool> {
        switch chooseOne(screen, options: [l(.tYes), l(.tNo)], current: nil, allowSkip: false) {
        case .value(let i): return .value(i == 0)
        case .back: return .back
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        }
    }
}

/// Checks typed text: control characters and length.
enum TextRules {
    /// nil when fine, else the message.
    static func problem(_ text: String, multiline: Bool, maxLength: Int, l: Localizer) -> String? {
        if text.count > maxLength { return l(.tTooLong, maxLength) }
        for s in text.unicodeScalars {
            if s == "\n" && multiline { continue }
            if s == "\t" { continue }
            if s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) || s == "\u{FFFD}" { return l(.tInvalidControl) }
        }
        return nil
    }
}
