import CourseModel
import Foundation
import HTMLText
import SiteBuilder

/// `katch serve`: both editions of a course served from memory on 127.0.0.1, rebuilt when a file
/// of the course changes; open pages reload themselves. A failed build is shown on every page (and
/// in the terminal) while the last good build keeps being served.
///
/// The HTTP side is katch's own (``LocalHTTPServer``, on the system's sockets): the HTTP packages
/// bring FoundationNetworking, whose libcurl and the libraries it loads would slow the start of every
/// `katch` process by milliseconds, whatever the command; a preview for one browser on 127.0.0.1
/// needs a couple of hundred lines.
public final class PreviewServer: @unchecked Sendable {
    /// The course folder.
    public let root: URL
    /// What the server holds: the last good editions, the build count, the last error.
    struct State {
        var files: [String: [UInt8]] = [:]
        var version = 0
        var error: String?
        var fingerprint = ""
    }
    private var state = State()
    private let lock = NSLock()
    /// What the last build parsed and rendered: after an edit only the changed file is parsed and
    /// only the pages that read it are rendered again (``SiteCache``).
    private let cache = SiteCache()
    /// One build at a time: the cache belongs to the build under way.
    private let building = NSLock()
    private let log: @Sendable (String) -> Void

    /// Creates a preview of the course in `root`; `log` receives what the terminal should show.
    public init(root: URL, log: @escaping @Sendable (String) -> Void) {
        self.root = root
        self.log = log
    }

    /// The build count: it changes after every rebuild, good or failed (pages poll it to reload).
    public var version: Int { lock.withLock { state.version } }

    /// Pages rendered by the last build, over both editions (the others were kept from the build
    /// before): for `katch bench` and tests.
    public var renderedPages: Int { building.withLock { cache.rendered } }

    /// Builds now; returns nil on success or the error text.
    @discardableResult
    public func rebuild() -> String? {
        building.withLock { build() }
    }

    private func build() -> String? {
        let started = Date()
        let fingerprint = Self.fingerprint(root)
        let loaded = CourseLoader.load(root: root, cache: cache.load)
        var error: String?
        var files: [String: [UInt8]] = [:]
        if loaded.hasErrors {
            error = loaded.diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
        } else {
            do {
                for output in try SiteBuilder(course: loaded.course).buildAll(cache: cache) {
                    for (path, bytes) in output.files { files[output.edition.rawValue + "/" + path] = bytes }
                }
            } catch let e {
                error = e.description
            }
        }
        lock.withLock {
            state.fingerprint = fingerprint
            state.version += 1
            state.error = error
            if error == nil { state.files = files }
        }
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        log(error.map { "build failed (\(ms) ms); still serving the last good build:\n" + $0 } ?? "built in \(ms) ms")
        return error
    }

    /// Rebuilds when a file under the course changed since the last build.
    public func rebuildIfChanged() {
        let now = Self.fingerprint(root)
        if lock.withLock({ state.fingerprint }) != now { rebuild() }
    }

    /// Paths, sizes and modification times of `course.yml` and of every file under `modules/`,
    /// `exercises/` and `site/`: what a rebuild depends on.
    static func fingerprint(_ root: URL) -> String {
        var parts: [String] = []
        let fm = FileManager.default
        func add(_ url: URL) {
            guard let a = try? fm.attributesOfItem(atPath: url.path) else { return }
            let size = (a[.size] as? NSNumber)?.int64Value ?? -1
            let time = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            parts.append("\(url.path)|\(size)|\(time)")
        }
        add(root.appendingPathComponent("course.yml"))
        for folder in ["modules", "exercises", "site"] {
            let dir = root.appendingPathComponent(folder)
            guard let walker = fm.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker { add(url) }
        }
        return parts.sorted().joined(separator: "\n")
    }

    /// The response to `GET path` (an origin-form target: its query is ignored). Only the files of
    /// the last good build are looked up, never the disk, so no path (`..` or not) reaches elsewhere.
    func respond(to path: String) -> HTTPResponse {
        let (files, version, error) = lock.withLock { (state.files, state.version, state.error) }
        if path == "/__katch/version" {
            return HTTPResponse(status: .ok, contentType: "text/plain; charset=utf-8", body: Array("\(version)".utf8))
        }
        var relative = String(path.drop { $0 == "/" })
        if let q = relative.firstIndex(of: "?") { relative = String(relative[..<q]) }
        relative = relative.removingPercentEncoding ?? relative
        if relative.isEmpty { relative = "trainer/index.html" }
        if relative == "trainer" || relative == "participant" || relative.hasSuffix("/") {
            relative = relative.hasSuffix("/") ? relative + "index.html" : relative + "/index.html"
        }
        guard let bytes = files[relative] else {
            let page = Self.frame("404", "<p>" + "No such page: \(relative)".html + "</p>", error: error, version: version)
            return HTTPResponse(status: .notFound, contentType: "text/html; charset=utf-8", body: Array(page.utf8))
        }
        let type = Self.mimeType(relative)
        guard type.hasPrefix("text/html") else { return HTTPResponse(status: .ok, contentType: type, body: bytes) }
        // Every page reloads itself after a rebuild and shows a failed build on top.
        var html = String(decoding: bytes, as: UTF8.self)
        let extra = (error.map(Self.errorBanner) ?? "") + Self.reloadScript(version)
        if let body = html.range(of: "</body>", options: .backwards) { html.replaceSubrange(body, with: extra + "</body>") } else { html += extra }
        return HTTPResponse(status: .ok, contentType: type, body: Array(html.utf8))
    }

    static func errorBanner(_ error: String) -> String {
        "<div id=\"katch-build-error\" style=\"position:fixed;left:0;right:0;top:0;z-index:99;background:#a4262c;color:#fff;"
            + "padding:10px 16px;font:14px/1.4 monospace;white-space:pre-wrap;max-height:50vh;overflow:auto\">"
            + "katch serve: the build failed; this is the last good build.\n\n" + error.html + "</div>"
    }

    static func reloadScript(_ version: Int) -> String {
        "<script>(function(){var v=\(version);setInterval(function(){fetch('/__katch/version',{cache:'no-store'})"
            + ".then(function(r){return r.text()}).then(function(t){if(+t!==v){location.reload()}}).catch(function(){})},700)})()</script>"
    }

    static func frame(_ title: String, _ body: String, error: String?, version: Int) -> String {
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title.html + "</title></head><body>" + body
            + (error.map(errorBanner) ?? "") + reloadScript(version) + "</body></html>"
    }

    static func mimeType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        default: return "application/octet-stream"
        }
    }

    /// Listens on 127.0.0.1:`port`, builds, then serves from threads of its own until the process
    /// ends, checking the course for changes every 300 ms. The port is taken before the first build,
    /// so a port in use is reported at once, and a browser that asks during that build waits for it
    /// in the listen queue instead of seeing a page not found.
    public func start(port: UInt16) throws(ListenError) {
        let server = try LocalHTTPServer(port: port) { [self] target in respond(to: target) }
        rebuild()
        server.start()
        Thread.detachNewThread { [self] in
            while true {
                usleep(300_000)
                rebuildIfChanged()
            }
        }
    }
}
