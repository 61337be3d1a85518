/// HTML escaping, shared by the site and the evaluation report. Every piece of text that reaches a page goes through
/// ``HTML/escape(_:)``; nothing is concatenated raw.
public enum HTML {
    /// Escapes text for element content and attribute values: `& < > " '` become entities and
    /// control characters other than tab and newline are dropped.
    ///
    /// Works on the UTF-8 bytes (every byte that matters is ASCII, and a byte below 0x80 is always a
    /// whole character in UTF-8); text with nothing to escape — most of a course — is returned as it is.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: { needsEscaping($0) }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: bytes[..<first])
            for b in bytes[first...] {
                switch b {
                case UInt8(ascii: "&"): out.append(contentsOf: amp)
                case UInt8(ascii: "<"): out.append(contentsOf: lt)
                case UInt8(ascii: ">"): out.append(contentsOf: gt)
                case UInt8(ascii: "\""): out.append(contentsOf: quot)
                case UInt8(ascii: "'"): out.append(contentsOf: apos)
                case 0x09, 0x0A: out.append(b)
                case ..<0x20: continue
                default: out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// Whether `byte` is escaped or dropped by ``escape(_:)``.
    @inline(__always) static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
        case 0x09, 0x0A: return false
        default: return byte < 0x20
        }
    }

    private static let amp = Array("&amp;".utf8), lt = Array("&lt;".utf8), gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8), apos = Array("&#39;".utf8)

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
