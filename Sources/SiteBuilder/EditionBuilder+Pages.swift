import Foundation
import HTMLText
import CourseModel
import Markdown
import Localization

extension EditionBuilder {
    // MARK: Agenda

    /// A clock time that may be a range: «09:15», or «09:15/09:20» (earliest/latest) after sessions
    /// whose duration is a range; a dash always joins a start and an end.
    func clock(_ low: Int, _ high: Int) -> String { low == high ? clock(low) : clock(low) + "/" + clock(high) }

    func clock(_ minutes: Int) -> String {
        let m = ((minutes % (24 * 60)) + 24 * 60) % (24 * 60)
        let h = m / 60, mm = m % 60
        return (h < 10 ? "0" : "") + "\(h):" + (mm < 10 ? "0" : "") + "\(mm)"
    }

    /// An agenda note for everyone, and the trainer's note as a trainer-only callout (trainer edition).
    func agendaNotes(_ note: String?, trainerNote: String?) -> String {
        var out = note.map { "<p class=\"note\">" + $0.html + "</p>\n" } ?? ""
        if let trainerNote, edition == .trainer {
            let body = [ContentBlock(.paragraph([.text(trainerNote)]), at: SourcePosition(line: 1, column: 1))]
            ContentRenderer(course: course, edition: edition, localizer: l, link: href)
                .renderCallout(Callout(kind: .trainer, title: [], body: body), into: &out)
        }
        return out
    }

    func buildAgenda() {
        let agenda = course.config.agenda
        var main = ""
        main += agendaNotes(agenda.note, trainerNote: agenda.trainerNote)
        main += "<table class=\"agenda-overview\"><thead><tr><th scope=\"col\">" + l(.dayColumn).html
            + "</th><th scope=\"col\">" + l(.totalTime).html + "</th></tr></thead><tbody>\n"
        for day in agenda.pages {
            let total = agenda.sessions(of: day).map(\.duration).reduce(Minutes(0), +)
            main += "<tr><td><a href=\"" + Paths.day(day.id).html + "\">" + day.title.html + "</a></td><td>"
                + minutes(total).html + "</td></tr>\n"
        }
        main += "</tbody></table>\n"
        emitPage(
            Paths.agenda,
            (
                Layout.PageParts(
                    title: l(.agenda), bodyClass: "agenda", breadcrumbs: [NavLink(title: l(.home), href: "index.html"), NavLink(title: l(.agenda), href: Paths.agenda)],
                    sidebar: sidebar(current: Paths.agenda), main: main)))
        let dayPages = agenda.pages
        for (i, day) in dayPages.enumerated() {
            emitPage(
                Paths.day(day.id),
                (
                    Layout.PageParts(
                        title: day.title, bodyClass: "agenda-day",
                        breadcrumbs: [
                            NavLink(title: l(.home), href: "index.html"), NavLink(title: l(.agenda), href: Paths.agenda),
                            NavLink(title: day.title, href: Paths.day(day.id)),
                        ],
                        sidebar: sidebar(current: Paths.agenda), main: dayTable(day),
                        outline: [(2, "sessions", l(.session)), (2, "materials", l(.materialsChecklist))],
                        previous: i > 0 ? NavLink(title: dayPages[i - 1].title, href: Paths.day(dayPages[i - 1].id)) : nil,
                        next: i + 1 < dayPages.count ? NavLink(title: dayPages[i + 1].title, href: Paths.day(dayPages[i + 1].id)) : nil)))
        }
    }

    func dayTable(_ day: AgendaDay) -> String {
        let agenda = course.config.agenda
        var blocks: [AgendaDay] = [day]
        var seen: Set<String> = [day.id]
        var next = day.then?.value
        while let id = next, !seen.contains(id), let b = agenda.day(id) {
            blocks.append(b)
            seen.insert(id)
            next = b.then?.value
        }
        var out = ""
        out += agendaNotes(day.note, trainerNote: day.trainerNote)
        out += "<h2 id=\"sessions\">" + l(.session).html + "</h2>\n"
        out += "<div class=\"table-scroll\"><table class=\"agenda-table\">\n<thead><tr><th scope=\"col\">" + l(.clockTime).html
            + "</th><th scope=\"col\">" + l(.duration).html + "</th><th scope=\"col\">" + l(.session).html + "</th><th scope=\"col\">"
            + l(.materials).html + "</th></tr></thead>\n<tbody>\n"
        var clockLow = agenda.start
        var clockHigh = agenda.start
        var ranged = false
        var materialIDs: [String] = []
        func addMaterial(_ id: String) { if !materialIDs.contains(id) { materialIDs.append(id) } }
        for (bi, block) in blocks.enumerated() {
            if bi > 0 {
                out += "<tr class=\"block-title\"><th colspan=\"4\" scope=\"rowgroup\">" + l(.joint).html + ": " + block.title.html + "</th></tr>\n"
            }
            for s in block.sessions {
                let begin = clock(clockLow, clockHigh)
                clockLow += s.duration.low
                clockHigh += s.duration.high
                if clockLow != clockHigh { ranged = true }
                let start = begin + "–" + clock(clockLow, clockHigh)
                out += "<tr" + (s.isBreak ? " class=\"break\"" : "") + "><td class=\"time\">" + start.html + "</td><td>"
                    + agendaDuration(s.duration).html + "</td><td><strong>" + s.title.html + "</strong>"
                if !s.items.isEmpty {
                    out += "<ul>" + s.items.map { "<li>" + $0.html + "</li>" }.joined() + "</ul>"
                }
                let links = s.refs.compactMap { ref -> String? in
                    guard let target = course.resolve(ref.value) else { return nil }
                    // A test or form serves several sessions (pre- and post-test): the session's own
                    // materials say which copies it needs; other pages bring theirs.
                    let instrument = target.page.kind == .quiz || target.page.kind == .survey
                    if !(instrument && !s.materials.isEmpty) { for m in target.page.materials { addMaterial(m) } }
                    let title = target.anchor.flatMap { a in target.page.headings.first { $0.anchor == a }?.spans.plainText } ?? target.page.title
                    guard let h = href(ref.value) else { return nil }
                    return "<a href=\"" + h.html + "\">" + title.html + "</a>"
                }
                if !links.isEmpty { out += "<p class=\"refs\">" + l(.references).html + ": " + links.joined(separator: " · ") + "</p>" }
                out += "</td><td>" + s.materials.map { course.config.materialLabel($0.value).html }.joined(separator: "<br>") + "</td></tr>\n"
                for m in s.materials { addMaterial(m.value) }
            }
        }
        let total = blocks.flatMap(\.sessions).map(\.duration).reduce(Minutes(0), +)
        out += "</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"2\">" + l(.totalTime).html + "</th><td colspan=\"2\">"
            + minutes(total).html + " (" + clock(agenda.start) + "–" + clock(agenda.start + total.low, agenda.start + total.high)
            + ")</td></tr></tfoot>\n</table></div>\n"
        if ranged { out += "<p class=\"note\">" + l(.agendaClockRange).html + "</p>\n" }
        out += "<h2 id=\"materials\">" + l(.materialsChecklist).html + "</h2>\n<ul class=\"checklist\">\n"
        let ordered = course.config.materials.map(\.id).filter(materialIDs.contains) + materialIDs.filter { id in !course.config.materials.contains { $0.id == id } }
        for m in ordered { out += "<li><span class=\"box\" aria-hidden=\"true\"></span> " + course.config.materialLabel(m).html + "</li>\n" }
        out += "</ul>\n"
        return out
    }

    /// «90 мин (1.5 сағ)» for whole and half hours, as the manual writes them; minutes otherwise.
    func agendaDuration(_ m: Minutes) -> String {
        guard !m.isRange, m.low >= 60, m.low % 30 == 0 else { return minutes(m) }
        let hours = m.low % 60 == 0 ? "\(m.low / 60)" : "\(m.low / 60).5"
        return minutes(m) + " (" + l(.hours, hours) + ")"
    }

    // MARK: Catalogue

    func buildCatalogue() {
        let activities = pages.filter { $0.kind.isActivity }
        var main = "<h2 id=\"by-module\">" + l(.byModule).html + "</h2>\n"
        func table(_ list: [Page]) -> String {
            var out = "<div class=\"table-scroll\"><table class=\"catalogue\"><thead><tr><th scope=\"col\">" + l(.activity).html
                + "</th><th scope=\"col\">" + l(.kind).html + "</th><th scope=\"col\">" + l(.duration).html + "</th><th scope=\"col\">"
                + l(.materials).html + "</th></tr></thead><tbody>\n"
            for a in list {
                out += "<tr><td><a href=\"" + Paths.page(a.id).html + "\">" + a.title.html + "</a></td><td>" + kindName(a.kind).html + "</td><td>"
                    + (a.duration.map(minutes) ?? "—").html + "</td><td>"
                    + a.materials.map { course.config.materialLabel($0).html }.joined(separator: ", ") + "</td></tr>\n"
            }
            return out + "</tbody></table></div>\n"
        }
        var groups: [(String, [Page])] = []
        for m in pages where m.kind == .module {
            let list = activities.filter { $0.module == m.id }
            if !list.isEmpty { groups.append((navTitle(m), list)) }
        }
        let loose = activities.filter { a in a.module == nil || !pages.contains { $0.id == a.module } }
        if !loose.isEmpty { groups.append((l(.icebreakersAndEnergizers), loose)) }
        for (i, g) in groups.enumerated() {
            main += "<h3 id=\"module-\(i + 1)\">" + g.0.html + "</h3>\n" + table(g.1)
        }
        main += "<h2 id=\"by-kind\">" + l(.byKind).html + "</h2>\n"
        for kind in PageKind.allCases where kind.isActivity {
            let list = activities.filter { $0.kind == kind }
            if list.isEmpty { continue }
            main += "<h3 id=\"kind-\(kind.rawValue)\">" + kindName(kind).html + " (\(list.count))</h3>\n" + table(list)
        }
        emitPage(
            Paths.catalogue,
            (
                Layout.PageParts(
                    title: l(.activities), bodyClass: "catalogue",
                    breadcrumbs: [NavLink(title: l(.home), href: "index.html"), NavLink(title: l(.activities), href: Paths.catalogue)],
                    sidebar: sidebar(current: Paths.catalogue), main: main,
                    outline: [(2, "by-module", l(.byModule)), (2, "by-kind", l(.byKind))])))
    }

    // MARK: Print

    func buildPrint() {
        var main = "<p class=\"no-print\"><button type=\"button\" class=\"print-button\" onclick=\"window.print()\">" + l(.printAll).html
            + "</button></p>\n"
        // Page 1: the title and a linked table of contents, a module (or a group of activities of one
        // kind) under one line, its pages under it.
        func groupKey(_ page: Page) -> String { page.kind == .module ? page.id : (page.module ?? "kind:" + page.kind.rawValue) }
        main += "<nav class=\"print-toc\" aria-label=\"" + l(.contents).html + "\"><h2>" + l(.contents).html + "</h2>\n<ol>\n"
        var openGroup: String?
        for page in pages {
            let key = groupKey(page)
            let title = (page.kind == .module ? navTitle(page) : page.title).html
            let link = "<a href=\"#" + (page.id + "--top").html + "\">" + title + "</a>"
            if key != openGroup {
                if openGroup != nil { main += "</ol></li>\n" }
                openGroup = key
                main += "<li>" + link + "<ol>\n"
                continue
            }
            main += "<li>" + link + "</li>\n"
        }
        if openGroup != nil { main += "</ol></li>\n" }
        main += "</ol>\n</nav>\n"
        let frame = layout.render(
            Layout.PageParts(
                title: course.config.title + " — " + layout.editionName, bodyClass: "print-all",
                breadcrumbs: [NavLink(title: l(.home), href: "index.html"), NavLink(title: l(.printAll), href: Paths.print)],
                sidebar: sidebar(current: Paths.print), main: ""),
            path: Paths.print)
        // The article: the contents, then one section per page. It is made as the file is written
        // (`add(_:streaming:)`): the print page is the whole edition, 45 MB for the trainer edition of
        // 5,000 pages, and is never held in memory at once.
        let article = (0...pages.count).lazy.map { [self] k -> String in
            guard k > 0 else { return main }
            let page = pages[k - 1]
            let prefix = page.id + "--"
            // A new page on paper for each module (and each group of activities of one kind), so
            // short activities flow one after another instead of one to a sheet.
            let breakClass = k == 1 || groupKey(pages[k - 2]) != groupKey(page) ? " module-start" : ""
            return "<section class=\"print-page\(breakClass)\" id=\"" + (prefix + "top").html + "\">\n<h2>"
                + (page.kind == .module ? navTitle(page) : page.title).html + "</h2>\n"
                + printSection(page, prefix: prefix) + "</section>\n"
        }
        // The frame's pieces are its text with each `{{article}}`'s content between (odd places,
        // ``FrameTemplate/fill(_:article:)``): there the article goes.
        let file = frame.indices.lazy.flatMap { i in i % 2 == 1 ? article : (i...i).lazy.map { frame[$0] } }
        files.add(Paths.print, streaming: file)
    }

    /// The content of `page` on the print page (its anchors prefixed with `prefix`), kept with the
    /// page between builds when there is a cache.
    func printSection(_ page: Page, prefix: String) -> String {
        if let kept = cache?.printSection(page.file) { return kept }
        let renderer = ContentRenderer(
            course: course, edition: edition, localizer: l, anchorPrefix: prefix, headingShift: 1,
            link: { [self] id in
                let (pageID, fragment) = splitID(id)
                if visibleIDs.contains(pageID) { return "#" + pageID + "--" + (fragment ?? "top") }
                if fragment == nil, let owner = anchorOwner[id] { return "#" + owner + "--" + id }
                return nil
            })
        let section = meta(page) + renderer.renderPage(page) + renderer.renderFootnotes(of: page)
        cache?.keepPrintSection(page.file, section)
        return section
    }

    // MARK: Search

    func indexForSearch(_ page: Page) {
        var sectionTitle = ""
        var anchor = ""
        var text: [String] = []
        func flush() {
            let joined = text.joined(separator: " ")
            if !joined.isEmpty || anchor.isEmpty {
                searchEntries.append(
                    SearchEntry.encoded(url: Paths.page(page.id) + (anchor.isEmpty ? "" : "#" + anchor), title: page.title, section: sectionTitle, text: joined))
            }
            text = []
        }
        for block in page.blocks {
            if case .heading(let h) = block.kind, h.level <= 3 {
                flush()
                sectionTitle = h.spans.plainText
                anchor = h.anchor
                continue
            }
            text += EditionText.visible([block], in: edition)
        }
        flush()
    }

    func buildSearch() {
        files.add("assets/search-index.js", pieces: SearchEntry.scriptPieces(searchEntries))
        // Written: the entries are not needed any more (a kept page's are in the cache).
        searchEntries = []
        var main = "<form class=\"search-page-form\" role=\"search\" action=\"search.html\" method=\"get\"><label for=\"search-q\">"
            + l(.search).html + "</label> <input id=\"search-q\" name=\"q\" type=\"search\" placeholder=\""
            + l(.searchPlaceholder).html + "\"> <button type=\"submit\">" + l(.search).html + "</button></form>\n"
        main += "<p id=\"search-status\" role=\"status\" data-none=\"" + l(.searchNoResults).html + "\" data-results=\""
            + l(.searchResultsFor, "%q").html + "\" data-count=\"" + l(.searchCount, "%1").html + "\"></p>\n<ol id=\"search-results\"></ol>\n"
        main += "<p><button type=\"button\" id=\"search-more\" hidden data-label=\"" + l(.searchShowMore, "%1").html + "\"></button></p>\n"
        main += "<script src=\"assets/search-index.js\"></script>\n<script src=\"assets/search.js\"></script>\n"
        emitPage(
            Paths.search,
            (
                Layout.PageParts(
                    title: l(.search), bodyClass: "search",
                    breadcrumbs: [NavLink(title: l(.home), href: "index.html"), NavLink(title: l(.search), href: Paths.search)],
                    sidebar: sidebar(current: Paths.search), main: main)))
    }
}

/// The search index: one entry per searchable section of a page.
enum SearchEntry {
    /// One section's entry as the JSON object the index holds. Encoded as the page is built, so a
    /// page kept between builds (``SiteCache``) keeps its entries encoded too.
    static func encoded(url: String, title: String, section: String, text: String) -> [UInt8] {
        var out = Array(#"{"u":"#.utf8)
        json(url, into: &out)
        out += #","t":"#.utf8
        json(title, into: &out)
        out += #","s":"#.utf8
        json(section, into: &out)
        out += #","x":"#.utf8
        json(text, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The index as a script that sets `window.KATCH_SEARCH` (a script, not JSON, so it loads from file://).
    /// The index script as pieces: the entries themselves between their separators, so that writing
    /// it never makes a copy of the whole index (32 MB in the trainer edition of 5,000 pages).
    static func scriptPieces(_ entries: [[UInt8]]) -> [[UInt8]] {
        let comma = Array(",\n".utf8), newline = Array("\n".utf8)
        var pieces: [[UInt8]] = [Array("window.KATCH_SEARCH = [\n".utf8)]
        pieces.reserveCapacity(entries.count * 2 + 2)
        for (i, entry) in entries.enumerated() {
            pieces.append(entry)
            pieces.append(i + 1 < entries.count ? comma : newline)
        }
        pieces.append(Array("];\n".utf8))
        return pieces
    }

    /// `s` as a JSON string literal: white space runs fold to one space, `<` is escaped for script
    /// safety, control characters and U+2028/U+2029 are dropped. Over the UTF-8 bytes: every
    /// character that changes is ASCII except U+2028/U+2029 (E2 80 A8/A9).
    static func json(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var lastSpace = false
        var s = s
        s.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                switch b {
                case 0x20, 0x0A, 0x09, 0x0D:
                    if !lastSpace { out.append(0x20) }
                    lastSpace = true
                    continue
                case UInt8(ascii: "\""): out += #"\""#.utf8
                case UInt8(ascii: "\\"): out += #"\\"#.utf8
                case UInt8(ascii: "<"): out += #"\u003c"#.utf8
                case ..<0x20: break
                case 0xE2 where i + 1 < bytes.count && bytes[i] == 0x80 && (bytes[i + 1] == 0xA8 || bytes[i + 1] == 0xA9):
                    i += 2
                default: out.append(b)
                }
                lastSpace = false
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
