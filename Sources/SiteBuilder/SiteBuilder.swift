import Instruments
import HTMLText
import CourseModel
import Foundation
import Localization
import Markdown

/// One built edition: relative paths and their bytes, sorted by path.
public struct EditionOutput: Sendable {
    /// Which edition.
    public var edition: Edition
    /// Files by relative path.
    public var files: [String: [UInt8]]

    /// Number of HTML pages.
    public var pageCount: Int { files.keys.filter { $0.hasSuffix(".html") }.count }
    /// Total bytes.
    public var byteCount: Int { files.values.map(\.count).reduce(0, +) }
}

/// A build failure with a useful description.
public struct SiteError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// Builds the trainer and participant editions of a course.
public struct SiteBuilder: Sendable {
    /// The course.
    public let course: Course
    /// Interface language.
    public let language: Language
    /// The theme, read once from the defaults and the course's `site/` for both editions.
    let theme: Theme

    /// Creates a builder; the UI language comes from `course.yml` unless given.
    public init(course: Course, language: Language? = nil) {
        self.course = course
        self.language = language ?? Language(rawValue: course.config.language) ?? .kk
        self.theme = Theme(course: course)
    }

    /// Builds both editions in memory and runs the leak check on the participant edition.
    ///
    /// With a `cache` (`katch serve`: the course was loaded through its ``SiteCache/load``), pages
    /// whose inputs did not change since the last build with the same cache are taken from it
    /// instead of rendered; the output is the same byte for byte.
    public func buildAll(cache: SiteCache? = nil) throws(SiteError) -> [EditionOutput] {
        let trainer = MemoryFiles(), participant = MemoryFiles()
        try build(trainer: trainer, participant: participant, cache: cache)
        return [EditionOutput(edition: .trainer, files: trainer.files), EditionOutput(edition: .participant, files: participant.files)]
    }

    /// Builds both editions straight into `DIR/trainer/` and `DIR/participant/`, each file written as
    /// it is made (the editions are never held in memory), and runs the leak check on the participant
    /// edition's files as they pass. Returns what was written.
    ///
    /// The editions are written into folders of their own beside the old ones, which replace those
    /// only when the whole build succeeded: a failed build (a leak, a full disk) leaves the last site
    /// as it was. A folder is only replaced when katch made it (it holds a `.katch-site` marker), so a
    /// wrong `--out` never deletes someone's files.
    ///
    /// The edition a build replaces is kept as a hidden spare (`DIR/.trainer.katch-spare`), and the
    /// next build writes into the spare's files instead of new ones: on ext4, creating a file just
    /// after deleting one costs a search of the inode table (a tenth of a small build's time), and a
    /// file rewritten from length zero is pushed to disk on close (`auto_da_alloc`: 300 small files
    /// took 0.8 s). Overwriting in place and cutting the file to its new length costs neither
    /// (300 files: 4.5 ms, against 15–24 ms created anew). A spare's files the build does not make are
    /// removed before it goes live.
    public func build(into dir: URL) throws(SiteError) -> [WrittenEdition] {
        let fm = FileManager.default
        let editions: [Edition] = [.trainer, .participant]
        for edition in editions {
            let folder = dir.appendingPathComponent(edition.rawValue)
            if fm.fileExists(atPath: folder.path) && !fm.fileExists(atPath: folder.appendingPathComponent(Self.marker).path) {
                throw SiteError("\(folder.path) exists and was not made by katch; choose another --out")
            }
        }
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = editions.map { dir.appendingPathComponent(".\($0.rawValue).katch-\(pid)") }
        defer { for folder in staging { try? fm.removeItem(at: folder) } }
        // A spare is taken by renaming it, so two builds into one folder never share it.
        let trainer = try DiskFiles(folder: staging[0], spare: Self.spare(.trainer, in: dir))
        let participant = try DiskFiles(folder: staging[1], spare: Self.spare(.participant, in: dir))
        try build(trainer: trainer, participant: participant)
        for files in [trainer, participant] { try files.removeLeftovers() }
        for (edition, folder) in zip(editions, staging) {
            let target = dir.appendingPathComponent(edition.rawValue)
            let spare = Self.spare(edition, in: dir)
            let old = dir.appendingPathComponent(".\(edition.rawValue).katch-old-\(pid)")
            do {
                let replacing = fm.fileExists(atPath: target.path)
                if replacing { try fm.moveItem(at: target, to: old) }
                try fm.moveItem(at: folder, to: target)
                // The edition replaced becomes the next build's spare, unless a spare is there already.
                if replacing && rename(old.path, spare.path) != 0 { try fm.removeItem(at: old) }
            } catch {
                throw SiteError("cannot replace \(target.path): \(error.localizedDescription)")
            }
        }
        return [trainer.written(.trainer, in: dir), participant.written(.participant, in: dir)]
    }

    /// Where the edition last replaced in `dir` is kept for the next build to write into.
    static func spare(_ edition: Edition, in dir: URL) -> URL {
        dir.appendingPathComponent(".\(edition.rawValue).katch-spare")
    }

    /// The file that marks a folder as katch's output.
    static let marker = ".katch-site"

    /// Builds both editions into `trainer` and `participant`; throws on a leak or a file not written.
    func build(trainer: EditionFiles, participant: EditionFiles, cache: SiteCache? = nil) throws(SiteError) {
        // A course's own page frame that cannot be used stops the build, naming the problem.
        if case .failure(let error) = theme.frame { throw error }
        // The trainer edition on one core; the participant edition and its leak check on the other,
        // and the trainer edition's core helps with the leak check once its edition is done.
        let queue = ScanQueue()
        let leaks = Parallel.pair({
            build(.trainer, into: trainer, cache: cache?.edition(.trainer))
            queue.help()
        }, { () -> [String] in
            let scanner = cache.map { $0.leaks.scanner(for: course, revisions: $0.load) } ?? LeakCheck(course: course).scanner()
            queue.start(scanner)
            participant.inspect = { path, bytes in queue.submit(path, bytes, with: scanner) }
            build(.participant, into: participant, cache: cache?.edition(.participant))
            queue.finish(with: scanner)
            return scanner.leaks
        }).1
        if let failure = trainer.failure ?? participant.failure { throw failure }
        if !leaks.isEmpty {
            throw SiteError(
                "trainer-only text reached the participant edition:\n" + leaks.prefix(20).map { "  " + $0 }.joined(separator: "\n")
                    + (leaks.count > 20 ? "\n  … and \(leaks.count - 20) more" : ""))
        }
    }

    /// Builds one edition in memory.
    public func build(_ edition: Edition) -> EditionOutput {
        let files = MemoryFiles()
        build(edition, into: files)
        return EditionOutput(edition: edition, files: files.files)
    }

    func build(_ edition: Edition, into files: EditionFiles, cache: EditionCache? = nil) {
        EditionBuilder(course: course, edition: edition, localizer: Localizer(language), theme: theme, files: files, cache: cache).build()
    }
}

/// What `katch build` wrote of one edition.
public struct WrittenEdition: Sendable {
    /// Which edition.
    public var edition: Edition
    /// Its folder.
    public var folder: URL
    /// HTML pages, files and bytes written.
    public var pageCount: Int, fileCount: Int, byteCount: Int
}

/// Where an edition's files go as they are made: kept in memory (``MemoryFiles``) or written to
/// disk at once (``DiskFiles``). `inspect` sees every file as it passes (the leak check).
class EditionFiles: @unchecked Sendable {
    /// Called with each file before it is stored.
    var inspect: ((String, [UInt8]) -> Void)?
    /// The first file that could not be stored, if any (later files are not attempted).
    var failure: SiteError?

    /// Adds a file at a path relative to the edition's root.
    final func add(_ path: String, _ bytes: [UInt8]) { add(path, pieces: [bytes]) }

    /// Adds a file made of `pieces` one after another (a page: its frame, and its content, which on
    /// the print page is the whole edition: it is written from where it is, not copied).
    final func add(_ path: String, pieces: [String]) { add(path, pieces: pieces.map { $0.utf8 }) }

    final func add<Piece: Collection<UInt8>>(_ path: String, pieces: [Piece]) {
        guard failure == nil else { return }
        if let inspect { inspect(path, Self.joined(pieces)) }
        do throws(SiteError) { try store(path, pieces) } catch { failure = error }
    }

    /// Adds a file made of `pieces`, produced one by one as the file is stored: on disk each piece is
    /// written and let go before the next is made. Inspected files (the leak check's) are made whole
    /// first, as the check reads a file at once.
    final func add<Pieces: Sequence<String>>(_ path: String, streaming pieces: Pieces) {
        guard failure == nil else { return }
        if inspect != nil { return add(path, pieces: Array(pieces)) }
        do throws(SiteError) { try store(path, streaming: pieces.lazy.map(\.utf8)) } catch { failure = error }
    }

    /// Stores the file whose bytes are `pieces` one after another, taking each piece as it comes.
    func store<Pieces: Sequence>(_ path: String, streaming pieces: Pieces) throws(SiteError) where Pieces.Element: Collection<UInt8> {
        try store(path, Array(pieces))
    }

    /// The bytes of `pieces` one after another.
    static func joined<Piece: Collection<UInt8>>(_ pieces: [Piece]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { bytes.append(contentsOf: piece) }
        return bytes
    }

    /// Stores the file whose bytes are `pieces` one after another.
    func store<Piece: Collection<UInt8>>(_ path: String, _ pieces: [Piece]) throws(SiteError) {}
}

/// An edition kept in memory (tests, `katch serve`).
final class MemoryFiles: EditionFiles, @unchecked Sendable {
    private(set) var files: [String: [UInt8]] = [:]
    override func store<Piece: Collection<UInt8>>(_ path: String, _ pieces: [Piece]) throws(SiteError) { files[path] = Self.joined(pieces) }
}

/// An edition written file by file into a folder.
final class DiskFiles: EditionFiles, @unchecked Sendable {
    let folder: URL
    /// `folder.path`, which every file's path starts with.
    private let folderPath: String
    /// Bytes written per path (a path written again counts once).
    private var sizes: [String: Int] = [:]
    private var folders: Set<String> = []
    /// Whether the folder was a spare, whose files this build writes over.
    private let recycled: Bool

    /// Creates `folder` with katch's marker in it: the folder `spare` renamed, when there is one made
    /// by katch (its files are then written over), else a new one (replacing a leftover of an
    /// interrupted build).
    init(folder: URL, spare: URL) throws(SiteError) {
        self.folder = folder
        self.folderPath = folder.path
        let fm = FileManager.default
        do {
            if fm.fileExists(atPath: folder.path) { try fm.removeItem(at: folder) }
            recycled = fm.fileExists(atPath: spare.appendingPathComponent(SiteBuilder.marker).path) && rename(spare.path, folder.path) == 0
            if !recycled { try fm.createDirectory(at: folder, withIntermediateDirectories: true) }
        } catch {
            throw SiteError("cannot write \(folder.path): \(error.localizedDescription)")
        }
        super.init()
        try OutputFile.write(["katch build output: this folder is replaced by the next build\n".utf8], to: folderPath + "/" + SiteBuilder.marker)
    }

    /// Removes what the folder held before this build (it was a spare) and this build did not write.
    func removeLeftovers() throws(SiteError) {
        guard recycled else { return }
        let fm = FileManager.default
        var kept: Set<String> = [SiteBuilder.marker]
        for path in sizes.keys {
            kept.insert(path)
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if !kept.insert(String(folder)).inserted { break }
            }
        }
        guard let walker = fm.enumerator(atPath: folderPath) else { return }
        var stale: [String] = []
        while let relative = walker.nextObject() as? String {
            if kept.contains(relative) { continue }
            stale.append(folderPath + "/" + relative)
            // A folder none of whose files were written goes whole.
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: folderPath + "/" + relative, isDirectory: &isFolder), isFolder.boolValue { walker.skipDescendants() }
        }
        for path in stale {
            do { try fm.removeItem(atPath: path) } catch {
                throw SiteError("cannot remove \(path): \(error.localizedDescription)")
            }
        }
    }

    /// Paths are joined as text: making a `URL` of each file's path (and of its folder) cost a third of
    /// storing it. `path` is relative, with `/` between folders and no `.` or `..` (katch names it).
    override func store<Piece: Collection<UInt8>>(_ path: String, _ pieces: [Piece]) throws(SiteError) { try write(path, pieces) }

    private func write<Pieces: Sequence>(_ path: String, _ pieces: Pieces) throws(SiteError) where Pieces.Element: Collection<UInt8> {
        let full = folderPath + "/" + path
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
            let parent = folderPath + "/" + String(path[..<slash])
            if folders.insert(parent).inserted { try makeFolder(parent, String(path[..<slash])) }
        }
        do { sizes[path] = try OutputFile.write(pieces, to: full) } catch {
            // In a spare, a folder may stand where this build wants a file.
            var isFolder: ObjCBool = false
            guard recycled, FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue,
                (try? FileManager.default.removeItem(atPath: full)) != nil
            else { throw error }
            sizes[path] = try OutputFile.write(pieces, to: full)
        }
    }

    override func store<Pieces: Sequence>(_ path: String, streaming pieces: Pieces) throws(SiteError) where Pieces.Element: Collection<UInt8> {
        try write(path, pieces)
    }

    /// Creates the folder `parent` (`relative` in the edition) with the folders above it.
    private func makeFolder(_ parent: String, _ relative: String) throws(SiteError) {
        let fm = FileManager.default
        do { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            // In a spare, a file may stand where this build wants a folder.
            if recycled && clearFilesOnTheWay(to: relative), (try? fm.createDirectory(atPath: parent, withIntermediateDirectories: true)) != nil { return }
            throw SiteError("cannot write \(parent): \(error.localizedDescription)")
        }
    }

    /// Removes files of the spare that stand where the folders of `relative` go; true when it
    /// removed one.
    private func clearFilesOnTheWay(to relative: String) -> Bool {
        let fm = FileManager.default
        var removed = false
        var prefix = folderPath
        for component in relative.split(separator: "/") {
            prefix += "/" + component
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: prefix, isDirectory: &isFolder), !isFolder.boolValue {
                removed = (try? fm.removeItem(atPath: prefix)) != nil || removed
            }
        }
        return removed
    }

    /// What was written, as the edition `edition` in `dir`.
    func written(_ edition: Edition, in dir: URL) -> WrittenEdition {
        WrittenEdition(
            edition: edition, folder: dir.appendingPathComponent(edition.rawValue), pageCount: sizes.keys.filter { $0.hasSuffix(".html") }.count,
            fileCount: sizes.count, byteCount: sizes.values.reduce(0, +))
    }
}

/// Writing one output file.
enum OutputFile {
    /// Writes `pieces` one after another to `path` (created, or written over and cut to its new
    /// length — never truncated to zero first, which ext4 answers with a flush on close) with plain POSIX calls
    /// (Foundation's `Data.write` also syncs each file to disk, which made writing a third of a small
    /// build); returns the bytes written. Small pieces are gathered into one buffer; a large one (the
    /// print page's content) is written from its own storage.
    @discardableResult
    static func write<Pieces: Sequence>(_ pieces: Pieces, to path: String) throws(SiteError) -> Int where Pieces.Element: Collection<UInt8> {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw SiteError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var buffer: [UInt8] = []
        var total = 0
        func flush(_ bytes: UnsafeRawBufferPointer) throws(SiteError) {
            var done = 0
            while done < bytes.count, let base = bytes.baseAddress {
                let n = Foundation.write(fd, base + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SiteError("cannot write \(path): \(String(cString: strerror(errno)))")
                }
                done += n
            }
            total += done
        }
        for piece in pieces {
            // A large String's UTF-8 view or array is written from its own storage; the rest gathered.
            if piece.count >= largePiece {
                try flushBuffer()
                let written = piece.withContiguousStorageIfAvailable { bytes -> SiteError? in
                    do throws(SiteError) { try flush(UnsafeRawBufferPointer(bytes)) } catch { return error }
                    return nil
                }
                switch written {
                case .some(nil): continue
                case .some(let failure?): throw failure
                case nil: break  // no contiguous storage: gathered below
                }
            }
            buffer.append(contentsOf: piece)
            // Small pieces are gathered up to a bound, not into a copy of the whole file.
            if buffer.count >= largePiece { try flushBuffer() }
        }
        try flushBuffer()
        // What is left of an older, longer file goes.
        guard ftruncate(fd, off_t(total)) == 0 else { throw SiteError("cannot write \(path): \(String(cString: strerror(errno)))") }
        return total

        func flushBuffer() throws(SiteError) {
            let failure: SiteError? = buffer.withUnsafeBytes { bytes in
                do throws(SiteError) { try flush(bytes) } catch { return error }
                return nil
            }
            if let failure { throw failure }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Pieces of at least this many bytes are written where they are instead of gathered.
    static let largePiece = 1 << 20
}

/// Builds one edition.
final class EditionBuilder {
    let course: Course
    let edition: Edition
    let l: Localizer
    /// The theme (default files of site/, the course's over them).
    let theme: Theme
    let layout: Layout
    let pages: [Page]
    /// Where the files go as they are made.
    let files: EditionFiles
    /// Explicit heading ids → page id, for pages of this edition.
    var anchorOwner: [String: String] = [:]
    var visibleIDs: Set<String>
    /// The search index's entries so far, encoded (``SearchEntry``).
    var searchEntries: [[UInt8]] = []
    /// Pages of this edition by id, and the pages of each module (overview excluded).
    var pageByID: [String: Page] = [:]
    var childrenOfModule: [String: [Page]] = [:]
    /// The sidebar's top-level groups, computed once.
    var navGroups: [(UIString, [Page])] = []
    /// Pages kept from the last build (`katch serve`), or nil.
    let cache: EditionCache?

    init(course: Course, edition: Edition, localizer: Localizer, theme: Theme, files: EditionFiles, cache: EditionCache? = nil) {
        self.course = course
        self.files = files
        self.cache = cache
        self.edition = edition
        self.l = localizer
        self.theme = theme
        // A course frame that does not parse fails `buildAll` first; `build(_:)` alone then uses the default.
        let frame = (try? theme.frame.get()) ?? Theme.defaultFrame
        self.layout = Layout(
            course: course, edition: edition, l: localizer, logo: theme.logo.map { "assets/" + $0.name }, frame: frame,
            trainerOnlyPaths: Set(course.pages.filter { $0.audience == .trainer }.map { Paths.page($0.id) }))
        self.pages = course.pages.filter { $0.isVisible(in: edition) }
        self.visibleIDs = Set(pages.map(\.id))
        for page in pages {
            for h in page.headings(in: edition) where h.isExplicit { anchorOwner[h.anchor] = page.id }
            if pageByID[page.id] == nil { pageByID[page.id] = page }
            if let m = page.module, m != page.id { childrenOfModule[m, default: []].append(page) }
        }
        let topLevel = pages.filter { $0.module == nil || $0.kind == .module }
        navGroups = [
            (.contents, topLevel.filter { $0.kind == .page || $0.kind == .reference }),
            (.modules, topLevel.filter { $0.kind == .module }),
            (.icebreakersAndEnergizers, topLevel.filter { $0.kind == .icebreaker || $0.kind == .energizer }),
            (.kindQuiz, topLevel.filter { [.quiz, .survey, .screening, .exercise, .discussion, .case, .rolePlay].contains($0.kind) }),
        ]
    }

    func href(_ id: String) -> String? {
        let (pageID, fragment) = splitID(id)
        if visibleIDs.contains(pageID) { return Paths.page(pageID) + (fragment.map { "#" + $0 } ?? "") }
        if fragment == nil, let owner = anchorOwner[id] { return Paths.page(owner) + "#" + id }
        return nil
    }

    func splitID(_ id: String) -> (String, String?) {
        guard let hash = id.firstIndex(of: "#") else { return (id, nil) }
        return (String(id[..<hash]), String(id[id.index(after: hash)...]))
    }

    func emit(_ path: String, _ text: String) { files.add(path, pieces: [text]) }

    /// A page in the frame, at `path` (the frame links to the same page of the other edition).
    func emitPage(_ path: String, _ parts: Layout.PageParts) { files.add(path, pieces: layout.render(parts, path: path)) }

    func build() {
        files.add("assets/style.css", theme.stylesheet)
        files.add("assets/search.js", theme.searchScript)
        if let logo = theme.logo { files.add("assets/" + logo.name, logo.bytes) }
        cache?.begin(globalKey())
        for (index, page) in pages.enumerated() { buildPage(page, index: index) }
        buildIndex()
        buildAgenda()
        buildCatalogue()
        // The search index before the print page: once written, its entries are let go, and the
        // print page (the whole edition in one string) is made without them held beside it.
        buildSearch()
        buildPrint()
        cache?.finish()
    }

    // MARK: Navigation

    func module(of page: Page) -> Page? {
        guard let m = page.module, m != page.id else { return nil }
        return pageByID[m]
    }

    /// The sidebar: fixed links, the top-level pages and modules, and the current module's pages.
    /// Its size depends on the number of modules, not on the number of pages.
    func sidebar(current: String?) -> String {
        var out = "<ul class=\"nav-fixed\">\n"
        for (key, path) in [(UIString.home, "index.html"), (.agenda, Paths.agenda), (.activities, Paths.catalogue),
                            (.search, Paths.search), (.printAll, Paths.print)] {
            out += "<li><a href=\"\(path)\"" + (current == path ? " aria-current=\"page\"" : "") + ">" + l(key).html + "</a></li>\n"
        }
        out += "</ul>\n"
        let currentPage = current.flatMap { c in c.hasSuffix(".html") ? pageByID[String(c.dropLast(5))] : nil }
        let currentModule = currentPage.flatMap { $0.kind == .module ? $0.id : $0.module }
        for (title, list) in navGroups where !list.isEmpty {
            out += "<p class=\"nav-heading\">" + l(title).html + "</p>\n<ul>\n"
            let shown = list.count > 60 ? list.filter { $0.id == currentModule } : list
            for p in shown {
                let path = Paths.page(p.id)
                out += "<li><a href=\"\(path.html)\"" + (current == path ? " aria-current=\"page\"" : "") + ">"
                    + navTitle(p).html + "</a>"
                if p.kind == .module && p.id == currentModule {
                    let children = childrenOfModule[p.id] ?? []
                    if !children.isEmpty {
                        out += "\n<ul>\n"
                        for c in children {
                            let cp = Paths.page(c.id)
                            out += "<li><a href=\"\(cp.html)\"" + (current == cp ? " aria-current=\"page\"" : "") + ">"
                                + c.title.html + "</a></li>\n"
                        }
                        out += "</ul>\n"
                    }
                }
                out += "</li>\n"
            }
            if list.count > 60 { out += "<li><a href=\"index.html\">" + l(.allModules).html + "</a></li>\n" }
            out += "</ul>\n"
        }
        return out
    }

    func navTitle(_ p: Page) -> String {
        // Module titles carry their number already («1-модуль. …»); prefix it only when they do not.
        if p.kind == .module, let n = p.number, !p.title.contains(n) { return n + ". " + p.title }
        return p.title
    }

    // MARK: Content pages

    func buildPage(_ page: Page, index: Int) {
        let key = cache.flatMap { cache in cache.revisions.revision(of: page.file).map { pageKey(page, index: index, revision: $0) } }
        if let key, let kept = cache?.reuse(page.file, key, resolve: lookup) {
            for file in kept.files { files.add(file.path, file.bytes) }
            searchEntries += kept.search
            return
        }
        let renderer = ContentRenderer(course: course, edition: edition, localizer: l, link: href)
        var main = ""
        main += meta(page)
        main += renderer.renderPage(page)
        if page.kind == .module { main += moduleContents(page) }
        main += renderer.renderFootnotes(of: page)
        var made: [(path: String, bytes: [UInt8])] = []
        for d in renderer.downloads {
            let bytes = CSVWriter.file(d.rows)
            files.add("downloads/" + d.name, bytes)
            if key != nil { made.append(("downloads/" + d.name, bytes)) }
        }
        var crumbs = [NavLink(title: l(.home), href: "index.html")]
        if let m = module(of: page) { crumbs.append(NavLink(title: navTitle(m), href: Paths.page(m.id))) }
        crumbs.append(NavLink(title: page.title, href: Paths.page(page.id)))
        // The outline lists the headings written as h2 and h3.
        let outline = page.headings(in: edition).compactMap { h -> (level: Int, anchor: String, title: String)? in
            guard let level = renderer.writtenLevels[h.anchor], level <= 3 else { return nil }
            return (level, h.anchor, h.spans.plainText)
        }
        let prev = index > 0 ? pages[index - 1] : nil
        let next = index + 1 < pages.count ? pages[index + 1] : nil
        let parts = Layout.PageParts(
            title: page.kind == .module ? navTitle(page) : page.title, bodyClass: "kind-\(page.kind.rawValue)",
            breadcrumbs: crumbs, sidebar: sidebar(current: Paths.page(page.id)), main: main, outline: outline,
            previous: prev.map { NavLink(title: $0.title, href: Paths.page($0.id)) },
            next: next.map { NavLink(title: $0.title, href: Paths.page($0.id)) })
        let path = Paths.page(page.id)
        let pieces = layout.render(parts, path: path)
        files.add(path, pieces: pieces)
        let firstEntry = searchEntries.count
        indexForSearch(page)
        if let key, let cache {
            made.append((path, EditionFiles.joined(pieces.map(\.utf8))))
            let lookups = renderer.references.map { lookup($0.id, showsTitle: $0.showsTitle) }
            cache.store(page.file, CachedPage(key: key, lookups: lookups, files: made, search: Array(searchEntries[firstEntry...])))
        }
    }

    /// Kind, duration, materials of an activity; the registration header of a quiz.
    func meta(_ page: Page) -> String {
        var rows: [(String, String)] = []
        if page.kind != .page && page.kind != .module && page.kind != .modulePart && page.kind != .reference {
            rows.append((l(.kind), kindName(page.kind)))
        }
        if let d = page.duration { rows.append((l(.duration), minutes(d))) }
        if !page.materials.isEmpty {
            rows.append((l(.materials), page.materials.map(course.config.materialLabel).joined(separator: ", ")))
        }
        var out = ""
        if let s = page.summary, page.kind.isActivity || page.kind == .module { out += "<p class=\"summary\">" + s.html + "</p>\n" }
        if !rows.isEmpty {
            out += "<dl class=\"meta\">\n"
            for (k, v) in rows { out += "<div><dt>" + k.html + "</dt><dd>" + v.html + "</dd></div>\n" }
            out += "</dl>\n"
        }
        if page.kind == .quiz || page.kind == .survey || !page.screeningTools.isEmpty {
            out += "<p class=\"print-only-hint\"><button type=\"button\" class=\"print-button\" onclick=\"window.print()\">"
                + l(.printThisPage).html + "</button></p>\n"
        }
        if page.kind == .quiz { out += registrationForm(phases: page.phases) }
        if !page.screeningTools.isEmpty {
            // The interview form's header: when, who was interviewed (by code), by whom.
            out += "<section class=\"registration screening-header\" aria-label=\"" + l(.blankForm).html + "\">\n<dl>\n"
            for field in [UIString.formDate, .formParticipantCode, .formInterviewer] {
                out += "<div><dt>" + l(field).html + "</dt><dd><span class=\"line\"></span></dd></div>\n"
            }
            out += "</dl>\n</section>\n"
        }
        return out
    }

    /// The paper form's header: which test it is (the quiz's phases; both when none are given),
    /// then the registration fields of `course.yml`.
    func registrationForm(phases: [String]) -> String {
        let reg = course.config.registration
        var out = "<section class=\"registration\" aria-label=\"" + l(.blankForm).html + "\">\n<dl>\n"
        let phaseNames: [(String, UIString)] = [("pre", .formPhasePre), ("post", .formPhasePost)]
        let shown = phaseNames.filter { phases.isEmpty || phases.contains($0.0) }
        if !shown.isEmpty {
            out += "<div class=\"form-phase\"><dt>" + l(.formPhase).html + ":</dt><dd><ul class=\"checkboxes\">"
            for (_, name) in shown { out += "<li><span class=\"box\"></span> " + l(name).html + "</li>" }
            out += "</ul></dd></div>\n"
        }
        out += "<div><dt>" + l(.formTraining).html + "</dt><dd><span class=\"line\"></span></dd></div>\n"
        out += "<div><dt>" + l(.formDate).html + "</dt><dd><span class=\"line\"></span></dd></div>\n"
        out += "<div><dt>" + l(.formPlace).html + "</dt><dd><span class=\"line\"></span></dd></div>\n"
        out += "<div><dt>" + l(.formInstructor).html + "</dt><dd><span class=\"line\"></span></dd></div>\n"
        out += "<div><dt>" + l(.formName).html + "</dt><dd><span class=\"line\"></span></dd></div>\n"
        func options(_ title: UIString, _ list: [LabeledOption], other: Bool = false) {
            guard !list.isEmpty else { return }
            out += "<div><dt>" + l(title).html + "</dt><dd><ul class=\"checkboxes\">"
            for o in list { out += "<li><span class=\"box\"></span> " + o.label.html + "</li>" }
            if other { out += "<li><span class=\"box\"></span> " + l(.formAgencyOther).html + ": <span class=\"line short\"></span></li>" }
            out += "</ul></dd></div>\n"
        }
        options(.formRegion, reg.regions)
        options(.formAgency, reg.agencies, other: reg.otherAgency)
        options(.formGender, reg.genders)
        out += "<div><dt>" + l(.formContact).html + "</dt><dd><span class=\"line\"></span></dd></div>\n"
        out += "</dl>\n</section>\n"
        return out
    }

    /// The list of a module's pages, on its overview page.
    func moduleContents(_ module: Page) -> String {
        // Pages the overview's own text already links to are not listed a second time.
        var linked = Set<String>()
        module.walk { b, _ in
            for spans in ContentWalk.ownSpans(b) { for id in SpanWalker.references(spans) { linked.insert(splitID(id).0) } }
        }
        let children = (childrenOfModule[module.id] ?? []).filter { !linked.contains($0.id) }
        guard !children.isEmpty else { return "" }
        var out = "<nav class=\"module-contents\" aria-label=\"" + l(.contents).html + "\">\n<h2 id=\"module-contents\">"
            + l(.contents).html + "</h2>\n<ul>\n"
        for c in children {
            out += "<li><a href=\"" + Paths.page(c.id).html + "\">" + c.title.html + "</a>"
            if c.kind != .modulePart { out += " <span class=\"tag\">" + kindName(c.kind).html + "</span>" }
            if let d = c.duration { out += " <span class=\"tag\">" + minutes(d).html + "</span>" }
            out += "</li>\n"
        }
        return out + "</ul>\n</nav>\n"
    }

    func kindName(_ kind: PageKind) -> String {
        switch kind {
        case .page: return l(.kindPage)
        case .module: return l(.kindModule)
        case .modulePart: return l(.kindModulePart)
        case .exercise: return l(.kindExercise)
        case .discussion: return l(.kindDiscussion)
        case .case: return l(.kindCase)
        case .rolePlay: return l(.kindRolePlay)
        case .icebreaker: return l(.kindIcebreaker)
        case .energizer: return l(.kindEnergizer)
        case .quiz: return l(.kindQuiz)
        case .survey: return l(.kindSurvey)
        case .screening: return l(.kindScreening)
        case .reference: return l(.kindReference)
        }
    }

    func minutes(_ m: Minutes) -> String { m.isRange ? l(.minutesRange, m.low, m.high) : l(.minutes, m.low) }

    // MARK: Home

    func buildIndex() {
        var main = ""
        if let s = course.config.subtitle { main += "<p class=\"subtitle\">" + s.html + "</p>\n" }
        if !course.config.project.isEmpty {
            main += "<dl class=\"meta\">\n"
            for p in course.config.project {
                let key: String
                switch p.id {
                case "name": key = l(.projectName)
                case "funder": key = l(.projectFunder)
                case "implementer": key = l(.projectImplementer)
                default: key = p.id
                }
                main += "<div><dt>" + key.html + "</dt><dd>" + p.label.html + "</dd></div>\n"
            }
            main += "</dl>\n"
        }
        main += "<p class=\"edition-note\">" + layout.editionName.html
        if edition == .trainer { main += ". " + l(.editionNote).html }
        main += "</p>\n"
        main += "<h2 id=\"overview\">" + l(.courseOverview).html + "</h2>\n<ul class=\"cards\">\n"
        for p in pages where p.module == nil && (p.kind == .page) {
            main += "<li><a href=\"" + Paths.page(p.id).html + "\">" + p.title.html + "</a></li>\n"
        }
        main += "</ul>\n<h2 id=\"modules\">" + l(.modules).html + "</h2>\n<ul class=\"cards\">\n"
        for m in pages where m.kind == .module {
            main += "<li><a href=\"" + Paths.page(m.id).html + "\">" + navTitle(m).html + "</a>"
            if let s = m.summary { main += "<p>" + s.html + "</p>" }
            main += "</li>\n"
        }
        main += "</ul>\n<h2 id=\"agenda\">" + l(.agenda).html + "</h2>\n<ul>\n"
        for day in course.config.agenda.pages {
            main += "<li><a href=\"" + Paths.day(day.id).html + "\">" + day.title.html + "</a></li>\n"
        }
        main += "</ul>\n<h2 id=\"more\">" + l(.formsAndTools).html + "</h2>\n<ul>\n"
        main += "<li><a href=\"\(Paths.catalogue)\">" + l(.activities).html + "</a></li>\n"
        for p in pages where [.quiz, .survey, .screening].contains(p.kind) || (p.kind == .reference && p.module == nil) {
            main += "<li><a href=\"" + Paths.page(p.id).html + "\">" + p.title.html + "</a></li>\n"
        }
        main += "<li><a href=\"\(Paths.print)\">" + l(.printAll).html + "</a></li>\n</ul>\n"
        let parts = Layout.PageParts(
            title: course.config.title, bodyClass: "home", sidebar: sidebar(current: "index.html"), main: main,
            outline: [(2, "overview", l(.courseOverview)), (2, "modules", l(.modules)), (2, "agenda", l(.agenda))],
            next: pages.first.map { NavLink(title: $0.title, href: Paths.page($0.id)) })
        emitPage("index.html", parts)
    }
}

/// File names of the site (all pages sit at the edition root, so links stay relative and short).
enum Paths {
    static let agenda = "agenda.html"
    static let catalogue = "activities.html"
    static let print = "print.html"
    static let search = "search.html"
    static func page(_ id: String) -> String { id + ".html" }
    static func day(_ id: String) -> String { "agenda-" + id + ".html" }
}
