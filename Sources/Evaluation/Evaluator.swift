import Instruments
import Dispatch
import Foundation
import CourseModel
import Localization
import Results
import Statistics

/// Errors of the evaluation layer, with what to do about them.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// What the evaluation needs to know about the course: the quiz, the survey, the registration form.
public struct EvaluationInput: Sendable {
    /// Course title.
    public var courseTitle: String
    /// Report language.
    public var language: Language
    /// Registration options (labels of regions, agencies, genders).
    public var registration: RegistrationForm
    /// The pre/post quiz.
    public var quiz: InstrumentSpec
    /// The feedback survey, if any.
    public var survey: InstrumentSpec?

    /// Creates the input from its parts.
    public init(
        courseTitle: String, language: Language, registration: RegistrationForm, quiz: InstrumentSpec,
        survey: InstrumentSpec?
    ) {
        self.courseTitle = courseTitle
        self.language = language
        self.registration = registration
        self.quiz = quiz
        self.survey = survey
    }

    /// Reads the quiz (the page of kind `quiz`) and the survey (kind `survey`) of a loaded course.
    /// - Parameters:
    ///   - course: the course.
    ///   - language: the report language; defaults to the course language (Kazakh when unknown).
    /// - Throws: ``EvaluationError`` when the course has no quiz.
    public init(course: Course, language: Language? = nil) throws(EvaluationError) {
        guard let quiz = course.quiz else {
            throw EvaluationError("the course at \(course.root.path) has no page of kind 'quiz' (the pre/post test)")
        }
        self.init(
            courseTitle: course.config.title,
            language: language ?? Language(rawValue: course.config.language) ?? .kk,
            registration: course.config.registration,
            quiz: quiz, survey: course.survey)
    }
}

/// Options of an evaluation.
public struct EvaluationOptions: Sendable {
    /// Pre facility at or above which a question is flagged as mastered before (0.9).
    public var masteredFacility = 0.9
    /// KR-20 below which reliability is flagged (0.5).
    public var lowReliability = 0.5
    /// Breakdown groups and trainings with fewer matched pairs show counts only (5).
    public var minGroup = 5
    /// Parts the stored answers are indexed in, in parallel (nil: one per core from 50,000 answers);
    /// tests set it to check that the parts give what one pass gives.
    var answerParts: Int?
    /// Answers handed from the reading thread to the indexing one at a time (nil: the store's default).
    var answerBatchSize: Int?
    /// Slope-chart participants and listed answers per question in HTML/Markdown (JSON and CSV have all).
    public var listLimit = 300
    /// Creates the default options.
    public init() {}
}

/// Turns results (participants, attempts, answers) and the quiz definition into an ``EvaluationReport``.
/// A pure function: no I/O, the same input gives the same report.
public enum Evaluator {
    /// Computes every figure of the report.
    /// - Parameters:
    ///   - snapshot: the results (practice attempts are ignored if present).
    ///   - input: the quiz, survey and registration form.
    ///   - options: thresholds.
    /// - Returns: the report.
    public static func evaluate(
        _ snapshot: ResultsSnapshot, input: EvaluationInput, options: EvaluationOptions = EvaluationOptions()
    ) throws(EvaluationError) -> EvaluationReport {
        let data = try PreparedData(snapshot: snapshot, input: input, parts: options.answerParts)
        return evaluate(data, trainings: snapshot.trainings, options: options)
    }

    /// Reads the trainings' results from `store` and evaluates them: the answers are indexed on
    /// another core while the database is still being read (they are never held as one list).
    ///
    /// - Parameters:
    ///   - store: the results store.
    ///   - trainings: the trainings to include (nil or empty: all).
    ///   - input: the quiz, survey and registration form.
    ///   - options: thresholds.
    /// - Returns: the trainings read (empty when the store has none) and the report.
    /// - Throws: ``ResultsError`` when the store cannot be read, ``EvaluationError`` when the
    ///   results do not fit the course.
    public static func evaluate(
        store: ResultsStore, trainings: [String]?, input: EvaluationInput, options: EvaluationOptions = EvaluationOptions()
    ) throws -> (trainings: [Training], report: EvaluationReport) {
        let indexing = StreamingIndex()
        let head = try store.snapshot(trainings: trainings, batchSize: options.answerBatchSize ?? 16_384) { head in
            indexing.start(head: head, input: input)
            return { batch in indexing.add(batch) }
        }
        var data = try indexing.finish()
        try data.finish(parts: nil)
        return (head.trainings, evaluate(data, trainings: head.trainings, options: options))
    }

    /// The report of prepared (indexed and scored) results.
    static func evaluate(_ data: PreparedData, trainings: [Training], options: EvaluationOptions) -> EvaluationReport {
        let input = data.input
        let all = Array(0..<data.participants.count)
        // The pooled section and, with several trainings, one per training: independent, so computed in parallel.
        var groups = [all]
        if trainings.count > 1 {
            var members = [[Int]](repeating: [], count: trainings.count)
            for i in all { members[data.trainingIndex[i]].append(i) }
            groups += members
        }
        var sections = [SectionReport?](repeating: nil, count: groups.count)
        let work = groups
        sections.withUnsafeMutableBufferPointer { buffer in
            let slots = DisjointSlots(buffer)
            DispatchQueue.concurrentPerform(iterations: work.count) { g in
                slots[g] = data.section(work[g], options: options, comparisonOnly: g > 0)
            }
        }
        let computed = sections.compactMap { $0 }
        let overall = computed.first ?? data.section(all, options: options)
        var comparison: [TrainingComparison] = []
        if trainings.count > 1 {
            for (t, training) in trainings.enumerated() where t + 1 < computed.count {
                let s = computed[t + 1]
                let row = 
                    TrainingComparison(
                        training: TrainingInfo(training), counts: s.counts, meanPre: s.paired.meanPre, meanPost: s.paired.meanPost,
                        meanGain: s.paired.meanGain, meanGainCI: s.paired.meanGainCI, tTestP: s.paired.tTest.p,
                        cohensDz: s.paired.cohensDz, wilcoxonP: s.paired.wilcoxon.p, classGain: s.paired.hake.classGain,
                        kr20Pre: s.reliability.kr20Pre, kr20Post: s.reliability.kr20Post,
                        feedbackMeans: s.feedback.map { RatingMean(id: $0.id, mean: $0.distribution.mean, n: $0.distribution.n) },
                        suppressed: false)
                comparison.append(s.counts.matchedPairs < options.minGroup ? row.suppressedCopy : row)
            }
        }
        let method = MethodNotes(
            submittedOnly: true, unscoredOpenAnswers: "excludedFromMaximum", unansweredQuestions: "incorrect",
            masteredFacility: options.masteredFacility, lowReliability: options.lowReliability, minGroup: options.minGroup,
            confidenceLevel: 0.95, itemSample: "allSubmittedAttemptsOfPhase", wilcoxon: "zeroDifferencesDropped;normalApproximation;tieCorrection;continuityCorrection",
            mcNemar: "exactBinomialBelow25DiscordantElseChiSquareContinuity", reliability: "kr20OnChoiceQuestions",
            listLimit: options.listLimit, correctness: "recomputedFromKey",
            openQuestionFacility: "meanShareOfPoints;skippedCountsZero;unscoredLeftOut", gains: "exactFractionsOfPoints",
            suppression: "countsOnlyBelowMinGroup")
        return EvaluationReport(
            schemaVersion: EvaluationReport.currentSchemaVersion, generator: "katch report", language: input.language.rawValue,
            course: input.courseTitle, quiz: input.quiz, survey: input.survey, method: method,
            trainings: trainings.map(TrainingInfo.init), overall: overall, comparison: comparison)
    }
}

extension GroupReport {
    /// The group with counts only: every score and statistic withheld.
    var suppressedCopy: GroupReport {
        let u = StatValue.unavailable(reason: StatReason.suppressed)
        var g = self
        (g.meanPre, g.meanPost, g.meanGain, g.classGain) = (u, u, u, u)
        g.meanGainCI = ConfidenceInterval(level: meanGainCI.level, lower: u, upper: u)
        g.suppressed = true
        return g
    }
}

extension TrainingComparison {
    /// The row with counts only: every score, statistic and rating mean withheld.
    var suppressedCopy: TrainingComparison {
        let u = StatValue.unavailable(reason: StatReason.suppressed)
        var c = self
        (c.meanPre, c.meanPost, c.meanGain, c.tTestP, c.cohensDz, c.wilcoxonP, c.classGain, c.kr20Pre, c.kr20Post) = (u, u, u, u, u, u, u, u, u)
        c.meanGainCI = ConfidenceInterval(level: meanGainCI.level, lower: u, upper: u)
        c.feedbackMeans = feedbackMeans.map { RatingMean(id: $0.id, mean: u, n: $0.n) }
        c.suppressed = true
        return c
    }
}

/// Cells written by parallel iterations, each cell by one iteration only.
struct DisjointSlots<T>: @unchecked Sendable {
    let cells: UnsafeMutableBufferPointer<T>

    init(_ cells: UnsafeMutableBufferPointer<T>) { self.cells = cells }

    subscript(_ i: Int) -> T {
        get { cells[i] }
        nonmutating set { cells[i] = newValue }
    }
}

/// Answers indexed on a queue of their own as the reading thread hands them over.
///
/// Only the reading thread calls ``start(head:input:)``, ``add(_:)`` and ``finish()``, in that order;
/// the prepared data is touched by the serial queue alone until ``finish()`` has waited for it.
private final class StreamingIndex: @unchecked Sendable {
    private let queue = DispatchQueue(label: "katch.report.answers")
    private let pending = DispatchGroup()
    private var data: Result<PreparedData, EvaluationError>?

    func start(head: ResultsSnapshot, input: EvaluationInput) {
        do throws(EvaluationError) { data = .success(try PreparedData(head: head, input: input)) } catch { data = .failure(error) }
    }

    func add(_ batch: [StoredResponse]) {
        queue.async(group: pending) {
            guard case .success(var prepared) = self.data else { return }
            self.data = nil  // the one copy, so indexing writes in place
            prepared.index(batch[...], parts: 1)
            self.data = .success(prepared)
        }
    }

    func finish() throws(EvaluationError) -> PreparedData {
        pending.wait()
        switch data {
        case .success(let prepared): return prepared
        case .failure(let error): throw error
        case nil: throw EvaluationError("the results were read without their attempts")
        }
    }
}

/// Where a submitted attempt's answers go: its row of the quiz or of the survey table.
enum AttemptSlot: Sendable { case quiz(Int), feedback(Int) }

/// How stored answers find their cells: the attempt's slot (and, for messages, its participant and
/// phase) and the question's column.
struct AnswerLookup: Sendable {
    var slots: RowIDIndex<AttemptSlot>
    var attemptNames: RowIDIndex<(Int, Phase)>
    var qIndex: [String: Int]
    var sIndex: [String: Int]
}

/// Values by database row id: an array over the ids' range when they are dense (as row ids of one
/// database are: 1, 2, 3 …), a dictionary otherwise. 200,000 attempts are looked up without hashing.
struct RowIDIndex<Value> {
    private var first: Int64 = 0
    private var dense: [Value?] = []
    private var sparse: [Int64: Value] = [:]
    private let isDense: Bool

    /// An index for the row ids `ids` (values are set afterwards).
    init<S: Collection>(ids: S) where S.Element == Int64 {
        guard let low = ids.min(), let high = ids.max() else {
            isDense = true
            return
        }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        isDense = !overflow && span < Int64(ids.count) * 4 + 1024
        if isDense {
            first = low
            dense = [Value?](repeating: nil, count: Int(span) + 1)
        } else {
            sparse.reserveCapacity(ids.count)
        }
    }

    subscript(_ id: Int64) -> Value? {
        get {
            guard isDense else { return sparse[id] }
            let i = id &- first
            return i >= 0 && i < Int64(dense.count) ? dense[Int(i)] : nil
        }
        set {
            let i = id &- first
            if isDense && i >= 0 && i < Int64(dense.count) {
                dense[Int(i)] = newValue
            } else if !isDense {
                sparse[id] = newValue
            }
        }
    }
}

extension RowIDIndex: Sendable where Value: Sendable {}

extension TrainingInfo {
    init(_ t: Training) {
        self.init(id: t.id, title: t.title, place: t.place, startDate: t.startDate, endDate: t.endDate)
    }
}

/// One answer of a quiz attempt, typed, with what it earns by the one scoring rule.
struct QuizAnswer {
    /// Option bit mask for choice answers (for option counts), −1 otherwise.
    var mask: Int32
    /// The answer.
    var answer: Answer
    /// Points by ``QuestionSpec/points(_:)``: nil while an open answer waits for its score.
    var points: Fraction?
    /// Right or wrong (choice questions), nil otherwise.
    var correct: Bool?
}

/// A submitted quiz attempt, scored by ``InstrumentSpec/score(_:)`` (its answers are its row of
/// ``PreparedData/quizTable``).
struct ScoredAttempt {
    var score: AttemptScore
    /// Exact percentage (nil when nothing could be scored yet), computed once.
    let percent: Fraction?

    init(score: AttemptScore) {
        self.score = score
        percent = score.percent
    }
}

/// Results indexed for fast grouping: one slot per participant.
struct PreparedData {
    let input: EvaluationInput
    let participants: [Participant]
    let trainingIDs: [String]
    let trainingIndex: [Int]
    var pre: [Int?]
    var post: [Int?]
    var feedback: [Int?]
    var unsubmitted: [(pre: Bool, post: Bool, feedback: Bool)]
    var quizAttempts: [ScoredAttempt] = []
    /// Every submitted quiz attempt's answers, one row of ``questionCount`` cells per attempt.
    var quizTable: [QuizAnswer?] = []
    /// Questions of the quiz (cells per row of ``quizTable``).
    var questionCount = 0
    var feedbackAttempts: [[Answer?]] = []
    let choiceItems: [Int]
    /// Where each attempt's answers go.
    var lookup = AnswerLookup(slots: RowIDIndex(ids: []), attemptNames: RowIDIndex(ids: []), qIndex: [:], sIndex: [:])
    /// Submitted quiz attempts (rows of ``quizTable``).
    var quizSlots = 0
    /// Every submitted feedback form's answers, one row of ``surveyQuestionCount`` cells per form.
    var surveyTable: [Answer?] = []
    var surveyQuestionCount = 0
    /// Stored answers that do not fit their questions (at most 20 listed).
    var problems: [String] = []

    /// Indexes and scores the snapshot.
    /// - Throws: ``EvaluationError`` naming the attempt and question of every stored answer that
    ///   does not fit its question (never skipped or defaulted).
    init(snapshot: ResultsSnapshot, input: EvaluationInput, parts requestedParts: Int? = nil) throws(EvaluationError) {
        try self.init(head: snapshot, input: input)
        let responses = snapshot.responses
        index(responses[...], parts: requestedParts ?? Self.parts(for: responses.count, from: 50_000))
        try finish(parts: requestedParts)
    }

    /// The participants and attempts of a snapshot laid out, with empty answer tables that
    /// ``index(_:parts:)`` fills (the snapshot's answers, if any, are not read here).
    init(head snapshot: ResultsSnapshot, input: EvaluationInput) throws(EvaluationError) {
        self.input = input
        participants = snapshot.participants
        trainingIDs = snapshot.trainings.map(\.id)
        var tIndex: [String: Int] = [:]
        for (i, t) in snapshot.trainings.enumerated() { tIndex[t.id] = i }
        var trainingIndex: [Int] = []
        trainingIndex.reserveCapacity(snapshot.participants.count)
        for p in snapshot.participants {
            guard let t = tIndex[p.trainingID] else {
                throw EvaluationError("participant \(p.code) belongs to training '\(p.trainingID)', which the results do not hold")
            }
            trainingIndex.append(t)
        }
        self.trainingIndex = trainingIndex
        let n = participants.count
        pre = Array(repeating: nil, count: n)
        post = Array(repeating: nil, count: n)
        feedback = Array(repeating: nil, count: n)
        unsubmitted = Array(repeating: (false, false, false), count: n)
        let quiz = input.quiz
        choiceItems = quiz.questions.indices.filter { quiz.questions[$0].kind.isChoice }

        var pIndex = RowIDIndex<Int>(ids: participants.lazy.map(\.rowID))
        for (i, p) in participants.enumerated() { pIndex[p.rowID] = i }

        // Attempts: slot per submitted attempt.
        var slots = RowIDIndex<AttemptSlot>(ids: snapshot.attempts.lazy.map(\.rowID))
        var attemptNames = RowIDIndex<(Int, Phase)>(ids: snapshot.attempts.lazy.map(\.rowID))
        var quizCount = 0
        var feedbackCount = 0
        for a in snapshot.attempts {
            guard let i = pIndex[a.participantID] else { continue }
            switch a.phase {
            case .pre, .post:
                guard a.instrumentID == quiz.id else { continue }
                if !a.isSubmitted {
                    if a.phase == .pre { unsubmitted[i].pre = true } else { unsubmitted[i].post = true }
                    continue
                }
                slots[a.rowID] = .quiz(quizCount)
                attemptNames[a.rowID] = (i, a.phase)
                if a.phase == .pre { pre[i] = quizCount } else { post[i] = quizCount }
                quizCount += 1
            case .feedback:
                guard let survey = input.survey, a.instrumentID == survey.id else { continue }
                if !a.isSubmitted {
                    unsubmitted[i].feedback = true
                    continue
                }
                slots[a.rowID] = .feedback(feedbackCount)
                attemptNames[a.rowID] = (i, a.phase)
                feedback[i] = feedbackCount
                feedbackCount += 1
            case .practice:
                continue
            }
        }
        var qIndex: [String: Int] = [:]
        for (k, q) in quiz.questions.enumerated() { qIndex[q.id] = k }
        var sIndex: [String: Int] = [:]
        for (k, q) in (input.survey?.questions ?? []).enumerated() { sIndex[q.id] = k }
        lookup = AnswerLookup(slots: slots, attemptNames: attemptNames, qIndex: qIndex, sIndex: sIndex)
        questionCount = quiz.questions.count
        surveyQuestionCount = input.survey?.questions.count ?? 0
        quizSlots = quizCount
        // One flat table per instrument (attempt × question). Every stored answer has its own cell
        // (an attempt answers a question once), so parts of the answers can be indexed on every
        // core, each writing its own cells.
        quizTable = [QuizAnswer?](repeating: nil, count: quizCount * questionCount)
        surveyTable = [Answer?](repeating: nil, count: feedbackCount * surveyQuestionCount)
    }

    /// One part below `threshold` items (splitting costs more than it saves), else one per core (at most 8).
    static func parts(for items: Int, from threshold: Int) -> Int {
        items < threshold ? 1 : Swift.min(Swift.max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)
    }

    /// Indexes stored answers into their cells, in `parts` contiguous parts on as many cores.
    mutating func index(_ responses: ArraySlice<StoredResponse>, parts: Int) {
        let parts = Swift.max(1, parts)
        var problemsByPart = [[String]](repeating: [], count: parts)
        let (quiz, survey, lookup, participantsSeen) = (input.quiz, input.survey, lookup, participants)
        let (qCount, sCount) = (questionCount, surveyQuestionCount)
        quizTable.withUnsafeMutableBufferPointer { quizCells in
            surveyTable.withUnsafeMutableBufferPointer { surveyCells in
                problemsByPart.withUnsafeMutableBufferPointer { problemCells in
                    let out = (quiz: DisjointSlots(quizCells), survey: DisjointSlots(surveyCells), problems: DisjointSlots(problemCells))
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        let lower = responses.startIndex + responses.count * part / parts
                        let upper = responses.startIndex + responses.count * (part + 1) / parts
                        out.problems[part] = Self.index(
                            responses[lower..<upper], quiz: quiz, survey: survey, lookup: lookup, participants: participantsSeen,
                            quizCells: out.quiz, surveyCells: out.survey, qCount: qCount, sCount: sCount)
                    }
                }
            }
        }
        for p in problemsByPart where problems.count < 20 { problems += p.prefix(20 - problems.count) }
    }

    /// Scores every indexed attempt by the one rule, on `parts` cores.
    /// - Throws: ``EvaluationError`` listing the stored answers that do not fit their questions.
    /// - Parameter parts: cores to score on (nil: every core from 20,000 attempts).
    mutating func finish(parts requestedParts: Int?) throws(EvaluationError) {
        if !problems.isEmpty {
            throw EvaluationError("the results database holds answers that do not fit the course's questions:\n  " + problems.joined(separator: "\n  "))
        }
        let attemptCount = quizSlots
        let qCount = questionCount
        let sCount = surveyQuestionCount
        let rules = input.quiz.questions.map(\.rule)
        var scored = [ScoredAttempt?](repeating: nil, count: attemptCount)
        let answersTable = quizTable
        let scoreParts = Swift.max(1, requestedParts ?? Self.parts(for: attemptCount, from: 20_000))
        scored.withUnsafeMutableBufferPointer { cells in
            let out = DisjointSlots(cells)
            DispatchQueue.concurrentPerform(iterations: scoreParts) { part in
                for a in (attemptCount * part / scoreParts)..<(attemptCount * (part + 1) / scoreParts) {
                    let answers = answersTable[(a * qCount)..<((a + 1) * qCount)].map { $0?.answer }
                    out[a] = ScoredAttempt(score: InstrumentSpec.score(inOrder: answers, rules: rules))
                }
            }
        }
        quizAttempts = scored.compactMap { $0 }
        let feedbackCount = sCount == 0 ? 0 : surveyTable.count / sCount
        feedbackAttempts = (0..<feedbackCount).map { Array(surveyTable[($0 * sCount)..<(($0 + 1) * sCount)]) }
    }

    /// Indexes one contiguous part of the stored answers into their cells of the attempt × question
    /// tables; returns the problems found (at most 20).
    ///
    /// Answers come grouped by attempt and mostly in question order: the last attempt's slot and
    /// the next question are tried before the dictionaries (2 million answers: a third of the time).
    private static func index(
        _ responses: ArraySlice<StoredResponse>, quiz: InstrumentSpec, survey: InstrumentSpec?,
        lookup: AnswerLookup,
        participants: [Participant], quizCells: DisjointSlots<QuizAnswer?>, surveyCells: DisjointSlots<Answer?>, qCount: Int, sCount: Int
    ) -> [String] {
        var problems: [String] = []
        // Plain copies: the questions' texts are not touched here (see ``QuestionSpec/Rule``).
        let rules = quiz.questions.map(\.rule)
        let ids = quiz.questions.map(\.id)
        let surveyKinds = survey?.questions.map(\.kind) ?? []
        do {
            var lastAttempt: Int64 = -1
            var lastSlot: AttemptSlot?
            var nextQuestion = 0
            for stored in responses {
                if stored.attemptID != lastAttempt {
                    lastAttempt = stored.attemptID
                    lastSlot = lookup.slots[stored.attemptID]
                    nextQuestion = 0
                }
                guard let slot = lastSlot else { continue }
                let questionID = stored.response.questionID
                // A question no longer in the instrument (removed from the course) is not analysed.
                let k: Int
                let kind: QuestionKind
                switch slot {
                case .quiz:
                    if nextQuestion < ids.count && ids[nextQuestion] == questionID {
                        k = nextQuestion
                    } else {
                        guard let i = lookup.qIndex[questionID] else { continue }
                        k = i
                    }
                    kind = rules[k].kind
                case .feedback:
                    guard let i = lookup.sIndex[questionID], i < surveyKinds.count else { continue }
                    (k, kind) = (i, surveyKinds[i])
                }
                nextQuestion = k + 1
                let answer: Answer
                do {
                    let r = stored.response
                    answer = try Answer(kind: kind, question: questionID, choice: r.choice, text: r.text, score: r.score)
                } catch {
                    if problems.count < 20, let (i, phase) = lookup.attemptNames[stored.attemptID] {
                        problems.append("participant \(participants[i].code), \(phase.rawValue): \(error)")
                    }
                    continue
                }
                switch slot {
                case .quiz(let a):
                    var mask: Int32 = -1
                    var correct: Bool?
                    if case .choice(let chosen) = answer {
                        mask = Int32(truncatingIfNeeded: chosen.mask & 0x3FF_FFFF)
                        correct = rules[k].isRight(chosen)
                    }
                    quizCells[a * qCount + k] = QuizAnswer(mask: mask, answer: answer, points: rules[k].points(answer), correct: correct)
                case .feedback(let a):
                    surveyCells[a * sCount + k] = answer
                }
            }
        }
        return problems
    }

    /// The answer of submitted quiz attempt `attempt` to question `k`.
    func answer(_ attempt: Int, _ k: Int) -> QuizAnswer? { quizTable[attempt * questionCount + k] }

    /// `a;c` → bit mask; nil when a part is not a letter.
    static func mask(_ text: String) -> Int32? {
        var mask: Int32 = 0
        var any = false
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): mask |= Int32(1) << Int32(b - UInt8(ascii: "a")); any = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): mask |= Int32(1) << Int32(b - UInt8(ascii: "A")); any = true
            case UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: " "): continue
            default: return nil
            }
        }
        return any ? mask : nil
    }

    /// Option tallies in the shape of ``Statistics/Options/counts(selections:options:)`` (same
    /// definitions: options listed first, then others seen; a proportion is of those who answered),
    /// counted on bit masks so that 100,000 answers take microseconds, not allocations.
    static func optionCounts(_ masks: [Int32?], optionCount: Int) -> OptionCounts<String> {
        var tally = [Int](repeating: 0, count: 26)
        var answered = 0
        var missing = 0
        var seen: Int32 = 0
        var order: [Int] = []
        for m in masks {
            guard let m, m > 0 else {
                missing += 1
                continue
            }
            answered += 1
            var rest = m
            while rest != 0 {
                let i = rest.trailingZeroBitCount
                tally[i] += 1
                if i >= optionCount, seen & (1 << Int32(i)) == 0 {
                    seen |= 1 << Int32(i)
                    order.append(i)
                }
                rest &= rest - 1
            }
        }
        let indices = Array(0..<Swift.min(optionCount, 26)) + order
        return OptionCounts(
            answered: answered, missing: missing,
            counts: indices.map { i in
                OptionCount(
                    option: letterNames[i], count: tally[i],
                    proportion: answered == 0 ? .unavailable(reason: StatReason.empty) : .value(Double(tally[i]) / Double(answered)))
            })
    }

    /// Removes leading and trailing white space; fast when there is none.
    static func trim(_ s: String) -> String {
        guard let f = s.unicodeScalars.first, let l = s.unicodeScalars.last else { return s }
        if !f.properties.isWhitespace && !l.properties.isWhitespace { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let letterNames: [String] = (0..<26).map { OptionLetter.letter($0) }

    static func letters(_ mask: Int32) -> [String] {
        (0..<26).filter { mask & (Int32(1) << Int32($0)) != 0 }.map { letterNames[$0] }
    }

    /// The letter of the lowest option in `mask` (single choice).
    static func firstLetter(_ mask: Int32) -> String? {
        mask > 0 ? letterNames[mask.trailingZeroBitCount] : nil
    }

    // MARK: Sections

    /// Every figure of one group of participants.
    ///
    /// - Parameter comparisonOnly: only what a row of the side-by-side comparison of trainings shows
    ///   (counts, paired figures, KR-20, rating means), by the same code as the full section; the
    ///   per-question figures, breakdowns, flags and answer lists stay empty. A report over 4,438
    ///   trainings computes 4,438 such rows.
    func section(_ members: [Int], options: EvaluationOptions, comparisonOnly: Bool = false) -> SectionReport {
        let quiz = input.quiz
        var counts = Counts(
            registered: members.count, preSubmitted: 0, postSubmitted: 0, feedbackSubmitted: 0, preUnsubmitted: 0,
            postUnsubmitted: 0, feedbackUnsubmitted: 0, matchedPairs: 0, unscoredOpenAnswers: 0)
        var unmatched: [UnmatchedParticipant] = []
        var pairs: [ScorePair] = []
        var pairedMembers: [Int] = []
        var preAll: [Double] = []
        var postAll: [Double] = []
        var scores: [ParticipantScore] = []
        var preSlots: [Int] = []
        var postSlots: [Int] = []
        for i in members {
            let p = participants[i]
            if unsubmitted[i].pre { counts.preUnsubmitted += 1 }
            if unsubmitted[i].post { counts.postUnsubmitted += 1 }
            if unsubmitted[i].feedback { counts.feedbackUnsubmitted += 1 }
            if feedback[i] != nil { counts.feedbackSubmitted += 1 }
            let a = pre[i].map { quizAttempts[$0] }
            let b = post[i].map { quizAttempts[$0] }
            if let s = pre[i] {
                counts.preSubmitted += 1
                preSlots.append(s)
            }
            if let s = post[i] {
                counts.postSubmitted += 1
                postSlots.append(s)
            }
            counts.unscoredOpenAnswers += (a?.score.unscoredOpen ?? 0) + (b?.score.unscoredOpen ?? 0)
            if let x = a?.percent { preAll.append(x.doubleValue) }
            if let y = b?.percent { postAll.append(y.doubleValue) }
            if (a != nil || b != nil) && !comparisonOnly {
                scores.append(ParticipantScore(training: p.trainingID, code: p.code, pre: a?.percent?.doubleValue, post: b?.percent?.doubleValue))
            }
            if a != nil, b != nil {
                counts.matchedPairs += 1
                if let x = a?.percent, let y = b?.percent {
                    pairs.append(ScorePair(pre: x, post: y))
                    pairedMembers.append(i)
                }
            } else if a != nil || b != nil {
                unmatched.append(UnmatchedParticipant(training: p.trainingID, code: p.code, hasPre: a != nil, hasPost: b != nil))
            }
        }
        let paired = Paired.analyze(pairs)

        // Items (choice questions), every submitted attempt of the phase.
        func matrix(_ slots: [Int]) -> [[Bool?]] {
            slots.map { s in
                return choiceItems.map { answer(s, $0)?.correct }
            }
        }
        // A comparison row shows KR-20 only: the same function the item analysis uses, without the rest.
        let preMatrix = matrix(preSlots)
        let postMatrix = matrix(postSlots)
        let preItems = comparisonOnly ? nil : Items.analyze(preMatrix)
        let postItems = comparisonOnly ? nil : Items.analyze(postMatrix)
        var questions: [QuestionReport] = []
        var flags: [ReportFlag] = []
        let pairedSlots = members.compactMap { i -> (Int, Int)? in
            guard let a = pre[i], let b = post[i] else { return nil }
            return (a, b)
        }
        for (k, q) in quiz.questions.enumerated() where !comparisonOnly {
            let answeredPre = preSlots.reduce(0) { $0 + (answer($1, k) == nil ? 0 : 1) }
            let answeredPost = postSlots.reduce(0) { $0 + (answer($1, k) == nil ? 0 : 1) }
            var report = QuestionReport(
                id: q.id, type: q.kind, answeredPre: answeredPre, answeredPost: answeredPost,
                facilityPre: .unavailable(reason: StatReason.empty), facilityPost: .unavailable(reason: StatReason.empty),
                change: .unavailable(reason: StatReason.empty), mcNemar: nil,
                discriminationPre: .unavailable(reason: "open question"), discriminationPost: .unavailable(reason: "open question"),
                optionsPre: nil, optionsPost: nil)
            if let c = choiceItems.firstIndex(of: k), let preItems, let postItems {
                report.facilityPre = preItems.items.count > c ? preItems.items[c].facility : .unavailable(reason: StatReason.empty)
                report.facilityPost = postItems.items.count > c ? postItems.items[c].facility : .unavailable(reason: StatReason.empty)
                report.discriminationPre =
                    preItems.items.count > c ? preItems.items[c].discrimination : .unavailable(reason: StatReason.empty)
                report.discriminationPost =
                    postItems.items.count > c ? postItems.items[c].discrimination : .unavailable(reason: StatReason.empty)
                report.mcNemar = Items.mcNemar(
                    pre: pairedSlots.map { answer($0.0, k)?.correct ?? false },
                    post: pairedSlots.map { answer($0.1, k)?.correct ?? false })
                func counts(_ slots: [Int]) -> OptionCounts<String> {
                    Self.optionCounts(slots.map { answer($0, k)?.mask }, optionCount: q.options.count)
                }
                report.optionsPre = counts(preSlots)
                report.optionsPost = counts(postSlots)
            } else if q.isScoredByTrainer {
                // The same rule as the score: a skipped or blank answer earns 0, an unscored one is left out.
                func facility(_ slots: [Int]) -> StatValue {
                    let earned = slots.compactMap { s -> Fraction? in
                        let a = answer(s, k)
                        return a == nil ? Fraction.zero : a?.points
                    }
                    return Descriptives.mean(earned.map { ($0 / q.maximum).doubleValue })
                }
                report.facilityPre = facility(preSlots)
                report.facilityPost = facility(postSlots)
            }
            if let a = report.facilityPre.doubleValue, let b = report.facilityPost.doubleValue {
                report.change = StatValue(checking: b - a)
            } else {
                report.change = .unavailable(reason: report.facilityPre.reason ?? report.facilityPost.reason ?? StatReason.empty)
            }
            if let f = report.facilityPre.doubleValue, f >= options.masteredFacility {
                flags.append(ReportFlag(kind: .masteredBefore, question: q.id, phase: "pre", value: f))
            }
            if let c = report.change.doubleValue, c < 0 {
                flags.append(ReportFlag(kind: .gotWorse, question: q.id, phase: nil, value: c))
            }
            if let d = report.discriminationPre.doubleValue, d < 0 {
                flags.append(ReportFlag(kind: .negativeDiscrimination, question: q.id, phase: "pre", value: d))
            }
            if let d = report.discriminationPost.doubleValue, d < 0 {
                flags.append(ReportFlag(kind: .negativeDiscrimination, question: q.id, phase: "post", value: d))
            }
            questions.append(report)
        }
        let reliability = Reliability(
            items: choiceItems.count, kr20Pre: preItems?.kr20 ?? Items.kr20(preMatrix), kr20Post: postItems?.kr20 ?? Items.kr20(postMatrix))
        if let r = reliability.kr20Pre.doubleValue, r < options.lowReliability {
            flags.append(ReportFlag(kind: .lowReliability, question: nil, phase: "pre", value: r))
        }
        if let r = reliability.kr20Post.doubleValue, r < options.lowReliability {
            flags.append(ReportFlag(kind: .lowReliability, question: nil, phase: "post", value: r))
        }
        if counts.unscoredOpenAnswers > 0 {
            flags.append(ReportFlag(kind: .unscoredOpenAnswers, question: nil, phase: nil, value: Double(counts.unscoredOpenAnswers)))
        }
        let unsubmittedTotal = counts.preUnsubmitted + counts.postUnsubmitted + counts.feedbackUnsubmitted
        if unsubmittedTotal > 0 {
            flags.append(ReportFlag(kind: .unsubmittedAttempts, question: nil, phase: nil, value: Double(unsubmittedTotal)))
        }

        // Feedback.
        var feedbackReports: [RatingReport] = []
        var comments: [TextAnswer] = []
        if let survey = input.survey {
            let slots = members.compactMap { feedback[$0] }
            for (k, q) in survey.questions.enumerated() where q.kind == .rating {
                let scale = 1...Swift.max(q.options.count, 2)
                let ratings = slots.map { s -> Int? in
                    guard case .rating(let v)? = feedbackAttempts[s][k] else { return nil }
                    return v
                }
                feedbackReports.append(RatingReport(id: q.id, labels: q.options, distribution: RatingDistribution(ratings: ratings, scale: scale)))
            }
            for (k, q) in survey.questions.enumerated() where q.kind == .open && !comparisonOnly {
                for i in members {
                    guard let s = feedback[i], case .text(let raw, _)? = feedbackAttempts[s][k] else { continue }
                    let text = Self.trim(raw)
                    guard !text.isEmpty else { continue }
                    let p = participants[i]
                    comments.append(TextAnswer(training: p.trainingID, code: p.code, phase: "feedback", question: q.id, text: text, score: nil))
                }
            }
        }

        // Open quiz answers.
        var openAnswers: [TextAnswer] = []
        for (k, q) in quiz.questions.enumerated() where q.kind == .open && !comparisonOnly {
            for (phase, slots) in [("pre", pre), ("post", post)] {
                for i in members {
                    guard let s = slots[i], case .text(let text, let score)? = answer(s, k)?.answer else { continue }
                    let trimmed = Self.trim(text)
                    guard !trimmed.isEmpty || score != nil else { continue }
                    let p = participants[i]
                    openAnswers.append(
                        TextAnswer(training: p.trainingID, code: p.code, phase: phase, question: q.id, text: trimmed, score: score?.doubleValue))
                }
            }
        }

        // Breakdowns.
        let reg = input.registration
        let localize = Localizer(input.language)
        func breakdown(_ dimension: String, _ known: [LabeledOption], _ key: (Participant) -> String) -> Breakdown {
            var order = known.map(\.id)
            var labels: [String: String] = [:]
            for o in known { labels[o.id] = o.label }
            if dimension == "agency" { labels["other"] = labels["other"] ?? localize(.reportOther) }
            var registered: [String: Int] = [:]
            var groupPairs: [String: [ScorePair]] = [:]
            for i in members {
                let id = key(participants[i])
                if registered[id] == nil, !order.contains(id) { order.append(id) }
                registered[id, default: 0] += 1
            }
            for (n, i) in pairedMembers.enumerated() { groupPairs[key(participants[i]), default: []].append(pairs[n]) }
            let groups = order.compactMap { id -> GroupReport? in
                guard let count = registered[id] else { return nil }
                let a = Paired.analyze(groupPairs[id] ?? [])
                let group = GroupReport(
                    id: id, label: labels[id] ?? id, registered: count, matched: a.n, meanPre: a.meanPre, meanPost: a.meanPost,
                    meanGain: a.meanGain, meanGainCI: a.meanGainCI, classGain: a.hake.classGain, suppressed: false)
                return a.n < options.minGroup ? group.suppressedCopy : group
            }
            return Breakdown(dimension: dimension, groups: groups)
        }
        let breakdowns = comparisonOnly ? [] : [
            breakdown("region", reg.regions) { $0.region },
            breakdown("agency", reg.agencies) { $0.agency },
            breakdown("gender", reg.genders) { $0.gender },
        ]

        return SectionReport(
            counts: counts, unmatched: unmatched, preScores: Descriptives.summary(preAll), postScores: Descriptives.summary(postAll),
            matchedPre: Descriptives.summary(pairs.map(\.pre.doubleValue)), matchedPost: Descriptives.summary(pairs.map(\.post.doubleValue)), paired: paired,
            questions: questions, reliability: reliability, feedback: feedbackReports, breakdowns: breakdowns, flags: flags,
            participants: scores, openAnswers: openAnswers, comments: comments)
    }
}
