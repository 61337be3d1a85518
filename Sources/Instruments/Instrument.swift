import Statistics

/// The kinds of question an instrument (quiz or survey) has, each with its one scoring rule.
///
/// The raw values are what course files (`type=multiple`), the database and the report's JSON
/// (`"type": "single"`) write.
public enum QuestionKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// One right option (`[x]` once).
    case single
    /// Any number of right options; right when exactly the key's set is chosen.
    case multiple
    /// Free text; in a quiz the trainer scores it 0…max with the rubric.
    case open
    /// A rating 1…n (surveys); never scored.
    case rating

    /// Whether an answer is right or wrong by the key (single or multiple choice).
    public var isChoice: Bool { self == .single || self == .multiple }
}

/// What an instrument is for, which decides whether its open questions carry points.
public enum InstrumentRole: String, Sendable, Hashable, Codable {
    /// The pre/post test: choice questions 1 point, open questions their `max=`.
    case quiz
    /// The feedback form: nothing is scored (open questions are comments).
    case survey
}

/// One question as scoring, import, export and the report need it.
public struct QuestionSpec: Sendable, Hashable {
    /// Question id (`q1`), stable across wording changes.
    public var id: String
    /// Kind.
    public var kind: QuestionKind
    /// Prompt as plain text.
    public var prompt: String
    /// Option labels in order (ratings: the labels of 1…n); their letters are ``OptionLetter``s.
    public var options: [String]
    /// Indices of the right options (choice questions).
    public var correct: Set<Int> { didSet { key = OptionChoice(correct) } }
    /// The right options as one word, for comparing millions of answers.
    public private(set) var key: OptionChoice
    /// Points the question is worth: 1 for a choice question, the rubric maximum for an open quiz
    /// question, 0 for ratings and survey text.
    public var maximum: Fraction

    /// Creates a question.
    public init(id: String, kind: QuestionKind, prompt: String = "", options: [String] = [], correct: Set<Int> = [], maximum: Fraction) {
        self.id = id
        self.kind = kind
        self.prompt = prompt
        self.options = options
        self.correct = correct
        self.key = OptionChoice(correct)
        self.maximum = maximum
    }

    /// A question with the maximum its kind and role give it (`openMaximum` is the `max=` of an
    /// open question; a survey scores nothing).
    public init(id: String, kind: QuestionKind, role: InstrumentRole, prompt: String, options: [String], correct: Set<Int>, openMaximum: Int) {
        let maximum: Fraction
        switch (kind, role) {
        case (.single, _), (.multiple, _): maximum = 1
        case (.open, .quiz): maximum = Fraction(openMaximum)
        case (.open, .survey), (.rating, _): maximum = 0
        }
        self.init(id: id, kind: kind, prompt: prompt, options: options, correct: correct, maximum: maximum)
    }

    /// What scoring needs of the question, as a plain value (see ``Rule``).
    public var rule: Rule { Rule(kind: kind, key: key, maximum: maximum) }

    /// Whether the chosen options are exactly the key.
    public func isRight(_ chosen: OptionChoice) -> Bool { rule.isRight(chosen) }

    /// Whether a trainer scores this question's answers (an open quiz question with a maximum).
    public var isScoredByTrainer: Bool { rule.isScoredByTrainer }

    /// The points an answer earns (``Rule/points(_:)``).
    public func points(_ answer: Answer?) -> Fraction? { rule.points(answer) }

    /// The scoring rule of one question: its kind, key and maximum, without its texts.
    ///
    /// A plain value with no reference-counted parts, so that a report scoring two million answers
    /// on both cores copies it freely (copies of the whole question, with its texts, made the
    /// cores fight over the same reference counts).
    public struct Rule: Sendable, Hashable {
        /// Kind.
        public let kind: QuestionKind
        /// The right options.
        public let key: OptionChoice
        /// Points the question is worth.
        public let maximum: Fraction

        /// Whether the chosen options are exactly the key.
        public func isRight(_ chosen: OptionChoice) -> Bool { kind.isChoice && !chosen.isEmpty && chosen == key }

        /// Whether a trainer scores this question's answers (an open quiz question with a maximum).
        public var isScoredByTrainer: Bool { kind == .open && maximum > .zero }

        /// The points an answer earns, or nil when it waits for the trainer's score. An unanswered
        /// question earns 0 (it stays in the maximum).
        public func points(_ answer: Answer?) -> Fraction? {
            guard let answer else { return .zero }
            switch (kind, answer) {
            case (.single, .choice(let chosen)), (.multiple, .choice(let chosen)):
                return isRight(chosen) ? 1 : .zero
            case (.open, .text(let text, let score)):
                guard isScoredByTrainer else { return .zero }
                if let score { return score }
                return text.allSatisfy(\.isWhitespace) ? .zero : nil
            default:
                return .zero
            }
        }
    }
}

/// A quiz or survey: its id, title and questions in order.
public struct InstrumentSpec: Sendable, Hashable {
    /// Page id (`pre-post-test`).
    public var id: String
    /// Title.
    public var title: String
    /// Quiz or survey.
    public var role: InstrumentRole
    /// Questions in order.
    public var questions: [QuestionSpec]

    /// Creates an instrument.
    public init(id: String, title: String = "", role: InstrumentRole, questions: [QuestionSpec]) {
        self.id = id
        self.title = title
        self.role = role
        self.questions = questions
    }

    /// The question with this id.
    public func question(_ id: String) -> QuestionSpec? { questions.first { $0.id == id } }

    /// Sum of the questions' maxima.
    public var maximum: Fraction { questions.reduce(Fraction.zero) { $0 + $1.maximum } }

    /// The one scoring rule of katch, used by the participant's end screen, `katch score`, the
    /// report, the export and the import:
    ///
    /// - a choice question earns 1 point when exactly the key is chosen, else 0;
    /// - an unanswered question (or an open answer left blank) earns 0 and stays in the maximum;
    /// - a scored open answer earns the trainer's score;
    /// - an open answer **not yet scored** is left out of both the points and the maximum.
    /// - Parameter answers: the attempt's answers by question id.
    /// - Returns: points, maximum and the number of answers waiting for a score.
    public func score(_ answers: [String: Answer]) -> AttemptScore {
        score(inOrder: questions.map { answers[$0.id] })
    }

    /// ``score(_:)`` of answers given in the order of ``questions`` (nil: unanswered).
    public func score(inOrder answers: [Answer?]) -> AttemptScore {
        Self.score(inOrder: answers, rules: questions.map(\.rule))
    }

    /// ``score(_:)`` of answers given in the order of `rules` (the instrument's ``QuestionSpec/rule``s,
    /// made once for many attempts).
    public static func score(inOrder answers: [Answer?], rules: [QuestionSpec.Rule]) -> AttemptScore {
        var points = Fraction.zero
        var maximum = Fraction.zero
        var unscored = 0
        for (k, rule) in rules.enumerated() where rule.maximum > .zero {
            if let p = rule.points(k < answers.count ? answers[k] : nil) {
                points += p
                maximum += rule.maximum
            } else {
                unscored += 1
            }
        }
        return AttemptScore(points: points, maximum: maximum, unscoredOpen: unscored)
    }
}

/// An attempt's score by the one rule (``InstrumentSpec/score(_:)``), exact.
public struct AttemptScore: Sendable, Hashable {
    /// Points earned.
    public var points: Fraction
    /// Points possible (open answers not yet scored left out).
    public var maximum: Fraction
    /// Open answers waiting for the trainer's score.
    public var unscoredOpen: Int

    /// Creates a score.
    public init(points: Fraction, maximum: Fraction, unscoredOpen: Int) {
        self.points = points
        self.maximum = maximum
        self.unscoredOpen = unscoredOpen
    }

    /// 100 · points / maximum, exact; nil when nothing can be scored yet.
    public var percent: Fraction? { maximum > .zero ? Fraction(100) * points / maximum : nil }

    /// The percentage rounded to a whole number for a participant's screen (half away from zero).
    public var roundedPercent: Int? { percent.map { Int(($0.doubleValue).rounded()) } }
}

extension QuestionSpec: Codable {
    enum CodingKeys: String, CodingKey { case id, type, prompt, options, correct, maxScore }

    /// The report's JSON: `{"id", "type", "prompt", "options", "correct": [indices], "maxScore": number}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .type)
        try c.encode(prompt, forKey: .prompt)
        try c.encode(options, forKey: .options)
        try c.encode(correct.sorted(), forKey: .correct)
        try c.encode(maximum.doubleValue, forKey: .maxScore)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let max = try c.decode(Double.self, forKey: .maxScore)
        guard let exact = Fraction(decimal: max) else {
            throw DecodingError.dataCorruptedError(forKey: .maxScore, in: c, debugDescription: "maxScore \(max) is not a decimal of at most 3 places")
        }
        self.init(
            id: try c.decode(String.self, forKey: .id), kind: try c.decode(QuestionKind.self, forKey: .type),
            prompt: try c.decode(String.self, forKey: .prompt), options: try c.decode([String].self, forKey: .options),
            correct: Set(try c.decode([Int].self, forKey: .correct)), maximum: exact)
    }
}

extension InstrumentSpec: Codable {}
