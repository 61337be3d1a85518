import Foundation
import Yams

/// What the last load made of each page file, kept between loads of the same course (`katch serve`
/// loads it again after every edit): a file whose bytes have not changed is not parsed again.
///
/// The key is the file's bytes themselves, compared whole (a `memcmp` of at most a few hundred
/// kilobytes), not a hash of them: a hash collision would serve a stale page, and comparing costs
/// less than hashing would. Each parse gets a new ``revision(of:)``, so what is built from a page
/// (the site's rendered pages) can be kept too, under the revision it was made from.
public final class LoadCache: @unchecked Sendable {
    /// One file as parsed: its page (nil when it cannot be used), its diagnostics, and the ids an
    /// unusable page would have had.
    public struct Parsed: Sendable {
        /// The page, or nil when the file cannot be used.
        public var page: Page?
        /// The file's own problems, in the order they were found.
        public var diagnostics: [Diagnostic]
        /// Ids an unusable page would have had: references to them are held back.
        public var salvaged: [String]
        /// The extraction-damage lint's findings for the page (it reads the page alone).
        public var damage: [Diagnostic]

        init(page: Page? = nil, diagnostics: [Diagnostic], salvaged: [String] = [], damage: [Diagnostic] = []) {
            self.page = page
            self.diagnostics = diagnostics
            self.salvaged = salvaged
            self.damage = damage
        }
    }

    private struct Entry {
        var data: Data
        var parsed: Parsed
        var revision: Int
    }

    private var entries: [String: Entry] = [:]
    /// `course.yml`'s text and its YAML, when it parsed (the rest of reading it — checks, the logo's
    /// existence — is done on every load: it is quick and reads more than the text).
    private var config: (text: String, node: Node)?
    private var nextRevision = 0
    private var hits = 0
    // Files are parsed on every core (`Parallel.map`): the table is shared between them.
    private let lock = NSLock()

    /// Creates an empty cache.
    public init() {}

    /// The parse of `file` when its bytes are `data`, as the last load had them.
    func parsed(_ file: String, _ data: Data) -> Parsed? {
        lock.withLock {
            guard let entry = entries[file], entry.data == data else { return nil }
            hits += 1
            return entry.parsed
        }
    }

    /// Remembers the parse of `file` made from `data`, under a new revision.
    func store(_ file: String, _ data: Data, _ parsed: Parsed) {
        lock.withLock {
            nextRevision += 1
            entries[file] = Entry(data: data, parsed: parsed, revision: nextRevision)
        }
    }

    /// The YAML of `course.yml` when its text is `text`, as the last load parsed it.
    func configNode(_ text: String) -> Node? { lock.withLock { config?.text == text ? config?.node : nil } }

    /// Remembers the YAML parsed from `course.yml`'s `text`.
    func keepConfigNode(_ text: String, _ node: Node) { lock.withLock { config = (text, node) } }

    /// Forgets files that are no longer part of the course (deleted or renamed).
    func keep(only files: [String]) {
        lock.withLock {
            let present = Set(files)
            entries = entries.filter { present.contains($0.key) }
        }
    }

    /// Which parse of `file` the last load used: the same number as long as its bytes did not change.
    public func revision(of file: String) -> Int? { lock.withLock { entries[file]?.revision } }

    /// How many files were taken from the cache instead of parsed, over all loads (for tests and the bench).
    public var reused: Int { lock.withLock { hits } }
}
