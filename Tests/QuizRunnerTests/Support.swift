import Instruments
import Foundation
import Testing
import TestSupport
@testable import Results

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let fixtureCourse = repositoryRoot.appendingPathComponent("Tests/Fixtures/mini-course").path

/// The built `katch` binary (scripts/test.sh builds it before the tests).
func katchBinary() throws -> String {
    for candidate in [".build/debug/katch", ".build/x86_64-unknown-linux-gnu/debug/katch", ".build/aarch64-unknown-linux-gnu/debug/katch"] {
        let path = repositoryRoot.appendingPathComponent(candidate).path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    throw TestFailure("katch binary not found: run 'swift build --product katch' first (scripts/test.sh does)")
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A temporary folder and a results database of `kind` (a file in the folder, or a new database
/// on the test server) holding one training `t1`; the folder is removed with the value (test runs
/// left thousands of them in the temporary directory).
final class TempDB: Sendable {
    let dir: URL
    /// The `--db` value: the file's path or the database's URL.
    let path: String

    deinit { try? FileManager.default.removeItem(at: dir) }

    init(_ kind: StoreKind = .sqlite) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-quiz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = try newStoreLocation(kind, in: dir)
        try ResultsStore(path: path).addTraining(Training(id: "t1", title: "Шымкент тренингі", place: "Шымкент", startDate: "2026-03-01", endDate: "2026-03-03", trainer: "Т"))
    }

    func store() throws -> ResultsStore { try ResultsStore(path: path) }
}

/// Runs katch with `input` on standard input (plain mode, as from a script).
@discardableResult
func runKatch(_ arguments: [String], input: String, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
    try runKatchData(arguments, input: Data(input.utf8), environment: environment)
}

/// Runs katch with raw bytes on standard input; fails the test (never hangs) after two minutes.
@discardableResult
func runKatchData(_ arguments: [String], input: Data, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    let result = try Subprocess.run(try katchBinary(), arguments, input: input, environment: env, timeout: 120)
    return (result.status, result.output)
}

/// A tmux session running a command in a real pseudo-terminal.
final class TmuxSession {
    let name: String

    let socket: String

    /// Starts `command` in a new session. With `blockHangup`, the session runs on a tmux server of its
    /// own that (like its panes) has SIGHUP blocked: a terminal that closes without a hang-up signal.
    init(_ command: String, columns: Int = 90, rows: Int = 30, blockHangup: Bool = false) throws {
        name = "katch-\(UUID().uuidString.prefix(8))"
        socket = blockHangup ? Self.socket + "-" + name : Self.socket
        let arguments = ["-L", socket, "new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)", command + "; echo EXIT=$?; sleep 60"]
        try Subprocess("/usr/bin/tmux", arguments, blockedSignals: blockHangup ? [SIGHUP] : []).wait(timeout: 30)
        try tmux(["set-option", "-t", name, "escape-time", "0"])
    }

    deinit { _ = try? tmux(["kill-session", "-t", name]) }

    /// A tmux server of the test run's own, so a user's tmux server is never touched.
    static let socket = "katch-tests-\(ProcessInfo.processInfo.processIdentifier)"

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        try Subprocess.run("/usr/bin/tmux", ["-L", socket] + args, timeout: 30).output
    }

    /// Sends tmux key names (`Enter`, `Down`, `Left`, `Space`) or literal text.
    func send(_ keys: String...) throws {
        for k in keys {
            try tmux(["send-keys", "-t", name, k])
            Thread.sleep(forTimeInterval: 0.15)
        }
    }

    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
        Thread.sleep(forTimeInterval: 0.15)
    }

    func screen() throws -> String { try tmux(["capture-pane", "-t", name, "-p"]) }

    /// Pastes `text` as a terminal does (bracketed when the program asked for it: `paste-buffer -p`).
    /// Without `bracketed`, the text arrives as typed keys would (a terminal without bracketed paste).
    func paste(_ text: String, bracketed: Bool = true) throws {
        try tmux(["set-buffer", "-b", "katch-paste", text])
        try tmux(["paste-buffer"] + (bracketed ? ["-p"] : []) + ["-d", "-b", "katch-paste", "-t", name])
        Thread.sleep(forTimeInterval: 0.3)
    }

    /// Resizes the window, as dragging a terminal's corner does (the program gets SIGWINCH).
    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
        Thread.sleep(forTimeInterval: 0.3)
    }

    /// Waits until the screen contains `text` (up to `timeout` seconds) and returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 8) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TestFailure("screen never showed «\(text)»; it shows:\n\(last)")
    }

    /// Whether process `pid` has ended (a zombie waiting to be reaped counts as ended).
    static func hasEnded(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// The pid of the process running in the pane's shell (the katch child).
    func katchPID() throws -> Int32? {
        let panePID = try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let found = try Subprocess.run("/usr/bin/pgrep", ["-P", panePID, "katch"], timeout: 30).output
        return Int32(found.split(separator: "\n").first ?? "")
    }
}

/// Lines a plain-mode pre-test takes on the fixture course: new participant, form, 4 answers, submit.
func prePlainScript(name: String) -> String {
    ["", name, "1", "1", "1", "", "1", "2", "1 2", "Полиция мен әлеуметтік қызмет", ".", "1", "1"].joined(separator: "\n") + "\n"
}
