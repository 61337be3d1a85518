import Instruments
import ArgumentParser
import CourseModel
import Foundation
import Localization
import Results

/// `katch results export|import|push|bench`: results as CSV, and from a laptop into the central store.
struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results", abstract: "Export and import results as CSV; push a laptop's results into the central store.",
        subcommands: [ResultsExport.self, ResultsImport.self, ResultsPush.self, ResultsBench.self])
}

struct ResultsPush: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Copy a laptop's trainings, participants (by code), attempts, answers and scores into a central store, all or nothing.",
        discussion: """
            Idempotent: what is already there is left as it is, and a second push changes nothing and says so. A training \
            or participant registered differently there, or a submitted answer that differs, is refused naming what \
            differs (nothing is pushed). Names and contacts stay on the laptop unless --with-names. Practice is never \
            pushed. Exit codes: 0 pushed (or nothing to push), 1 refused.
            """)

    @Option(help: "The laptop's results database (default: $KATCH_DB, else ./katch-results.sqlite).")
    var db: String?

    @Option(help: "The central store: postgres://USER[:PASSWORD]@HOST[:PORT]/DB (or another katch database).")
    var to: String

    @Option(name: .customLong("training"), help: "A training id to push (repeat for several; default: all).")
    var trainings: [String] = []

    @Flag(name: .customLong("with-names"), help: "Also copy participants' names and contacts.")
    var withNames = false

    func run() throws {
        let path = ResultsStore.resolvePath(db)
        try requireExistingDatabase(path)
        let source = try openStore(path, readOnly: true)
        let target = try openStore(to)
        do {
            let s = try source.push(to: target, trainings: trainings, withNames: withNames)
            if s.changedNothing {
                print("nothing to push: \(target.path) already has everything of \(s.trainingIDs.joined(separator: ", ")) from \(source.path)")
                return
            }
            var text = "pushed \(s.trainingIDs.joined(separator: ", ")) to \(target.path): \(s.trainings) new trainings, \(s.participants) participants, "
            text += "\(s.attempts) attempts, \(s.answers) answers"
            if s.attemptsUpdated + s.answersUpdated > 0 { text += "; updated \(s.attemptsUpdated) attempts, \(s.answersUpdated) answers" }
            text += withNames ? "; \(s.identities) names and contacts" : "; names and contacts stayed here"
            print(text)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}

/// The registration lists of a course, for checking the region, agency and gender columns of an import.
/// «Other» is accepted as the id `other` or as its label in any interface language.
func registrationKey(_ course: Course) -> RegistrationKey {
    let form = course.config.registration
    func options(_ list: [LabeledOption]) -> [RegistrationKey.Option] { list.map { RegistrationKey.Option(id: $0.id, label: $0.label) } }
    return RegistrationKey(
        regions: options(form.regions), agencies: options(form.agencies), otherAgency: form.otherAgency,
        otherAgencyLabels: Language.allCases.map { Localizer($0)(.tOther) }, genders: options(form.genders))
}

/// Loads the course for its keys and registration lists; prints why not and returns nil when it cannot be used.
func loadKeys(_ options: CourseOptions, required: Bool) throws -> (quiz: InstrumentSpec?, survey: InstrumentSpec?, registration: RegistrationKey?) {
    let exists = FileManager.default.fileExists(atPath: options.root.appendingPathComponent("course.yml").path)
    if !exists {
        if required {
            printError("no course.yml in \(options.root.path): give --course DIR (the quiz key is needed)")
            throw ExitCode(1)
        }
        FileHandle.standardError.write(Data("warning: no course at \(options.root.path); answers are taken as they are in the file (correctness not recomputed)\n".utf8))
        return (nil, nil, nil)
    }
    let loaded = CourseLoader.load(root: options.root)
    if loaded.hasErrors {
        printDiagnostics(loaded.diagnostics.filter { $0.severity == .error })
        printError("the course at \(options.root.path) has errors; fix them (katch check) first")
        throw ExitCode(1)
    }
    let keys = (quiz: loaded.course.quiz, survey: loaded.course.survey)
    if keys.quiz == nil {
        printError("the course at \(options.root.path) has no quiz page (kind: quiz)")
        throw ExitCode(1)
    }
    return (keys.quiz, keys.survey, registrationKey(loaded.course))
}

struct ResultsExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write submitted pre, post and feedback answers as CSV (UTF-8 with BOM, CRLF; no names, no practice).")

    @OptionGroup var course: CourseOptions

    @Option(help: "long (one row per answer) or wide (one row per participant per phase).")
    var format: String = "long"

    @Option(name: .customLong("training"), help: "A training id to export (repeat for several; default: all).")
    var trainings: [String] = []

    @Option(help: "Results database: a file or postgres://USER[:PASSWORD]@HOST[:PORT]/DB (default: $KATCH_DB, else ./katch-results.sqlite).")
    var db: String?

    @Option(name: .shortAndLong, help: "Output file (default: standard output).")
    var output: String?

    func validate() throws {
        guard CSVFormat(rawValue: format) != nil else { throw ValidationError("--format must be long or wide (got '\(format)')") }
    }

    func run() throws {
        guard let format = CSVFormat(rawValue: format) else { throw ExitCode(64) }
        let path = ResultsStore.resolvePath(db)
        try requireExistingDatabase(path)
        let keys = try loadKeys(course, required: false)
        do {
            let store = try openStore(path, readOnly: true)
            let bytes = try store.exportCSV(format: format, trainings: trainings, quiz: keys.quiz, survey: keys.survey)
            try writeOutput(bytes, to: output)
        } catch let e as ResultsError {
            printError(e.description)
            throw ExitCode(1)
        }
    }
}

struct ResultsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a long or wide results CSV, all or nothing (bad lines are reported as file:line: error: …).",
        discussion: """
            The layout is detected from the header. UTF-8 with or without BOM, comma or semicolon, CRLF or LF, \
            quoted fields. Answers already in the database are never overwritten. Correctness of choice answers \
            is recomputed from the course's quiz key; region, agency and gender must be ids or labels of the course's \
            registration lists (ids are stored) or empty. Exit codes: 0 imported, 1 refused (nothing imported).
            """)

    @OptionGroup var course: CourseOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "Training for rows without training_id (rows naming another training are refused).")
    var training: String?

    @Flag(help: "Create trainings named in the file that are not in the database.")
    var createTrainings = false

    @Option(help: "Results database: a file or postgres://USER[:PASSWORD]@HOST[:PORT]/DB (default: $KATCH_DB, else ./katch-results.sqlite).")
    var db: String?

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("cannot read \(file)")
            throw ExitCode(1)
        }
        let keys = try loadKeys(course, required: false)
        do {
            let store = try openStore(ResultsStore.resolvePath(db))
            let summary = try store.importCSV(
                Array(data),
                options: CSVImportOptions(training: training, createTrainings: createTrainings, quiz: keys.quiz, survey: keys.survey, registration: keys.registration, fileName: file))
            var text = "imported \(file) (\(summary.format.rawValue) format): \(summary.rows) rows, \(summary.responses) answers, "
            text += "\(summary.attempts) attempts, \(summary.participantsCreated) new participants"
            if summary.participantsExisting > 0 { text += ", \(summary.participantsExisting) existing participants" }
            let created = summary.trainingsCreated
            if created.count > 10 {
                // Thousands of names would bury the line: the count, the first and the last.
                text += "; created \(created.count) trainings (\(created.prefix(5).joined(separator: ", ")), …, \(created.suffix(2).joined(separator: ", ")))"
            } else if !created.isEmpty {
                text += "; created trainings \(created.joined(separator: ", "))"
            }
            print(text)
        } catch let e as CSVImportError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            throw ExitCode(1)
        } catch let e as ResultsError {
            printError(e.description)
            throw ExitCode(1)
        }
    }
}
