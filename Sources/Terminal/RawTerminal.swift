#if canImport(Glibc)
import Dispatch
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
    /// Text pasted while bracketed paste is on: never keys (its line breaks are "\n").
    case paste(String)
    /// The window changed size: redraw.
    case resize
}

nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var rawModeActive = false
/// Written to the terminal when raw mode ends on a signal: leaves the alternate screen, turns
/// bracketed paste off, shows the cursor, then the farewell (see ``RawTerminal/setFarewell(_:)``).
nonisolated(unsafe) private var farewellBytes: UnsafeMutablePointer<CChar>? = nil
/// The self-pipe SIGWINCH writes to, so a waiting ``RawTerminal/readKey()`` wakes up and redraws.
nonisolated(unsafe) private var resizePipe: (read: Int32, write: Int32) = (-1, -1)

/// Leaves the alternate screen, turns bracketed paste off and shows the cursor again.
let leaveScreen = "\u{1B}[?2004l\u{1B}[?25h\u{1B}[0m\u{1B}[?1049l"

private func restoreTerminalOnSignal(_ signal: Int32) {
    if rawModeActive {
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTermios)
        _ = leaveScreen.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
        if let f = farewellBytes { _ = write(STDOUT_FILENO, f, strlen(f)) }
    }
    _exit(128 + signal)
}

/// The actions crash signals had before raw mode (the Swift runtime's backtracer, or the default).
nonisolated(unsafe) private let previousCrashActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
nonisolated(unsafe) private var crashHandlersInstalled = false
private let crashSignals = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

/// A crash (a trap, an abort, a bad access) leaves the terminal usable — no raw mode, no alternate
/// screen, no bracketed paste — and then goes on as before: the previous action gets the signal.
private func restoreTerminalOnCrash(_ signal: Int32) {
    if rawModeActive {
        rawModeActive = false
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTermios)
        _ = leaveScreen.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
        if let f = farewellBytes { _ = write(STDOUT_FILENO, f, strlen(f)) }
    }
    _ = sigaction(signal, previousCrashActions + Int(signal), nil)
    _ = raise(signal)
}

private func noteResize(_ signal: Int32) {
    var b: UInt8 = 1
    if resizePipe.write >= 0 { _ = write(resizePipe.write, &b, 1) }
}

/// The terminal in raw mode: keys one by one, no echo, on the alternate screen, with bracketed
/// paste on. The previous mode (and screen) is restored on exit, on SIGTERM/SIGHUP/SIGQUIT/SIGINT,
/// on a crash (SIGILL/SIGTRAP/SIGABRT/SIGSEGV/SIGBUS/SIGFPE, passed on afterwards) and when
/// ``restore()`` is called.
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
        for s in [SIGTERM, SIGHUP, SIGQUIT, SIGINT] { signal(s, restoreTerminalOnSignal) }
        for s in crashSignals where !crashHandlersInstalled {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = restoreTerminalOnCrash
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            _ = sigaction(s, &action, previousCrashActions + Int(s))
        }
        crashHandlersInstalled = true
        var fds: [Int32] = [-1, -1]
        if resizePipe.read < 0, pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            resizePipe = (fds[0], fds[1])
            signal(SIGWINCH, noteResize)
        }
        atexit {
            if rawModeActive {
                _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTermios)
                _ = leaveScreen.withCString { Glibc.write(STDOUT_FILENO, $0, strlen($0)) }
            }
        }
        // The alternate screen (the shell's screen comes back on exit), bracketed paste, no cursor.
        write("\u{1B}[?1049h\u{1B}[?2004h\u{1B}[?25l")
    }

    deinit { restore() }

    /// Leaves raw mode and the alternate screen.
    public func restore() {
        guard rawModeActive else { return }
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTermios)
        rawModeActive = false
        write(leaveScreen)
    }

    /// Text printed on the shell's screen if a signal ends the program while in raw mode (what was
    /// saved, the participant code), so it is not lost with the alternate screen.
    public static func setFarewell(_ text: String) {
        let new = strdup(text.isEmpty ? "" : text + "\n")
        let old = farewellBytes
        farewellBytes = new
        free(old)
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

    /// Whether more input is already waiting (keys arrive one at a time; a paste in a terminal
    /// without bracketed paste arrives all at once).
    public var inputPending: Bool {
        guard !isClosed else { return false }
        var pending = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&pending, 1, 0) > 0 && pending.revents & Int16(POLLIN) != 0
    }

    /// When the last key was read (monotonic nanoseconds), or nil before the first.
    private var lastKeyAt: UInt64?

    /// Throws away keys typed while the program was busy for longer than `seconds` since the last
    /// key it read — a save the server held up — so that they do not answer questions not shown
    /// yet. True when there were such keys.
    public func discardTypeAhead(olderThan seconds: Double) -> Bool {
        guard let last = lastKeyAt, inputPending else { return false }
        let busy = Double(DispatchTime.now().uptimeNanoseconds &- last) / 1e9
        guard busy > seconds else { return false }
        tcflush(STDIN_FILENO, TCIFLUSH)
        return true
    }

    /// Waits for the next key, or ``Key/resize`` when the window changed size meanwhile.
    public func readKey() -> Key {
        let key = nextKey()
        if key != .resize { lastKeyAt = DispatchTime.now().uptimeNanoseconds }
        return key
    }

    private func nextKey() -> Key {
        if !isClosed, resizePipe.read >= 0 {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: resizePipe.read, events: Int16(POLLIN), revents: 0)]
            while true {
                let n = poll(&fds, 2, -1)
                if n < 0 && errno == EINTR { continue }
                break
            }
            if fds[1].revents & Int16(POLLIN) != 0 {
                var drain = [UInt8](repeating: 0, count: 64)
                while read(resizePipe.read, &drain, 64) > 0 {}
                return .resize
            }
        }
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
        case 0x0C: return .resize  // Ctrl-L: redraw
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
                case "200~": return .paste(readPaste())
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

    /// The pasted bytes up to ESC [ 201 ~, as text: CR LF and CR become "\n", other control
    /// characters (and invalid UTF-8) are dropped, tabs become spaces.
    private func readPaste() -> String {
        let end: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
        var bytes: [UInt8] = []
        while let b = readByte() {
            bytes.append(b)
            if bytes.count >= end.count && Array(bytes.suffix(end.count)) == end {
                bytes.removeLast(end.count)
                break
            }
            if bytes.count > 1_000_000 { break }
        }
        return Self.pastedText(bytes)
    }

    /// Pasted bytes as text (see ``readPaste()``).
    public static func pastedText(_ bytes: [UInt8]) -> String {
        var out = ""
        // "\r\n" is one Character in Swift.
        for ch in String(decoding: bytes, as: UTF8.self) {
            if ch == "\r\n" || ch == "\r" || ch == "\n" { out.append("\n"); continue }
            if ch == "\t" { out.append(" "); continue }
            guard let s = ch.unicodeScalars.first else { continue }
            if s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) || s == "\u{FFFD}" { continue }
            out.append(ch)
        }
        return out
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
