/// An exact rational number: a score, a percentage or a gain as the results really are.
///
/// Scores are whole points (or a trainer's score with at most three decimals), so a percentage
/// 100·points/maximum is a fraction with a small denominator. Deciding ties, zero differences and
/// zero variance on these exact values — never on their `Double` approximations, where
/// 100·1/11 − 100·0/11 and 100·2/11 − 100·1/11 differ in the last bit — is what makes the
/// Wilcoxon ranks, the t-test's "zero variance" and every figure built on them agree with a
/// computation on the points themselves.
///
/// Always stored reduced, with a positive denominator, so `==` and hashing compare values.
/// Arithmetic traps on overflow of `Int64`, which the documented bounds (maxima of at most a few
/// hundred points, scores with at most three decimals) keep far away; comparison multiplies in
/// full width and cannot overflow.
public struct Fraction: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Numerator (carries the sign).
    public let numerator: Int64
    /// Denominator, always ≥ 1.
    public let denominator: Int64

    /// `numerator / denominator`, reduced.
    /// - Precondition: `denominator != 0`.
    public init(_ numerator: Int64, _ denominator: Int64 = 1) {
        precondition(denominator != 0, "a fraction with denominator 0")
        if denominator == 1 {
            self.numerator = numerator
            self.denominator = 1
            return
        }
        let g = Self.gcd(numerator.magnitude, denominator.magnitude)
        let sign: Int64 = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / Int64(g)
        self.denominator = sign * denominator / Int64(g)
    }

    /// A whole number.
    public init(_ value: Int) { self.init(Int64(value), 1) }

    /// The exact value of a decimal with at most `decimals` digits after the point, or nil when
    /// `value` is not such a number (not finite, or more digits than allowed).
    ///
    /// `1.5` → 3/2, `0.3` → 3/10 (the `Double` nearest 0.3 is recognised as 0.3).
    public init?(decimal value: Double, decimals: Int = 3) {
        guard value.isFinite, decimals >= 0, decimals <= 9, abs(value) < 1e9 else { return nil }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * Double(scale)).rounded()
        guard abs(scaled - value * Double(scale)) <= 1e-6 else { return nil }
        self.init(Int64(scaled), scale)
    }

    /// The fraction with the smallest denominator (up to `maxDenominator`) within a relative
    /// 1e-12 of `value` (continued fractions); nil for values that are not finite.
    ///
    /// For values computed elsewhere in floating point (e.g. 100/3 from a spreadsheet); scores
    /// computed by katch never go through this.
    public init?(approximating value: Double, maxDenominator: Int64 = 1_000_000) {
        guard value.isFinite, abs(value) < 1e12 else { return nil }
        var x = value
        var (h0, h1): (Int64, Int64) = (0, 1)
        var (k0, k1): (Int64, Int64) = (1, 0)
        var best = Fraction(Int64(value.rounded()), 1)
        for _ in 0..<40 {
            let a = Int64(x.rounded(.down))
            let (h2, k2) = (a * h1 + h0, a * k1 + k0)
            guard k2 <= maxDenominator, k2 > 0 else { break }
            best = Fraction(h2, k2)
            if abs(best.doubleValue - value) <= 1e-12 * Swift.max(1, abs(value)) { break }
            (h0, h1, k0, k1) = (h1, h2, k1, k2)
            let rest = x - Double(a)
            guard rest > 0 else { break }
            x = 1 / rest
        }
        self = best
    }

    /// Zero.
    public static let zero = Fraction(0, 1)

    /// The nearest `Double`.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// Whether the value is 0.
    public var isZero: Bool { numerator == 0 }

    /// The absolute value.
    public var magnitude: Fraction { numerator < 0 ? Fraction(-numerator, denominator) : self }

    /// `3/2`, or `3` for whole numbers.
    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }

    public static func + (a: Fraction, b: Fraction) -> Fraction {
        if a.denominator == b.denominator {
            return a.denominator == 1 ? Fraction(a.numerator + b.numerator, 1) : Fraction(a.numerator + b.numerator, a.denominator)
        }
        let g = Int64(gcd(a.denominator.magnitude, b.denominator.magnitude))
        return Fraction(a.numerator * (b.denominator / g) + b.numerator * (a.denominator / g), a.denominator / g * b.denominator)
    }

    public static func - (a: Fraction, b: Fraction) -> Fraction { a + Fraction(-b.numerator, b.denominator) }

    public static func * (a: Fraction, b: Fraction) -> Fraction {
        let g1 = Int64(gcd(a.numerator.magnitude, b.denominator.magnitude))
        let g2 = Int64(gcd(b.numerator.magnitude, a.denominator.magnitude))
        return Fraction((a.numerator / g1) * (b.numerator / g2), (a.denominator / g2) * (b.denominator / g1))
    }

    /// Division. - Precondition: `b` is not zero.
    public static func / (a: Fraction, b: Fraction) -> Fraction {
        a * Fraction(b.denominator, b.numerator)
    }

    public static func += (a: inout Fraction, b: Fraction) { a = a + b }

    public static func < (a: Fraction, b: Fraction) -> Bool {
        // a/b < c/d ⇔ a·d < c·b (denominators positive), in 128-bit.
        let left = a.numerator.multipliedFullWidth(by: b.denominator)
        let right = b.numerator.multipliedFullWidth(by: a.denominator)
        return left.high < right.high || (left.high == right.high && left.low < right.low)
    }

    // Codable as a plain number would lose exactness: `{"numerator": 3, "denominator": 2}`.
}

extension Fraction {
    /// The indices of `values` in ascending order of the values, exactly: ordered by their nearest
    /// `Double` (rounding keeps order, so this is fast and right wherever the doubles differ) and,
    /// where two doubles are equal, by the exact values.
    public static func sortedIndices(_ values: [Fraction]) -> [Int] {
        let approx = values.map(\.doubleValue)
        return values.indices.sorted { i, j in
            let a = approx[i], b = approx[j]
            if a != b { return a < b }
            return values[i] != values[j] && values[i] < values[j]
        }
    }

    /// `values` in ascending order (see ``sortedIndices(_:)``).
    public static func sorted(_ values: [Fraction]) -> [Fraction] { sortedIndices(values).map { values[$0] } }
}

extension Fraction: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(Int64(value), 1) }
}
