/// HTML escaping, shared by the site and the evaluation report. Every piece of text that reaches a page goes through
/// ``HTML/escape(_:)``; nothing is concatenated raw.
public enum HTML {
    /// Escapes text for element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Drop control characters other than tab and newline.
                if c.value < 0x20 && c != "\n" && c != "\t" { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A URL safe to put in `href`: web, mail and relative links pass, script schemes do not.
    public static func safeURL(_ url: String) -> String {
        let lower = url.trimmingCharacters(in: .whitespaces).lowercased()
        if let colon = lower.firstIndex(of: ":") {
            let scheme = lower[..<colon]
            let beforeSlash = lower.firstIndex(of: "/").map { colon < $0 } ?? true
            if beforeSlash {
                guard ["http", "https", "mailto", "tel"].contains(String(scheme)) else { return "#" }
            }
        }
        return url
    }
}

extension String {
    /// Escaped for HTML.
    public var html: String { HTML.escape(self) }

    func trimmingCharacters(in set: Whitespace) -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }

}

enum Whitespace { case whitespaces }
