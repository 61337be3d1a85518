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
    public init?(parsing text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "—" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let low = Int(parts[0]), low >= 0 else { return nil }
        if parts.count == 2 {
            guard let high = Int(parts[1]), high >= low else { return nil }
            self.init(low, high)
        } else {
            self.init(low)
        }
    }

    /// Adds two durations bound by bound.
    public static func + (a: Minutes, b: Minutes) -> Minutes { Minutes(a.low + b.low, a.high + b.high) }

    public var description: String { isRange ? "\(low)-\(high)" : "\(low)" }
}

