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
    var search: [SearchEntry]
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
