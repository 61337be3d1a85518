import CourseModel
import HTMLText
import Foundation

/// Checks that every relative link and anchor of an edition points at a file and an id that exist.
public enum LinkChecker {
    /// Broken links, as `file: href` lines (empty when all resolve). A link to the other edition
    /// (`../participant/page.html`, written side by side) is looked up in `siblings`.
    public static func check(_ output: EditionOutput, siblings: [EditionOutput] = []) -> [String] {
        var ids: [String: Set<String>] = [:]
        var links: [(String, String)] = []
        for (path, bytes) in output.files where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            ids[path] = Set(attributeValues(html, "id"))
            for href in attributeValues(html, "href") + attributeValues(html, "src") { links.append((path, href)) }
        }
        var problems: [String] = []
        for (from, raw) in links {
            let href = LeakDetector.textOfMarkup(raw)
            if href.hasPrefix("http://") || href.hasPrefix("https://") || href.hasPrefix("mailto:") { continue }
            let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if let sibling = siblings.first(where: { parts[0].hasPrefix("../" + $0.edition.rawValue + "/") }) {
                let file = String(parts[0].dropFirst(4 + sibling.edition.rawValue.count))
                if sibling.files[file] == nil { problems.append("\(from): \(href) (no such file in the \(sibling.edition.rawValue) edition)") }
                continue
            }
            let file = parts[0].isEmpty ? from : parts[0]
            guard output.files[file] != nil else {
                problems.append("\(from): \(href) (no such file)")
                continue
            }
            if parts.count == 2, !parts[1].isEmpty, file.hasSuffix(".html"), !(ids[file]?.contains(parts[1]) ?? false) {
                problems.append("\(from): \(href) (no such anchor)")
            }
        }
        return problems.sorted()
    }

    static func attributeValues(_ html: String, _ name: String) -> [String] {
        var values: [String] = []
        let marker = " " + name + "=\""
        var rest = Substring(html)
        while let range = rest.range(of: marker) {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            values.append(String(after[..<end]))
            rest = after[end...]
        }
        return values
    }
}
