import Foundation
import Instruments
import Markdown

/// Course-wide checks that need every page: ids, references, materials, agenda.
enum Validator {
    static func validate(_ course: Course) -> [Diagnostic] {
        var held = HeldBack()
        return validate(course, held: &held)
    }


    /// `damage`: the findings of the extraction-damage lint by file, when the loader made them with
    /// each page's parse (and kept them with it); else they are made here.
    static func validate(_ course: Course, held: inout HeldBack, damage known: [String: [Diagnostic]]? = nil) -> [Diagnostic] {
        var bag = DiagnosticBag()
        // Page ids unique.
        var pageFiles: [String: String] = [:]
        for page in course.pages {
            if let other = pageFiles[page.id] {
                bag.error(
                    page.file, page.position(of: "id"), "duplicate id '\(page.id)' (also used by \(other)): give each page its own id",
                    code: "duplicate-id")
            } else {
                pageFiles[page.id] = page.file
            }
        }
        // Explicit heading ids unique across the course and distinct from page ids.
        var anchors: [String: String] = [:]
        for page in course.pages {
            var headingPositions: [(Heading, SourcePosition)] = []
            page.walk { b, _ in
                switch b.kind {
                case .heading(let h) where h.isExplicit: headingPositions.append((h, b.position))
                case .question(let q) where q.heading.isExplicit: headingPositions.append((q.heading, b.position))
                default: break
                }
            }
            for (heading, position) in headingPositions {
                if let other = pageFiles[heading.anchor] {
                    bag.error(page.file, position, "heading id '\(heading.anchor)' is also a page id (\(other))", code: "duplicate-id")
                } else if let other = anchors[heading.anchor], other != page.file {
                    bag.error(page.file, position, "heading id '\(heading.anchor)' is also used in \(other)", code: "duplicate-id")
                } else {
                    anchors[heading.anchor] = page.file
                }
            }
        }
        let materialIDs = Set(course.config.materials.map(\.id))
        let moduleIDs = Set(course.pages.filter { $0.kind == .module }.map(\.id))
        let trackIDs = course.config.tracks.map(\.id)
        var referable = ReferableIDs(course)
        // Per page (by file), the anchors of its headings that participants see, and all of them:
        // read once, not once per reference to the page.
        var headingAnchors: [String: (participant: Set<String>, all: Set<String>)] = [:]
        func headingAnchorSets(of page: Page) -> (participant: Set<String>, all: Set<String>) {
            if let known = headingAnchors[page.file] { return known }
            let found = (Set(page.headings(in: .participant).map(\.anchor)), Set(page.headings.map(\.anchor)))
            headingAnchors[page.file] = found
            return found
        }
        var instruments: [PageKind: Page] = [:]
        // The lint for extraction damage reads every text of a page and needs nothing else: it runs
        // on every core first, and each page's findings are added where the loop below reaches it.
        let damage = known.map { known in course.pages.map { known[$0.file] ?? [] } } ?? Parallel.map(course.pages, ExtractionDamage.findings)
        for (index, page) in course.pages.enumerated() {
            // References inside the page; participant text may not point at trainer-only content,
            // whose title would appear as the link text.
            forEachReference(in: page) { id, position, scope in
                guard let target = course.resolve(id) else {
                    if held.isLost(id) { return }
                    bag.error(
                        page.file, position, "dangling reference 'id:\(id)': no page or heading has this id\(referable.hint(for: id))",
                        code: "dangling-reference")
                    return
                }
                guard scope == .everyone, target.page.id != page.id || target.anchor != nil else { return }
                let targetScope: Scope
                if target.page.audience == .trainer {
                    targetScope = .trainerOnly
                } else if let anchor = target.anchor {
                    let known = headingAnchorSets(of: target.page)
                    targetScope = known.participant.contains(anchor) || !known.all.contains(anchor) ? .everyone : .trainerOnly
                } else {
                    targetScope = .everyone
                }
                if targetScope == .trainerOnly {
                    bag.error(
                        page.file, position,
                        "participant text points to trainer-only content 'id:\(id)' (\(target.page.file)): its title would be shown to participants; link to it only from a TRAINER or ANSWER callout or a trainer page",
                        code: "reference-to-trainer-only")
                }
            }
            for m in page.materials where !materialIDs.contains(m) {
                if held.needsConfig() { continue }
                bag.error(
                    page.file, page.position(of: "material:" + m),
                    "unknown material '\(m)'\(Suggestion.hint(for: m, in: materialIDs.sorted())): declare it under materials: in course.yml (\(m): \"its label\")",
                    code: "unknown-material")
            }
            if let module = page.module, !moduleIDs.contains(module) {
                if !held.isLost(module) {
                    bag.error(
                        page.file, page.position(of: "module"),
                        "unknown module '\(module)'\(Suggestion.hint(for: module, in: moduleIDs.sorted())): no page of kind module has this id",
                        code: "unknown-module")
                }
            }
            if page.kind == .modulePart && page.module == nil {
                // Without `module:` the part is built but missing from its module's navigation.
                let sameFolder = course.modules.first { directory($0.file) == directory(page.file) }
                let fix = sameFolder.map { "add 'module: \($0.id)' (the module in the same folder)" } ?? "add 'module: <the module's id>'"
                bag.error(
                    page.file, page.position(of: "kind"),
                    "a module part needs to name its module, or it is missing from the module's navigation: \(fix)",
                    code: "module-part-without-module")
            }
            if let track = page.track, !held.needsConfig(), !trackIDs.isEmpty, !trackIDs.contains(track) {
                bag.error(page.file, page.position(of: "track"), unknownTrack(track, trackIDs), code: "unknown-track")
            }
            if page.kind == .quiz || page.kind == .survey {
                if let first = instruments[page.kind] {
                    let what = page.kind == .quiz ? "pre/post test (kind: quiz)" : "feedback form (kind: survey)"
                    bag.error(
                        page.file, page.position(of: "kind"),
                        "a second \(what): a course has one, and \(first.file) is it — merge the questions into it, or make this page another kind",
                        code: "second-instrument")
                } else {
                    instruments[page.kind] = page
                }
            }
            if (page.kind == .quiz || page.kind == .survey) && page.questions.isEmpty {
                bag.error(
                    page.file, page.position(of: "kind"), "a \(page.kind.rawValue) needs at least one question (## heading {#id})",
                    code: "empty-instrument")
            }
            if page.kind == .quiz {
                // A question a trainer can never score would wait for `katch score` for ever.
                for (q, position) in page.placedQuestions where q.type == .open && q.maxScore < 1 {
                    bag.error(
                        page.file, position,
                        "open question '\(q.id)' in the test has no points: add max=N to its heading ({#\(q.id) type=open max=2}), the most a trainer can give",
                        code: "open-without-max")
                }
            }
            bag.append(contentsOf: damage[index])
            // A screening tool's `read` names a heading of the page; a short text naming none is most
            // likely a mistyped title, which the interview would read aloud as it stands.
            // The heading titles are read for the first screening tool only: most pages have none.
            var headingTitles: Set<String>?
            for b in page.blocks {
                guard case .screening(let tool) = b.kind else { continue }
                if headingTitles == nil { headingTitles = Set(page.headings.map { $0.spans.plainText.trimmingCharacters(in: .whitespacesAndNewlines) }) }
                let titles = headingTitles ?? []
                for read in [tool.read] + tool.sections.map(\.read) {
                    guard let read = read?.trimmingCharacters(in: .whitespacesAndNewlines), !titles.contains(read),
                        read.count <= 80, !read.contains("\n")
                    else { continue }
                    bag.warning(
                        page.file, b.position, "screening read '\(read)' names no heading of this page: it would be read aloud as written",
                        code: "screening-read")
                }
            }
            for phase in page.phases where phase != "pre" && phase != "post" {
                bag.error(
                    page.file, page.position(of: "phase:" + phase), "unknown phase '\(phase)'\(Suggestion.hint(for: phase, in: ["pre", "post"])) (pre, post)",
                    code: "bad-phase")
            }
        }
        // Table downloads share one folder per edition: two tables of one name would overwrite each other.
        var downloads: [String: String] = [:]
        for page in course.pages {
            page.walk { b, _ in
                guard case .table(let t) = b.kind, let name = t.download else { return }
                if let other = downloads[name] {
                    bag.error(
                        page.file, b.position, "download name '\(name)' is also used by a table in \(other): give each table its own file name",
                        code: "duplicate-download")
                } else {
                    downloads[name] = "\(page.file):\(b.position.line)"
                }
            }
        }
        // Tracks used but none declared: one error naming them all (not one per page).
        if trackIDs.isEmpty && !held.configUnreadable {
            var used: [(String, String, SourcePosition)] = []
            for day in course.config.agenda.days { if let t = day.track { used.append((t, "course.yml", day.trackPosition ?? day.position)) } }
            for page in course.pages { if let t = page.track { used.append((t, page.file, page.position(of: "track"))) } }
            if let first = used.min(by: { ($0.1, $0.2.line) < ($1.1, $1.2.line) }) {
                var names: [String] = []
                for (t, _, _) in used where !names.contains(t) { names.append(t) }
                bag.error(
                    first.1, first.2,
                    "track '\(first.0)' is not declared: course.yml has no tracks: list; add the tracks the course uses, tracks: [\(names.map { $0.contains(".") ? "\"\($0)\"" : $0 }.joined(separator: ", "))] (\(used.count) uses)",
                    code: "unknown-track")
            }
        }
        validateAgenda(course, &bag, held: &held)
        return bag.all
    }

    static func directory(_ file: String) -> Substring {
        file.lastIndex(of: "/").map { file[..<$0] } ?? ""
    }

    /// The message for a `track:` value that `tracks:` in course.yml does not declare.
    static func unknownTrack(_ track: String, _ declared: [String]) -> String {
        if declared.isEmpty {
            return "track '\(track)' is not declared: add a list of the course's tracks to course.yml, e.g. tracks: [\(track)]"
        }
        return "unknown track '\(track)'\(Suggestion.hint(for: track, in: declared)): the tracks of course.yml are \(declared.joined(separator: ", ")) — add it there or correct it"
    }

    /// Every `id:` reference of the page (footnotes included) with where it was written and the
    /// scope it stands in; the enclosing block's start when the position is unknown.
    static func forEachReference(in page: Page, _ body: (String, SourcePosition, Scope) -> Void) {
        page.walk { b, scope in
            for spans in ContentWalk.ownSpans(b) {
                for r in SpanWalker.positionedReferences(spans) { body(r.id, r.position ?? b.position, scope) }
            }
        }
        for note in page.footnotes {
            for r in SpanWalker.positionedReferences(note.spans) {
                body(r.id, r.position ?? page.position(of: "footnote:" + note.label), page.footnoteScope(note.label))
            }
        }
    }

    static func validateAgenda(_ course: Course, _ bag: inout DiagnosticBag, held: inout HeldBack) {
        let file = "course.yml"
        let agenda = course.config.agenda
        let materialIDs = Set(course.config.materials.map(\.id))
        var dayIDs: Set<String> = []
        for day in agenda.days {
            if !dayIDs.insert(day.id).inserted {
                bag.error(file, day.position, "duplicate agenda day id '\(day.id)'", code: "duplicate-id")
            }
        }
        let trackIDs = course.config.tracks.map(\.id)
        var referable = ReferableIDs(course)
        for day in agenda.days {
            if let then = day.then, agenda.day(then.value) == nil {
                bag.error(
                    file, then.position, "'then: \(then.value)' names no agenda day\(Suggestion.hint(for: then.value, in: agenda.days.map(\.id)))",
                    code: "dangling-reference")
            }
            if let track = day.track, !trackIDs.isEmpty, !trackIDs.contains(track) {
                bag.error(file, day.trackPosition ?? day.position, unknownTrack(track, trackIDs), code: "unknown-track")
            }
            if day.sessions.isEmpty {
                bag.error(file, day.position, "agenda day '\(day.id)' has no sessions", code: "empty-day")
            }
            for session in day.sessions {
                if !session.isBreak && session.refs.isEmpty && session.items.isEmpty && session.title.isEmpty {
                    bag.error(file, session.position, "agenda session names nothing (give a title, items or refs)", code: "empty-session")
                }
                // A missing, malformed, negative or zero duration is reported by the loader, where it is read.
                for ref in session.refs where course.resolve(ref.value) == nil && !held.isLost(ref.value) {
                    bag.error(
                        file, ref.position,
                        "agenda refers to '\(ref.value)', which no page or heading has\(referable.hint(for: ref.value))",
                        code: "dangling-reference")
                }
                for m in session.materials where !materialIDs.contains(m.value) {
                    bag.error(
                        file, m.position,
                        "unknown material '\(m.value)'\(Suggestion.hint(for: m.value, in: materialIDs.sorted())): declare it under materials: (\(m.value): \"its label\")",
                        code: "unknown-material")
                }
            }
        }
        for day in agenda.pages {
            let total = agenda.sessions(of: day).map(\.duration).reduce(Minutes(0), +)
            if total.high > 10 * 60 {
                bag.error(
                    file, day.position, "'\(day.id)' lasts up to \(total.high) minutes: more than a 10-hour training day",
                    code: "day-too-long")
            } else if total.high > 8 * 60 {
                bag.warning(file, day.position, "'\(day.id)' lasts up to \(total.high) minutes (over 8 hours)", code: "day-long")
            }
        }
    }
}

/// "Did you mean …?" for dangling references: the ids a reference may name (page ids and explicit
/// heading ids), collected on first need, and one hint per distinct id.
///
/// Each hint compares the id with every referable id, so hints stop after ``maximumHints`` distinct
/// ids: a file of thousands of dangling references (a broken copy, hostile input) would otherwise
/// cost their number times the course's ids, and no one reads that many suggestions.
struct ReferableIDs {
    /// Distinct ids that get a hint at most.
    static let maximumHints = 200
    let course: Course
    private var ids: [String]?
    private var hints: [String: String] = [:]

    init(_ course: Course) { self.course = course }

    /// ` (did you mean 'x'?)` for a dangling `id`, or an empty text.
    mutating func hint(for id: String) -> String {
        if let known = hints[id] { return known }
        guard hints.count < Self.maximumHints else { return "" }
        if ids == nil { ids = course.pages.flatMap { [$0.id] + $0.headings.filter(\.isExplicit).map(\.anchor) } }
        let hint = Suggestion.hint(for: id, in: ids ?? [])
        hints[id] = hint
        return hint
    }
}

/// Walks spans for references and footnotes.
public enum SpanWalker {
    /// Ids of `id:` references in `spans`.
    public static func references(_ spans: [Span]) -> [String] { positionedReferences(spans).map(\.id) }

    /// `id:` references in `spans` with where they were written (nil when unknown).
    public static func positionedReferences(_ spans: [Span]) -> [(id: String, position: SourcePosition?)] {
        var result: [(id: String, position: SourcePosition?)] = []
        for s in spans {
            switch s {
            case .reference(let id, let c, let at): result.append((id, at)); result += positionedReferences(c)
            case .emphasis(let c), .strong(let c), .link(_, let c): result += positionedReferences(c)
            default: break
            }
        }
        return result
    }

    /// Destinations of web links and sources of images in `spans` (what an `href` or `src` shows).
    public static func destinations(_ spans: [Span]) -> [String] {
        var result: [String] = []
        for s in spans {
            switch s {
            case .link(let url, let c): result.append(url); result += destinations(c)
            case .image(let source, _): result.append(source)
            case .emphasis(let c), .strong(let c), .reference(_, let c, _): result += destinations(c)
            default: break
            }
        }
        return result
    }
}

/// Reading order of the pages: intro pages, modules (overview, parts, activities), other
/// activities and instruments, appendices.
enum ReadingOrder {
    static func sort(_ pages: [Page]) -> [Page] {
        let moduleRank: [String: Int] = Dictionary(
            pages.filter { $0.kind == .module }
                .sorted { ($0.number ?? $0.id, $0.order) < ($1.number ?? $1.id, $1.order) }
                .enumerated().map { ($1.id, $0) },
            uniquingKeysWith: { a, _ in a })
        func key(_ p: Page) -> (Int, Int, Int, Int, String) {
            let kindRank: Int
            switch p.kind {
            case .module: kindRank = 0
            case .modulePart: kindRank = 1
            case .icebreaker: kindRank = 2
            case .energizer: kindRank = 3
            case .quiz: kindRank = 5
            case .survey: kindRank = 6
            case .screening: kindRank = 7
            case .reference: kindRank = 8
            default: kindRank = p.kind.isActivity ? 4 : 9
            }
            if p.file.hasPrefix("modules/appendix/") { return (4, 0, kindRank, p.order, p.file) }
            if let m = p.module, let rank = moduleRank[m] { return (1, rank, kindRank, p.order, p.file) }
            if p.kind == .page || p.kind == .reference { return (0, 0, 0, p.order, p.file) }
            return (2, 0, kindRank, p.order, p.file)
        }
        return pages.sorted { key($0) < key($1) }
    }
}
