#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A key read from the terminal.
public enum Key: Equatable, Sendable {
    case up, down, left, right, enter, backspace, tab, escape, space, pageUp, pageDown
    case home, end, delete  // also Ctrl-A and Ctrl-E for Home and End
    case unknown  // a key or sequence katch has no use for (ignored, never taken as Esc)
    case interrupt  // Ctrl-C
    case endOfInput  // Ctrl-D or end of stream
    case character(Character)
}

nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var rawModeActive = false

private func restoreTerminalOnSignal(_ signal: Int32) {
    if rawModeActive {
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTermios)
        let show = "\u{1B}[?25h\u{1B}[0m\n"
        _ = show.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
    }
    _exit(128 + signal)
}

/// The terminal in raw mode: keys one by one, no echo. The previous mode is restored on exit,
/// on SIGTERM/SIGHUP/SIGQUIT and when ``restore()`` is called.
public final class RawTerminal: @unchecked Sendable {
    /// Whether standard input and output are terminals.
    public static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Enters raw mode. Returns nil when standard input is not a terminal.
    public init?() {
        guard RawTerminal.isInteractive else { return nil }
        guard tcgetattr(STDIN_FILENO, &savedTermios) == 0 else { return nil }
        var raw = savedTermios
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | BRKINT | INPCK | ISTRIP)
        raw.c_cc.6 = 1  // VMIN
        raw.c_cc.5 = 0  // VTIME
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { return nil }
        rawModeActive = true
        for s in [SIGTERM, SIGHUP, SIGQUIT] { signal(s, restoreTerminalOnSignal) }
        atexit {
            if rawModeActive { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTermios) }
        }
        write("\u{1B}[?25l")
    }

    deinit { restore() }

    /// Leaves raw mode.
    public func restore() {
        guard rawModeActive else { return }
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTermios)
        rawModeActive = false
        write("\u{1B}[?25h\u{1B}[0m")
    }

    /// Terminal width and height (80×24 when unknown).
    public var size: (columns: Int, rows: Int) {
        var w = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0 { return (Int(w.ws_col), Int(w.ws_row)) }
        return (80, 24)
    }

    /// Writes text.
    public func write(_ text: String) { TerminalOutput.write(text) }

    /// Whether the terminal has gone (closed window, dropped ssh): reading gave end of file or an error.
    /// From then on every ``readKey()`` returns ``Key/endOfInput`` at once, so no screen can wait for ever.
    public private(set) var isClosed = false

    private func readByte() -> UInt8? {
        guard !isClosed else { return nil }
        var b: UInt8 = 0
        while true {
            let n = read(STDIN_FILENO, &b, 1)
            if n == 1 { return b }
            if n < 0 && errno == EINTR { continue }
            isClosed = true
            return nil
        }
    }

    /// Waits for the next key.
    public func readKey() -> Key {
        guard let b = readByte() else { return .endOfInput }
        switch b {
        case 0x03: return .interrupt
        case 0x04: return .endOfInput
        case 0x09: return .tab
        case 0x0D, 0x0A: return .enter
        case 0x7F, 0x08: return .backspace
        case 0x20: return .space
        case 0x01: return .home
        case 0x05: return .end
        case 0x1B:
            var pending = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&pending, 1, 30) > 0, let next = readByte() else { return .escape }
            guard next == UInt8(ascii: "[") || next == UInt8(ascii: "O"), let code = readByte() else { return .escape }
            switch code {
            case UInt8(ascii: "A"): return .up
            case UInt8(ascii: "B"): return .down
            case UInt8(ascii: "C"): return .right
            case UInt8(ascii: "D"): return .left
            case UInt8(ascii: "H"): return .home
            case UInt8(ascii: "F"): return .end
            default:
                // Consume the rest of sequences such as ESC [ 3 ~ (ESC [ 5 ~ and ESC [ 6 ~ are PgUp/PgDn).
                var c = code
                var digits = [code]
                while !(c >= 0x40 && c <= 0x7E), let more = readByte() {
                    c = more
                    digits.append(more)
                }
                switch String(decoding: digits, as: UTF8.self) {
                case "5~": return .pageUp
                case "6~": return .pageDown
                case "1~", "7~": return .home
                case "4~", "8~": return .end
                case "3~": return .delete
                default: return .unknown
                }
            }
        default:
            if b < 0x20 { return .unknown }
            // UTF-8: read the continuation bytes.
            var bytes = [b]
            let extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0
            for _ in 0..<extra { if let c = readByte() { bytes.append(c) } }
            guard let s = String(validating: bytes, as: UTF8.self), let ch = s.first else { return .unknown }
            return .character(ch)
        }
    }
}

/// Unbuffered writes to standard output (so a killed process leaves nothing half-shown).
public enum TerminalOutput {
    /// Writes all of `text` to standard output.
    public static func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(STDOUT_FILENO, base + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
