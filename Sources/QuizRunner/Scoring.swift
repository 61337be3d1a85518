import CourseModel
import Instruments
import Localization
import Results
import Statistics

/// `katch score`: the trainer scores each open answer (0…max) with the rubric on screen.
///
/// Built so that it cannot destroy work: each screen shows the score saved in the database at that
/// moment (read again, so going back or another trainer's scoring is never shown stale); a score is
/// written only when the trainer picks a different value; the closing line counts the answers
/// whose score changed, each once.
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

    /// Goes through the open answers of `training`; stops on Ctrl-C (exit 130) or end of input
    /// (exit 3), keeping the scores given.
    public func run(training: String, includeScored: Bool) -> QuizExit {
        let l = console.l
        var changed = Set<String>()
        func closing(_ exit: QuizExit) -> QuizExit {
            _ = console.show(Screen(title: l(.tScoreSaved, changed.count)), wait: false)
            return exit
        }
        do {
            guard try store.training(training) != nil else {
                _ = console.show(Screen(title: l(.tNoTraining, training)), wait: false)
                return .refused
            }
            guard let quiz = course.quiz else {
                _ = console.show(Screen(title: l(.tScoreNothing)), wait: false)
                return .refused
            }
            let answers = try store.openAnswers(training: training, quiz: quiz, includeScored: includeScored)
            if answers.isEmpty {
                _ = console.show(Screen(title: l(.tScoreNothing)), wait: false)
                return .completed
            }
            let pages = Dictionary(course.pages.filter { $0.kind == .quiz }.flatMap(\.questions).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var i = 0
            while i < answers.count {
                let a = answers[i]
                guard let spec = quiz.question(a.questionID) else { i += 1; continue }
                let saved = try store.score(attempt: a.attemptID, question: a.questionID)
                let rubric = pages[a.questionID].map { TerminalText.paragraphs($0.explanation?.body ?? [], trainerOnly: true) } ?? []
                let top = Int(spec.maximum.doubleValue.rounded(.down))
                // Whole points 0…max, and a saved score that is not whole (imported 1.5) as a choice of its own.
                var values = (0...top).map { Fraction($0) }
                if let saved, !values.contains(saved) { values.append(saved); values.sort() }
                let labels = values.map { l(.tScorePoints, Self.text($0)) }
                let screen = Screen(
                    header: l(.tScoreTitle) + " — \(i + 1) / \(answers.count)", progress: (i, answers.count),
                    title: spec.prompt + "  [" + TextPolicy.terminalSafe(a.participantCode, keepLineBreaks: false) + ", " + a.phase.rawValue + "]",
                    // Stored text never reaches the terminal raw: an escape sequence in an answer is shown, not run.
                    body: ["» " + TextPolicy.terminalSafe(a.text)] + (rubric.isEmpty ? [] : [l(.tScoreRubric) + ":"] + rubric) + [l(.tScorePrompt, top)])
                let current = saved.flatMap { values.firstIndex(of: $0) }
                switch console.chooseOne(screen, options: labels, keys: values.map(Self.text), current: current, allowSkip: true) {
                case .value(let k?):
                    let value = values[k]
                    if value != saved {
                        try store.setScore(value, maximum: spec.maximum, attempt: a.attemptID, question: a.questionID)
                        changed.insert("\(a.attemptID)/\(a.questionID)")
                    }
                    i += 1
                case .value(nil): i += 1
                case .back: i = Swift.max(0, i - 1)
                case .interrupted: return closing(.interrupted)
                case .endOfInput: return closing(.endOfInput)
                }
            }
            return closing(.completed)
        } catch {
            _ = console.show(Screen(title: error.description), wait: false)
            return .refused
        }
    }

    /// `2`, `1.5`: a score as typed and shown.
    static func text(_ f: Fraction) -> String {
        if f.denominator == 1 { return "\(f.numerator)" }
        var s = String(f.doubleValue)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
