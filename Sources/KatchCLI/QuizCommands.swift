import Instruments
import ArgumentParser
import CourseModel
import Foundation
import Localization
import QuizRunner
import Results
import Terminal

/// Options for commands that use the results database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "Results database: a file, or postgres://USER[:PASSWORD]@HOST[:PORT]/DB (default: $KATCH_DB, else katch-results.sqlite in the current folder).")
    var db: String?

    func open(sharing: ResultsStore.Sharing? = nil) throws -> ResultsStore {
        try openStore(ResultsStore.resolvePath(db), sharing: sharing)
    }
}

/// Stops with exit code 1 when a results file that must exist (for reading) does not; a server
/// URL is checked when it is opened.
func requireExistingDatabase(_ path: String) throws {
    if PostgresURL.isServerURL(path) { return }
    guard FileManager.default.fileExists(atPath: path) else {
        printError("no results database at \(path) (give --db FILE or set \(ResultsStore.environmentVariable))")
        throw ExitCode(1)
    }
}

/// Opens the results database for a command: warns (once, on standard error) when an existing file
/// is readable by other users, then opens it — read-only for reports and exports — or prints why
/// not and exits 1.
func openStore(_ path: String, readOnly: Bool = false, sharing: ResultsStore.Sharing? = nil) throws -> ResultsStore {
    if let warning = ResultsStore.exposureWarning(path: path) {
        FileHandle.standardError.write(Data((TextPolicy.terminalSafe(warning, keepLineBreaks: false) + "\n").utf8))
    }
    do {
        return try ResultsStore(path: path, readOnly: readOnly, sharing: sharing)
    } catch {
        printError(error.description)
        throw ExitCode(1)
    }
}

/// `--lang` for terminal commands.
struct LanguageOption: ParsableArguments {
    @Option(help: "Interface language: kk (default), ru or en.")
    var lang: String?

    func localizer(course: Course?) throws -> Localizer {
        let code = lang ?? course?.config.language ?? "kk"
        guard let language = Language(rawValue: code) else {
            throw ValidationError("--lang must be kk, ru or en")
        }
        return Localizer(language)
    }
}

/// Loads the course for terminal commands, failing with diagnostics when it has errors.
func loadCourseOrFail(_ options: CourseOptions) throws -> Course {
    let result = CourseLoader.load(root: options.root)
    if result.hasErrors {
        printDiagnostics(result.diagnostics.filter { $0.severity == .error })
        printError("the course has errors (run 'katch check')")
        throw ExitCode(1)
    }
    return result.course
}

/// Options of the terminal commands (`quiz`, `score`, `practice`): plain mode, language, course, database.
struct TerminalOptions: ParsableArguments {
    @Flag(help: "Plain mode: numbered options, one line per answer, no escape codes (automatic when stdin is not a terminal).")
    var plain = false
    @OptionGroup var language: LanguageOption
    @OptionGroup var course: CourseOptions
    @OptionGroup var database: DatabaseOptions

    /// Loads the course, opens the database and a console, runs `body`, closes the console and
    /// turns the result into the exit code.
    func run(_ body: (Course, ResultsStore, Console) -> QuizExit) throws {
        let loaded = try loadCourseOrFail(course)
        let store = try database.open()
        let console = makeConsole(plain: plain, localizer: try language.localizer(course: loaded))
        let result = body(loaded, store, console)
        console.close()
        if result != .completed { throw ExitCode(result.rawValue) }
    }
}

/// Chooses the interactive console, or the plain one with `--plain` or when stdin is not a terminal.
func makeConsole(plain: Bool, localizer: Localizer) -> Console {
    let env = ProcessInfo.processInfo.environment
    if !plain, let interactive = InteractiveConsole(localizer: localizer, environment: env) { return interactive }
    let columns = Int(env["COLUMNS"] ?? "") ?? 80
    return PlainConsole(localizer: localizer, columns: columns)
}

struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training", abstract: "Add and list trainings (a quiz always runs inside a training).",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a training.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Short id, e.g. shymkent-2026-03.") var id: String
        @Option(help: "Title.") var title: String
        @Option(help: "Place.") var place: String = ""
        @Option(help: "First day, YYYY-MM-DD.") var start: String = ""
        @Option(help: "Last day, YYYY-MM-DD.") var end: String = ""
        @Option(help: "Trainer name(s).") var trainer: String = ""
        @Flag(name: .customLong("shared-group"), help: "Create a new database readable and writable by its group (0660) instead of its owner only (0600), for a shared training laptop where several accounts write; the same as \(ResultsStore.modeEnvironmentVariable)=group.")
        var sharedGroup = false

        func run() throws {
            let training = Training(id: id, title: title, place: place, startDate: start, endDate: end.isEmpty ? start : end, trainer: trainer)
            // Bad ids and dates are refused with exit code 1 before the database is opened (or created).
            do { try training.validate() } catch {
                printError(error.description)
                throw ExitCode(1)
            }
            let store = try database.open(sharing: sharedGroup ? .group : nil)
            do {
                try store.addTraining(training)
                print("training added: \(id)")
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List trainings.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open()
            let trainings: [Training]
            do { trainings = try store.trainings() } catch {
                printError(error.description)
                throw ExitCode(1)
            }
            if trainings.isEmpty { print("no trainings yet: katch training add ID --title …") }
            for t in trainings {
                let count = (try? store.participants(training: t.id).count) ?? 0
                // Stored text is shown with its control characters made visible (never run by the terminal).
                print(TextPolicy.terminalSafe("\(t.id)\t\(t.startDate)…\(t.endDate)\t\(t.place)\t\(t.title)\t\(count) participants", keepLineBreaks: false))
            }
        }
    }
}

struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Take the pre-test or the post-test (then the feedback form) in the terminal.",
        discussion: "Every answer is stored at once; running the same command again offers to resume. Exit codes: 0 done, 1 refused, 3 end of input, 130 interrupted.")

    enum PhaseArgument: String, ExpressibleByArgument, CaseIterable { case pre, post }

    @Argument(help: "pre or post.") var phase: PhaseArgument
    @Option(help: "The training id.") var training: String
    @OptionGroup var terminal: TerminalOptions

    func run() throws {
        var setupFailure: String?
        do {
            try terminal.run { course, store, console in
                do {
                    return try QuizApp(course: course, store: store, console: console)
                        .run(phase: phase == .pre ? .pre : .post, training: training)
                } catch {
                    setupFailure = "\(error)"
                    return .refused
                }
            }
        } catch {
            // Printed after the console closed, so the full-screen UI does not wipe it.
            if let setupFailure { printError(setupFailure) }
            throw error
        }
    }
}

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score open answers of a training one by one, with the rubric on screen.")

    @Option(help: "The training id.") var training: String
    @Flag(help: "Also show answers scored before (to change their score).") var all = false
    @OptionGroup var terminal: TerminalOptions

    func run() throws {
        try terminal.run { course, store, console in
            Scoring(course: course, store: store, console: console).run(training: training, includeScored: all)
        }
    }
}
