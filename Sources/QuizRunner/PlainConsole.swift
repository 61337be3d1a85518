import Results
#if canImport(Glibc)
import Glibc
#endif
import Localization
import Terminal

/// Line-by-line text: numbered options, one line read per prompt, no escape codes. Used with
/// `--plain` and whenever standard input is not a terminal (screen readers, bare ssh, scripts).
public final class PlainConsole: Console {
    public let l: Localizer
    let columns: Int
    let reader: LineReader

    /// Creates a plain console reading standard input.
    public init(localizer: Localizer, columns: Int = 80) {
        self.l = localizer
        self.columns = max(20, columns)
        self.reader = LineReader(fd: 0)
    }

    func out(_ s: String) { TerminalOutput.write(s + "\n") }

    func print(_ screen: Screen) {
        lastDraft = nil
        out("")
        // Text only (a screen reader reads every glyph): the header already says «Сұрақ 3 / 10».
        if let h = screen.header { out(h) }
        for line in TextLayout.wrap(screen.title, columns: columns) { out(line) }
        for para in screen.body {
            for line in TextLayout.wrap(para, columns: columns) { out(line) }
        }
    }

    enum Read { case line(String), eof, invalidUTF8 }

    func readLine() -> Read {
        TerminalOutput.write("> ")
        switch reader.next() {
        case .none: return .eof
        case .some(.failure): return .invalidUTF8
        case .some(.success(let s)): return .line(s.hasSuffix("\r") ? String(s.dropLast()) : s)
        }
    }

    public func show(_ screen: Screen, wait: Bool) -> Outcome<Void> {
        print(screen)
        return .value(())
    }

    public func chooseOne(_ screen: Screen, options: [String], keys: [String]?, current: Int?, allowSkip: Bool) -> Outcome<Int?> {
        print(screen)
        listOptions(options, marked: current.map { [$0] } ?? [], keys: keys)
        let hint = keys.map { l(.tHintValuePlain, $0.joined(separator: ", ")) } ?? l(.tHintChoicePlain)
        out(allowSkip ? hint + " " + l(.tHintSkipPlain) : hint)
        let invalid = keys.map { l(.tInvalidKey, $0.joined(separator: ", ")) } ?? l(.tInvalidNumber, options.count)
        return readAnswer(onEmpty: allowSkip ? .value(current) : nil, invalid: invalid) { line in
            if let keys { return keys.firstIndex(of: line.lowercased()).map { Optional($0) } }
            return OptionInput.index(line, count: options.count).map { Optional($0) }
        }
    }

    public func optionName(_ index: Int) -> String { "\(index + 1)" }

    public private(set) var lastDraft: String?
    /// Plain mode marks options only by typing them: nothing is half-chosen.
    public var lastMarks: Set<Int>? { nil }

    public func notice(_ text: String) { out(text) }

    public func setFarewell(_ lines: [String]) {}

    /// Plain mode prints nothing while saving: each line is answered in turn anyway.
    public func saving<T>(_ save: () throws(ResultsError) -> T) throws(ResultsError) -> T { try save() }

    /// Yes or no; plain mode has no cursor, so there is no default: an empty line is refused.
    public func confirm(_ screen: Screen, defaultYes: Bool) -> Outcome<Bool> {
        switch chooseOne(screen, options: [l(.tYes), l(.tNo)], keys: nil, current: nil, allowSkip: false) {
        case .value(let i): return .value(i == 0)
        case .back: return .back
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        }
    }

    public func chooseMany(_ screen: Screen, options: [String], current: Set<Int>) -> Outcome<Set<Int>> {
        print(screen)
        listOptions(options, marked: current)
        out(l(.tHintMultiplePlain))
        return readAnswer(onEmpty: .value(current), invalid: l(.tInvalidLetters, options.count)) { line in
            OptionInput.indices(line, count: options.count)
        }
    }

    /// Reads lines until one parses: `<` goes back, an empty line gives `onEmpty` (or is refused
    /// when nil), a line that does not parse is refused with `invalid` and asked again.
    func readAnswer<Value>(onEmpty: Outcome<Value>?, invalid: String, parse: (String) -> Value?) -> Outcome<Value> {
        while true {
            switch readLine() {
            case .eof: return .endOfInput
            case .invalidUTF8: out(l(.tInvalidUTF8))
            case .line(let raw):
                let line = raw.trimmingSpaces()
                if line == "<" { return .back }
                if line.isEmpty {
                    if let onEmpty { return onEmpty }
                    out(l(.tInvalidEmpty))
                } else if let value = parse(line) {
                    return .value(value)
                } else {
                    out(invalid)
                }
            }
        }
    }

    public func text(_ screen: Screen, current: String, multiline: Bool, required: Bool, maxLength: Int) -> Outcome<String> {
        print(screen)
        if !current.isEmpty { out("[" + current + "]") }
        if multiline {
            out(required ? l(.tHintTextPlain) : l(.tHintTextPlain) + " " + l(.tHintSkipPlain))
        } else if !required {
            out(l(.tFieldOptional))
        }
        while true {
            var lines: [String] = []
            var first = true
            inner: while true {
                switch readLine() {
                case .eof:
                    // Ctrl-D (or the end of a script) in the middle of an answer: the lines typed so
                    // far are kept for the caller to save.
                    if !lines.isEmpty { lastDraft = lines.joined(separator: "\n") }
                    return .endOfInput
                case .invalidUTF8:
                    out(l(.tInvalidUTF8))
                    lines = []
                    first = true
                    continue inner
                case .line(let line):
                    if first && line.trimmingSpaces() == "<" { return .back }
                    if first && line.trimmingSpaces().isEmpty {
                        if !required { return .value(current) }
                        if !current.isEmpty { return .value(current) }
                        out(l(.tInvalidEmpty))
                        continue inner
                    }
                    first = false
                    if !multiline { lines = [line]; break inner }
                    if line.trimmingSpaces() == "." { break inner }
                    lines.append(line)
                }
            }
            let text = lines.joined(separator: "\n").trimmingSpaces()
            if required && text.isEmpty {
                out(l(.tInvalidEmpty))
                continue
            }
            if let problem = TextRules.problem(text, multiline: multiline, maxLength: maxLength, l: l) {
                out(problem)
                continue
            }
            return .value(text)
        }
    }

    func listOptions(_ options: [String], marked: Set<Int>, keys: [String]? = nil) {
        for (i, o) in options.enumerated() {
            let mark = marked.contains(i) ? "*" : " "
            let prefix = "\(mark)\(keys?[i] ?? optionName(i))) "
            let lines = TextLayout.wrap(o, columns: columns - prefix.count)
            for (j, line) in lines.enumerated() { out((j == 0 ? prefix : String(repeating: " ", count: prefix.count)) + line) }
        }
    }

    public func close() {}
}

/// Reads lines of bytes from a file descriptor and checks that each is UTF-8.
final class LineReader {
    let fd: Int32
    var buffer: [UInt8] = []
    var finished = false

    init(fd: Int32) { self.fd = fd }

    struct InvalidUTF8: Error {}

    /// The next line without its newline; nil at end of input.
    func next() -> Result<String, InvalidUTF8>? {
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<nl])
                buffer.removeSubrange(...nl)
                return decode(line)
            }
            if finished {
                if buffer.isEmpty { return nil }
                let line = buffer
                buffer = []
                return decode(line)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { finished = true; continue }
            buffer += chunk[0..<n]
        }
    }

    func decode(_ bytes: [UInt8]) -> Result<String, InvalidUTF8> {
        if let s = String(validating: bytes, as: UTF8.self) { return .success(s) }
        return .failure(InvalidUTF8())
    }
}

/// Parsing option numbers and letters.
enum OptionInput {
    static let letters = Array("abcdefghijklmnopqrstuvwxyz")

    /// `3` or `c` → 2.
    static func index(_ text: String, count: Int) -> Int? {
        let t = text.lowercased()
        if let n = Int(t), n >= 1, n <= count { return n - 1 }
        if t.count == 1, let c = t.first, let i = letters.firstIndex(of: c), i < count { return i }
        return nil
    }

    /// `1 3`, `a,c`, `ac` → {0, 2}.
    static func indices(_ text: String, count: Int) -> Set<Int>? {
        let t = text.lowercased()
        var parts = t.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map(String.init)
        if parts.count == 1, let only = parts.first, only.count > 1, Int(only) == nil { parts = only.map { String($0) } }
        var set: Set<Int> = []
        for p in parts {
            guard let i = index(p, count: count) else { return nil }
            set.insert(i)
        }
        return set
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
