import CourseModel
import FlyingFox
import FlyingSocks
import Foundation
import HTMLText
import SiteBuilder

/// `katch serve`: both editions of a course served from memory on 127.0.0.1, rebuilt when a file
/// of the course changes; open pages reload themselves. A failed build is shown on every page (and
/// in the terminal) while the last good build keeps being served.
///
/// The HTTP side is FlyingFox (plain BSD sockets and Swift concurrency: a small library that builds
/// in seconds, where a SwiftNIO-based server would add minutes to every CI build).
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

    /// The response to `GET path`.
    func respond(to path: String) -> (status: HTTPStatusCode, type: String, body: [UInt8]) {
        let (files, version, error) = lock.withLock { (state.files, state.version, state.error) }
        if path == "/__katch/version" { return (.ok, "text/plain; charset=utf-8", Array("\(version)".utf8)) }
        var relative = String(path.drop { $0 == "/" })
        if let q = relative.firstIndex(of: "?") { relative = String(relative[..<q]) }
        relative = relative.removingPercentEncoding ?? relative
        if relative.isEmpty { relative = "trainer/index.html" }
        if relative == "trainer" || relative == "participant" || relative.hasSuffix("/") {
            relative = relative.hasSuffix("/") ? relative + "index.html" : relative + "/index.html"
        }
        guard let bytes = files[relative] else {
            let page = Self.frame("404", "<p>" + "No such page: \(relative)".html + "</p>", error: error, version: version)
            return (.notFound, "text/html; charset=utf-8", Array(page.utf8))
        }
        let type = Self.mimeType(relative)
        guard type.hasPrefix("text/html") else { return (.ok, type, bytes) }
        // Every page reloads itself after a rebuild and shows a failed build on top.
        var html = String(decoding: bytes, as: UTF8.self)
        let extra = (error.map(Self.errorBanner) ?? "") + Self.reloadScript(version)
        if let body = html.range(of: "</body>", options: .backwards) { html.replaceSubrange(body, with: extra + "</body>") } else { html += extra }
        return (.ok, type, Array(html.utf8))
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

    /// Serves on 127.0.0.1:`port` until the task is cancelled; checks the course for changes every
    /// 300 ms.
    public func run(port: UInt16) async throws {
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), logger: .disabled)
        for route in ["GET /", "GET /*"] {
            await server.appendRoute(HTTPRoute(stringLiteral: route)) { [self] request in
                let r = respond(to: request.path)
                return HTTPResponse(statusCode: r.status, headers: [.contentType: r.type, .cacheControl: "no-store"], body: Data(r.body))
            }
        }
        let watcher = Task.detached { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 300_000_000)
                rebuildIfChanged()
            }
        }
        defer { watcher.cancel() }
        try await server.run()
    }
}
