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
        var anchors = UniqueAnchors(taken: taken)
        return anchors.claim(slug)
    }
}

/// The anchors of one page, handing out `slug`, `slug-2`, `slug-3` … for repeated headings.
///
/// The next number to try is remembered per slug: taken anchors are only ever added, so the
/// smallest free number never goes down, and a page of many identical headings costs linear time
/// instead of trying `-2`, `-3` … again for each one.
public struct UniqueAnchors: Sendable {
    /// Every anchor given out or reserved.
    public private(set) var taken: Set<String>
    /// Per slug, the number to try first for its next repetition.
    private var nextNumber: [String: Int] = [:]

    /// Anchors of a page on which `taken` are already used.
    public init(taken: Set<String> = []) { self.taken = taken }

    /// Whether `anchor` is already used.
    public func contains(_ anchor: String) -> Bool { taken.contains(anchor) }

    /// Marks `anchor` as used (an explicit `{#id}`).
    public mutating func reserve(_ anchor: String) { taken.insert(anchor) }

    /// `slug` when free, else `slug-N` with the smallest free N ≥ 2; marked as used.
    public mutating func claim(_ slug: String) -> String {
        var anchor = slug
        if taken.contains(slug) {
            var n = nextNumber[slug] ?? 2
            while taken.contains("\(slug)-\(n)") { n += 1 }
            nextNumber[slug] = n + 1
            anchor = "\(slug)-\(n)"
        }
        taken.insert(anchor)
        return anchor
    }
}
