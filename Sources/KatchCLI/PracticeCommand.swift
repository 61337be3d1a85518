import ArgumentParser
import QuizRunner

struct Practice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Practise the case exercises and the screening interview in the terminal.",
        discussion: "Without an id, lists what can be practised. Practice answers are kept apart from pre/post results.")

    enum When: String, ExpressibleByArgument, CaseIterable { case each, end }

    @Argument(help: "Exercise or screening tool id (omit to list them).") var exercise: String?
    @Option(help: "When to show whether answers match and the trainer's explanation: each (after every answer) or end.")
    var feedback: When = .each
    @Option(name: .customLong("form-out"), help: "Where to write the filled screening form (Markdown).") var formOut: String?
    @Option(help: """
        A label (nickname or participant code, no real name needed) that keeps your practice apart from \
        others' on a shared machine: resuming offers only your own unfinished session.
        """)
    var learner: String = ""
    @OptionGroup var terminal: TerminalOptions

    func run() throws {
        guard let exercise else {
            let loaded = try loadCourseOrFail(terminal.course)
            print(PracticeApp.listing(loaded, l: try terminal.language.localizer(course: loaded)), terminator: "")
            return
        }
        try terminal.run { course, store, console in
            PracticeApp(course: course, store: store, console: console).run(
                id: exercise, feedback: feedback == .each ? .afterEach : .atEnd, formOutput: formOut, learner: learner)
        }
    }
}
