import Foundation

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

        init(page: Page? = nil, diagnostics: [Diagnostic], salvaged: [String] = []) {
            self.page = page
            self.diagnostics = diagnostics
            self.salvaged = salvaged
        }
    }

    private struct Entry {
        var data: Data
        var parsed: Parsed
        var revision: Int
    }

    private var entries: [String: Entry] = [:]
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
