import CourseModel
import Foundation
import Localization
import Terminal

/// The screening instrument as a guided interview for role play: section by section, item by
/// item, with the evidence score (or yes/no), notes, section and grand totals with the tool's
/// maxima, and the final judgement. The filled form is written as Markdown. Practice only: it
/// stores no person's data in the results database and says so on screen.
public struct ScreeningInterview {
    let page: Page
    let tool: ScreeningTool
    let console: Console
    var l: Localizer { console.l }

    /// One recorded item.
    public struct Answer: Sendable, Hashable {
        /// Score on the scale, or 1/0 for yes/no, nil for text items.
        public var score: Int?
        /// The answer shown on the form (label).
        public var label: String
        /// Interviewer's note.
        public var note: String
    }

    /// The filled form.
    public struct Result: Sendable {
        /// Answers by item id.
        public var answers: [String: Answer]
        /// Sections that applied.
        public var applied: Set<String>
        /// Section sums (scale items).
        public var sectionScores: [String: Int]
        /// Totals: label, score, maximum, and whether it is the one that applies.
        public var totals: [(label: String, score: Int, max: Int, applies: Bool)]
        /// The final judgement's label.
        public var judgement: String?
    }

    init(page: Page, tool: ScreeningTool, console: Console) {
        self.page = page
        self.tool = tool
        self.console = console
    }

    /// Computes sums and totals from answers.
    public static func totals(tool: ScreeningTool, answers: [String: Answer], applied: Set<String>) -> (sections: [String: Int], totals: [(label: String, score: Int, max: Int, applies: Bool)]) {
        var sections: [String: Int] = [:]
        for s in tool.sections where applied.contains(s.id) {
            sections[s.id] = s.items.filter { $0.type == .scale }.compactMap { answers[$0.id]?.score }.reduce(0, +)
        }
        let scoredSections = Set(tool.sections.filter { $0.maxScore(top: tool.scaleTop) > 0 }.map(\.id))
        let asked = scoredSections.intersection(applied)
        let candidates = (tool.totals ?? []).filter { t in t.sections.contains(where: applied.contains) }
        // The grand total that applies covers exactly the scored sections that were asked.
        let fitting = candidates.filter { Set($0.sections).intersection(scoredSections) == asked }
        let widest = fitting.map(\.sections.count).max() ?? 0
        let totals = candidates.map { t -> (label: String, score: Int, max: Int, applies: Bool) in
            let score = t.sections.compactMap { sections[$0] }.reduce(0, +)
            let applies = t.sections.count == widest && Set(t.sections).intersection(scoredSections) == asked
            return (t.label, score, t.max, applies)
        }
        return (sections, totals)
    }

    /// What `read` names: the text under the page's heading with that title (up to the next
    /// heading of the same or a higher level), or `read` itself when no heading has that title.
    func readAloud(_ read: String) -> [String] {
        let wanted = read.trimmingCharacters(in: .whitespacesAndNewlines)
        var collected: [ContentBlock] = []
        var level: Int?
        for b in page.blocks {
            if case .heading(let h) = b.kind {
                if let l = level {
                    if h.level <= l { break }
                } else if h.spans.plainText.trimmingCharacters(in: .whitespacesAndNewlines) == wanted {
                    level = h.level
                    continue
                }
            }
            if level != nil { collected.append(b) }
        }
        if level == nil { return [wanted] }
        return TerminalText.paragraphs(collected, trainerOnly: false)
    }

    /// Shows the section's instructions and the read-aloud text of `read` (if any) and waits.
    func sectionScreen(_ header: String, title: String, notes: [String], read: String?) -> Outcome<Void> {
        var body = notes.filter { !$0.isEmpty }
        if let read { body += [l(.tScreeningReadAloud)] + readAloud(read) }
        guard !body.isEmpty else { return .value(()) }
        return console.show(Screen(header: header, title: title, body: body), wait: true)
    }

    /// What was recorded so far (kept when the interview stops early).
    final class Progress {
        var answers: [String: Answer] = [:]
        var applied: Set<String> = []
        var judgement: String?
    }

    /// Runs the interview. The filled form is written at the end, and also when the interview stops
    /// early (Ctrl-C, end of input) with what was recorded so far, so nothing recorded is lost.
    func run(output: String?) -> QuizExit {
        let title = l(.tPracticeTitle, page.title)
        let progress = Progress()
        let end = interview(progress, title: title)
        if let end, progress.answers.isEmpty { return end }
        let computed = Self.totals(tool: tool, answers: progress.answers, applied: progress.applied)
        var summary = sums(computed)
        let result = Result(
            answers: progress.answers, applied: progress.applied, sectionScores: computed.sections, totals: computed.totals,
            judgement: progress.judgement)
        if let j = progress.judgement { summary.append(l(.tScreeningJudgement) + ": " + j) }
        let markdown = Self.markdown(page: page, tool: tool, result: result, l: l)
        let path = output ?? "screening-\(page.id)-\(Self.stamp()).md"
        do {
            try Data(markdown.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            summary.append(l(.tScreeningSaved, path))
        } catch {
            summary.append("error: \(path): \(error.localizedDescription)")
        }
        guard let end else {
            _ = console.show(Screen(header: title, title: l(.screeningTotal), body: summary, lasting: true), wait: true)
            return .completed
        }
        _ = console.show(Screen(header: title, title: l(end == .interrupted ? .tInterrupted : .tEndOfInput), body: summary), wait: false)
        return end
    }

    /// The section sums and totals as lines (the total that applies marked «»»).
    func sums(_ computed: (sections: [String: Int], totals: [(label: String, score: Int, max: Int, applies: Bool)])) -> [String] {
        var summary: [String] = []
        for s in tool.sections where computed.sections[s.id] != nil && s.maxScore(top: tool.scaleTop) > 0 {
            summary.append(l(.tScreeningSection, s.id, computed.sections[s.id] ?? 0, s.maxScore(top: tool.scaleTop)))
        }
        for t in computed.totals { summary.append((t.applies ? "» " : "  ") + l(.tScreeningTotal, t.label, t.score, t.max)) }
        return summary
    }

    /// What was typed into the text field just left without finishing it (nil when nothing).
    func typed() -> String? {
        guard let d = console.lastDraft?.trimmingSpaces(), !d.isEmpty else { return nil }
        return d
    }

    /// A step of the interview: a section's start (its question whether it applies, its instructions
    /// and read-aloud text) or one item.
    enum Step { case section(Int), item(Int, Int) }

    /// The interview's screens; nil when it reached its end, else how it stopped. ← (or `<`) goes
    /// back to the previous item with its recorded answer shown, so a slip is corrected, not skipped.
    func interview(_ progress: Progress, title: String) -> QuizExit? {
        switch console.show(Screen(header: title, title: page.title, body: [l(.tScreeningIntro)]), wait: true) {
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        default: break
        }
        if let read = tool.read {
            switch sectionScreen(title, title: page.title, notes: [], read: read) {
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            default: break
            }
        }
        var steps: [Step] = []
        for (si, s) in tool.sections.enumerated() { steps += [.section(si)] + s.items.indices.map { .item(si, $0) } }
        var i = 0
        var backwards = false
        func back() {
            backwards = i > 0
            i = max(0, i - 1)
        }
        while i < steps.count {
            switch steps[i] {
            case .section(let si):
                let section = tool.sections[si]
                if section.optional == true {
                    let ask = Screen(header: title, title: section.title, body: [section.note ?? "", l(.tScreeningSectionApplies)].filter { !$0.isEmpty })
                    switch console.confirm(ask, defaultYes: progress.applied.contains(section.id)) {
                    case .value(true):
                        progress.applied.insert(section.id)
                        if let read = section.read {
                            switch sectionScreen(title, title: section.title, notes: [], read: read) {
                            case .back: continue  // ask again whether it applies
                            case .interrupted: return .interrupted
                            case .endOfInput: return .endOfInput
                            case .value: break
                            }
                        }
                        backwards = false
                        i += 1
                    case .value(false):
                        progress.applied.remove(section.id)
                        backwards = false
                        i += 1
                    case .back: back()
                    case .interrupted: return .interrupted
                    case .endOfInput: return .endOfInput
                    }
                } else if backwards {
                    back()  // its instructions are not shown again on the way back
                } else {
                    progress.applied.insert(section.id)
                    // The section's instructions and what is read aloud.
                    switch sectionScreen(title, title: section.title, notes: [section.note ?? ""], read: section.read) {
                    case .back: back()
                    case .interrupted: return .interrupted
                    case .endOfInput: return .endOfInput
                    case .value: i += 1
                    }
                }
            case .item(let si, let ii):
                let section = tool.sections[si]
                guard progress.applied.contains(section.id) else {
                    // An optional section that does not apply.
                    if backwards { back() } else { i += 1 }
                    continue
                }
                switch ask(section.items[ii], in: section, index: ii, title: title, progress: progress) {
                case .value:
                    backwards = false
                    i += 1
                case .back: back()
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            }
        }
        if let levels = tool.judgement, !levels.isEmpty {
            // The sums and totals come first and then the question (read in this order in plain mode
            // too): the final judgement is made looking at them.
            let summary = sums(Self.totals(tool: tool, answers: progress.answers, applied: progress.applied))
            let screen = Screen(
                header: title + " — " + l(.tScreeningJudgement), title: l(.tScreeningSums),
                body: summary + [tool.judgementQuestion ?? l(.tScreeningJudgement)])
            switch console.chooseValue(screen, values: levels.map(\.value), labels: levels.map(\.label), current: nil, allowSkip: true) {
            case .value(let v?): progress.judgement = "\(v) — " + (levels.first { $0.value == v }?.label ?? "")
            case .value(nil), .back: progress.judgement = nil
            case .interrupted: return .interrupted
            case .endOfInput: return .endOfInput
            }
        }
        return nil
    }

    /// Asks one item and its note (← on the note returns to the item); records the answer in
    /// `progress`. Text typed and left with Esc, Ctrl-C or end of input is recorded as typed.
    func ask(_ item: ScreeningTool.Item, in section: ScreeningTool.Section, index: Int, title: String, progress: Progress) -> Outcome<Void> {
        let scale = tool.scale ?? []
        let levels = item.levels(of: scale)
        let allowed = item.type == .scale && item.values != nil ? [l(.tScreeningAllowed, levels.map { String($0.value) }.joined(separator: ", "))] : []
        let screen = Screen(
            header: title + " — " + section.title, progress: (index, section.items.count), title: item.id + ". " + item.text,
            body: [item.note ?? ""].filter { !$0.isEmpty } + allowed)
        let earlier = progress.answers[item.id]
        while true {
            var answer: Answer
            switch item.type {
            case .scale:
                // Only the values the item allows can be typed (E1: 0 or 3).
                switch console.chooseValue(screen, values: levels.map(\.value), labels: levels.map(\.label), current: earlier?.score, allowSkip: false) {
                case .value(let v?): answer = Answer(score: v, label: "\(v)", note: "")
                case .value(nil): answer = Answer(score: nil, label: "—", note: "")
                case .back: return .back
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            case .yesno:
                let current = earlier?.score.map { $0 == 1 ? 0 : 1 }
                switch console.chooseOne(screen, options: [l(.tYes), l(.tNo)], current: current, allowSkip: false) {
                case .value(let v?): answer = Answer(score: v == 0 ? 1 : 0, label: v == 0 ? l(.tYes) : l(.tNo), note: "")
                case .value(nil): answer = Answer(score: nil, label: "—", note: "")
                case .back: return .back
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            case .choice:
                let options = item.options ?? []
                switch console.chooseOne(screen, options: options, current: earlier.flatMap { options.firstIndex(of: $0.label) }, allowSkip: true) {
                case .value(let v?): answer = Answer(score: nil, label: options[v], note: "")
                case .value(nil): answer = Answer(score: nil, label: "—", note: "")
                case .back: return .back
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            case .multiple:
                let options = item.options ?? []
                let chosen = Set((earlier?.label.components(separatedBy: "; ") ?? []).compactMap { options.firstIndex(of: $0) })
                switch console.chooseMany(screen, options: options, current: chosen) {
                case .value(let set): answer = Answer(score: nil, label: set.isEmpty ? "—" : set.sorted().map { options[$0] }.joined(separator: "; "), note: "")
                case .back: return .back
                case .interrupted: return .interrupted
                case .endOfInput: return .endOfInput
                }
            case .text:
                let current = earlier.map { $0.label == "—" ? "" : $0.label } ?? ""
                switch console.text(screen, current: current, multiline: false, required: false, maxLength: 1000) {
                case .value(let t): answer = Answer(score: nil, label: t.isEmpty ? "—" : t, note: "")
                case .back:
                    if let t = typed() { progress.answers[item.id] = Answer(score: nil, label: t, note: "") }
                    return .back
                case .interrupted:
                    if let t = typed() { progress.answers[item.id] = Answer(score: nil, label: t, note: "") }
                    return .interrupted
                case .endOfInput:
                    if let t = typed() { progress.answers[item.id] = Answer(score: nil, label: t, note: "") }
                    return .endOfInput
                }
                progress.answers[item.id] = answer
                return .value(())
            }
            let noteScreen = Screen(header: screen.header, title: item.id + ": " + l(.tScreeningNotes))
            switch console.text(noteScreen, current: earlier?.note ?? "", multiline: false, required: false, maxLength: 1000) {
            case .value(let n):
                answer.note = n
                progress.answers[item.id] = answer
                return .value(())
            case .back:
                answer.note = typed() ?? earlier?.note ?? ""
                progress.answers[item.id] = answer
                continue  // back to the item's value
            case .interrupted:
                answer.note = typed() ?? ""
                progress.answers[item.id] = answer
                return .interrupted
            case .endOfInput:
                answer.note = typed() ?? ""
                progress.answers[item.id] = answer
                return .endOfInput
            }
        }
    }

    static func stamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: Date())
    }

    /// The filled form as Markdown (printable, and re-readable by people).
    public static func markdown(page: Page, tool: ScreeningTool, result: Result, l: Localizer) -> String {
        var md = "# " + page.title + "\n\n> " + l(.tScreeningIntro) + "\n\n"
        for s in tool.sections {
            md += "## " + s.title + "\n\n"
            guard result.applied.contains(s.id) else {
                md += "— (" + l(.sectionOptional) + ")\n\n"
                continue
            }
            md += "| № | " + l(.question) + " | " + l(.screeningScore) + " | " + l(.screeningNotes) + " |\n|---|---|---|---|\n"
            for item in s.items {
                let a = result.answers[item.id]
                md += "| \(item.id) | \(cell(item.text)) | \(cell(a?.label ?? "—")) | \(cell(a?.note ?? "")) |\n"
            }
            let max = s.maxScore(top: tool.scaleTop)
            if max > 0 { md += "\n**" + s.id + ": \(result.sectionScores[s.id] ?? 0) / \(max)**\n" }
            md += "\n"
        }
        md += "## " + l(.screeningTotal) + "\n\n"
        for t in result.totals { md += "- " + (t.applies ? "**" : "") + "\(t.label): \(t.score) / \(t.max)" + (t.applies ? "**" : "") + "\n" }
        if let j = result.judgement { md += "\n**" + l(.screeningJudgement) + ":** " + j + "\n" }
        return md
    }

    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
