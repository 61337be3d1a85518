import CourseModel
import Localization
import Results

/// `katch score`: the trainer scores each open answer (0…max) with the rubric on screen.
public struct Scoring {
    let course: Course
    let store: ResultsStore
    let console: Console

    /// Creates the scorer.
    public init(course: Course, store: ResultsStore, console: Console) {
        self.course = course
        self.store = store
        self.console = console
    }

    /// Goes through the open answers of `training`; stops on Ctrl-C or end of input (scores given are kept).
    public func run(training: String, includeScored: Bool) -> QuizExit {
        let l = console.l
        do {
            guard try store.training(training) != nil else {
                _ = console.show(Screen(title: l(.tNoTraining, training)), wait: false)
                return .refused
            }
            let answers = try store.openAnswers(training: training, includeScored: includeScored)
            if answers.isEmpty {
                _ = console.show(Screen(title: l(.tScoreNothing)), wait: false)
                return .completed
            }
            let questions = Dictionary(
                course.pages.filter { $0.kind == .quiz }.flatMap(\.questions).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var scored = 0
            var i = 0
            while i < answers.count {
                let a = answers[i]
                let q = questions[a.questionID]
                let rubric = q.map { TerminalText.paragraphs($0.explanation?.body ?? [], trainerOnly: true) } ?? []
                let max = Int(a.maxScore)
                let screen = Screen(
                    header: l(.tScoreTitle) + " — \(i + 1) / \(answers.count)", progress: (i, answers.count),
                    title: (q?.prompt ?? a.questionID) + "  [" + a.participantCode + ", " + a.phase.rawValue + "]",
                    body: ["» " + a.text] + (rubric.isEmpty ? [] : [l(.tScoreRubric) + ":"] + rubric) + [l(.tScorePrompt, max)])
                let values = Array(0...max)
                let labels = values.map { l(.tScorePoints, $0) }
                switch console.chooseValue(screen, values: values, labels: labels, current: a.score.map { Int($0) }, allowSkip: true) {
                case .value(let v?):
                    try store.setScore(Double(v), attempt: a.attemptID, question: a.questionID)
                    scored += 1
                    i += 1
                case .value(nil): i += 1
                case .back: i = Swift.max(0, i - 1)
                case .interrupted, .endOfInput:
                    _ = console.show(Screen(title: l(.tScoreSaved, scored)), wait: false)
                    return .interrupted
                }
            }
            _ = console.show(Screen(title: l(.tScoreSaved, scored)), wait: false)
            return .completed
        } catch {
            _ = console.show(Screen(title: error.description), wait: false)
            return .refused
        }
    }
}
