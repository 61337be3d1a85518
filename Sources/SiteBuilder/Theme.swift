import CourseModel
import Foundation

/// The site's theme: the default files of the repository's `site/` folder, compiled into the
/// binary (plugin `EmbedSite`), each replaced by the course's own `site/<name>` when it has one
/// (mdBook's `theme/` folder is the model). So one `katch` executable builds anywhere, sites work
/// from `file://`, and a trainer changes colours, the layout or adds a logo without recompiling.
///
/// Only the stylesheet and the search script are taken from files: the page frame stays in Swift
/// (`Layout`), where every course text goes through the one escaping function — no template can
/// print course text unescaped. `course.yml`'s `theme:` sets the accent colour, a logo from the
/// course's `site/` folder and a footer line.
public struct Theme: Sendable {
    /// The files of the theme by name (`style.css`, `search.js`), defaults with the course's over them.
    let files: [String: [UInt8]]
    /// The logo (`site/<theme.logo>`) and its name under `assets/`.
    let logo: (name: String, bytes: [UInt8])?
    /// The page frame (`page.html`), or why the course's own cannot be used.
    let frame: Result<FrameTemplate, SiteError>

    /// The default theme with the files of `course`'s `site/` folder over it.
    init(course: Course) {
        var files = Theme.defaults
        let folder = course.root.appendingPathComponent("site")
        for name in Theme.defaults.keys.sorted() {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) { files[name] = [UInt8](data) }
        }
        if let accent = course.config.theme.accent, var css = files["style.css"] {
            // The accent overrides the stylesheet's own, in light and dark colours alike.
            css += Array(":root { --accent: \(accent); }\n".utf8)
            files["style.css"] = css
        }
        self.files = files
        let own = folder.appendingPathComponent("page.html")
        if let data = FileManager.default.contents(atPath: own.path) {
            do throws(SiteError) {
                frame = .success(try FrameTemplate(String(decoding: data, as: UTF8.self), file: "site/page.html"))
            } catch {
                frame = .failure(error)
            }
        } else {
            frame = .success(Theme.defaultFrame)
        }
        if let name = course.config.theme.logo, let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) {
            logo = ("logo" + (name.lastIndex(of: ".").map { String(name[$0...]) } ?? ""), [UInt8](data))
        } else {
            logo = nil
        }
    }

    /// The default theme's files (for `katch init --theme`, which copies them into a course's `site/`).
    public static var defaultFiles: [String: [UInt8]] { defaults }

    /// The default frame, `site/page.html` of the repository (checked by a test, so it parses).
    static let defaultFrame: FrameTemplate = {
        let text = String(decoding: defaults["page.html"] ?? [], as: UTF8.self)
        return (try? FrameTemplate(text, file: "page.html")) ?? FrameTemplate(pieces: ["", "article", ""])
    }()

    /// The defaults compiled in from `site/`.
    static let defaults: [String: [UInt8]] = EmbeddedSite.files.compactMapValues { Data(base64Encoded: $0).map { [UInt8]($0) } }

    /// The stylesheet, as `assets/style.css`.
    var stylesheet: [UInt8] { files["style.css"] ?? [] }
    /// The search script, as `assets/search.js`.
    var searchScript: [UInt8] { files["search.js"] ?? [] }
}
