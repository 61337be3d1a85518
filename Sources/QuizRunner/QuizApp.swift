import Instruments
import CourseModel
import Localization
import Results

/// How a quiz run ended; the process exit code.
public enum QuizExit: Int32, Sendable {
    /// Submitted (or nothing left to do).
    case completed = 0
    /// Refused: unknown training, second pre-test, database error.
    case refused = 1
    /// End of input before the end: everything answered is saved.
    case endOfInput = 3
    /// Ctrl-C: everything answered is saved.
    case interrupted = 130
}

/// The pre-test / post-test runner: registration as on the paper form, the test, the feedback
/// survey after the post-test, and the participant's own scores at the end.
public final class QuizApp {
    let course: Course
    let store: ResultsStore
    let console: Console
    let quiz: Page
    let survey: Page?
    var l: Localizer { console.l }
    /// The participant once identified or registered (to remind them of their code when they stop).
    var participant: Participant?
    /// The name typed on the registration form before going back to the code screen.
    var nameDraft = ""

    /// Errors before anything runs.
    public struct SetupError: Error, CustomStringConvertible {
        /// What is wrong.
        public var description: String
    }

    /// Creates the runner for the course's quiz (the page of kind `quiz`).
    public init(course: Course, store: ResultsStore, console: Console) throws(SetupError) {
        guard let quiz = course.pages.first(where: { $0.kind == .quiz }) else {
            throw SetupError(description: "the course has no quiz (a page with kind: quiz)")
        }
        self.course = course
        self.store = store
        self.console = console
        self.quiz = quiz
        self.survey = course.pages.first { $0.kind == .survey }
    }

    /// A hash of the questions (ids, types, options), stored with each attempt.
    static func contentHash(_ questions: [Question]) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for q in questions {
            for s in [q.id, q.type.rawValue, String(q.options.count)] + q.options.map({ $0.isCorrect ? "1" : "0" }) {
                for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
                h = (h ^ 0xFF) &* 0x100000001b3
            }
        }
        return String(h, radix: 16)
    }

    func exit(_ o: Outcome<some Any>) -> QuizExit? {
        switch o {
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        default: return nil
        }
    }

    /// Runs the pre-test or the post-test for a participant in `training`.
    public func run(phase: Phase, training: String) -> QuizExit {
        let result = runInner(phase: phase, training: training)
        switch result {
        case .interrupted, .endOfInput:
            let body = participant.map { [l(.tSavedExit), l(.tYourCode, $0.code)] } ?? [l(.tNothingSaved)]
            _ = console.show(Screen(title: l(result == .interrupted ? .tInterrupted : .tEndOfInput), body: body), wait: false)
        default: break
        }
        return result
    }

    func fail(_ message: String) -> QuizExit {
        _ = console.show(Screen(title: message, lasting: true), wait: true)
        return .refused
    }

    func runInner(phase: Phase, training: String) -> QuizExit {
        do {
            guard let t = try store.training(training) else { return fail(l(.tNoTraining, training)) }
            let title = l(phase == .pre ? .tQuizTitlePre : .tQuizTitlePost)
            let participant: Participant
            switch identify(phase: phase, training: t, title: title) {
            case .value(let p):
                participant = p
                self.participant = p
                // Should a signal end the program from here on, the shell's screen still says so.
                console.setFarewell([l(.tSavedExit), l(.tYourCode, p.code)])
            case .back: return .refused  // a database error while identifying (it was shown)
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
            let questions = quiz.questions
            let hash = Self.contentHash(questions)
            if let existing = try store.attempt(participant: participant.rowID, phase: phase, instrument: quiz.id), existing.isSubmitted {
                if phase == .pre { return fail(l(.tAlreadySubmittedPre)) }
                let feedbackDone = try survey.map { s throws(ResultsError) in
                    try store.attempt(participant: participant.rowID, phase: .feedback, instrument: s.id)?.isSubmitted == true
                } ?? true
                if feedbackDone { return fail(l(.tAlreadyCompleted)) }
            } else {
                if let end = try runAttempt(participant, phase: phase, instrument: quiz.id, questions: questions, hash: hash, title: title) {
                    return end
                }
            }
            if phase == .post {
                if let survey, !survey.questions.isEmpty {
                    let existing = try store.attempt(participant: participant.rowID, phase: .feedback, instrument: survey.id)
                    if existing?.isSubmitted != true, let end = try runAttempt(
                        participant, phase: .feedback, instrument: survey.id, questions: survey.questions,
                        hash: Self.contentHash(survey.questions), title: l(.tFeedbackTitle))
                    {
                        return end
                    }
                }
                let scores = try ownScores(participant)
                _ = console.show(Screen(title: l(.tYourScores), body: scores + [l(.tOpenNotScored)]), wait: true)
            } else {
                _ = console.show(Screen(title: l(.tSubmitted), body: [l(.tYourCode, participant.code), l(.tKeepCode)], lasting: true), wait: true)
            }
            return .completed
        } catch {
            return fail(error.description)
        }
    }

    /// Runs (or resumes) one attempt; nil when submitted, else how it stopped.
    func runAttempt(_ p: Participant, phase: Phase, instrument: String, questions: [Question], hash: String, title: String) throws(ResultsError) -> QuizExit? {
        let existing = try store.attempt(participant: p.rowID, phase: phase, instrument: instrument)
        let attempt = try store.startAttempt(participant: p.rowID, phase: phase, instrument: instrument, contentHash: hash)
        let answers = try store.responses(attempt: attempt.rowID)
        var start = 0
        if existing != nil && !answers.isEmpty || (existing?.position ?? 0) > 0 {
            switch console.confirm(Screen(header: title, title: l(.tResumeOffer, answers.count))) {
            case .value(true): start = attempt.position
            case .value(false), .back: start = 0
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
        }
        let sink = StoreSink.attempt(attempt.rowID, in: store)
        let loop = QuestionLoop(questions: questions, console: console, sink: sink, title: title, answers: answers)
        switch loop.run(from: start) {
        case .submitted: return nil
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        case .failed(let e): throw e
        }
    }

    /// The participant's own pre and post percentages, by the one scoring rule
    /// (``Instruments/InstrumentSpec/score(_:)``) that the report and the export use: a skipped
    /// question counts 0, an open answer the trainer has not scored yet is left out until it is.
    func ownScores(_ p: Participant) throws(ResultsError) -> [String] {
        guard let spec = quiz.instrument else { return [] }
        // A station connected as katch_quiz cannot read submitted answers: no scores rather than wrong ones.
        guard store.readsSubmittedAnswers else { return [] }
        var lines: [String] = []
        for phase in [Phase.pre, .post] {
            guard let a = try store.attempt(participant: p.rowID, phase: phase, instrument: quiz.id), a.isSubmitted else { continue }
            let answers = try store.answers(attempt: a.rowID, instrument: spec)
            guard let percent = spec.score(answers).roundedPercent else { continue }
            lines.append(l(phase == .pre ? .tScorePre : .tScorePost, percent))
        }
        return lines
    }

    // MARK: Identification and registration

    /// Finds the participant by code (typed forgivingly: case, Cyrillic look-alikes, spaces and
    /// hyphens do not matter) or name, or registers a new one. Esc (or `<`) on this first screen
    /// asks before leaving; leaving ends like Ctrl-C (nothing was saved).
    func identify(phase: Phase, training: Training, title: String) -> Outcome<Participant> {
        while true {
            let prompt = phase == .pre ? l(.tAskCodeOrNew) : l(.tAskCodeOrName)
            let typed: String
            switch console.text(Screen(header: title, title: training.title, body: [prompt]), current: "", multiline: false, required: phase == .post, maxLength: TextPolicy.codeEntryMaxLength) {
            case .value(let t): typed = t
            case .back:
                switch console.confirm(Screen(header: title, title: l(.tLeaveConfirm)), defaultYes: false) {
                case .value(true): return .interrupted
                case .value(false), .back: continue
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
            do {
                if typed.isEmpty {
                    switch register(training: training, title: title) {
                    case .back: continue
                    case let other: return other
                    }
                }
                let code = CodeInput.normalized(typed)
                if !code.isEmpty, let p = try store.participant(training: training.id, code: code) {
                    switch preTestCheck(p, phase: phase, title: title) {
                    case .value(true): return .value(p)
                    case .value(false), .back: continue
                    case .interrupted: return .interrupted
                    case .endOfInput: return .endOfInput
                    }
                }
                let byName = CodeInput.looksLikeCode(typed) ? [] : try store.participants(training: training.id, name: typed)
                if byName.count == 1 {
                    // Found by name: the person confirms with their own registration answers; nothing of
                    // the registration is shown, so a name alone discloses nothing and opens no one's test.
                    switch confirmIdentity(among: byName, title: title) {
                    case .value(let p?):
                        switch preTestCheck(p, phase: phase, title: title) {
                        case .value(true): return .value(p)
                        case .value(false), .back: continue
                        case .interrupted: return .interrupted
                        case .endOfInput: return .endOfInput
                        }
                    case .value(nil), .back: continue
                    case .interrupted: return .interrupted
                    case .endOfInput: return .endOfInput
                    }
                }
                if byName.count > 1 {
                    // Waits for Enter: the code screen drawn next would wipe it at once.
                _ = console.show(Screen(header: title, title: l(.tNameAmbiguous)), wait: true)
                    continue
                }
                // At the post-test a code typed wrong must not create a second, unmatched participant:
                // registering is offered with the cursor on «No».
                let offer = phase == .post
                    ? console.confirm(Screen(header: title, title: l(.tRegisterNewPost, typed)), defaultYes: false)
                    : console.confirm(Screen(header: title, title: l(.tRegisterNew)))
                switch offer {
                case .value(true):
                    switch register(training: training, title: title, name: phase == .post && !CodeInput.looksLikeCode(typed) ? typed : nil) {
                    case .back: continue
                    case let other: return other
                    }
                case .value(false), .back: continue
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            } catch {
                _ = console.show(Screen(title: error.description), wait: true)
                return .back
            }
        }
    }

    /// At the post-test, a participant without a submitted pre-test is told so (a wrong code is the
    /// usual reason) and asked whether to go on; the cursor starts on «No». True to go on.
    func preTestCheck(_ p: Participant, phase: Phase, title: String) -> Outcome<Bool> {
        guard phase == .post else { return .value(true) }
        let pre = try? store.attempt(participant: p.rowID, phase: .pre, instrument: quiz.id)
        if pre?.isSubmitted == true { return .value(true) }
        return console.confirm(Screen(header: title, title: l(.tNoPreTest, p.code)), defaultYes: false)
    }

    /// Participants of `training` registered under `name` (spelling and case aside): the one who
    /// says it is them, or nil for a new person with the same name.
    /// Registering with a name already registered: «is one of them you?» — without showing anything
    /// of theirs. «Yes» asks for the registration answers (``confirmIdentity(among:title:)``).
    func sameNameCheck(_ name: String, training: Training, title: String) -> Outcome<Participant?> {
        let same: [Participant]
        do { same = try store.participants(training: training.id, name: name) } catch { return .value(nil) }
        guard !same.isEmpty else { return .value(nil) }
        let options = [l(.tYesItIsMe), l(.tNewPersonSameName)]
        switch console.chooseOne(Screen(header: title, title: l(.tSameNameRegistered)), options: options, current: nil, allowSkip: false) {
        case .value(0):
            switch confirmIdentity(among: same, title: title) {
            case .value(let p?): return .value(p)
            case .value(nil), .back: return .back
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
        case .value: return .value(nil)
        case .back: return .back
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        }
    }

    /// Asks the region and the agency group the person gave at registration (the lists of the
    /// paper form, nothing preselected) and returns the one of `candidates` whose registration has
    /// both; when none has, says so without telling which answer was wrong, and returns nil.
    func confirmIdentity(among candidates: [Participant], title: String) -> Outcome<Participant?> {
        let reg = course.config.registration
        var region: String?
        var agency: String?
        if !reg.regions.isEmpty {
            switch console.chooseOne(
                Screen(header: title, title: l(.formRegion), body: [l(.tConfirmIdentity)]), options: reg.regions.map(\.label), current: nil, allowSkip: false)
            {
            case .value(let i?): region = reg.regions[i].id
            case .value(nil), .back: return .back
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
        }
        let agencies = reg.agencies.map(\.id) + (reg.otherAgency ? ["other"] : [])
        if !agencies.isEmpty {
            let labels = reg.agencies.map(\.label) + (reg.otherAgency ? [l(.tOther)] : [])
            switch console.chooseOne(Screen(header: title, title: l(.formAgency), body: [l(.tConfirmIdentity)]), options: labels, current: nil, allowSkip: false) {
            case .value(let i?): agency = agencies[i]
            case .value(nil), .back: return .back
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
        }
        let match = candidates.first { p in (region == nil || p.region == region) && (agency == nil || p.agency == agency) }
        if match == nil { _ = console.show(Screen(header: title, title: l(.tIdentityNotConfirmed)), wait: true) }
        return .value(match)
    }

    /// The paper form's fields, one per screen, with going back between them.
    func register(training: Training, title: String, name: String? = nil) -> Outcome<Participant> {
        let reg = course.config.registration
        var fields = RegistrationFields(name: name ?? nameDraft)
        var step = 0
        let otherIndex = reg.agencies.count
        while true {
            let header = title
            switch step {
            case 0:
                switch console.text(Screen(header: header, title: l(.formName)), current: fields.name, multiline: false, required: true, maxLength: TextPolicy.fieldMaxLength) {
                case .value(let v):
                    fields.name = v
                    // The same person registering again (without their code) is found, not registered twice.
                    switch sameNameCheck(v, training: training, title: title) {
                    case .value(let existing?): return .value(existing)
                    case .value(nil): step += 1
                    case .back: continue
                    case .interrupted: return .interrupted
                    case .endOfInput: return .endOfInput
                    }
                case .back:
                    // Back to the code screen; the name typed so far comes back with the next registration.
                    nameDraft = console.lastDraft ?? fields.name
                    return .back
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            case 1:
                switch console.chooseOne(Screen(header: header, title: l(.formRegion)), options: reg.regions.map(\.label), current: fields.region, allowSkip: false) {
                case .value(let v): fields.region = v; step += 1
                case .back: step -= 1
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            case 2:
                let options = reg.agencies.map(\.label) + (reg.otherAgency ? [l(.tOther)] : [])
                switch console.chooseOne(Screen(header: header, title: l(.formAgency)), options: options, current: fields.agency, allowSkip: false) {
                case .value(let v):
                    fields.agency = v
                    step += (v == otherIndex ? 1 : 2)
                case .back: step -= 1
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            case 3:
                switch console.text(Screen(header: header, title: l(.formAgencyOther)), current: fields.agencyOther, multiline: false, required: true, maxLength: TextPolicy.fieldMaxLength) {
                case .value(let v): fields.agencyOther = v; step += 1
                case .back:
                    fields.agencyOther = console.lastDraft ?? fields.agencyOther
                    step -= 1
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            case 4:
                switch console.chooseOne(Screen(header: header, title: l(.formGender)), options: reg.genders.map(\.label), current: fields.gender, allowSkip: false) {
                case .value(let v): fields.gender = v; step += 1
                case .back: step -= (fields.agency == otherIndex ? 1 : 2)
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            case 5:
                switch console.text(Screen(header: header, title: l(.formContact)), current: fields.contact, multiline: false, required: false, maxLength: TextPolicy.fieldMaxLength) {
                case .value(let v): fields.contact = v; step += 1
                case .back:
                    fields.contact = console.lastDraft ?? fields.contact
                    step -= 1
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            default:
                let agencyID = fields.agency.flatMap { $0 < reg.agencies.count ? reg.agencies[$0].id : "other" } ?? "other"
                let registration = Registration(
                    name: fields.name, region: fields.region.map { reg.regions[$0].id } ?? "",
                    agency: agencyID, agencyOther: agencyID == "other" ? fields.agencyOther : "",
                    gender: fields.gender.map { reg.genders[$0].id } ?? "", contact: fields.contact)
                do {
                    let p = try store.register(registration, training: training.id)
                    // Registered: stopping from here on reminds the participant of the code.
                    participant = p
                    console.setFarewell([l(.tSavedExit), l(.tYourCode, p.code)])
                    switch console.show(Screen(header: title, title: l(.tYourCode, p.code), body: [l(.tKeepCode)], lasting: true), wait: true) {
                    case .interrupted: return .interrupted
                    case .endOfInput: return .endOfInput
                    default: return .value(p)
                    }
                } catch {
                    _ = console.show(Screen(title: error.description), wait: true)
                    return .back
                }
            }
        }
    }

    struct RegistrationFields {
        var name: String
        var region: Int?
        var agency: Int?
        var agencyOther = ""
        var gender: Int?
        var contact = ""
    }
}

/// Saves answers where a run keeps them: a test attempt or a practice session.
final class StoreSink: AnswerSink {
    let saveAnswer: (Response, Int) throws(ResultsError) -> Void
    let savePosition: (Int) throws(ResultsError) -> Void
    let finish: () throws(ResultsError) -> Void

    init(
        save: @escaping (Response, Int) throws(ResultsError) -> Void, position: @escaping (Int) throws(ResultsError) -> Void,
        finish: @escaping () throws(ResultsError) -> Void
    ) {
        saveAnswer = save
        savePosition = position
        self.finish = finish
    }

    /// Answers of test attempt `attempt` in the results tables.
    static func attempt(_ attempt: Int64, in store: ResultsStore) -> StoreSink {
        StoreSink(
            save: { r, p throws(ResultsError) in try store.save(r, attempt: attempt, position: p) },
            position: { p throws(ResultsError) in try store.setPosition(p, attempt: attempt) },
            finish: { () throws(ResultsError) in try store.submit(attempt: attempt) })
    }

    /// Answers of practice session `session` in the practice tables.
    static func practice(_ session: Int64, in store: ResultsStore) -> StoreSink {
        StoreSink(
            save: { r, p throws(ResultsError) in try store.savePractice(r, session: session, position: p) },
            position: { p throws(ResultsError) in try store.setPracticePosition(p, session: session) },
            finish: { () throws(ResultsError) in try store.finishPractice(session: session) })
    }

    func save(_ response: Response, position: Int) throws(ResultsError) { try saveAnswer(response, position) }
    func setPosition(_ position: Int) throws(ResultsError) { try savePosition(position) }
    func submit() throws(ResultsError) { try finish() }
}
