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
        let participantSource = participantVisibleIndex()
        var secrets: [UInt64: String] = [:]
        var excerpts: [UInt64: String] = [:]
        /// Word runs of trainer-only `fragments` (of `file`) that participants may not see.
        func remember(_ fragments: [String], from file: String) {
            for fragment in fragments where !fragment.isEmpty {
                let words = LeakDetector.words(fragment)
                // A fragment of one to three words is a secret only when one of its words is a word
                // participants never see: «Материалдар (2)» is also a table heading beside a count.
                if words.count < LeakDetector.shortestCommon,
                    words.allSatisfy({ participantSource.contains(LeakDetector.combine([$0][...])) })
                {
                    continue
                }
                for shingle in LeakDetector.shingles(words) where !participantSource.contains(shingle) {
                    if secrets[shingle] == nil {
                        secrets[shingle] = file
                        if excerpts[shingle] == nil { excerpts[shingle] = "«" + String(fragment.prefix(60)) + "…»" }
                    }
                }
            }
        }
        for page in course.pages { remember(EditionText.trainerOnly(page), from: page.file) }
        let agenda = course.config.agenda
        remember([agenda.trainerNote ?? ""] + agenda.days.map { $0.trainerNote ?? "" }, from: "course.yml")
        var leaks: [String] = []
        let markers = ["class=\"correct\"", "callout-trainer", "callout-answer", "class=\"key\""]
        for path in output.files.keys.sorted() {
            guard let bytes = output.files[path], let raw = String(validating: bytes, as: UTF8.self) else { continue }
            for marker in markers where path.hasSuffix(".html") && raw.contains(marker) {
                leaks.append("\(path): answer-key or trainer markup «\(marker)»")
            }
            let text = path.hasSuffix(".html") ? LeakDetector.textOfMarkup(raw) : raw
            var reported: Set<String> = []
            LeakDetector.forEachRun(LeakDetector.words(text)) { run in
                if let source = secrets[run], reported.insert(source).inserted {
                    leaks.append("\(path): trainer-only text of \(source) (\(excerpts[run] ?? ""))")
                }
            }
        }
        return leaks
    }

    /// Word runs of everything the participant edition may show.
    func participantVisibleIndex() -> Set<UInt64> {
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
        for page in course.pages where page.audience == .all {
            // One text per page, so word runs across neighbouring blocks (adjacent options) count too.
            var pageText = [page.title, page.summary ?? ""]
            pageText += EditionText.visible(page.blocks, in: .participant)
            pageText += page.footnotes.filter { page.footnoteScope($0.label) == .everyone }.map(\.spans.plainText)
            page.walk { b, scope in
                if scope == .everyone { for spans in ContentWalk.ownSpans(b) { pageText += SpanWalker.destinations(spans) } }
            }
            texts.append(pageText.joined(separator: " "))
        }
        var index = Set<UInt64>()
        for t in texts { LeakDetector.allRuns(LeakDetector.words(t), into: &index) }
        return index
    }
}
