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
        let trainerOnly = course.pages.contains { $0.audience == .trainer && Paths.page($0.id) == path }
        return "../participant/" + (trainerOnly ? "index.html" : path)
    }

    func render(_ p: PageParts, path: String) -> String {
        let courseTitle = course.config.title
        var out = "<!DOCTYPE html>\n<html lang=\"\(course.config.language)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // The edition in the title tells two open tabs apart.
        out += "<title>" + p.title.html + " · " + editionName.html + " — " + courseTitle.html + "</title>\n"
        out += "<link rel=\"stylesheet\" href=\"assets/style.css\">\n</head>\n"
        out += "<body class=\"ed-\(edition.rawValue) \(p.bodyClass)\">\n"
        out += "<a class=\"skip\" href=\"#main\">" + l(.skipToContent).html + "</a>\n"
        out += "<header class=\"site-header\">\n<p class=\"site-title\"><a href=\"index.html\">"
            + (logo.map { "<img class=\"logo\" src=\"" + $0.html + "\" alt=\"\"> " } ?? "") + courseTitle.html + "</a></p>\n"
        out += "<p class=\"edition edition-\(edition.rawValue)\">" + editionName.html + "</p>\n"
        if let other = otherEditionHref(path) {
            out += "<p class=\"other-edition\"><a href=\"" + other.html + "\">" + l(.participantEdition).html + " →</a></p>\n"
        }
        // On a phone the module tree and the outline fold away behind this button (see the stylesheet).
        out += "<button type=\"button\" class=\"menu-button\" aria-expanded=\"false\" aria-controls=\"site-nav\" "
            + "onclick=\"var o=document.body.classList.toggle('nav-open');this.setAttribute('aria-expanded',o)\">☰ "
            + l(.menu).html + "</button>\n"
        out += "<form class=\"search-form\" role=\"search\" action=\"search.html\" method=\"get\">"
        out += "<label class=\"visually-hidden\" for=\"q\">" + l(.search).html + "</label>"
        out += "<input id=\"q\" name=\"q\" type=\"search\" placeholder=\"" + l(.searchPlaceholder).html + "\">"
        out += "<button type=\"submit\">" + l(.search).html + "</button></form>\n</header>\n"
        out += "<div class=\"layout\">\n"
        out += "<nav class=\"sidebar\" id=\"site-nav\" aria-label=\"" + l(.mainNavigation).html + "\">\n" + p.sidebar + "</nav>\n"
        out += "<main id=\"main\">\n"
        if !p.breadcrumbs.isEmpty {
            out += "<nav class=\"breadcrumbs\" aria-label=\"" + l(.breadcrumbs).html + "\"><ol>"
            for (i, b) in p.breadcrumbs.enumerated() {
                if i == p.breadcrumbs.count - 1 {
                    out += "<li aria-current=\"page\">" + b.title.html + "</li>"
                } else {
                    out += "<li><a href=\"" + b.href.html + "\">" + b.title.html + "</a></li>"
                }
            }
            out += "</ol></nav>\n"
        }
        out += "<article>\n<h1>" + p.title.html + "</h1>\n" + p.main + "</article>\n"
        if p.previous != nil || p.next != nil {
            out += "<nav class=\"pager\" aria-label=\"" + (l(.previous) + " / " + l(.next)).html + "\">"
            if let prev = p.previous {
                out += "<a class=\"prev\" rel=\"prev\" href=\"" + prev.href.html + "\"><span>← " + l(.previous).html + "</span> "
                    + prev.title.html + "</a>"
            }
            if let next = p.next {
                out += "<a class=\"next\" rel=\"next\" href=\"" + next.href.html + "\"><span>" + l(.next).html + " →</span> "
                    + next.title.html + "</a>"
            }
            out += "</nav>\n"
        }
        out += "</main>\n"
        if p.outline.count > 1 {
            out += "<aside class=\"outline\" aria-label=\"" + l(.onThisPage).html + "\">\n<p class=\"outline-title\">"
                + l(.onThisPage).html + "</p>\n<ul>\n"
            for h in p.outline {
                out += "<li class=\"level-\(h.level)\"><a href=\"#" + h.anchor.html + "\">" + h.title.html + "</a></li>\n"
            }
            out += "</ul>\n</aside>\n"
        }
        out += "</div>\n<footer class=\"site-footer\">\n<p>" + courseTitle.html + " · " + editionName.html
        out += " · <a href=\"print.html\">" + l(.printAll).html + "</a></p>\n"
        if let footer = course.config.theme.footer { out += "<p class=\"theme-footer\">" + footer.html + "</p>\n" }
        out += "</footer>\n"
        out += "</body>\n</html>\n"
        return out
    }
}
