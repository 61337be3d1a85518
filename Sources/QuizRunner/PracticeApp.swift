import Instruments
import CourseModel
import Foundation
import Localization
import Results

/// `katch practice`: the case exercises and the screening interview, from the same Markdown
/// that builds the site, with the trainer's explanations after each answer or at the end.
public final class PracticeApp {
    let course: Course
    let store: ResultsStore
    let console: Console
    var l: Localizer { console.l }

    /// Creates the practice runner.
    public init(course: Course, store: ResultsStore, console: Console) {
        self.course = course
        self.store = store
        self.console = console
    }

    /// Pages that can be practised: activities with questions, and screening tools.
    public static func practicable(_ course: Course) -> [Page] {
        course.pages.filter { p in
            (p.kind != .quiz && p.kind != .survey && !p.questions.isEmpty) || !p.screeningTools.isEmpty
        }
    }

    /// The list printed by `katch practice` without an id, grouped by module and track.
    public static func listing(_ course: Course, l: Localizer) -> String {
        var out = l(.tPracticeList) + "\n"
        var lastGroup = ""
        for p in practicable(course) {
            let module = p.module.flatMap { course.page($0) }
            let group = module?.title ?? (p.kind == .screening ? l(.kindScreening) : l(.icebreakersAndEnergizers))
            if group != lastGroup {
                out += "\n" + group + (p.track.map { $0 == "common" ? "" : " [\($0)]" } ?? "") + "\n"
                lastGroup = group
            }
            let count = p.kind == .screening || !p.screeningTools.isEmpty
                ? "\(p.screeningTools.flatMap(\.allItems).count)"
                : "\(p.questions.count)"
            out += "  \(p.id.padding(toLength: 22, withPad: " ", startingAt: 0)) \(p.title) (\(count))\n"
        }
        return out
    }

    /// Runs the exercise or screening tool `id`; `learner` keeps one learner's sessions apart from
    /// another's on a shared machine (compared without regard to case and surrounding spaces).
    public func run(id: String, feedback: FeedbackMode, formOutput: String?, learner: String = "") -> QuizExit {
        guard let page = course.page(id), PracticeApp.practicable(course).contains(where: { $0.id == id }) else {
            _ = console.show(Screen(title: "'\(id)': " + l(.tPracticeList).lowercased() + " — katch practice"), wait: false)
            return .refused
        }
        if let tool = page.screeningTools.first {
            return ScreeningInterview(page: page, tool: tool, console: console).run(output: formOutput)
        }
        do {
            let questions = page.questions
            let label = learner.trimmingCharacters(in: .whitespaces).lowercased()
            var session = try store.startPracticeOrResume(exercise: id, learner: label, console: console)
            let answers = try store.practiceAnswers(session: session.id)
            let title = page.title
            let sink = StoreSink.practice(session.id, in: store)
            let loop = QuestionLoop(questions: questions, console: console, sink: sink, title: title, answers: answers, feedback: feedback)
            let (intros, sections) = Self.context(of: page, questions: questions)
            loop.intros = intros
            loop.sections = sections
            if session.position == 0 {
                // Shown with the first screen: a screen of its own would be replaced at once.
                console.notice(l(.tPracticeNotStored))
            }
            switch loop.run(from: session.position) {
            case .submitted:
                session.finished = true
                let summary = loop.summaryLines()
                _ = console.show(Screen(header: title, title: l(.tPracticeDone), body: feedback == .atEnd ? summary : [summary[0]]), wait: true)
                return .completed
            case .interrupted:
                _ = console.show(Screen(title: l(.tInterrupted), body: [l(.tSavedExit)]), wait: false)
                return .interrupted
            case .endOfInput:
                _ = console.show(Screen(title: l(.tEndOfInput), body: [l(.tSavedExit)]), wait: false)
                return .endOfInput
            case .failed(let e):
                _ = console.show(Screen(title: e.description), wait: false)
                return .refused
            }
        } catch {
            _ = console.show(Screen(title: error.description), wait: false)
            return .refused
        }
    }

    /// For each section of the page (a heading that is not a question), the participant-visible
    /// text before its first question, shown as an intro screen.
    static func context(of page: Page, questions: [Question]) -> ([Int: Screen], [Int: String]) {
        var intros: [Int: Screen] = [:]
        var sections: [Int: String] = [:]
        var sectionTitle = page.title
        var buffer: [String] = []
        var qIndex = 0
        // The intro of a question is everything participants see since the previous question:
        // the case's text with its headings (trainer-only callouts left out).
        for b in page.blocks {
            switch b.kind {
            case .heading(let h):
                sectionTitle = h.spans.plainText
                buffer.append(sectionTitle)
            case .question(let q):
                guard qIndex < questions.count, questions[qIndex].id == q.id else { continue }
                let text = buffer.filter { !$0.isEmpty }
                if !text.isEmpty { intros[qIndex] = Screen(title: page.title, body: text) }
                if sectionTitle.count <= 40 { sections[qIndex] = sectionTitle }
                buffer = []
                qIndex += 1
            default:
                buffer += TerminalText.paragraphs(b, trainerOnly: false)
            }
        }
        return (intros, sections)
    }
}

extension ResultsStore {
    /// Offers to resume the learner's latest unfinished practice of `exercise`, or starts a new one.
    func startPracticeOrResume(exercise: String, learner: String, console: Console) throws(ResultsError) -> PracticeSession {
        if let open = try unfinishedPractice(exercise: exercise, learner: learner), open.position > 0 {
            let count = try practiceAnswers(session: open.id).count
            if case .value(true) = console.confirm(Screen(title: console.l(.tPracticeResumeOffer, count))) { return open }
        }
        return try startPractice(exercise: exercise, learner: learner)
    }
}
