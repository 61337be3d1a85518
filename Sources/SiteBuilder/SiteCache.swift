import CourseModel
import Foundation
import Localization

/// What the last build of a course made, kept for the next build of the same course (`katch serve`
/// rebuilds after every edit): a page whose inputs did not change is not rendered again.
///
/// A rendered page is a function of its own file and of a few facts about the rest of the course.
/// Each kept page records those facts as they were when it was made, and is reused only when all
/// of them are still the same, so an incremental build equals a full build byte for byte:
/// - the edition-wide inputs (``GlobalKey``): `course.yml`, the theme, the interface language, and
///   the outline of the course — every page's id, kind, module, number, audience and explicit heading
///   ids, and the titles of the top-level pages the sidebar lists. A change there renders every page;
/// - the page's own file, by the ``LoadCache`` revision it was parsed under;
/// - its neighbours (the previous and next page's titles) and its module's pages (the sidebar and the
///   module's contents list their titles, kinds and durations);
/// - every cross-reference it made: the id, where it led and the title it showed (recorded while
///   rendering, so a page linking to a retitled page is rendered again and no other is).
///
/// The home page, agenda, catalogue, print page and search index are made again on every build
/// from the kept pieces (the print page from each page's kept print section); the leak check runs on
/// every participant file as before.
public final class SiteCache: @unchecked Sendable {
    /// The parsed files, shared with ``CourseLoader/load(root:cache:)``: a page's revision there is
    /// part of its key here.
    public let load = LoadCache()
    /// The leak check's word runs of each page, kept like the pages (used by the participant
    /// edition's thread only).
    let leaks = LeakIndexCache()
    private var editions: [Edition: EditionCache] = [:]
    private let lock = NSLock()

    /// Creates an empty cache.
    public init() {}

    /// The kept pages of `edition` (each edition is built on one thread, with its own table).
    func edition(_ edition: Edition) -> EditionCache {
        lock.withLock {
            if let cache = editions[edition] { return cache }
            let cache = EditionCache(revisions: load)
            editions[edition] = cache
            return cache
        }
    }

    /// Pages rendered in the last build, over both editions (the rest were reused).
    public var rendered: Int { lock.withLock { editions.values.reduce(0) { $0 + $1.rendered } } }
}

/// What the leak check knows of the course, kept between builds: each page's participant-visible
/// word runs and trainer-only fragments (by the revision of its file), and how many pages show each
/// run, so an edit costs the edited page's words instead of the whole course's. The scanner made
/// from them is the one ``LeakCheck/scanner()`` makes: the same fragments in the same order, and a
/// run is visible exactly when some page (or `course.yml`, or the interface) shows it.
final class LeakIndexCache: @unchecked Sendable {
    private struct PageEntry {
        var revision: Int?
        var runs: [UInt64]
        var fragments: [SecretFragment]
    }

    private var pages: [String: PageEntry] = [:]
    /// How many kept pages show each word run (absent: none).
    private var counts: [UInt64: Int] = [:]
    /// The runs of `course.yml`'s texts and the interface's words, for the configuration they came from.
    private var shared: (config: CourseConfig, runs: Set<UInt64>)?
    /// The last scanner made, the fragments (file and texts) it was made from, and the runs whose
    /// visibility decides its secrets: every fragment's runs, and the words of short fragments.
    private var scanner: (scanner: LeakScanner, sources: [[String]], relevant: Set<UInt64>)?
    /// Runs that became visible or stopped being visible since the last scanner was made.
    private var flipped: Set<UInt64> = []

    /// The leak scanner for `course`, whose files were parsed under `revisions`.
    func scanner(for course: Course, revisions: LoadCache) -> LeakScanner {
        let check = LeakCheck(course: course)
        let sharedRuns: Set<UInt64>
        if let shared, shared.config == course.config {
            sharedRuns = shared.runs
        } else {
            scanner = nil
            var runs = Set<UInt64>()
            for text in check.sharedVisibleTexts() { LeakDetector.allRuns(LeakDetector.words(text.utf8), into: &runs) }
            shared = (course.config, runs)
            sharedRuns = runs
        }
        var present = Set<String>()
        var sources: [(file: String, fragments: [SecretFragment])] = []
        for page in course.pages {
            present.insert(page.file)
            let revision = revisions.revision(of: page.file)
            if let kept = pages[page.file], revision != nil, kept.revision == revision {
                sources.append((page.file, kept.fragments))
                continue
            }
            if let old = pages[page.file] { count(old.runs, by: -1) }
            var runs = Set<UInt64>()
            LeakCheck.visibleRuns(of: page, into: &runs)
            let entry = PageEntry(revision: revision, runs: Array(runs), fragments: LeakCheck.secretFragments(EditionText.trainerOnly(page)))
            count(entry.runs, by: 1)
            pages[page.file] = entry
            sources.append((page.file, entry.fragments))
        }
        for (file, entry) in pages where !present.contains(file) {
            count(entry.runs, by: -1)
            pages[file] = nil
        }
        sources.append(("course.yml", LeakCheck.secretFragments(check.agendaTrainerNotes())))
        // The last scanner is still right when the trainer-only fragments are the same and no run
        // they are judged by changed visibility: an edit of participant text usually leaves it so.
        let texts = sources.map { [$0.file] + $0.fragments.map(\.text) }
        if let kept = scanner, kept.sources == texts, flipped.isDisjoint(with: kept.relevant) {
            flipped = []
            kept.scanner.startAgain()
            return kept.scanner
        }
        let made = LeakScanner()
        for (file, fragments) in sources { made.add(fragments, of: file) { sharedRuns.contains($0) || counts[$0] != nil } }
        made.keepsFiles = true
        var relevant = Set<UInt64>()
        for fragment in sources.flatMap(\.fragments) {
            relevant.formUnion(fragment.shingles)
            if fragment.words.count < LeakDetector.shortestCommon { relevant.formUnion(fragment.words.map { LeakDetector.combine([$0][...]) }) }
        }
        scanner = (made, texts, relevant)
        flipped = []
        return made
    }

    private func count(_ runs: [UInt64], by change: Int) {
        for run in runs {
            let before = counts[run, default: 0]
            let n = before + change
            counts[run] = n > 0 ? n : nil
            if (before > 0) != (n > 0) { flipped.insert(run) }
        }
    }
}

/// What every page of an edition depends on; when it changes, every page is rendered again.
struct GlobalKey: Equatable {
    var language: Language
    var config: CourseConfig
    var theme: ThemeKey
    /// One line per page, in reading order: what the sidebar, links and the other-edition link read.
    var outline: [String]
}

/// The theme's files as read for this build.
struct ThemeKey: Equatable {
    var files: [String: [UInt8]]
    var logoName: String?
    var logoBytes: [UInt8]?
    var frame: [String]?

    init(_ theme: Theme) {
        files = theme.files
        logoName = theme.logo?.name
        logoBytes = theme.logo?.bytes
        frame = try? theme.frame.get().pieces
    }
}

/// The facts about the rest of the course that one page read while it was rendered.
struct PageKey: Equatable {
    /// The revision its file was parsed under.
    var revision: Int
    /// The previous and next page (id and title), the module's pages (id, title, kind, duration).
    var neighbours: [String]
}

/// A cross-reference as a page showed it: the id, the link it became and, when it had no text of
/// its own, the title it showed (a link with its own text does not depend on the title).
struct Lookup: Equatable {
    var id: String
    var showsTitle: Bool
    var href: String?
    var title: String?
}

/// A page as rendered: its files (downloads, then the page), its search entries and its section of
/// the print page (made when the print page is built).
struct CachedPage {
    var key: PageKey
    var lookups: [Lookup]
    var files: [(path: String, bytes: [UInt8])]
    var search: [[UInt8]]
    var print: String? = nil
}

/// The kept pages of one edition, by file.
final class EditionCache: @unchecked Sendable {
    let revisions: LoadCache
    private var global: GlobalKey?
    private var pages: [String: CachedPage] = [:]
    /// Files whose entry is valid for the build under way (reused or made in it).
    private var fresh: Set<String> = []
    /// Pages rendered in the last build.
    private(set) var rendered = 0

    init(revisions: LoadCache) { self.revisions = revisions }

    /// Starts a build whose edition-wide inputs are `key`: everything kept is dropped when they changed.
    func begin(_ key: GlobalKey) {
        if key != global { pages = [:] }
        global = key
        fresh = []
        rendered = 0
    }

    /// The kept page of `file` when it was made under `key` and every lookup it made still resolves
    /// the same way (`resolve`).
    func reuse(_ file: String, _ key: PageKey, resolve: (String, Bool) -> Lookup) -> CachedPage? {
        guard let page = pages[file], page.key == key, page.lookups.allSatisfy({ resolve($0.id, $0.showsTitle) == $0 }) else { return nil }
        fresh.insert(file)
        return page
    }

    /// Keeps a page just rendered.
    func store(_ file: String, _ page: CachedPage) {
        pages[file] = page
        fresh.insert(file)
        rendered += 1
    }

    /// The print section kept for `file`, when its page is valid in this build.
    func printSection(_ file: String) -> String? { fresh.contains(file) ? pages[file]?.print : nil }

    /// Keeps the print section of `file` (a page valid in this build).
    func keepPrintSection(_ file: String, _ section: String) {
        if fresh.contains(file) { pages[file]?.print = section }
    }

    /// Ends the build: pages no longer in the course are forgotten.
    func finish() { pages = pages.filter { fresh.contains($0.key) } }
}

extension EditionBuilder {
    /// This edition's inputs that every page reads (see ``SiteCache``).
    func globalKey() -> GlobalKey {
        let outline = course.pages.map { page -> String in
            var line = [page.id, page.kind.rawValue, page.module ?? "", page.number ?? "", page.audience.rawValue].joined(separator: "\u{1F}")
            // The sidebar lists the top-level pages and modules by title.
            if page.module == nil || page.kind == .module { line += "\u{1F}" + page.title }
            for h in page.headings(in: edition) where h.isExplicit { line += "\u{1F}#" + h.anchor }
            return line
        }
        return GlobalKey(language: l.language, config: course.config, theme: ThemeKey(theme), outline: outline)
    }

    /// What `page`, the `index`th of the edition, reads of its neighbours and its module.
    func pageKey(_ page: Page, index: Int, revision: Int) -> PageKey {
        var neighbours: [String] = []
        for other in [index > 0 ? pages[index - 1] : nil, index + 1 < pages.count ? pages[index + 1] : nil] {
            neighbours += other.map { [$0.id, $0.title] } ?? ["", ""]
        }
        if let module = page.kind == .module ? page.id : page.module {
            for child in childrenOfModule[module] ?? [] {
                neighbours += [child.id, child.title, child.kind.rawValue, child.duration.map(minutes) ?? ""]
            }
        }
        return PageKey(revision: revision, neighbours: neighbours)
    }

    /// How the cross-reference `id` is shown now: its link, and the title it shows when it has no
    /// text of its own (`showsTitle`).
    func lookup(_ id: String, showsTitle: Bool) -> Lookup {
        Lookup(id: id, showsTitle: showsTitle, href: href(id), title: showsTitle ? course.resolve(id)?.page.title : nil)
    }
}
