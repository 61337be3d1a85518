import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process left behind.
public struct SubprocessResult: Sendable {
    /// The exit status, or 128 + the signal number when a signal ended it.
    public var status: Int32
    /// Everything written to standard output (and standard error when merged).
    public var output: String
    /// Everything written to standard error (empty when merged into `output`).
    public var errors: String
}

/// A child process that did not finish in time; it has been killed.
public struct SubprocessTimeout: Error, CustomStringConvertible {
    public var command: String
    public var seconds: Double
    public var output: String
    public var description: String { "\(command) did not finish within \(Int(seconds)) s and was killed; it printed:\n\(output.suffix(2_000))" }
}

/// A child process that could not be started.
public struct SubprocessLaunchFailure: Error, CustomStringConvertible {
    public var command: String
    public var errno: Int32
    public var description: String { "cannot start \(command): \(String(cString: strerror(errno)))" }
}

/// Runs helper programs (katch, tmux, chromium) from tests without ever hanging the test run.
///
/// Foundation's `Process` is not used: on Linux it learns that a child ended when a socket it passes
/// to the child closes, and a child that starts a daemon (tmux starting its server, Chromium its
/// helpers) hands that socket on, so the end is never seen. Here the child is started with
/// `posix_spawn` and reaped with `waitpid`. Standard input, output and error are temporary files,
/// never pipes, so no reader waits for an end of file another process holds back. Every wait has a
/// deadline; a child that misses it is killed and the test fails with what it printed.
public final class Subprocess: @unchecked Sendable {
    /// The child's process id.
    public let pid: pid_t
    private let dir: URL
    private let outURL: URL
    private let errURL: URL
    private let merge: Bool
    private let commandLine: String
    private var finished: Int32?

    /// Starts `executable` with `arguments`; `input` is its whole standard input (end of input after it).
    /// `environment` replaces the inherited one when given. The child starts with default signal
    /// handling and only `blockedSignals` blocked (to play a process that never sees, say, SIGHUP).
    public init(_ executable: String, _ arguments: [String], input: Data = Data(), environment: [String: String]? = nil,
                mergeErrors: Bool = true, blockedSignals: [Int32] = []) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-sub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let inURL = dir.appendingPathComponent("in")
        outURL = dir.appendingPathComponent("out")
        errURL = dir.appendingPathComponent("err")
        try input.write(to: inURL)
        merge = mergeErrors
        commandLine = ([URL(fileURLWithPath: executable).lastPathComponent] + arguments).joined(separator: " ")

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inURL.path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if mergeErrors {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        // Nothing else of the test process reaches the child (or a daemon it starts).
        Self.closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t(), defaults = sigset_t()
        sigemptyset(&mask)
        for signal in blockedSignals { sigaddset(&mask, signal) }
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw SubprocessLaunchFailure(command: commandLine, errno: rc) }
        pid = child
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+, not in Swift's Glibc module), when present;
    /// otherwise every open descriptor from 3 up is marked close-on-exec in this process.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
            if closeFrom(&actions, 3) == 0 { return }
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let fd = Int32(name), fd > 2 {
                _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
            }
        }
    }

    deinit {
        if finished == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(at: dir)
    }

    /// Waits for the child to end (at most `timeout` seconds, then kills it and throws).
    public func wait(timeout: Double = 60) throws -> SubprocessResult {
        let deadline = Date().addingTimeInterval(timeout)
        while finished == nil {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                let signal = status & 0x7f
                finished = signal == 0 ? (status >> 8) & 0xff : 128 + signal
            } else if r < 0 && errno != EINTR {
                finished = -1
            } else if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                finished = 128 + SIGKILL
                throw SubprocessTimeout(command: commandLine, seconds: timeout, output: read(outURL) + read(errURL))
            } else {
                usleep(5_000)
            }
        }
        return SubprocessResult(status: finished ?? -1, output: read(outURL), errors: merge ? "" : read(errURL))
    }

    private func read(_ url: URL) -> String {
        String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
    }

    /// Runs a command to its end and returns what it printed.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], input: Data = Data(), environment: [String: String]? = nil,
                           mergeErrors: Bool = true, timeout: Double = 60) throws -> SubprocessResult {
        try Subprocess(executable, arguments, input: input, environment: environment, mergeErrors: mergeErrors).wait(timeout: timeout)
    }
}
