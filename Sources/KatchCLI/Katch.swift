import ArgumentParser
import Instruments
import CourseModel
import Foundation

/// The `katch` command: build the course site, check content, run quizzes and reports.
public struct Katch: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "katch",
        abstract: "Training-course runner: check and build a course written in Markdown, run its tests and report on them.",
        version: KatchVersion.current,
        subcommands: [
            Init.self, Check.self, Build.self, TrainingCommand.self, ParticipantCommand.self, Quiz.self, Score.self, Practice.self, ResultsCommand.self,
            Report.self, DatabaseCommand.self, Bench.self, Serve.self,
        ])

    public init() {}
}

/// Options shared by commands that read the course.
struct CourseOptions: ParsableArguments {
    @Option(name: .customLong("course"), help: "Folder holding course.yml, modules/ and exercises/.")
    var course: String = "."

    var root: URL { URL(fileURLWithPath: course).standardizedFileURL }
}

/// Prints diagnostics to standard error in compiler format.
func printDiagnostics(_ diagnostics: [Diagnostic]) {
    for d in diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
}

/// Writes command output to `path` (atomically) or, without a path, to standard output.
func writeOutput(_ bytes: [UInt8], to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(bytes))
        return
    }
    do {
        // Atomically (a temporary file renamed over the target) only onto a regular file or a new
        // one: renaming over /dev/null or a FIFO would replace the device itself.
        var st = stat()
        let special = stat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: special ? [] : .atomic)
    } catch {
        printError("cannot write \(path): \(error.localizedDescription)")
        throw ExitCode(1)
    }
}

func printError(_ message: String) {
    // Messages may quote stored or typed text: its control characters are shown, never run by the terminal.
    FileHandle.standardError.write(Data(("error: " + TextPolicy.terminalSafe(message) + "\n").utf8))
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the course and print every problem as path:line:column: error|warning: message.")

    @OptionGroup var options: CourseOptions

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let result = CourseLoader.load(root: options.root)
        printDiagnostics(result.diagnostics)
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.count - errors
        let pages = result.course.pages.count
        print("\(pages) pages, \(errors) errors, \(warnings) warnings")
        endProcess(errors > 0 || (strict && warnings > 0) ? 1 : 0, keeping: result)
    }
}

/// Ends the process with `status` while `loaded` (the course, a site) is still held, so that it is
/// not taken apart object by object on the way out: the system takes back the memory at once. For
/// 5,000 pages the taking apart was a twentieth of `katch build`. Every output stream is flushed.
func endProcess(_ status: Int32, keeping loaded: some Any) -> Never {
    withExtendedLifetime(loaded) {
        fflush(nil)
        exit(status)
    }
}

/// Runs the command line (the `katch` executable's only job).
public func runKatch() {
    Katch.main()
}
