import Foundation
import HTMLText
import CourseModel
import Localization

/// One navigation entry.
struct NavLink {
    var title: String
    var href: String
    var current: Bool = false
}

/// The page frame: head, header with search, sidebar, breadcrumbs, main, outline, footer.
struct Layout {
    let course: Course
    let edition: Edition
    let l: Localizer
    /// The logo's path under the edition (`assets/logo.svg`), when the course has one.
    var logo: String? = nil
    /// The page frame (`site/page.html`).
    var frame: FrameTemplate = Theme.defaultFrame
    /// Pages of trainer pages, which the participant edition does not have (computed once per build).
    var trainerOnlyPaths: Set<String> = []

    struct PageParts {
        var title: String
        var bodyClass: String = ""
        var breadcrumbs: [NavLink] = []
        var sidebar: String = ""
        var main: String
        var outline: [(level: Int, anchor: String, title: String)] = []
        var previous: NavLink?
        var next: NavLink?
    }

    var editionName: String { edition == .trainer ? l(.trainerEdition) : l(.participantEdition) }

    /// The same page in the participant edition (both editions are written side by side), or its
    /// home page when the page is for trainers only; nil in the participant edition.
    func otherEditionHref(_ path: String) -> String? {
        guard edition == .trainer else { return nil }
        return "../participant/" + (trainerOnlyPaths.contains(path) ? "index.html" : path)
    }

    /// The page as pieces of text in order: the frame template (`site/page.html`, or the course's
    /// own) with its `{{slots}}` filled by ``slots(_:path:)``. The article's content (`p.main`, the
    /// whole edition on the print page) is a piece of its own, written as it is, never copied into a
    /// bigger string.
    func render(_ p: PageParts, path: String) -> [String] {
        frame.fill(slots(p, path: path), article: p.main)
    }

    /// The HTML of each slot of the frame. Every value is built here, with every course text escaped:
    /// a template only places these fragments and can never print course text unescaped.
    func slots(_ p: PageParts, path: String) -> [String: String] {
        let courseTitle = course.config.title
        var slots: [String: String] = [:]
        slots["lang"] = course.config.language.html
        // The edition in the title tells two open tabs apart.
        slots["title"] = p.title.html + " · " + editionName.html + " — " + courseTitle.html
        slots["body_class"] = "ed-\(edition.rawValue) \(p.bodyClass)".html
        slots["skip_link"] = "<a class=\"skip\" href=\"#main\">" + l(.skipToContent).html + "</a>\n"
        var header = "<header class=\"site-header\">\n<p class=\"site-title\"><a href=\"index.html\">"
            + (logo.map { "<img class=\"logo\" src=\"" + $0.html + "\" alt=\"\"> " } ?? "") + courseTitle.html + "</a></p>\n"
        header += "<p class=\"edition edition-\(edition.rawValue)\">" + editionName.html + "</p>\n"
        if let other = otherEditionHref(path) {
            header += "<p class=\"other-edition\"><a href=\"" + other.html + "\">" + l(.participantEdition).html + " →</a></p>\n"
        }
        // On a phone the module tree and the outline fold away behind this button (see the stylesheet).
        header += "<button type=\"button\" class=\"menu-button\" aria-expanded=\"false\" aria-controls=\"site-nav\" "
            + "onclick=\"var o=document.body.classList.toggle('nav-open');this.setAttribute('aria-expanded',o)\">☰ "
            + l(.menu).html + "</button>\n"
        header += "<form class=\"search-form\" role=\"search\" action=\"search.html\" method=\"get\">"
        header += "<label class=\"visually-hidden\" for=\"q\">" + l(.search).html + "</label>"
        header += "<input id=\"q\" name=\"q\" type=\"search\" placeholder=\"" + l(.searchPlaceholder).html + "\">"
        header += "<button type=\"submit\">" + l(.search).html + "</button></form>\n</header>\n"
        slots["header"] = header
        slots["sidebar"] = "<nav class=\"sidebar\" id=\"site-nav\" aria-label=\"" + l(.mainNavigation).html + "\">\n" + p.sidebar + "</nav>\n"
        var crumbs = ""
        if !p.breadcrumbs.isEmpty {
            crumbs += "<nav class=\"breadcrumbs\" aria-label=\"" + l(.breadcrumbs).html + "\"><ol>"
            for (i, b) in p.breadcrumbs.enumerated() {
                if i == p.breadcrumbs.count - 1 {
                    crumbs += "<li aria-current=\"page\">" + b.title.html + "</li>"
                } else {
                    crumbs += "<li><a href=\"" + b.href.html + "\">" + b.title.html + "</a></li>"
                }
            }
            crumbs += "</ol></nav>\n"
        }
        slots["breadcrumbs"] = crumbs
        // `{{article}}` is this, `p.main` and `</article>` (see ``FrameTemplate/fill(_:article:)``).
        slots["article"] = "<article>\n<h1>" + p.title.html + "</h1>\n"
        var pager = ""
        if p.previous != nil || p.next != nil {
            pager += "<nav class=\"pager\" aria-label=\"" + (l(.previous) + " / " + l(.next)).html + "\">"
            if let prev = p.previous {
                pager += "<a class=\"prev\" rel=\"prev\" href=\"" + prev.href.html + "\"><span>← " + l(.previous).html + "</span> "
                    + prev.title.html + "</a>"
            }
            if let next = p.next {
                pager += "<a class=\"next\" rel=\"next\" href=\"" + next.href.html + "\"><span>" + l(.next).html + " →</span> "
                    + next.title.html + "</a>"
            }
            pager += "</nav>\n"
        }
        slots["pager"] = pager
        var outline = ""
        if p.outline.count > 1 {
            outline += "<aside class=\"outline\" aria-label=\"" + l(.onThisPage).html + "\">\n<p class=\"outline-title\">"
                + l(.onThisPage).html + "</p>\n<ul>\n"
            for h in p.outline {
                outline += "<li class=\"level-\(h.level)\"><a href=\"#" + h.anchor.html + "\">" + h.title.html + "</a></li>\n"
            }
            outline += "</ul>\n</aside>\n"
        }
        slots["outline"] = outline
        var footer = "<footer class=\"site-footer\">\n<p>" + courseTitle.html + " · " + editionName.html
        footer += " · <a href=\"print.html\">" + l(.printAll).html + "</a></p>\n"
        if let line = course.config.theme.footer { footer += "<p class=\"theme-footer\">" + line.html + "</p>\n" }
        footer += "</footer>\n"
        slots["footer"] = footer
        return slots
    }
}

/// The page frame: `site/page.html` (or a course's own), HTML with `{{slot}}` places that
/// ``Layout/slots(_:path:)`` fills. Read once per build into literal pieces and slot names.
struct FrameTemplate: Sendable {
    /// The slots a frame may use.
    static let known: Set<String> = ["lang", "title", "body_class", "skip_link", "header", "sidebar", "breadcrumbs", "article", "pager", "outline", "footer"]

    /// Literal text and slot names, alternating: text, slot, text, slot, …, text.
    let pieces: [String]

    /// A frame of these pieces (no checks).
    init(pieces: [String]) { self.pieces = pieces }

    /// Parses `text`; throws naming what is wrong (an unknown or unclosed slot, no `{{article}}`).
    init(_ text: String, file: String) throws(SiteError) {
        var pieces: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            pieces.append(String(rest[..<open.lowerBound]))
            let line = text[..<open.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw SiteError("\(file):\(line): '{{' without '}}'") }
            let name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            guard Self.known.contains(name) else {
                throw SiteError("\(file):\(line): unknown slot {{\(name)}} (known: \(Self.known.sorted().joined(separator: ", ")))")
            }
            pieces.append(name)
            rest = rest[close.upperBound...]
        }
        pieces.append(String(rest))
        guard pieces.enumerated().contains(where: { $0.offset % 2 == 1 && $0.element == "article" }) else {
            throw SiteError("\(file): the frame has no {{article}}, so no page would show its content")
        }
        self.pieces = pieces
    }

    /// The frame with `slots` filled in, as pieces: each `{{article}}` is its slot's text, then
    /// `article` (the page's content) and `</article>`.
    func fill(_ slots: [String: String], article: String) -> [String] {
        var out: [String] = []
        var text = ""
        for (i, piece) in pieces.enumerated() {
            guard i % 2 == 1 else {
                text += piece
                continue
            }
            text += slots[piece] ?? ""
            if piece == "article" {
                out += [text, article]
                text = "</article>\n"
            }
        }
        return out + [text]
    }
}
