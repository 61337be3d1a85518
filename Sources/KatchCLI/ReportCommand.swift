import Instruments
import ArgumentParser
import CourseModel
import Evaluation
import Foundation
import Localization
import Results

/// `katch report`: the evaluation summary of pre/post results and feedback.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Evaluation summary of pre/post results and feedback (HTML, Markdown, JSON or CSV).",
        discussion: """
            Reads the results database and the course (for the quiz key, the survey and the registration \
            labels). Only submitted attempts count; practice attempts never do. Participants are shown by \
            code only. Exit codes: 0 written, 1 a problem with the course, the database or the output file.
            """)

    @OptionGroup var course: CourseOptions

    @Option(name: .customLong("training"), help: "A training id to include (repeat for several; default: every training).")
    var trainings: [String] = []

    @Option(help: "Results database: a file or postgres://USER[:PASSWORD]@HOST[:PORT]/DB (default: $KATCH_DB, else ./katch-results.sqlite).")
    var db: String?

    @Option(help: "Output format: html, md, json or csv.")
    var format: String

    @Option(name: .shortAndLong, help: "Output file (default: standard output).")
    var output: String?

    @Option(help: "Report language: kk, ru or en (default: the course language).")
    var lang: String?

    @Option(name: .customLong("min-group"), help: "Breakdown groups and trainings with fewer matched pairs show counts only (default 5).")
    var minGroup: Int = 5

    @Flag(name: .customLong("with-answers"), help: "List participants' open answers and comments in the HTML report (always in md, json, csv).")
    var withAnswers = false

    func validate() throws {
        guard ReportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be html, md, json or csv (got '\(format)')")
        }
        if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be kk, ru or en (got '\(lang)')") }
        if minGroup < 1 { throw ValidationError("--min-group must be at least 1 (got \(minGroup))") }
    }

    func run() throws {
        guard let format = ReportFormat(rawValue: format) else { throw ExitCode(64) }
        let path = ResultsStore.resolvePath(db)
        try requireExistingDatabase(path)
        let loaded = CourseLoader.load(root: course.root)
        if loaded.hasErrors {
            printDiagnostics(loaded.diagnostics.filter { $0.severity == .error })
            printError("the course at \(course.root.path) has errors; fix them (katch check) before reporting")
            throw ExitCode(1)
        }
        do {
            let input = try EvaluationInput(course: loaded.course, language: lang.flatMap(Language.init(rawValue:)))
            let store = try openStore(path, readOnly: true)
            var options = EvaluationOptions()
            options.minGroup = minGroup
            let (read, report) = try Evaluator.evaluate(store: store, trainings: trainings, input: input, options: options)
            if read.isEmpty {
                printError("the database \(path) has no trainings yet (add one with 'katch training add')")
                throw ExitCode(1)
            }
            let bytes = report.rendered(as: format, withAnswers: withAnswers)
            try writeOutput(bytes, to: output)
        } catch let e as EvaluationError {
            printError(e.description)
            throw ExitCode(1)
        } catch let e as ResultsError {
            printError(e.description)
            throw ExitCode(1)
        }
    }
}
