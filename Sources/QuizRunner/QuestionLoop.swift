import Instruments
import CourseModel
import Localization
import Results
import Terminal

/// How answers are checked while a question set runs.
public enum FeedbackMode: Sendable {
    /// Test mode: nothing about correctness is shown.
    case none
    /// Practice: right/wrong and the explanation after each answer.
    case afterEach
    /// Practice: everything at the end.
    case atEnd
}

/// Where answers go: the results database for tests, the practice store for practice.
protocol AnswerSink: AnyObject {
    func save(_ response: Response, position: Int) throws(ResultsError)
    func setPosition(_ position: Int) throws(ResultsError)
    func submit() throws(ResultsError)
}

/// Runs a list of questions one per screen, with going back, a review screen and submission.
final class QuestionLoop {
    let questions: [Question]
    let console: Console
    let sink: AnswerSink
    let title: String
    let feedback: FeedbackMode
    var answers: [String: Response]
    /// Screens shown before question i when arriving at it going forward (a case's text).
    var intros: [Int: Screen] = [:]
    /// Section titles shown in the header of question i.
    var sections: [Int: String] = [:]
    var l: Localizer { console.l }

    init(questions: [Question], console: Console, sink: AnswerSink, title: String, answers: [String: Response], feedback: FeedbackMode = .none) {
        self.questions = questions
        self.console = console
        self.sink = sink
        self.title = title
        self.answers = answers
        self.feedback = feedback
    }

    enum End { case submitted, interrupted, endOfInput, failed(ResultsError) }

    /// Runs from `start`; returns when submitted or stopped.
    func run(from start: Int) -> End {
        var index = min(max(0, start), questions.count)
        var lastShownIntro = -1
        while true {
            if index >= questions.count {
                if feedback != .none {
                    // Practice: no review screen, the run simply ends.
                    do { try sink.submit() } catch { return .failed(error) }
                    return .submitted
                }
                switch review() {
                case .value(let next?):
                    index = next
                    continue
                case .value(nil):
                    do { try sink.submit() } catch { return .failed(error) }
                    return .submitted
                case .back:
                    index = max(0, questions.count - 1)
                    continue
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            }
            let q = questions[index]
            if let intro = introIndex(for: index), intro != lastShownIntro, let introScreen = intros[intro] {
                lastShownIntro = intro
                switch console.show(introScreen, wait: true) {
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                default: break
                }
            }
            let section = sections[index].map { " — " + $0 } ?? ""
            let screen = Screen(
                header: l(.questionOf, index + 1, questions.count) + " · " + title + section,
                progress: (answers.count, questions.count), title: q.prompt, body: q.stem.map(\.plainText))
            let outcome = ask(q, screen: screen)
            // An open answer left without finishing it (Esc, Ctrl-C, end of input) is saved as typed.
            if case .value = outcome {} else if let e = keepDraft(q, index: index) { return .failed(e) }
            switch outcome {
            case .value(let response):
                if let response {
                    do { try save(response, position: index + 1) } catch { return .failed(error) }
                    answers[q.id] = response
                    if feedback == .afterEach, case .interrupted = showFeedback(q, response) { return .interrupted }
                } else {
                    try? sink.setPosition(index + 1)
                }
                index += 1
            case .back:
                index = max(0, index - 1)
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
        }
    }

    /// Saves an answer, the console showing that it is being saved when that takes long.
    func save(_ response: Response, position: Int) throws(ResultsError) {
        try console.saving { () throws(ResultsError) in try sink.save(response, position: position) }
    }

    /// Saves the text typed into open question `q` (or the options marked on a multiple-answer
    /// question) when its screen was left without finishing it,
    /// so going back, Ctrl-C or a closed terminal never throws typed text away; nil when saved or
    /// when there was nothing new to save. Resuming returns to this question.
    func keepDraft(_ q: Question, index: Int) -> ResultsError? {
        if q.type == .multiple, let marks = console.lastMarks {
            // Options marked but not confirmed before going back (or Ctrl-C) are kept the same way;
            // unmarking everything leaves the earlier answer as it was.
            guard !marks.isEmpty else { return nil }
            let response = Self.response(q, chosen: marks)
            do { try save(response, position: index) } catch { return error }
            answers[q.id] = response
            return nil
        }
        guard q.type == .open, let draft = console.lastDraft?.trimmingSpaces(), !draft.isEmpty, draft != answers[q.id]?.text,
            TextRules.problem(draft, multiline: true, maxLength: TextPolicy.openAnswerMaxLength, l: l) == nil
        else { return nil }
        let response = Response(questionID: q.id, text: draft, maxScore: Double(q.maxScore))
        do { try save(response, position: index) } catch { return error }
        answers[q.id] = response
        return nil
    }

    /// The index of the intro that covers question `index` (the nearest at or before it).
    func introIndex(for index: Int) -> Int? {
        intros.keys.filter { $0 <= index }.max()
    }

    /// Asks one question; `.value(nil)` means skipped (the earlier answer stays).
    func ask(_ q: Question, screen: Screen) -> Outcome<Response?> {
        let previous = answers[q.id]
        let options = q.options.map(\.spans.plainText)
        switch q.type {
        case .single:
            let current = previous?.choice.flatMap { OptionLetter.decode($0)?.first }
            switch console.chooseOne(screen, options: options, current: current, allowSkip: true) {
            case .value(let i?): return .value(Self.response(q, chosen: [i]))
            case .value(nil): return .value(nil)
            case .back: return .back
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
        case .multiple:
            let current = Set(previous?.choice.flatMap { OptionLetter.decode($0) } ?? [])
            switch console.chooseMany(screen, options: options, current: current) {
            case .value(let set): return .value(set.isEmpty ? nil : Self.response(q, chosen: set))
            case .back: return .back
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
        case .rating:
            let labels = options.enumerated().map { "\($0.offset + 1) — \($0.element)" }
            let current = previous?.choice.flatMap { Int($0) }.map { $0 - 1 }
            switch console.chooseOne(screen, options: labels, current: current, allowSkip: true) {
            case .value(let i?): return .value(Response(questionID: q.id, choice: String(i + 1), maxScore: 0))
            case .value(nil): return .value(nil)
            case .back: return .back
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
        case .open:
            switch console.text(screen, current: previous?.text ?? "", multiline: true, required: false, maxLength: TextPolicy.openAnswerMaxLength) {
            case .value(let t): return .value(t.isEmpty ? nil : Response(questionID: q.id, text: t, maxScore: Double(q.maxScore)))
            case .back: return .back
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
        }
    }

    static func response(_ q: Question, chosen: Set<Int>) -> Response {
        let correct = q.isCorrect(chosen)
        return Response(questionID: q.id, choice: OptionLetter.encode(Array(chosen)), correct: correct, score: correct ? 1 : 0, maxScore: 1)
    }

    /// The answer to `q` shortened to about `columns` columns, as the review screen lists it.
    func answerSummary(_ q: Question, columns: Int = 30) -> String {
        guard let r = answers[q.id] else { return "— " + l(.tNotAnswered) }
        switch q.type {
        case .single, .multiple:
            let chosen = OptionLetter.decode(r.choice ?? "") ?? []
            if chosen.count == 1, let i = chosen.first, i < q.options.count {
                return TextLayout.truncate(console.optionName(i) + ") " + q.options[i].spans.plainText, columns: columns, atWord: true)
            }
            return chosen.map { console.optionName($0) }.joined(separator: ", ")
        case .rating:
            return r.choice ?? ""
        case .open:
            let text = (r.text ?? "").split(separator: "\n").joined(separator: " / ")
            return "» " + TextLayout.truncate(text, columns: columns, atWord: true)
        }
    }

    /// The review screen: `.value(nil)` submits, `.value(i)` goes to question i. Each question is an
    /// option showing its answer (shortened): choosing it goes back to that question.
    func review() -> Outcome<Int?> {
        let unanswered = questions.indices.filter { answers[questions[$0].id] == nil }
        let body = [unanswered.isEmpty ? l(.tReviewAllAnswered) : l(.tReviewUnanswered, unanswered.map { String($0 + 1) }.joined(separator: ", "))]
        // Where the console names options by letter, the review is keyed by question number (0 submits),
        // so typing «1» goes to question 1 and never to «Тапсыру»; plain mode numbers the list itself.
        let keyed = console.optionName(0) != "1"
        let options = [l(.tSubmitChoice)] + questions.enumerated().map { i, q in
            (keyed ? "" : "\(i + 1). ") + TextLayout.truncate(q.prompt, columns: 30, atWord: true) + " — " + answerSummary(q)
        }
        let keys = keyed ? (0...questions.count).map(String.init) : nil
        let screen = Screen(header: title, progress: (answers.count, questions.count), title: l(.tReviewTitle), body: body)
        switch console.chooseOne(screen, options: options, keys: keys, current: nil, allowSkip: false) {
        case .value(0?):
            switch console.confirm(Screen(header: title, title: l(.tConfirmSubmit))) {
            case .value(true): return .value(nil)
            case .value(false), .back: return review()
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
        case .value(let i?): return .value(i - 1)
        case .value(nil): return review()
        case .back: return .back
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        }
    }

    // MARK: Practice feedback

    func verdict(_ q: Question, _ r: Response) -> String {
        let key = q.correctIndices.map { console.optionName($0) + ") " + q.options[$0].spans.plainText }.joined(separator: "; ")
        switch q.type {
        case .single, .multiple:
            if r.correct == true { return l(.tPracticeCorrect) }
            let chosen = Set(OptionLetter.decode(r.choice ?? "") ?? [])
            let overlap = !chosen.intersection(q.correctIndices).isEmpty
            return q.type == .multiple && overlap ? l(.tPracticePartly, key) : l(.tPracticeIncorrect, key)
        case .open, .rating:
            return l(.tPracticeModelAnswer) + ":"
        }
    }

    func explanation(_ q: Question) -> [String] {
        guard let e = q.explanation else { return [] }
        return TerminalText.paragraphs(e.body, trainerOnly: true)
    }

    func showFeedback(_ q: Question, _ r: Response) -> Outcome<Void> {
        var body: [String] = []
        if q.type == .open { body.append("» " + (r.text ?? "")) }
        body.append(verdict(q, r))
        let ex = explanation(q)
        if !ex.isEmpty {
            if q.type != .open { body.append(l(.tPracticeExplanation) + ":") }
            body += ex
        }
        return console.show(Screen(header: title, title: q.prompt, body: body), wait: true)
    }

    /// The end-of-run summary for practice.
    func summaryLines() -> [String] {
        var lines: [String] = []
        let scored = questions.filter { $0.type == .single || $0.type == .multiple }
        let right = scored.filter { answers[$0.id]?.correct == true }.count
        lines.append(l(.tPracticeScore, right, scored.count))
        for (i, q) in questions.enumerated() {
            lines.append("")
            lines.append("\(i + 1). " + q.prompt)
            if let r = answers[q.id] {
                if q.type == .open { lines.append("» " + (r.text ?? "")) }
                lines.append(verdict(q, r))
            } else {
                lines.append("— " + l(.tNotAnswered))
            }
            lines += explanation(q)
        }
        return lines
    }
}
