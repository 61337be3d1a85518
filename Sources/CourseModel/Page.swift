import Markdown

/// What a page is.
public enum PageKind: String, Sendable, Hashable, CaseIterable, Codable {
    case page, module
    case modulePart = "module-part"
    case exercise, discussion
    case `case` = "case"
    case rolePlay = "role-play"
    case icebreaker, energizer, quiz, survey, screening, reference

    /// Whether this kind is a training activity (exercise, discussion, case …).
    public var isActivity: Bool {
        switch self {
        case .exercise, .discussion, .case, .rolePlay, .icebreaker, .energizer: return true
        default: return false
        }
    }
}

/// Who may see a page.
public enum Audience: String, Sendable, Hashable, Codable {
    case all, trainer
}

/// The two editions of the site.
public enum Edition: String, Sendable, Hashable, CaseIterable, Codable {
    case trainer, participant
}

/// One Markdown file of the course: front matter plus content.
public struct Page: Sendable, Hashable, Identifiable {
    /// Stable id, unique in the course.
    public var id: String
    /// Title from front matter.
    public var title: String
    /// Kind of page.
    public var kind: PageKind
    /// Path relative to the course root, e.g. `modules/m1/part-1.md`.
    public var file: String
    /// The module this page belongs to (its own id for a module page).
    public var module: String?
    /// Sort order in its group.
    public var order: Int
    /// Who may see it.
    public var audience: Audience
    /// Duration of an activity.
    public var duration: Minutes?
    /// Material ids.
    public var materials: [String]
    /// Track (`common`, `4.a` …).
    public var track: String?
    /// One-line summary.
    public var summary: String?
    /// Module number (`1`, `4.a`) for module pages.
    public var number: String?
    /// Quiz phases (`pre`, `post`).
    public var phases: [String]
    /// The part (id) an activity belongs to, if given.
    public var part: String?
    /// Content.
    public var blocks: [ContentBlock]
    /// Footnote definitions in order of definition.
    public var footnotes: [(label: String, spans: [Span])]
    /// Labels of the footnotes defined inside trainer-only content (see ``footnoteScope(_:)``).
    public var trainerOnlyFootnotes: Set<String> = []
    /// Where front-matter values are written: `id`, `kind`, `module`, `track` …, and
    /// `material:<id>` / `phase:<name>` for list items.
    var positions: [String: SourcePosition] = [:]

    /// The front-matter keys katch reads (none is a boolean: front matter is composed without tag
    /// rules, ``YAMLEncoding/composeFrontMatter(yaml:)``).
    public static let frontMatterKeys: Set<String> = [
        "id", "title", "kind", "module", "order", "audience", "duration", "materials", "track", "summary",
        "number", "phases", "part",
    ]

    /// Where front-matter value `key` is written (the file's first line when unknown).
    func position(of key: String) -> SourcePosition { positions[key] ?? SourcePosition(line: 1, column: 1) }

    /// Creates a page.
    public init(
        id: String, title: String, kind: PageKind, file: String, module: String? = nil, order: Int = 0,
        audience: Audience = .all, duration: Minutes? = nil, materials: [String] = [], track: String? = nil,
        summary: String? = nil, number: String? = nil, phases: [String] = [], part: String? = nil,
        blocks: [ContentBlock] = [], footnotes: [(label: String, spans: [Span])] = []
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.file = file
        self.module = module
        self.order = order
        self.audience = audience
        self.duration = duration
        self.materials = materials
        self.track = track
        self.summary = summary
        self.number = number
        self.phases = phases
        self.part = part
        self.blocks = blocks
        self.footnotes = footnotes
    }

    public static func == (a: Page, b: Page) -> Bool { a.id == b.id && a.file == b.file && a.blocks == b.blocks }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(file)
    }

    /// Whether the page belongs in `edition`.
    public func isVisible(in edition: Edition) -> Bool { edition == .trainer || audience == .all }

    /// Every question on the page, in order (nested ones included).
    public var questions: [Question] { placedQuestions.map(\.question) }

    /// Every question on the page with where it stands in its file.
    public var placedQuestions: [(question: Question, position: SourcePosition)] {
        var result: [(question: Question, position: SourcePosition)] = []
        walk { b, _ in if case .question(let q) = b.kind { result.append((q, b.position)) } }
        return result
    }

    /// Every heading on the page (question headings and trainer-only ones included), in order.
    public var headings: [Heading] { headings(in: .trainer) }

    /// The headings `edition` shows: in the participant edition, none from trainer-only content.
    public func headings(in edition: Edition) -> [Heading] {
        var result: [Heading] = []
        // Read before the walk: a closure that reads `audience` copies the whole page for each block.
        let everyScope = audience == .trainer
        walk { b, scope in
            guard everyScope || scope.isVisible(in: edition) else { return }
            switch b.kind {
            case .heading(let h): result.append(h)
            case .question(let q): result.append(q.heading)
            default: break
            }
        }
        return result
    }

    /// Every screening tool on the page.
    public var screeningTools: [ScreeningTool] {
        blocks.compactMap { if case .screening(let t) = $0.kind { return t } else { return nil } }
    }
}
