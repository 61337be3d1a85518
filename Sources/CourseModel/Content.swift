import Instruments
import Markdown

/// Inline content of the course, after katch's extensions are read from the cmark AST.
public indirect enum Span: Sendable, Hashable {
    case text(String)
    case code(String)
    case emphasis([Span])
    case strong([Span])
    /// A link to the web (or any URL that is not a cross-reference).
    case link(url: String, [Span])
    /// A cross-reference `id:target` to a page or a heading id anywhere in the course, with where
    /// it was written (for diagnostics).
    case reference(id: String, [Span], at: SourcePosition? = nil)
    case image(source: String, alt: String)
    /// A footnote reference `[^N]`.
    case footnote(String)
    case softBreak
    case lineBreak
}

extension Span {
    /// Plain text of the span (footnote markers omitted).
    public var plainText: String {
        switch self {
        case .text(let s), .code(let s): return s
        case .emphasis(let c), .strong(let c), .link(_, let c), .reference(_, let c, _): return c.plainText
        case .image(_, let alt): return alt
        case .footnote: return ""
        case .softBreak, .lineBreak: return " "
        }
    }
}

extension Array where Element == Span {
    /// The concatenated plain text.
    public var plainText: String { map(\.plainText).joined() }
}

/// The kinds of callout (`> [!KIND]`).
public enum CalloutKind: String, Sendable, Hashable, CaseIterable {
    case attention = "ATTENTION", important = "IMPORTANT", note = "NOTE", example = "EXAMPLE"
    case energizer = "ENERGIZER", trainer = "TRAINER", answer = "ANSWER"

    /// Whether the callout exists only in the trainer edition.
    public var isTrainerOnly: Bool { self == .trainer || self == .answer }
}

/// A heading with its anchor.
public struct Heading: Sendable, Hashable {
    /// 1–6.
    public var level: Int
    /// The heading text, attribute block removed.
    public var spans: [Span]
    /// The anchor: the explicit `{#id}` or a slug unique on the page.
    public var anchor: String
    /// Whether `anchor` was written by the author (and so is a course-wide id).
    public var isExplicit: Bool
    /// Other attributes from the `{…}` block (`type=open`, `max=2`).
    public var attributes: [String: String]

    /// Creates a heading.
    public init(level: Int, spans: [Span], anchor: String, isExplicit: Bool, attributes: [String: String] = [:]) {
        self.level = level
        self.spans = spans
        self.anchor = anchor
        self.isExplicit = isExplicit
        self.attributes = attributes
    }
}

/// A question of a quiz, survey or practice exercise.
public struct Question: Sendable, Hashable, Identifiable {
    /// The kinds of question: the one ``Instruments/QuestionKind`` (with its scoring rule).
    public typealias QuestionType = QuestionKind

    /// One option.
    public struct Option: Sendable, Hashable {
        /// Option text.
        public var spans: [Span]
        /// Whether the option is (part of) the answer; always false for ratings.
        public var isCorrect: Bool
        /// Creates an option.
        public init(spans: [Span], isCorrect: Bool) {
            self.spans = spans
            self.isCorrect = isCorrect
        }
    }

    /// The scale of a rating question (`type=rating`): 1 to 5, one label per point in order.
    /// The forms print «rate from 1 to 5», so a rating may not have more labels than this.
    public static let ratingScale = 1...5

    /// Stable id (`q1`), unique in the course.
    public var id: String
    /// The heading of the question.
    public var heading: Heading
    /// What kind of answer it takes.
    public var type: QuestionType
    /// Options in order (ratings: the labels of 1…n).
    public var options: [Option]
    /// Maximum score of an open question (scored by the trainer); 1 for choice questions.
    public var maxScore: Int

    /// How many writing lines an open question may ask for on the printed form (`lines=N`).
    public static let writingLines = 1...30

    /// The writing lines of an open question on the printed form: `lines=N` on its heading, else
    /// 2 per point of a scored test question (at least 4), else 4.
    public var lines: Int {
        if let n = heading.attributes["lines"].flatMap(Int.init), Self.writingLines.contains(n) { return n }
        return maxScore > 0 ? Swift.max(4, 2 * maxScore) : 4
    }
    /// The `ANSWER` callout that follows the question: explanation or rubric (trainer only).
    public var explanation: Callout?
    /// Extra blocks between the heading and the options (a stem, an image …), visible to all.
    public var stem: [ContentBlock]

    /// Creates a question.
    public init(
        id: String, heading: Heading, type: QuestionType, options: [Option], maxScore: Int,
        explanation: Callout?, stem: [ContentBlock] = []
    ) {
        self.id = id
        self.heading = heading
        self.type = type
        self.options = options
        self.maxScore = maxScore
        self.explanation = explanation
        self.stem = stem
    }

    /// The question's prompt as plain text.
    public var prompt: String { heading.spans.plainText }

    /// Indices of correct options.
    public var correctIndices: [Int] { options.indices.filter { options[$0].isCorrect } }

    /// Whether a choice answer (option indices) is exactly right.
    public func isCorrect(_ chosen: Set<Int>) -> Bool { chosen == Set(correctIndices) }

    /// This question as scoring, import, export and the report see it.
    public func spec(role: InstrumentRole) -> QuestionSpec {
        QuestionSpec(
            id: id, kind: type, role: role, prompt: prompt, options: options.map { $0.spans.plainText },
            correct: Set(correctIndices), openMaximum: maxScore)
    }
}

extension Page {
    /// The instrument of a `quiz` or `survey` page (nil for other kinds).
    public var instrument: InstrumentSpec? {
        let role: InstrumentRole
        switch kind {
        case .quiz: role = .quiz
        case .survey: role = .survey
        default: return nil
        }
        return InstrumentSpec(id: id, title: title, role: role, questions: questions.map { $0.spec(role: role) })
    }
}

extension Course {
    /// The pre/post test (the page of kind `quiz`).
    public var quiz: InstrumentSpec? { pages.first { $0.kind == .quiz }?.instrument }
    /// The feedback form (the page of kind `survey`).
    public var survey: InstrumentSpec? { pages.first { $0.kind == .survey }?.instrument }
}

/// A callout box.
public struct Callout: Sendable, Hashable {
    /// Its kind.
    public var kind: CalloutKind
    /// Title written after `[!KIND]`, possibly empty.
    public var title: [Span]
    /// The body.
    public var body: [ContentBlock]

    /// Creates a callout.
    public init(kind: CalloutKind, title: [Span], body: [ContentBlock]) {
        self.kind = kind
        self.title = title
        self.body = body
    }
}

/// A table from a ```` ```table ```` block.
public struct Table: Sendable, Hashable {
    /// Caption (may be empty).
    public var caption: String
    /// Header cells.
    public var header: [[Span]]
    /// Body rows of cells.
    public var rows: [[[Span]]]
    /// The raw cell text, header first, as written (Markdown included).
    public var rawRows: [[String]]
    /// The table's cells as readers see them: the text of each parsed cell (header row first), so
    /// Markdown written in a cell (`\*`, `**…**`, links) never reaches the search index, a CSV
    /// download or the terminal as source text, as it would through ``rawRows``.
    public var textRows: [[String]] {
        guard !rawRows.isEmpty else { return [] }
        return ([header] + rows).map { $0.map(\.plainText) }
    }
    /// File name of the CSV download, if offered.
    public var download: String?

    /// Creates a table.
    public init(caption: String, header: [[Span]], rows: [[[Span]]], rawRows: [[String]], download: String?) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.rawRows = rawRows
        self.download = download
    }
}

/// Content blocks of a page: CommonMark blocks plus katch's structured ones.
public struct ContentBlock: Sendable, Hashable {
    /// The block kinds.
    public indirect enum Kind: Sendable, Hashable {
        case paragraph([Span])
        case heading(Heading)
        case list(ListStyle, items: [[ContentBlock]])
        case quote([ContentBlock])
        case callout(Callout)
        case table(Table)
        case question(Question)
        case screening(ScreeningTool)
        case code(info: String, literal: String)
        case thematicBreak
    }

    /// What the block is.
    public var kind: Kind
    /// Where it starts.
    public var position: SourcePosition

    /// Creates a block.
    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }
}

extension ContentBlock {
    /// Plain text of the block and everything inside it, trainer-only parts included.
    public var plainText: String {
        switch kind {
        case .paragraph(let s): return s.plainText
        case .heading(let h): return h.spans.plainText
        case .list(_, let items): return items.map { $0.map(\.plainText).joined(separator: "\n") }.joined(separator: "\n")
        case .quote(let b): return b.map(\.plainText).joined(separator: "\n")
        case .callout(let c): return ([c.title.plainText] + c.body.map(\.plainText)).joined(separator: "\n")
        case .table(let t): return t.rawRows.map { $0.joined(separator: " ") }.joined(separator: "\n")
        case .question(let q):
            var parts = [q.prompt] + q.stem.map(\.plainText) + q.options.map(\.spans.plainText)
            if let e = q.explanation { parts.append(ContentBlock(.callout(e), at: position).plainText) }
            return parts.joined(separator: "\n")
        case .screening(let s): return s.plainText
        case .code(_, let literal): return literal
        case .thematicBreak: return ""
        }
    }
}
