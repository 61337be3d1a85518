import Instruments
import HTMLText
import CourseModel
import Localization
import Markdown

/// Renders page content to HTML for one edition.
///
/// Trainer-only content (`TRAINER`/`ANSWER` callouts, question keys and explanations) is
/// rendered only in the trainer edition; in the participant edition it is never produced at all.
final class ContentRenderer {
    let course: Course
    let edition: Edition
    let l: Localizer
    /// Turns a course-wide id into an href, or nil when the target is not in this edition.
    let link: (String) -> String?
    /// Prefix for anchors (the print page prefixes every anchor with its page id).
    let anchorPrefix: String
    /// How many levels below h2 the page's outermost headings are written (print page: 1, as the
    /// page's own title is an h2 there).
    let headingShift: Int
    /// CSV downloads met while rendering: file name → rows.
    var downloads: [(name: String, rows: [[String]])] = []
    /// The heading levels of the page being rendered (restarted by ``renderPage(_:)``).
    private var levels: HeadingLevels
    /// The HTML level written for each heading anchor (unprefixed) of the page, for its outline.
    private(set) var writtenLevels: [String: Int] = [:]
    /// Questions rendered so far on the page: the next question's number is this plus one.
    private var questionCount = 0
    private var footnoteRefCount: [String: Int] = [:]
    private var footnoteOrder: [String] = []
    /// Every cross-reference rendered, in order, and whether it showed its target's title (it had no
    /// text of its own): what the page read of other pages (``SiteCache``).
    private(set) var references: [(id: String, showsTitle: Bool)] = []

    init(course: Course, edition: Edition, localizer: Localizer, anchorPrefix: String = "", headingShift: Int = 0,
         link: @escaping (String) -> String?) {
        self.course = course
        self.edition = edition
        self.l = localizer
        self.anchorPrefix = anchorPrefix
        self.headingShift = headingShift
        self.link = link
        self.levels = HeadingLevels(top: 2 + headingShift)
    }

    /// The level to write for a heading authored at `authored` (see ``HeadingLevels``), recorded
    /// for `anchor`.
    func level(_ authored: Int, anchor: String) -> Int {
        let level = levels.level(authored)
        writtenLevels[anchor] = level
        return level
    }

    /// Renders the content of `page`: heading levels start again under the page title and
    /// questions are numbered from 1.
    func renderPage(_ page: Page) -> String {
        levels = HeadingLevels(top: 2 + headingShift)
        writtenLevels = [:]
        questionCount = 0
        return render(page.blocks)
    }

    var isTrainer: Bool { edition == .trainer }

    func anchor(_ a: String) -> String { anchorPrefix + a }

    // MARK: Blocks

    func render(_ blocks: [ContentBlock]) -> String {
        var out = ""
        for block in blocks { render(block, into: &out) }
        return out
    }

    func render(_ block: ContentBlock, into out: inout String) {
        switch block.kind {
        case .paragraph(let spans):
            out += "<p>"
            render(spans, into: &out)
            out += "</p>\n"
        case .heading(let h):
            let level = level(h.level, anchor: h.anchor)
            out += "<h\(level) id=\"\(anchor(h.anchor).html)\">"
            render(h.spans, into: &out)
            out += "</h\(level)>\n"
        case .list(let style, let items):
            let tag = style.ordered ? "ol" : "ul"
            let start = style.ordered && style.start != 1 ? " start=\"\(style.start)\"" : ""
            out += "<\(tag)\(start)>\n"
            for item in items {
                if style.tight, item.count == 1, case .paragraph(let spans) = item[0].kind {
                    out += "<li>"
                    render(spans, into: &out)
                    out += "</li>\n"
                } else if style.tight {
                    out += "<li>"
                    for b in item {
                        if case .paragraph(let spans) = b.kind {
                            render(spans, into: &out)
                            out += "\n"
                        } else {
                            render(b, into: &out)
                        }
                    }
                    out += "</li>\n"
                } else {
                    out += "<li>"
                    for b in item { render(b, into: &out) }
                    out += "</li>\n"
                }
            }
            out += "</\(tag)>\n"
        case .quote(let inner):
            out += "<blockquote>\n"
            for b in inner { render(b, into: &out) }
            out += "</blockquote>\n"
        case .callout(let c):
            renderCallout(c, into: &out)
        case .table(let t):
            renderTable(t, into: &out)
        case .question(let q):
            renderQuestion(q, into: &out)
        case .screening(let s):
            renderScreening(s, into: &out)
        case .code(_, let literal):
            out += "<pre><code>" + literal.html + "</code></pre>\n"
        case .thematicBreak:
            out += "<hr>\n"
        }
    }

    func calloutTitle(_ kind: CalloutKind) -> String {
        switch kind {
        case .attention: return l(.calloutAttention)
        case .important: return l(.calloutImportant)
        case .note: return l(.calloutNote)
        case .example: return l(.calloutExample)
        case .energizer: return l(.calloutEnergizer)
        case .trainer: return l(.calloutTrainer)
        case .answer: return l(.calloutAnswer)
        }
    }

    func renderCallout(_ c: Callout, into out: inout String) {
        if !c.scope.isVisible(in: edition) { return }
        let kind = c.kind.rawValue.lowercased()
        let title = c.title.isEmpty ? calloutTitle(c.kind).html : render(c.title)
        out += "<aside class=\"callout callout-\(kind)\">\n<p class=\"callout-title\">"
        if c.kind.isTrainerOnly { out += "<span class=\"badge\">" + l(.trainerOnlyBadge).html + "</span> " }
        out += title + "</p>\n"
        for b in c.body { render(b, into: &out) }
        out += "</aside>\n"
    }

    func renderTable(_ t: Table, into out: inout String) {
        out += "<figure class=\"table\">\n<div class=\"table-scroll\"><table>\n"
        if !t.caption.isEmpty { out += "<caption>" + t.caption.html + "</caption>\n" }
        out += "<thead><tr>"
        for cell in t.header {
            out += "<th scope=\"col\">"
            render(cell, into: &out)
            out += "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in t.rows {
            out += "<tr>"
            for cell in row {
                out += "<td>"
                render(cell, into: &out)
                out += "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        if let name = t.download {
            downloads.append((name, t.textRows))
            out += "<p class=\"download\"><a href=\"downloads/\(name.html)\" download>" + l(.downloadCSV).html + " — "
                + name.html + "</a></p>\n"
        }
        out += "</figure>\n"
    }

    func renderQuestion(_ q: Question, into out: inout String) {
        let level = level(q.heading.level, anchor: q.heading.anchor)
        questionCount += 1
        out += "<section class=\"question question-\(q.type.rawValue)\" aria-labelledby=\"\(anchor(q.id).html)\">\n"
        out += "<h\(level) id=\"\(anchor(q.id).html)\"><span class=\"q-number\">\(questionCount).</span> " + render(q.heading.spans)
            + "</h\(level)>\n"
        out += render(q.stem)
        switch q.type {
        case .single, .multiple:
            if q.type == .multiple { out += "<p class=\"hint several\">" + l(.formSeveralAnswers).html + "</p>\n" }
            out += "<ol class=\"options\" type=\"a\">\n"
            for (index, option) in q.options.enumerated() {
                let correct = isTrainer && option.isCorrect
                out += correct ? "<li class=\"correct\">" : "<li>"
                out += "<span class=\"box\" aria-hidden=\"true\">" + (correct ? "✓" : "") + "</span> <span class=\"option-letter\">"
                    + OptionLetter.letter(index) + ")</span> " + render(option.spans)
                if correct { out += " <strong class=\"key\">(" + l(.correctAnswer).html + ")</strong>" }
                out += "</li>\n"
            }
            out += "</ol>\n"
        case .rating:
            // The scale's own top (2 to 5 labels); not repeated when the question already says it.
            let hint = l(.ratingScale, q.options.count)
            let said = q.prompt.lowercased().contains(hint.split(separator: " ").prefix(2).joined(separator: " ").lowercased())
            if !said { out += "<p class=\"hint\">" + hint.html + "</p>\n" }
            out += "<ol class=\"rating\">\n"
            for (i, option) in q.options.enumerated() {
                out += "<li><span class=\"box\" aria-hidden=\"true\"></span> \(i + 1) — " + render(option.spans) + "</li>\n"
            }
            out += "</ol>\n"
        case .open:
            // Ruled with borders, not a background, so the lines print with the browser's default settings.
            out += "<div class=\"answer-lines\" role=\"img\" aria-label=\"" + l(.openAnswerLines).html + "\">"
                + String(repeating: "<div class=\"write-line\"></div>", count: q.lines) + "</div>\n"
            if isTrainer && q.maxScore > 0 {
                out += "<p class=\"key\">" + l(.maxScore, q.maxScore).html + "</p>\n"
            }
        }
        if isTrainer, let e = q.explanation {
            var titled = e
            if titled.title.isEmpty { titled.title = [.text(q.type == .open ? l(.rubric) : l(.explanation))] }
            renderCallout(titled, into: &out)
        }
        out += "</section>\n"
    }

    func renderScreening(_ s: ScreeningTool, into out: inout String) {
        out += "<div class=\"screening\">\n"
        if let scale = s.scale, !scale.isEmpty {
            out += "<table class=\"scale\"><caption>" + l(.screeningScore).html + "</caption><tbody>\n"
            for level in scale {
                out += "<tr><th scope=\"row\">\(level.value)</th><td>" + level.label.html + "</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        let top = s.scaleTop
        for section in s.sections {
            let level = level(3, anchor: "screening-" + section.id.lowercased())
            out += "<section class=\"screening-section\">\n<h\(level) id=\"\(anchor("screening-" + section.id.lowercased()).html)\">"
                + section.title.html + "</h\(level)>\n"
            if section.optional == true { out += "<p class=\"hint\">" + l(.sectionOptional).html + "</p>\n" }
            if let note = section.note { out += "<p class=\"note\">" + note.html + "</p>\n" }
            out += "<table class=\"screening-items\"><thead><tr><th scope=\"col\">№</th><th scope=\"col\">"
                + l(.question).html + "</th><th scope=\"col\">" + l(.screeningScore).html + "</th></tr></thead><tbody>\n"
            for item in section.items {
                out += "<tr><th scope=\"row\">" + item.id.html + "</th><td>" + item.text.html
                if let note = item.note { out += "<div class=\"note\">" + note.html + "</div>" }
                if s.itemNotes == true, item.type == .scale {
                    out += "<div class=\"item-notes\">" + l(.screeningNotes).html + ": <span class=\"line\"></span></div>"
                }
                out += "</td><td class=\"response\">"
                switch item.type {
                case .scale:
                    out += item.levels(of: s.scale ?? []).map { "<span class=\"opt\"><span class=\"box\"></span>\u{00A0}\($0.value)</span>" }.joined(separator: " ")
                case .yesno:
                    out += "<span class=\"opt\"><span class=\"box\"></span>\u{00A0}" + l(.yes).html + "</span> <span class=\"opt\"><span class=\"box\"></span>\u{00A0}"
                        + l(.no).html + "</span>"
                case .choice, .multiple:
                    // Long option texts wrap inside the cell (a row never runs past the page).
                    out += (item.options ?? []).map { "<span class=\"choice-opt\"><span class=\"box\"></span>\u{00A0}" + $0.html + "</span>" }.joined()
                case .text:
                    out += "<span class=\"line\"></span>"
                }
                out += "</td></tr>\n"
            }
            out += "</tbody></table>\n"
            let max = section.maxScore(top: top)
            if max > 0 {
                out += "<p class=\"subtotal\">" + section.id.html + ": ____ / \(max)</p>\n"
            }
            out += "</section>\n"
        }
        if let totals = s.totals, !totals.isEmpty {
            out += "<table class=\"totals\"><caption>" + l(.screeningTotal).html + "</caption><tbody>\n"
            for t in totals {
                out += "<tr><th scope=\"row\">" + t.label.html + "</th><td>____ / \(t.max)</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        if let judgement = s.judgement, !judgement.isEmpty {
            out += "<p><strong>" + l(.screeningJudgement).html + "</strong></p>\n<ul class=\"judgement\">\n"
            for j in judgement { out += "<li><span class=\"box\"></span> \(j.value) — " + j.label.html + "</li>\n" }
            out += "</ul>\n"
        }
        out += "</div>\n"
    }

    // MARK: Inlines

    func render(_ spans: [Span]) -> String {
        var out = ""
        render(spans, into: &out)
        return out
    }

    /// Appends the HTML of `spans` to `out` (no string of their own is made and copied in).
    func render(_ spans: [Span], into out: inout String) {
        for span in spans { render(span, into: &out) }
    }

    func render(_ span: Span, into out: inout String) {
        switch span {
        case .text(let s): out += s.html
        case .code(let s): out += "<code>" + s.html + "</code>"
        case .emphasis(let c):
            out += "<em>"
            render(c, into: &out)
            out += "</em>"
        case .strong(let c):
            out += "<strong>"
            render(c, into: &out)
            out += "</strong>"
        case .link(let url, let c):
            let external = url.hasPrefix("http://") || url.hasPrefix("https://")
            out += "<a href=\"" + HTML.safeURL(url).html + "\"" + (external ? " rel=\"noopener\"" : "") + ">"
            render(c, into: &out)
            out += "</a>"
        case .reference(let id, let c, _):
            references.append((id, c.isEmpty))
            let text = c.isEmpty ? [Span.text(course.resolve(id)?.page.title ?? id)] : c
            if let href = link(id) {
                out += "<a href=\"" + href.html + "\">"
                render(text, into: &out)
                out += "</a>"
            } else {
                render(text, into: &out)
            }
        case .image(let source, let alt):
            out += "<img src=\"" + HTML.safeURL(source).html + "\" alt=\"" + alt.html + "\">"
        case .footnote(let label):
            let n = (footnoteRefCount[label] ?? 0) + 1
            footnoteRefCount[label] = n
            if n == 1 { footnoteOrder.append(label) }
            let refID = anchor("fnref-\(label)" + (n > 1 ? "-\(n)" : ""))
            out += "<sup class=\"fn\"><a href=\"#\(anchor("fn-" + label).html)\" id=\"\(refID.html)\">" + label.html + "</a></sup>"
        case .softBreak: out += "\n"
        case .lineBreak: out += "<br>\n"
        }
    }

    /// The footnotes section for a page (only notes cited in what was rendered).
    func renderFootnotes(of page: Page) -> String {
        let cited = footnoteOrder
        guard !cited.isEmpty else { return "" }
        var out = "<section class=\"footnotes\" aria-label=\"" + l(.footnotes).html + "\">\n<h2 class=\"footnotes-title\">"
            + l(.footnotes).html + "</h2>\n<ol>\n"
        for label in cited {
            // A note defined in trainer-only content never reaches the participant edition (citing it
            // from participant text is an error at `katch check`).
            guard page.footnoteScope(label).isVisible(in: edition) || page.audience == .trainer,
                let note = page.footnotes.first(where: { $0.label == label })
            else { continue }
            out += "<li id=\"\(anchor("fn-" + label).html)\" value=\"\(Int(label) ?? 0)\"><span class=\"fn-label\">" + label.html
                + ".</span> " + render(note.spans)
                + " <a href=\"#\(anchor("fnref-" + label).html)\" class=\"fn-back\" aria-label=\"↑\">↩</a></li>\n"
        }
        out += "</ol>\n</section>\n"
        footnoteOrder = []
        footnoteRefCount = [:]
        return out
    }
}

/// How the heading levels authored on a page become HTML levels.
///
/// A heading's HTML level is `top` plus the number of headings it sits under: the headings before
/// it, still open, that were authored at a higher level (a smaller number). Headings authored at
/// the same level under the same parent therefore come out at the same level, whatever came
/// before them, and no heading is ever more than one level below the previous one: in
/// `### A`, `#### a1`, `### B`, `#### b1`, both `###` are h2 and both `####` h3, and a `####` right
/// under a `##` is its h3.
struct HeadingLevels {
    /// The HTML level of a heading that sits under no other.
    let top: Int
    /// The authored levels of the open headings, outermost first (strictly increasing).
    private var open: [Int] = []

    /// Levels for a page whose outermost headings are `top` (h2 under the page's h1).
    init(top: Int) { self.top = top }

    /// The HTML level (at most 6) of the next heading, authored at level `authored`.
    mutating func level(_ authored: Int) -> Int {
        while let last = open.last, last >= authored { open.removeLast() }
        let level = min(6, top + open.count)
        open.append(authored)
        return level
    }
}
