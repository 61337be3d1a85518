import ArgumentParser
import QuizRunner

struct Practice: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Practise the case exercises and the screening interview in the terminal.",
        discussion: "Without an id, lists what can be practised. Practice answers are kept apart from pre/post results.")

    enum When: String, ExpressibleByArgument, CaseIterable { case each, end }

    @Argument(help: "Exercise or screening tool id (omit to list them).") var exercise: String?
    @Option(help: "When to show whether answers match and the trainer's explanation: each (after every answer) or end.")
    var feedback: When = .each
    @Option(name: .customLong("form-out"), help: "Where to write the filled screening form (Markdown).") var formOut: String?
    @Flag(help: "Plain mode: numbered options, one line per answer, no escape codes.") var plain = false
    @OptionGroup var language: LanguageOption
    @OptionGroup var course: CourseOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let loaded = try loadCourseOrFail(course)
        let l = try language.localizer(course: loaded)
        guard let exercise else {
            print(PracticeApp.listing(loaded, l: l), terminator: "")
            return
        }
        let store = try database.open()
        let console = makeConsole(plain: plain, localizer: l)
        let result = PracticeApp(course: loaded, store: store, console: console).run(
            id: exercise, feedback: feedback == .each ? .afterEach : .atEnd, formOutput: formOut)
        console.close()
        if result != .completed { throw ExitCode(result.rawValue) }
    }
}
