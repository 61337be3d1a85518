import Foundation
import Markdown
import Yams

/// The whole course in memory: configuration and pages in reading order.
public struct Course: Sendable {
    /// The folder the course was loaded from.
    public var root: URL
    /// `course.yml`.
    public var config: CourseConfig
    /// Pages in reading order.
    public var pages: [Page] { didSet { reindex() } }
    /// Index of the first page with each id.
    private var pageIndex: [String: Int] = [:]
    /// Index of the page holding each explicit heading id.
    private var anchorIndex: [String: Int] = [:]

    /// Creates a course.
    public init(root: URL, config: CourseConfig, pages: [Page]) {
        self.root = root
        self.config = config
        self.pages = pages
        reindex()
    }

    private mutating func reindex() {
        pageIndex = [:]
        anchorIndex = [:]
        for (i, p) in pages.enumerated() {
            if pageIndex[p.id] == nil { pageIndex[p.id] = i }
            for h in p.headings where h.isExplicit && anchorIndex[h.anchor] == nil { anchorIndex[h.anchor] = i }
        }
    }

    /// The page with `id`.
    public func page(_ id: String) -> Page? { pageIndex[id].map { pages[$0] } }

    /// Module overview pages, in order.
    public var modules: [Page] { pages.filter { $0.kind == .module } }

    /// Pages belonging to module `id` (its overview first).
    public func pages(ofModule id: String) -> [Page] { pages.filter { $0.module == id } }

    /// Activities in reading order.
    public var activities: [Page] { pages.filter { $0.kind.isActivity } }

    /// Where a course-wide id points: a page, or a heading (page id + anchor).
    public func resolve(_ id: String) -> (page: Page, anchor: String?)? {
        let (pageID, fragment) = Course.split(id)
        if let p = page(pageID) { return (p, fragment) }
        guard fragment == nil, let i = anchorIndex[id] else { return nil }
        return (pages[i], id)
    }

    static func split(_ id: String) -> (String, String?) {
        guard let hash = id.firstIndex(of: "#") else { return (id, nil) }
        return (String(id[..<hash]), String(id[id.index(after: hash)...]))
    }
}

/// Loads `course.yml`, `modules/` and `exercises/` into a ``Course`` and checks it.
public enum CourseLoader {
    /// The result of loading: the course (as much as could be read) and every problem found.
    public struct Result: Sendable {
        /// The course; pages that could not be read are left out.
        public var course: Course
        /// All problems, sorted by file and line.
        public var diagnostics: [Diagnostic]
        /// Whether any problem is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Loads and validates the course in `root`. Never throws: every problem is a diagnostic.
    ///
    /// With a `cache` (`katch serve`, which loads the same course again after every edit), a file
    /// whose bytes are those of the last load is not parsed again: its page and diagnostics are taken
    /// from the cache. Parsing is a pure function of a file's bytes, so the result is the same.
    public static func load(root: URL, cache: LoadCache? = nil) -> Result {
        var bag = DiagnosticBag()
        var held = HeldBack()
        let files = ["modules", "exercises"].flatMap { markdownFiles(in: root.appendingPathComponent($0), relativeTo: root) }
        // course.yml and the pages are read on every core, course.yml first (parsing its YAML is the
        // largest single piece, and the first use of Yams's regular expressions), in one work list: a
        // `Parallel.map` nested in a `Parallel.pair` runs on one thread. Diagnostics are taken in
        // order, course.yml's first, as if read one by one.
        let read = Parallel.map([nil] + files) { file -> Read in
            guard let file else {
                var configBag = DiagnosticBag()
                var unreadable = false
                let config = loadConfig(root: root, diagnostics: &configBag, unreadable: &unreadable, cache: cache)
                return .config(config, configBag, unreadable: unreadable)
            }
            let outcome = SourceFile.read(root.appendingPathComponent(file))
            if case .data(let data) = outcome, let hit = cache?.parsed(file, data) { return .page(hit) }
            let parsed = parse(outcome, file: file)
            if case .data(let data) = outcome { cache?.store(file, data, parsed) }
            return .page(parsed)
        }
        cache?.keep(only: files)
        var config = CourseConfig(title: "")
        var pages: [Page] = []
        var damage: [String: [Diagnostic]] = [:]
        for (file, item) in zip([nil] + files, read) {
            switch item {
            case .config(let read, let configBag, let unreadable):
                config = read
                bag.append(contentsOf: configBag.all)
                held.configUnreadable = unreadable
            case .page(let result):
                bag.append(contentsOf: result.diagnostics)
                if let page = result.page {
                    pages.append(page)
                    damage[page.file] = result.damage
                }
                for id in result.salvaged where held.lostIDs[id] == nil { held.lostIDs[id] = file ?? "course.yml" }
            }
        }
        let course = Course(root: root, config: config, pages: ReadingOrder.sort(pages))
        bag.append(contentsOf: Validator.validate(course, held: &held, damage: damage))
        for (file, count) in held.counts.sorted(by: { $0.key < $1.key }) where count > 0 {
            bag.annotateFirstError(
                in: file,
                " — \(count) further problem\(count == 1 ? "" : "s") not shown until this is fixed")
        }
        return Result(course: course, diagnostics: bag.sorted)
    }

    /// One result of the loader's work list: `course.yml` (its diagnostics, and whether it could not
    /// be read at all) or a page file.
    enum Read: Sendable {
        case config(CourseConfig, DiagnosticBag, unreadable: Bool)
        case page(LoadCache.Parsed)
    }

    /// A page file as read (`outcome`): the page, its diagnostics, and when it cannot be used the ids
    /// it would have had (references to them are held back, not reported).
    static func parse(_ outcome: SourceFile.Outcome, file: String) -> LoadCache.Parsed {
        var pageBag = DiagnosticBag()
        let start = SourcePosition(line: 1, column: 1)
        switch outcome {
        case .data(let data):
            if let page = parsePage(data: data, file: file, diagnostics: &pageBag) {
                return LoadCache.Parsed(page: page, diagnostics: pageBag.all, damage: ExtractionDamage.findings(page))
            }
            return LoadCache.Parsed(diagnostics: pageBag.all, salvaged: HeldBack.salvageIDs(String(decoding: data, as: UTF8.self)))
        case .unreadable:
            pageBag.error(file, start, "cannot read the file", code: "unreadable")
        case .tooLarge(let size):
            pageBag.error(file, start, SourceFile.tooLargeMessage(size), code: "file-too-large")
        }
        return LoadCache.Parsed(diagnostics: pageBag.all)
    }

    /// `.md` files below `folder`, as paths relative to `root`, sorted.
    static func markdownFiles(in folder: URL, relativeTo root: URL) -> [String] {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var result: [String] = []
        let rootPath = root.standardizedFileURL.path
        for case let url as URL in enumerator where url.pathExtension == "md" {
            let path = url.standardizedFileURL.path
            let relative = path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : url.lastPathComponent
            result.append(relative)
        }
        return result.sorted()
    }

    // MARK: Pages

    /// Parses the bytes of a Markdown file (front matter + body) into a page.
    public static func parsePage(data: Data, file: String, diagnostics bag: inout DiagnosticBag) -> Page? {
        let start = SourcePosition(line: 1, column: 1)
        if data.isEmpty {
            bag.error(file, start, "empty file: a page needs front matter (--- id, title, kind ---)", code: "empty-file")
            return nil
        }
        guard var text = String(data: data, encoding: .utf8) else {
            let line = firstInvalidUTF8Line(data)
            bag.error(file, SourcePosition(line: line, column: 1), "the file is not UTF-8 text (save it as UTF-8)", code: "not-utf8")
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = LineEndings.normalized(text)
        if text.containsByte(0) {
            bag.error(file, start, "the file contains NUL bytes: is it a binary file?", code: "binary-file")
            return nil
        }
        guard let split = FrontMatter.split(text) else {
            bag.error(
                file, start, "missing front matter: the file must start with a --- line, YAML keys, and a closing --- line",
                code: "missing-front-matter")
            return nil
        }
        let node: Node
        do {
            guard let composed = try YAMLEncoding.composeFrontMatter(yaml: split.yaml), case .mapping = composed else {
                bag.error(file, SourcePosition(line: 2, column: 1), "front matter must be a YAML mapping (key: value)", code: "bad-front-matter")
                return nil
            }
            node = composed
        } catch {
            let (line, column, message) = YAMLErrors.describe(error, yaml: split.yaml, lineOffset: 1)
            bag.error(file, SourcePosition(line: line + 1, column: column), "front matter: \(message)", code: "bad-yaml")
            return nil
        }
        var yaml = YAMLReader(file: file, lineOffset: 1, diagnostics: bag)
        defer { bag = yaml.diagnostics }
        let known = Page.frontMatterKeys
        if case .mapping(let mapping) = node {
            for (key, _) in mapping where !known.contains(key.string ?? "") {
                let name = key.string ?? "?"
                yaml.diagnostics.warning(
                    file, yaml.position(key),
                    "unknown front matter key '\(name)'\(Suggestion.hint(for: name, in: known.sorted())) — katch ignores it",
                    code: "unknown-key")
            }
        }
        let id = yaml.string(node, key: "id", required: true) ?? ""
        let title = yaml.string(node, key: "title", required: true) ?? ""
        let kindText = yaml.string(node, key: "kind", required: true) ?? ""
        if !id.isEmpty && !Identifier.isValid(id) {
            yaml.diagnostics.error(
                file, yaml.position(yaml.value(node, "id")), "id '\(id)' must be lowercase letters, digits and dashes", code: "bad-id")
        }
        let kind = PageKind(rawValue: kindText)
        if kind == nil && !kindText.isEmpty {
            yaml.diagnostics.error(
                file, yaml.position(yaml.value(node, "kind")),
                "unknown kind '\(kindText)'\(Suggestion.hint(for: kindText, in: PageKind.allCases.map(\.rawValue))) (kinds: \(PageKind.allCases.map(\.rawValue).joined(separator: ", ")))",
                code: "unknown-kind")
        }
        var audience = Audience.all
        if let a = yaml.string(node, key: "audience") {
            if let parsed = Audience(rawValue: a) {
                audience = parsed
            } else {
                yaml.diagnostics.error(file, yaml.position(yaml.value(node, "audience")), "audience must be 'all' or 'trainer', not '\(a)'", code: "bad-audience")
            }
        }
        let pageKind = kind ?? .page
        var reader = ContentReader(file: file, pageKind: pageKind)
        var blocks: [ContentBlock] = []
        do {
            blocks = reader.read(try MarkdownParser.parse(FrontMatter.protectFootnoteDefinitions(split.body), lineOffset: split.bodyLineOffset))
        } catch {
            yaml.diagnostics.error(file, start, "Markdown: \(error)", code: "bad-markdown")
        }
        yaml.diagnostics.append(contentsOf: reader.diagnostics.all)
        for line in FrontMatter.referenceDefinitionsInQuotes(split.body) {
            yaml.diagnostics.error(
                file, SourcePosition(line: split.bodyLineOffset + line + 1, column: 1),
                "a link reference definition ([label]: url) inside a quote or callout applies to the whole page, so participant text could show its URL: write the link inline, [text](url)",
                code: "reference-definition-in-quote")
        }
        // Footnotes: every reference defined, every definition used.
        var footnotes = reader.footnoteOrder.compactMap { label in reader.footnotes[label].map { (label: label, spans: $0) } }
        let referenced = Set(reader.footnoteRefs.map(\.label))
        for (label, position, scope) in reader.footnoteRefs {
            // Participant text citing a note written inside trainer-only content would publish the note.
            if audience == .all, scope == .everyone, reader.trainerOnlyFootnotes.contains(label) {
                yaml.diagnostics.error(
                    file, position,
                    "participant text cites footnote [^\(label)], which is defined inside a TRAINER or ANSWER callout (line \(reader.footnoteDefinedAt[label]?.line ?? 0)): move the definition out of the callout, or cite it only from trainer-only text",
                    code: "footnote-in-trainer-scope")
            }
        }
        for (label, position, _) in reader.footnoteRefs where reader.footnotes[label] == nil {
            if let fallback = reader.footnoteFallbacks[label], !footnotes.contains(where: { $0.label == label }) {
                footnotes.append((label, [.text(fallback)]))
            } else if reader.footnoteFallbacks[label] == nil {
                yaml.diagnostics.error(file, position, "footnote [^\(label)] is not defined on this page", code: "undefined-footnote")
            }
        }
        for label in reader.footnoteOrder where !referenced.contains(label) {
            yaml.diagnostics.warning(
                file, reader.footnoteDefinedAt[label] ?? start, "footnote [^\(label)] is defined but never cited: cite it as [^\(label)] after a word, or delete it",
                code: "unused-footnote")
        }
        guard kind != nil, !id.isEmpty, !title.isEmpty else { return nil }
        var page = Page(
            id: id, title: title, kind: pageKind, file: file, module: yaml.string(node, key: "module"),
            order: yaml.int(node, key: "order") ?? 0, audience: audience, duration: yaml.minutes(node, key: "duration"),
            materials: yaml.strings(node, key: "materials").map(\.0), track: yaml.string(node, key: "track"),
            summary: yaml.string(node, key: "summary"), number: yaml.string(node, key: "number"),
            phases: yaml.strings(node, key: "phases").map(\.0), part: yaml.string(node, key: "part"),
            blocks: blocks, footnotes: footnotes)
        page.trainerOnlyFootnotes = reader.trainerOnlyFootnotes
        for key in ["id", "kind", "module", "track", "part", "phases", "materials"] {
            if let value = yaml.value(node, key) { page.positions[key] = yaml.position(value) }
        }
        for (material, position) in yaml.strings(node, key: "materials") where page.positions["material:" + material] == nil {
            page.positions["material:" + material] = position
        }
        for (label, position) in reader.footnoteDefinedAt { page.positions["footnote:" + label] = position }
        for (phase, position) in yaml.strings(node, key: "phases") where page.positions["phase:" + phase] == nil {
            page.positions["phase:" + phase] = position
        }
        if page.kind == .module && page.module == nil { page.module = page.id }
        return page
    }

    static func firstInvalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        var lineStart = data.startIndex
        for i in data.indices where data[i] == 0x0A {
            if String(data: data[lineStart..<i], encoding: .utf8) == nil { return line }
            line += 1
            lineStart = i + 1
        }
        return line
    }

    // MARK: course.yml

    static func loadConfig(root: URL, diagnostics bag: inout DiagnosticBag) -> CourseConfig {
        var unreadable = false
        return loadConfig(root: root, diagnostics: &bag, unreadable: &unreadable)
    }

    /// Reads `course.yml`; `unreadable` tells whether it could not be read at all (so that problems
    /// which only follow from that are held back).
    /// With a `cache`, the YAML of a `course.yml` whose text did not change is not parsed again.
    static func loadConfig(root: URL, diagnostics bag: inout DiagnosticBag, unreadable: inout Bool, cache: LoadCache? = nil) -> CourseConfig {
        let file = "course.yml"
        let start = SourcePosition(line: 1, column: 1)
        var config = CourseConfig(title: "")
        let data: Data
        switch SourceFile.read(root.appendingPathComponent(file)) {
        case .data(let read):
            data = read
        case .unreadable:
            bag.error(file, start, "course.yml is missing in \(root.path)", code: "missing-course-yml")
            unreadable = true
            return config
        case .tooLarge(let size):
            bag.error(file, start, SourceFile.tooLargeMessage(size), code: "file-too-large")
            unreadable = true
            return config
        }
        guard var text = String(data: data, encoding: .utf8) else {
            bag.error(file, SourcePosition(line: firstInvalidUTF8Line(data), column: 1), "course.yml is not UTF-8 text (save it as UTF-8)", code: "not-utf8")
            unreadable = true
            return config
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = LineEndings.normalized(text)
        let node: Node
        do {
            let composed = try cache?.configNode(text) ?? YAMLEncoding.compose(yaml: text)
            if let composed { cache?.keepConfigNode(text, composed) }
            guard let composed, case .mapping = composed else {
                bag.error(file, start, "course.yml must be a YAML mapping (key: value lines)", code: "bad-yaml")
                unreadable = true
                return config
            }
            node = composed
        } catch {
            let (line, column, message) = YAMLErrors.describe(error, yaml: text)
            bag.error(file, SourcePosition(line: line, column: column), message, code: "bad-yaml")
            unreadable = true
            return config
        }
        var y = YAMLReader(file: file, lineOffset: 0, diagnostics: bag)
        defer { bag = y.diagnostics }
        config.title = y.string(node, key: "title", required: true) ?? ""
        config.subtitle = y.string(node, key: "subtitle")
        config.language = y.string(node, key: "language") ?? "kk"
        if !["kk", "ru", "en"].contains(config.language) {
            y.diagnostics.error(file, y.position(node[key: "language"]), "language must be kk, ru or en", code: "bad-language")
            config.language = "kk"
        }
        config.project = labeled(node[key: "project"], y: &y)
        config.materials = labeled(node[key: "materials"], y: &y)
        config.tracks = labeled(node[key: "tracks"], y: &y)
        if case .mapping(let mapping) = node {
            let known = CourseConfig.keys
            for (key, _) in mapping where !known.contains(key.string ?? "") {
                let name = key.string ?? "?"
                y.diagnostics.warning(
                    file, y.position(key), "unknown key '\(name)' in course.yml\(Suggestion.hint(for: name, in: known.sorted())) — katch ignores it",
                    code: "unknown-key")
            }
        }
        if let reg = node[key: "registration"] {
            config.registration = RegistrationForm(
                regions: labeled(reg[key: "regions"], y: &y), agencies: labeled(reg[key: "agencies"], y: &y),
                otherAgency: y.bool(reg, key: "other_agency") ?? true, genders: labeled(reg[key: "genders"], y: &y))
        }
        if let agenda = node[key: "agenda"] {
            config.agenda = readAgenda(agenda, y: &y)
        }
        if let theme = node[key: "theme"] {
            config.theme = ThemeSettings(
                logo: y.string(theme, key: "logo"), accent: y.string(theme, key: "accent"), footer: y.string(theme, key: "footer"))
            if let accent = config.theme.accent, !ThemeSettings.isColour(accent) {
                y.diagnostics.error(
                    file, y.position(theme[key: "accent"]), "theme accent must be a colour written #rgb or #rrggbb, not '\(accent)'", code: "bad-theme")
                config.theme.accent = nil
            }
            if let logo = config.theme.logo {
                let ok = !logo.contains("..") && !logo.hasPrefix("/") && [".svg", ".png", ".jpg", ".jpeg", ".webp"].contains { logo.lowercased().hasSuffix($0) }
                if !ok {
                    y.diagnostics.error(
                        file, y.position(theme[key: "logo"]), "theme logo must be an image file in the course's site/ folder (logo.svg, logo.png), not '\(logo)'",
                        code: "bad-theme")
                    config.theme.logo = nil
                } else if !FileManager.default.fileExists(atPath: root.appendingPathComponent("site").appendingPathComponent(logo).path) {
                    y.diagnostics.error(file, y.position(theme[key: "logo"]), "theme logo site/\(logo) does not exist", code: "bad-theme")
                    config.theme.logo = nil
                }
            }
        }
        return config
    }

    /// A mapping `id: label` or a list of `{id, label}` as ordered options.
    static func labeled(_ node: Node?, y: inout YAMLReader) -> [LabeledOption] {
        guard let node else { return [] }
        switch node {
        case .mapping(let mapping):
            return mapping.map { key, value in LabeledOption(id: key.string ?? "", label: value.string ?? "") }
        case .sequence(let seq):
            return seq.compactMap { item in
                if case .scalar(let s) = item { return LabeledOption(id: s.string, label: s.string) }
                guard let id = y.string(item, key: "id", required: true) else { return nil }
                return LabeledOption(id: id, label: y.string(item, key: "label", required: true) ?? id)
            }
        default:
            y.diagnostics.error(y.file, y.position(node), "expected a mapping of id: label or a list of {id, label}", code: "bad-value")
            return []
        }
    }

    static func readAgenda(_ node: Node, y: inout YAMLReader) -> Agenda {
        var agenda = Agenda()
        if let start = y.string(node, key: "start") {
            let parts = start.split(separator: ":")
            if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) {
                agenda.start = h * 60 + m
            } else {
                y.diagnostics.error(y.file, y.position(node[key: "start"]), "start must be a time like \"09:00\"", code: "bad-time")
            }
        }
        agenda.note = y.string(node, key: "note")
        agenda.trainerNote = y.string(node, key: "trainer-note")
        guard let days = node[key: "days"]?.sequence else {
            y.diagnostics.error(y.file, y.position(node), "agenda needs a list of days", code: "missing-key")
            return agenda
        }
        for dayNode in days {
            let position = y.position(dayNode)
            let id = y.string(dayNode, key: "id", required: true) ?? ""
            var sessions: [AgendaSession] = []
            for s in dayNode[key: "sessions"]?.sequence ?? [] {
                let sp = y.position(s)
                let title = y.string(s, key: "title", required: true) ?? ""
                // Every duration problem of a session is reported once: missing here; malformed,
                // negative or zero by `y.minutes`.
                let duration = y.minutes(s, key: "duration")
                if s[key: "duration"] == nil {
                    y.diagnostics.error(y.file, sp, "session '\(title)' has no duration", code: "missing-key")
                }
                sessions.append(
                    AgendaSession(
                        title: title, duration: duration ?? Minutes(0), items: y.strings(s, key: "items").map(\.0),
                        refs: y.strings(s, key: "refs").map { Located($0.0, at: $0.1) },
                        materials: y.strings(s, key: "materials").map { Located($0.0, at: $0.1) },
                        isBreak: y.bool(s, key: "break") ?? false, position: sp))
            }
            let then = y.string(dayNode, key: "then").map { Located($0, at: y.position(dayNode[key: "then"])) }
            agenda.days.append(
                AgendaDay(
                    id: id, day: y.int(dayNode, key: "day") ?? 0, track: y.string(dayNode, key: "track"),
                    title: y.string(dayNode, key: "title", required: true) ?? id, note: y.string(dayNode, key: "note"),
                    trainerNote: y.string(dayNode, key: "trainer-note"), sessions: sessions, then: then, position: position))
            if let trackNode = dayNode[key: "track"] { agenda.days[agenda.days.count - 1].trackPosition = y.position(trackNode) }
        }
        return agenda
    }
}

/// Reading a file of the course (a page or `course.yml`) within the size limit.
public enum SourceFile {
    /// The largest file katch reads: 10 MB (10,000,000 bytes), some 200 times the largest page of
    /// the KATCH manual. A larger file is an error naming its size, found from the file system
    /// before anything is read, so a huge file costs neither the time nor the memory to load it.
    public static let maximumSize = 10_000_000

    /// What reading a file gave.
    public enum Outcome {
        /// The file's bytes.
        case data(Data)
        /// The file is missing or cannot be read.
        case unreadable
        /// The file is larger than ``maximumSize``: its size in bytes.
        case tooLarge(Int)
    }

    /// Reads `url` unless it is larger than ``maximumSize``.
    public static func read(_ url: URL) -> Outcome {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return .unreadable }
        if let size = (attributes[.size] as? NSNumber)?.intValue, size > maximumSize { return .tooLarge(size) }
        guard let data = FileManager.default.contents(atPath: url.path) else { return .unreadable }
        // The file may have grown between the two looks.
        return data.count > maximumSize ? .tooLarge(data.count) : .data(data)
    }

    /// The error for a file of `size` bytes.
    static func tooLargeMessage(_ size: Int) -> String {
        String(
            format: "the file is %d bytes (%.1f MB), more than the %d bytes (%d MB) katch reads from one file: split it into several pages",
            size, Double(size) / 1e6, maximumSize, maximumSize / 1_000_000)
    }
}

/// Splits `---` front matter from the Markdown body.
enum FrontMatter {
    /// Escapes the `[` of lines that start a footnote definition (`[^N]: …`), at the top level or
    /// inside quotes and callouts (`> [^N]: …`), so that CommonMark keeps them as paragraphs — read
    /// in the scope they stand in — instead of taking them as page-wide link reference definitions.
    static func protectFootnoteDefinitions(_ body: String) -> String {
        var out = ""
        var copied = body.startIndex
        for (_, line) in Lines.containing("[^", in: body) {
            let start = quotePrefixEnd(line)
            guard line[start...].hasPrefix("[^") else { continue }
            out += body[copied..<start]
            out += "\\"
            copied = start
        }
        if copied == body.startIndex { return body }
        return out + body[copied...]
    }

    /// Where the text of `line` starts after its block-quote markers (`> > `) and indentation.
    static func quotePrefixEnd(_ line: Substring) -> Substring.Index {
        var i = line.startIndex
        var quoted = false
        while i < line.endIndex {
            let c = line[i]
            if c == ">" { quoted = true } else if c != " " && c != "\t" { break }
            i = line.index(after: i)
        }
        return quoted || line.hasPrefix("[^") ? i : line.startIndex
    }

    /// Lines (0-based, in `body`) that define a link reference (`[label]: url`) inside a quote or
    /// callout. CommonMark makes every such definition page-wide, so one written in a `TRAINER`
    /// callout would hand its URL to a participant link of the same label.
    static func referenceDefinitionsInQuotes(_ body: String) -> [Int] {
        var result: [Int] = []
        for (n, line) in Lines.containing("]:", in: body) {
            let start = quotePrefixEnd(line)
            guard start != line.startIndex, line[start...].hasPrefix("["), !line[start...].hasPrefix("[^"),
                let close = line[start...].firstIndex(of: "]"), line[line.index(after: close)...].hasPrefix(":")
            else { continue }
            result.append(n)
        }
        return result
    }

    /// The YAML text, the body, and how many lines precede the body. `text` has LF line endings
    /// (``LineEndings/normalized(_:)``).
    static func split(_ text: String) -> (yaml: String, body: String, bodyLineOffset: Int)? {
        var lines = Lines(text)
        guard let first = lines.next(), Self.isFence(first) else { return nil }
        var yamlEnd: String.Index?
        while let line = lines.next() {
            if Self.isFence(line) || line == "..." {
                let yaml = yamlEnd.map { String(text[first.endIndex..<$0].dropFirst()) } ?? ""
                let body = line.endIndex < text.endIndex ? String(text[text.index(after: line.endIndex)...]) : ""
                return (yaml, body, lines.number)
            }
            yamlEnd = line.endIndex
        }
        return nil
    }

    /// Whether `line` is a `---` line (white space around allowed).
    static func isFence(_ line: Substring) -> Bool {
        // Most lines hold no "---" at all: only those are trimmed (with Unicode's white space).
        line.containsBytes("---") && line.trimmingCharacters(in: .whitespaces) == "---"
    }
}

/// The lines of a text (without their line feeds), found over its UTF-8 bytes.
struct Lines: IteratorProtocol {
    let text: String
    /// Where the next line starts (nil after the last).
    private var nextStart: String.Index?
    /// How many lines have been returned.
    private(set) var number = 0

    init(_ text: String) {
        self.text = text
        nextStart = text.startIndex
    }

    mutating func next() -> Substring? {
        guard let start = nextStart else { return nil }
        let u = text.utf8
        let end = u[start...].firstIndex(of: 0x0A) ?? u.endIndex
        nextStart = end < u.endIndex ? u.index(after: end) : nil
        number += 1
        return text[start..<end]
    }

    /// The lines (0-based number, text) whose bytes hold `needle`.
    ///
    /// The needle's first byte and the newlines are found with `memchr`, so nearly every byte is
    /// passed over by the C library's vector code instead of a loop over bytes in Swift (which was
    /// the largest single cost of reading pages); newlines are only counted up to a line that holds
    /// the needle.
    static func containing(_ needle: String, in text: String) -> [(number: Int, line: Substring)] {
        let n = Array(needle.utf8)
        guard let head = n.first else { return [] }
        var copy = text
        let ranges = copy.withUTF8 { bytes -> [(Int, Int, Int)] in
            guard let base = bytes.baseAddress else { return [] }
            let count = bytes.count
            func offset(_ p: UnsafeMutableRawPointer) -> Int { base.distance(to: p.assumingMemoryBound(to: UInt8.self)) }
            /// Where the needle next starts at or after `from`.
            func find(from: Int) -> Int? {
                var i = from
                while i < count, let p = memchr(base + i, Int32(head), count - i) {
                    let j = offset(p)
                    if j + n.count <= count && memcmp(base + j, n, n.count) == 0 { return j }
                    i = j + 1
                }
                return nil
            }
            var found: [(Int, Int, Int)] = []
            // `from` is the start of line number `line`.
            var line = 0, lineStart = 0, from = 0
            while from < count, let at = find(from: from) {
                var scan = from
                while scan < at, let newline = memchr(base + scan, 0x0A, at - scan) {
                    line += 1
                    lineStart = offset(newline) + 1
                    scan = lineStart
                }
                let end = memchr(base + at, 0x0A, count - at).map(offset) ?? count
                found.append((line, lineStart, end))
                line += 1
                lineStart = end + 1
                from = end + 1
            }
            return found
        }
        let u = text.utf8
        return ranges.map { line, start, end in
            (line, text[u.index(u.startIndex, offsetBy: start)..<u.index(u.startIndex, offsetBy: end)])
        }
    }
}

/// Line endings: files saved on Windows (CRLF) read exactly like LF files.
enum LineEndings {
    /// `text` with every CRLF (and a lone CR) turned into LF.
    static func normalized(_ text: String) -> String {
        guard text.containsByte(0x0D) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

/// Problems that only follow from a file that could not be read (a broken `course.yml`, a page
/// whose front matter cannot be read) are held back and counted, so the cause is not buried.
struct HeldBack {
    /// `course.yml` is missing or could not be read: materials, tracks … are unknown.
    var configUnreadable = false
    /// Ids (page and heading ids) of pages that could not be read, with their file.
    var lostIDs: [String: String] = [:]
    /// How many problems were held back, by the file whose error explains them.
    var counts: [String: Int] = [:]

    /// Whether a problem that needs `course.yml` is held back (and counts it).
    mutating func needsConfig() -> Bool {
        guard configUnreadable else { return false }
        counts["course.yml", default: 0] += 1
        return true
    }

    /// Whether a dangling reference to `id` is held back because its page could not be read (and counts it).
    mutating func isLost(_ id: String) -> Bool {
        let pageID = Course.split(id).0
        guard let file = lostIDs[id] ?? lostIDs[pageID] else { return false }
        counts[file, default: 0] += 1
        return true
    }

    /// The page id (`id:` in the front matter) and the heading ids (`{#id …}`) written in a file,
    /// found by scanning its lines.
    static func salvageIDs(_ text: String) -> [String] {
        var ids: [String] = []
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if line.hasPrefix("id:") {
                let value = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if let word = value.split(separator: " ").first { ids.append(String(word)) }
            }
            var rest = line[...]
            while let open = rest.range(of: "{#") {
                let after = rest[open.upperBound...]
                let id = after.prefix { !$0.isWhitespace && $0 != "}" }
                if !id.isEmpty { ids.append(String(id)) }
                rest = after
            }
        }
        return ids
    }
}
