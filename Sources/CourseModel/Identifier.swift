import Foundation

/// Rules for ids (`[a-z0-9-]+`).
public enum Identifier {
    /// Whether `id` is a valid course id.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "." }
            && !id.hasPrefix("-")
    }
}

/// Heading slugs: NFC, lowercase, letters and digits joined by dashes (Cyrillic kept).
public enum Slug {
    /// A slug of `text`.
    public static func make(_ text: String) -> String {
        let normalized = text.precomposedStringWithCanonicalMapping.lowercased()
        var slug = ""
        var pendingDash = false
        for c in normalized {
            if c.isLetter || c.isNumber {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.append(c)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// `slug`, or `slug-2`, `slug-3` … when taken.
    public static func unique(_ slug: String, taken: Set<String>) -> String {
        guard taken.contains(slug) else { return slug }
        var n = 2
        while taken.contains("\(slug)-\(n)") { n += 1 }
        return "\(slug)-\(n)"
    }
}
