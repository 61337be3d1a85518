import Instruments
import Localization
import Results

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
    /// A message that must outlive the full-screen display (the participant code, what was saved):
    /// when it is the last screen shown, it is printed again on the shell's screen at the end.
    /// (A screen shown without waiting is always kept that way.)
    public var lasting: Bool

    /// Creates a screen.
    public init(header: String? = nil, progress: (done: Int, total: Int)? = nil, title: String, body: [String] = [], lasting: Bool = false) {
        self.header = header
        self.progress = progress
        self.title = title
        self.body = body
        self.lasting = lasting
    }
}

/// The front end of the engine: the interactive terminal or plain line-by-line text.
public protocol Console: AnyObject {
    /// Interface strings.
    var l: Localizer { get }
    /// Shows information; the interactive console waits for Enter.
    func show(_ screen: Screen, wait: Bool) -> Outcome<Void>
    /// One of `options`; `current` is the earlier answer. `keys`, when given, is what is typed for
    /// each option and shown before it (the values of a score scale); otherwise options are numbered
    /// (plain) or lettered (interactive).
    func chooseOne(_ screen: Screen, options: [String], keys: [String]?, current: Int?, allowSkip: Bool) -> Outcome<Int?>
    /// How this console names option `index` of a list without keys («2» in plain mode, «b» on the full screen).
    func optionName(_ index: Int) -> String
    /// Any of `options`.
    func chooseMany(_ screen: Screen, options: [String], current: Set<Int>) -> Outcome<Set<Int>>
    /// A text; `multiline` for open answers.
    func text(_ screen: Screen, current: String, multiline: Bool, required: Bool, maxLength: Int) -> Outcome<String>
    /// Yes (true) or no; the cursor starts on Yes when `defaultYes`, else on No.
    func confirm(_ screen: Screen, defaultYes: Bool) -> Outcome<Bool>
    /// What was typed in the last text field when it was left without finishing it (Esc or `<`,
    /// Ctrl-C, end of input); nil after any other screen.
    var lastDraft: String? { get }
    /// The options marked on the last multiple-answer screen when it was left without confirming
    /// them (←, Ctrl-C, end of input) and they differ from the answer given before; nil otherwise.
    var lastMarks: Set<Int>? { get }
    /// A line of information shown with the next screen (kept on the screen, unlike a screen of its own
    /// that the next one would replace at once); plain mode prints it.
    func notice(_ text: String)
    /// What to print if a signal (SIGTERM, SIGHUP …) ends the program during the full-screen display.
    func setFarewell(_ lines: [String])
    /// Leaves the terminal as it was.
    func close()
    /// Runs a save: when it takes long (the database or the server busy), the screen says the
    /// answer is being saved until it is.
    func saving<T>(_ save: () throws(ResultsError) -> T) throws(ResultsError) -> T
}

extension Console {
    /// One of `options`, numbered or lettered.
    func chooseOne(_ screen: Screen, options: [String], current: Int?, allowSkip: Bool) -> Outcome<Int?> {
        chooseOne(screen, options: options, keys: nil, current: current, allowSkip: allowSkip)
    }

    /// A value of a score scale (0–2 points, evidence 0–3): each option is typed and shown as its
    /// value, so typing «2» gives 2. `labels` describe the values (empty strings when none).
    func chooseValue(_ screen: Screen, values: [Int], labels: [String], current: Int?, allowSkip: Bool) -> Outcome<Int?> {
        let index = current.flatMap { values.firstIndex(of: $0) }
        switch chooseOne(screen, options: labels, keys: values.map(String.init), current: index, allowSkip: allowSkip) {
        case .value(let i): return .value(i.map { values[$0] })
        case .back: return .back
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        }
    }

    /// Yes (true) or no, the cursor on Yes.
    func confirm(_ screen: Screen) -> Outcome<Bool> { confirm(screen, defaultYes: true) }
}

/// Checks typed text against the one input policy (``Instruments/TextPolicy``, shared with the
/// CSV import): control characters and length; the message in the interface language.
enum TextRules {
    /// nil when fine, else the message.
    static func problem(_ text: String, multiline: Bool, maxLength: Int, l: Localizer) -> String? {
        switch TextPolicy.problem(text, multiline: multiline, maxLength: maxLength) {
        case nil: return nil
        case .tooLong(let max, _): return l(.tTooLong, max)
        case .controlCharacter: return l(.tInvalidControl)
        }
    }
}
