/// A reported statistic: either a finite number, or the stated reason why no
/// number can be given.
///
/// Every figure that the library computes is a `StatValue`, so a report never
/// shows `NaN` or `inf`; it shows a reason such as `"n < 2"` instead.
///
/// ## JSON
/// `StatValue` encodes as a one-key object:
/// - `.value(1.25)` → `{"value": 1.25}`
/// - `.unavailable(reason: "n < 2")` → `{"reason": "n < 2"}`
public enum StatValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A finite number.
    case value(Double)
    /// No number can be given; `reason` says why (see ``StatReason``).
    case unavailable(reason: String)

    /// Wraps `x`, or gives `.unavailable(reason: reason)` when `x` is not
    /// finite (NaN or ±infinity). Use this as a safety net so that no
    /// non-finite number ever reaches a report.
    /// - Parameters:
    ///   - x: the computed number.
    ///   - reason: the reason reported when `x` is not finite.
    public init(checking x: Double, reason: String = StatReason.notFinite) {
        self = x.isFinite ? .value(x) : .unavailable(reason: reason)
    }

    /// The number, or `nil` when unavailable.
    public var doubleValue: Double? {
        if case .value(let x) = self { return x }
        return nil
    }

    /// The reason, or `nil` when a number is available.
    public var reason: String? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }

    /// `true` when a number is available.
    public var isAvailable: Bool { doubleValue != nil }

    /// Applies `transform` to the number; an unavailable value passes through
    /// unchanged. A non-finite result becomes `.unavailable`.
    /// - Parameter transform: the function applied to the number.
    /// - Returns: the transformed value.
    public func map(_ transform: (Double) -> Double) -> StatValue {
        switch self {
        case .value(let x): return StatValue(checking: transform(x))
        case .unavailable: return self
        }
    }

    /// `"1.25"` or `"unavailable (n < 2)"`.
    public var description: String {
        switch self {
        case .value(let x): return "\(x)"
        case .unavailable(let reason): return "unavailable (\(reason))"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case value
        case reason
    }

    /// Decodes `{"value": x}` or `{"reason": "..."}`.
    /// - Parameter decoder: the decoder to read from.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let x = try container.decodeIfPresent(Double.self, forKey: .value) {
            self = .value(x)
        } else {
            self = .unavailable(reason: try container.decode(String.self, forKey: .reason))
        }
    }

    /// Encodes `{"value": x}` or `{"reason": "..."}`.
    /// - Parameter encoder: the encoder to write to.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .value(let x): try container.encode(x, forKey: .value)
        case .unavailable(let reason): try container.encode(reason, forKey: .reason)
        }
    }
}

/// The reasons the library gives for an unavailable ``StatValue``.
///
/// They are plain strings so that they can be shown as they are or compared.
public enum StatReason {
    /// There is no observation at all.
    public static let empty = "n = 0"
    /// At least two observations are needed (a standard deviation, a t-test).
    public static let fewerThanTwo = "n < 2"
    /// The spread is zero, so a ratio by it is undefined.
    public static let zeroVariance = "zero variance"
    /// Every paired difference is zero (Wilcoxon signed-rank has nothing to rank).
    public static let allDifferencesZero = "all differences are zero"
    /// No (pre, post) pair has both values.
    public static let nothingPaired = "nothing paired"
    /// The mean pre-test score is at the maximum, so Hake's gain divides by zero.
    public static let preAtMaximum = "mean pre = maximum"
    /// Every participant scored the maximum on the pre-test.
    public static let allPreAtMaximum = "every pre = maximum"
    /// An item's scores are constant (all correct or all wrong).
    public static let constantItem = "constant item score"
    /// The rest-of-test scores are constant.
    public static let constantRest = "constant rest score"
    /// KR-20 needs at least two items.
    public static let fewerThanTwoItems = "k < 2"
    /// The total scores are constant.
    public static let zeroTotalVariance = "zero variance of totals"
    /// No pair changed between pre and post for this item (McNemar).
    public static let noDiscordantPairs = "no discordant pairs"
    /// An input was NaN or infinite, or a result overflowed.
    public static let notFinite = "not finite"
    /// Withheld because the group is smaller than the report's minimum group size (privacy).
    public static let suppressed = "suppressed: small group"
}
