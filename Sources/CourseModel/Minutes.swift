import Foundation

/// A duration in minutes, exact (`45`) or a range (`5-10`).
public struct Minutes: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The shortest duration.
    public var low: Int
    /// The longest duration (equal to `low` when exact).
    public var high: Int

    /// Creates a duration; `high` defaults to `low`.
    public init(_ low: Int, _ high: Int? = nil) {
        self.low = low
        self.high = high ?? low
    }

    /// Whether this is a range rather than one value.
    public var isRange: Bool { low != high }

    /// Parses `45`, `"45"`, `"5-10"` or `"5–10"`; nil when it is not a duration.
    ///
    /// Every bound must be a whole number ≥ 0 and a range must not run backwards: `-45`, `45-`,
    /// `5--10` and `10-5` are not durations.
    public init?(parsing text: String) {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "–" || $0 == "—" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let low = Self.bound(parts[0]) else { return nil }
        if parts.count == 2 {
            guard let high = Self.bound(parts[1]), high >= low else { return nil }
            self.init(low, high)
        } else {
            self.init(low)
        }
    }

    /// A bound: digits only (no sign), so `-3` and `+3` are refused rather than read as 3.
    private static func bound(_ text: String) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// Whether `text` is a negative number of minutes (`-45`, `−45`), a mistake worth naming as such.
    static func isNegative(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let first = t.first, first == "-" || first == "−" || first == "–" else { return false }
        let rest = t.dropFirst().trimmingCharacters(in: .whitespaces)
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Adds two durations bound by bound.
    public static func + (a: Minutes, b: Minutes) -> Minutes { Minutes(a.low + b.low, a.high + b.high) }

    public var description: String { isRange ? "\(low)-\(high)" : "\(low)" }
}

