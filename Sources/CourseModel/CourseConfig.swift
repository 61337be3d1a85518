import Markdown

/// An id with its printed label (materials, regions, agencies, genders).
public struct LabeledOption: Sendable, Hashable, Codable {
    /// Stable id.
    public var id: String
    /// Printed label.
    public var label: String
    /// Creates an option.
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// The registration form, as on the paper form.
public struct RegistrationForm: Sendable, Hashable {
    /// Regions and cities.
    public var regions: [LabeledOption]
    /// Agency groups.
    public var agencies: [LabeledOption]
    /// Whether «other» with a text is offered for the agency.
    public var otherAgency: Bool
    /// Genders.
    public var genders: [LabeledOption]
    /// Creates a form.
    public init(regions: [LabeledOption] = [], agencies: [LabeledOption] = [], otherAgency: Bool = true, genders: [LabeledOption] = []) {
        self.regions = regions
        self.agencies = agencies
        self.otherAgency = otherAgency
        self.genders = genders
    }
}

/// A reference from the agenda or front matter, with where it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var position: SourcePosition
    /// Creates a located value.
    public init(_ value: Value, at position: SourcePosition) {
        self.value = value
        self.position = position
    }
}

/// One session of an agenda day.
public struct AgendaSession: Sendable, Hashable {
    /// Title.
    public var title: String
    /// Duration (a range for «5–10 минут»).
    public var duration: Minutes
    /// Printed sub-items.
    public var items: [String]
    /// Ids of pages the session covers.
    public var refs: [Located<String>]
    /// Material ids.
    public var materials: [Located<String>]
    /// Whether it is a break (lunch, tea).
    public var isBreak: Bool
    /// Where it is written in course.yml.
    public var position: SourcePosition

    /// Creates a session.
    public init(
        title: String, duration: Minutes, items: [String] = [], refs: [Located<String>] = [],
        materials: [Located<String>] = [], isBreak: Bool = false, position: SourcePosition
    ) {
        self.title = title
        self.duration = duration
        self.items = items
        self.refs = refs
        self.materials = materials
        self.isBreak = isBreak
        self.position = position
    }
}

/// One day (or a day-3 track, or the joint block) of the agenda.
public struct AgendaDay: Sendable, Hashable, Identifiable {
    /// Stable id (`day-1`, `day-3-4a`).
    public var id: String
    /// Day number.
    public var day: Int
    /// Track (`4.a` …, `joint`), nil for common days.
    public var track: String?
    /// Printed title.
    public var title: String
    /// An optional note shown above the sessions.
    public var note: String?
    /// A note shown above the sessions in the trainer edition only (`trainer-note:`).
    public var trainerNote: String?
    /// Sessions in order.
    public var sessions: [AgendaSession]
    /// Id of the block that follows this one (the joint block after a track).
    public var then: Located<String>?
    /// Where it is written.
    public var position: SourcePosition
    /// Where its `track:` is written.
    public var trackPosition: SourcePosition?

    /// Creates a day.
    public init(
        id: String, day: Int, track: String? = nil, title: String, note: String? = nil, trainerNote: String? = nil,
        sessions: [AgendaSession], then: Located<String>? = nil, position: SourcePosition
    ) {
        self.id = id
        self.day = day
        self.track = track
        self.title = title
        self.note = note
        self.trainerNote = trainerNote
        self.sessions = sessions
        self.then = then
        self.position = position
    }

    /// Total duration of the sessions of this block alone.
    public var total: Minutes { sessions.map(\.duration).reduce(Minutes(0), +) }
}

/// The agenda: start time and days.
public struct Agenda: Sendable, Hashable {
    /// Start of each day in minutes after midnight.
    public var start: Int
    /// A general note (e.g. «the programme may be adjusted»).
    public var note: String?
    /// A note for trainers only (`trainer-note:`), e.g. when to offer extra breaks.
    public var trainerNote: String?
    /// Days, tracks and joint blocks, in order.
    public var days: [AgendaDay]

    /// Creates an agenda.
    public init(start: Int = 9 * 60, note: String? = nil, trainerNote: String? = nil, days: [AgendaDay] = []) {
        self.start = start
        self.note = note
        self.trainerNote = trainerNote
        self.days = days
    }

    /// The day with `id`.
    public func day(_ id: String) -> AgendaDay? { days.first { $0.id == id } }

    /// The days that are shown as pages: every block that is not only a continuation of a track.
    public var pages: [AgendaDay] {
        let continuations = Set(days.compactMap(\.then?.value))
        return days.filter { !continuations.contains($0.id) }
    }

    /// The sessions of a day page: its own, then those of the block it continues with.
    public func sessions(of day: AgendaDay) -> [AgendaSession] {
        var result = day.sessions
        var seen: Set<String> = [day.id]
        var next = day.then?.value
        while let id = next, !seen.contains(id), let block = self.day(id) {
            result += block.sessions
            seen.insert(id)
            next = block.then?.value
        }
        return result
    }
}

/// `theme:` in `course.yml`: the organisation's look without editing the stylesheet.
public struct ThemeSettings: Sendable, Hashable {
    /// A logo file of the course's `site/` folder (`logo.svg`), shown in the header.
    public var logo: String?
    /// The accent colour (`#0b5cad`): links, the participant edition's badge.
    public var accent: String?
    /// A line of text in every page's footer (the organisation, a licence …).
    public var footer: String?

    /// Creates settings.
    public init(logo: String? = nil, accent: String? = nil, footer: String? = nil) {
        self.logo = logo
        self.accent = accent
        self.footer = footer
    }

    /// Whether `text` is `#rgb` or `#rrggbb` (the only colours accepted: they go into the stylesheet).
    public static func isColour(_ text: String) -> Bool {
        let hex = text.dropFirst()
        return text.hasPrefix("#") && (hex.count == 3 || hex.count == 6) && hex.allSatisfy(\.isHexDigit)
    }
}

/// `course.yml`: metadata, materials, registration form and agenda.
public struct CourseConfig: Sendable, Hashable {
    /// Look of the site (`theme:`).
    public var theme = ThemeSettings()
    /// Course title.
    public var title: String
    /// Subtitle.
    public var subtitle: String?
    /// UI language of the site (`kk`, `ru`, `en`).
    public var language: String
    /// Project name, funder, implementer (in file order).
    public var project: [LabeledOption]
    /// Materials catalogue in file order.
    public var materials: [LabeledOption]
    /// Registration form.
    public var registration: RegistrationForm
    /// The agenda.
    public var agenda: Agenda
    /// Tracks (`tracks:`): the values `track:` of pages and agenda days may take, in file order.
    public var tracks: [LabeledOption] = []

    /// The top-level keys of `course.yml`.
    public static let keys: Set<String> = ["title", "subtitle", "language", "project", "materials", "tracks", "registration", "agenda"]

    /// Creates a configuration.
    public init(
        title: String, subtitle: String? = nil, language: String = "kk", project: [LabeledOption] = [],
        materials: [LabeledOption] = [], registration: RegistrationForm = RegistrationForm(), agenda: Agenda = Agenda()
    ) {
        self.title = title
        self.subtitle = subtitle
        self.language = language
        self.project = project
        self.materials = materials
        self.registration = registration
        self.agenda = agenda
    }

    /// The label of material `id` (the id itself when unknown).
    public func materialLabel(_ id: String) -> String { materials.first { $0.id == id }?.label ?? id }
}
