import Foundation
import HTMLText
import CourseModel
import Localization

/// Proves the participant edition holds no trainer-only text: every run of six words of
/// trainer-only content (trainer pages, `TRAINER`/`ANSWER` callouts, explanations and rubrics,
/// footnotes and link targets defined in them) — and every shorter fragment whole, a one-word
/// title included — that does not also occur in participant-visible content (or in the interface's
/// own words) is looked up in every participant file (pages, print page, search index, downloads).
/// Answer-key markup is looked for too. Scope comes from ``ContentWalk``, as for the renderer.
public struct LeakCheck: Sendable {
    /// The course the edition was built from.
    public let course: Course

    /// Creates a checker.
    public init(course: Course) { self.course = course }

    /// Leaks found in `output`, one readable line each (empty when clean).
    public func check(_ output: EditionOutput) -> [String] {
        let scanner = scanner()
        for (path, bytes) in output.files { scanner.scan(path, bytes) }
        return scanner.leaks
    }

    /// A scanner that knows the trainer-only word runs of the course and looks for them in
    /// participant files one at a time, as they are written.
    func scanner() -> LeakScanner {
        let participantSource = participantVisibleIndex()
        let scanner = LeakScanner()
        // Each page's fragments are made and added in turn, not held all at once (memory at 100×).
        for page in course.pages {
            scanner.add(Self.secretFragments(EditionText.trainerOnly(page)), of: page.file) { participantSource.contains($0) }
        }
        scanner.add(Self.secretFragments(agendaTrainerNotes()), of: "course.yml") { participantSource.contains($0) }
        return scanner
    }

    /// The trainer notes of `course.yml`'s agenda (trainer-only, like a trainer page).
    func agendaTrainerNotes() -> [String] {
        let agenda = course.config.agenda
        return [agenda.trainerNote ?? ""] + agenda.days.map { $0.trainerNote ?? "" }
    }

    /// The non-empty trainer-only `texts` with their words and the word runs looked for.
    static func secretFragments(_ texts: [String]) -> [SecretFragment] {
        texts.filter { !$0.isEmpty }.map { text in
            let words = LeakDetector.words(text.utf8)
            return SecretFragment(text: text, words: words, shingles: LeakDetector.shingles(words))
        }
    }

    /// Word runs of everything the participant edition may show.
    func participantVisibleIndex() -> Set<UInt64> {
        var index = Set<UInt64>()
        for text in sharedVisibleTexts() { LeakDetector.allRuns(LeakDetector.words(text.utf8), into: &index) }
        for page in course.pages { Self.visibleRuns(of: page, into: &index) }
        return index
    }

    /// What participants see besides the pages: `course.yml`'s texts and the interface's own words.
    func sharedVisibleTexts() -> [String] {
        var texts: [String] = [course.config.title, course.config.subtitle ?? ""]
        texts += course.config.materials.map(\.label) + course.config.project.map(\.label)
        let reg = course.config.registration
        texts += (reg.regions + reg.agencies + reg.genders).map(\.label)
        for day in course.config.agenda.days {
            texts.append(day.title)
            texts.append(day.note ?? "")
            for s in day.sessions { texts += [s.title] + s.items }
        }
        texts.append(course.config.agenda.note ?? "")
        // The interface's own words (headings of the frame, buttons, labels) in every language.
        for s in UIString.allCases {
            let t = s.translations
            texts += [t.kk, t.ru, t.en]
        }
        return texts
    }

    /// Adds the word runs of what participants see of `page` (none for a trainer page) to `runs`.
    static func visibleRuns(of page: Page, into runs: inout Set<UInt64>) {
        guard page.audience == .all else { return }
        // One text per page, so word runs across neighbouring blocks (adjacent options) count too.
        var pageText = [page.title, page.summary ?? ""]
        pageText += EditionText.visible(page.blocks, in: .participant)
        pageText += page.footnotes.filter { page.footnoteScope($0.label) == .everyone }.map(\.spans.plainText)
        page.walk { b, scope in
            if scope == .everyone { for spans in ContentWalk.ownSpans(b) { pageText += SpanWalker.destinations(spans) } }
        }
        LeakDetector.allRuns(LeakDetector.words(pageText.joined(separator: " ").utf8), into: &runs)
    }
}

/// A trainer-only text with its words and the word runs the leak check looks for.
struct SecretFragment {
    var text: String
    var words: [UInt64]
    var shingles: [UInt64]
}

/// Looks for trainer-only word runs (and answer-key markup) in participant files, one file at a time.
final class LeakScanner: @unchecked Sendable {
    /// Each secret word run → the fragment it came from.
    private(set) var secrets: [UInt64: Int] = [:]
    /// One bit per value of a run hash's low bits, set for every secret: most runs of a file are
    /// passed over on one bit test instead of a dictionary lookup.
    private var filter = [UInt64](repeating: 0, count: 1 << 14)
    /// Trainer-only fragments: their file and text (quoted only in a report).
    var fragments: [(file: String, text: String)] = []
    /// Leaks per file scanned.
    private var found: [String: [String]] = [:]
    /// Whether the bytes of each file scanned are kept, so that the next build with this scanner
    /// (``startAgain()``, `katch serve`) takes the findings of a file whose bytes did not change.
    var keepsFiles = false
    /// The files scanned in this build (when ``keepsFiles``), and those of the build before with
    /// their findings.
    private var scanned: [String: [UInt8]] = [:]
    private var previous: [String: (bytes: [UInt8], leaks: [String])] = [:]

    /// Starts scanning the files of another build with the same secrets: a file whose bytes are
    /// those of the last build has the same findings, so it is not scanned again.
    func startAgain() {
        previous = [:]
        for (path, bytes) in scanned { previous[path] = (bytes, found[path] ?? []) }
        scanned = [:]
        found = [:]
    }

    /// The leaks found so far, one line each, by file path.
    var leaks: [String] { found.keys.sorted().flatMap { found[$0] ?? [] } }

    /// Adds the trainer-only `fragments` of `file` (files in course order), where `isVisible` tells
    /// whether participants may see a word run.
    func add(_ fragments: [SecretFragment], of file: String, isVisible: (UInt64) -> Bool) {
        for fragment in fragments {
            // A fragment of one to three words is a secret only when one of its words is a word
            // participants never see: «Материалдар (2)» is also a table heading beside a count.
            if fragment.words.count < LeakDetector.shortestCommon, fragment.words.allSatisfy({ isVisible(LeakDetector.combine([$0][...])) }) {
                continue
            }
            for shingle in fragment.shingles where !isVisible(shingle) && secrets[shingle] == nil {
                remember(shingle, fragment: self.fragments.count)
            }
            self.fragments.append((file, fragment.text))
        }
    }

    /// Records the secret word run `run` of fragment `fragment`.
    func remember(_ run: UInt64, fragment: Int) {
        secrets[run] = fragment
        filter[Int(run >> 6) & (filter.count - 1)] |= 1 << (run & 63)
    }

    /// Whether `run` may be a secret (always when it is one).
    @inline(__always) private func mayBeSecret(_ run: UInt64) -> Bool {
        filter[Int(run >> 6) & (filter.count - 1)] & (1 << (run & 63)) != 0
    }

    /// Guards what scans record (``scan(_:_:)`` runs on both cores at the end of a build); the
    /// secrets and the last build's files are only read while files are scanned.
    private let recording = NSLock()

    /// Scans the participant file `path`. Safe to call from several threads at once.
    func scan(_ path: String, _ bytes: [UInt8]) {
        if keepsFiles {
            recording.withLock { scanned[path] = bytes }
            if let last = previous[path], last.bytes == bytes {
                recording.withLock { found[path] = last.leaks }
                return
            }
        }
        // A file that is not UTF-8 text (an image) holds no text to leak. Pages are made from Swift
        // strings, so they are UTF-8; the other files (theme files of the course, downloads) are checked.
        let isHTML = path.hasSuffix(".html")
        guard isHTML || String(validating: bytes, as: UTF8.self) != nil else { return }
        var leaks: [String] = []
        for marker in LeakDetector.markers where isHTML && LeakDetector.contains(bytes, marker.bytes) {
            leaks.append("\(path): answer-key or trainer markup «\(marker.text)»")
        }
        let words = isHTML ? LeakDetector.words(LeakDetector.textOfMarkup(bytes)) : LeakDetector.words(bytes)
        var reported: Set<String> = []
        LeakDetector.forEachRun(words) { run in
            if mayBeSecret(run), let index = secrets[run], reported.insert(fragments[index].file).inserted {
                let (file, text) = fragments[index]
                leaks.append("\(path): trainer-only text of \(file) («\(text.prefix(60))…»)")
            }
        }
        recording.withLock { found[path] = leaks }
    }
}

/// The participant edition's files on their way to the leak check, shared by the two threads of a
/// build. The participant thread's work (the leak check's index, its edition and every scan) was a
/// fifth more than the trainer thread's, which then waited for it. So the participant thread queues
/// its files instead of scanning them, up to ``limit`` bytes (beyond that it scans them itself), and
/// both threads take files from the queue once their editions are done: the trainer thread through
/// ``help()``, the participant thread through ``finish(with:)``.
final class ScanQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var scanner: LeakScanner?
    private var queued: [(path: String, bytes: [UInt8])] = []
    private var queuedBytes = 0
    /// Files taken off the queue by the trainer thread and still being scanned.
    private var scanning = 0
    private var done = false
    /// The most bytes kept waiting (the memory the queue may add to a build's peak).
    let limit: Int

    /// A queue keeping at most `limit` bytes of files waiting.
    init(limit: Int = 16 << 20) { self.limit = limit }

    /// Gives the queue the scanner (made by the participant thread, from the course).
    func start(_ scanner: LeakScanner) {
        condition.withLock {
            self.scanner = scanner
            condition.broadcast()
        }
    }

    /// A participant file, just made: queued, or scanned here with `scanner` (the one given to
    /// ``start(_:)``) when the queue holds its limit.
    func submit(_ path: String, _ bytes: [UInt8], with scanner: LeakScanner) {
        let queued: Bool = condition.withLock {
            guard queuedBytes + bytes.count <= limit else { return false }
            self.queued.append((path, bytes))
            queuedBytes += bytes.count
            condition.signal()
            return true
        }
        if !queued { scanner.scan(path, bytes) }
    }

    /// A queued file, taken off the queue (the last queued: the order of scans does not matter, the
    /// findings are kept by path); the caller holds the lock and the queue is not empty.
    private func takeNext() -> (path: String, bytes: [UInt8]) {
        let next = queued.removeLast()
        queuedBytes -= next.bytes.count
        return next
    }

    /// The trainer thread, done with its edition: scans queued files until the participant edition
    /// is complete and nothing is queued.
    func help() {
        condition.lock()
        while true {
            while (queued.isEmpty || scanner == nil) && !done { condition.wait() }
            guard let scanner, !queued.isEmpty else { break }
            let next = takeNext()
            scanning += 1
            condition.unlock()
            scanner.scan(next.path, next.bytes)
            condition.lock()
            scanning -= 1
            condition.broadcast()
        }
        condition.unlock()
    }

    /// The participant edition is complete: the participant thread scans what is still queued, with
    /// `scanner`, beside the trainer thread, and returns once every file is scanned — the trainer
    /// thread's last scans included, so the scanner's findings are complete when it is asked.
    func finish(with scanner: LeakScanner) {
        condition.lock()
        done = true
        condition.broadcast()
        while !queued.isEmpty {
            let next = takeNext()
            condition.unlock()
            scanner.scan(next.path, next.bytes)
            condition.lock()
        }
        while scanning > 0 { condition.wait() }
        condition.unlock()
    }
}
