/// Descriptive statistics of a list of numbers.
///
/// Every function returns ``StatValue``: an empty list gives
/// `"n = 0"`, a standard deviation of fewer than two values gives `"n < 2"`,
/// and a list with a NaN or infinite value gives `"not finite"`.
public enum Descriptives {
    /// The arithmetic mean.
    /// - Parameter values: the observations.
    /// - Returns: the mean, or a reason.
    public static func mean(_ values: [Double]) -> StatValue {
        guard !values.isEmpty else { return .unavailable(reason: StatReason.empty) }
        guard values.allSatisfy(\.isFinite) else { return .unavailable(reason: StatReason.notFinite) }
        return StatValue(checking: rawMean(values))
    }

    /// The median (mean of the two middle values when n is even).
    /// - Parameter values: the observations.
    /// - Returns: the median, or a reason.
    public static func median(_ values: [Double]) -> StatValue {
        guard !values.isEmpty else { return .unavailable(reason: StatReason.empty) }
        guard values.allSatisfy(\.isFinite) else { return .unavailable(reason: StatReason.notFinite) }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        if sorted.count % 2 == 1 { return .value(sorted[mid]) }
        return StatValue(checking: sorted[mid - 1] / 2 + sorted[mid] / 2)
    }

    /// The sample standard deviation (denominator n − 1), computed in two passes.
    /// - Parameter values: the observations.
    /// - Returns: the standard deviation (0 for constant values), or a reason.
    public static func sampleStandardDeviation(_ values: [Double]) -> StatValue {
        sampleVariance(values).map { $0.squareRoot() }
    }

    /// The sample variance (denominator n − 1), computed in two passes.
    /// - Parameter values: the observations.
    /// - Returns: the variance (0 for constant values), or a reason.
    public static func sampleVariance(_ values: [Double]) -> StatValue {
        guard !values.isEmpty else { return .unavailable(reason: StatReason.empty) }
        guard values.count >= 2 else { return .unavailable(reason: StatReason.fewerThanTwo) }
        guard values.allSatisfy(\.isFinite) else { return .unavailable(reason: StatReason.notFinite) }
        return StatValue(checking: sumOfSquaredDeviations(values) / Double(values.count - 1))
    }

    /// The population variance (denominator n).
    /// - Parameter values: the observations.
    /// - Returns: the variance (0 for constant values), or a reason.
    public static func populationVariance(_ values: [Double]) -> StatValue {
        guard !values.isEmpty else { return .unavailable(reason: StatReason.empty) }
        guard values.allSatisfy(\.isFinite) else { return .unavailable(reason: StatReason.notFinite) }
        return StatValue(checking: sumOfSquaredDeviations(values) / Double(values.count))
    }

    /// The Pearson correlation coefficient of two equally long lists.
    ///
    /// Reasons: `"n < 2"`, `"zero variance"` when either list is constant,
    /// `"not finite"`. Lists of different lengths are cut to the shorter.
    /// - Parameters:
    ///   - x: first variable.
    ///   - y: second variable.
    /// - Returns: r in [−1, 1], or a reason.
    public static func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> StatValue {
        let n = Swift.min(x.count, y.count)
        guard n > 0 else { return .unavailable(reason: StatReason.empty) }
        guard n >= 2 else { return .unavailable(reason: StatReason.fewerThanTwo) }
        let xs = Array(x.prefix(n))
        let ys = Array(y.prefix(n))
        guard xs.allSatisfy(\.isFinite), ys.allSatisfy(\.isFinite) else {
            return .unavailable(reason: StatReason.notFinite)
        }
        let mx = rawMean(xs)
        let my = rawMean(ys)
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for i in 0..<n {
            let dx = xs[i] - mx
            let dy = ys[i] - my
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        guard sxx > 0, syy > 0 else { return .unavailable(reason: StatReason.zeroVariance) }
        let r = sxy / (sxx * syy).squareRoot()
        return StatValue(checking: Swift.max(-1, Swift.min(1, r)))
    }

    /// Summary of a list: n, mean, median, sample SD, minimum and maximum.
    /// - Parameter values: the observations.
    /// - Returns: the summary.
    public static func summary(_ values: [Double]) -> Summary {
        let finite = values.allSatisfy(\.isFinite)
        let minimum: StatValue
        let maximum: StatValue
        if let lo = values.min(), let hi = values.max(), finite {
            minimum = .value(lo)
            maximum = .value(hi)
        } else {
            let reason = values.isEmpty ? StatReason.empty : StatReason.notFinite
            minimum = .unavailable(reason: reason)
            maximum = .unavailable(reason: reason)
        }
        return Summary(
            n: values.count, mean: mean(values), median: median(values),
            standardDeviation: sampleStandardDeviation(values), minimum: minimum, maximum: maximum)
    }

    // MARK: Internal helpers (no checks)

    static func rawMean(_ values: [Double]) -> Double {
        if let first = values.first, values.allSatisfy({ $0 == first }) { return first }
        var sum = 0.0
        for v in values { sum += v }
        var m = sum / Double(values.count)
        // One refinement step (corrects rounding of the first pass).
        var correction = 0.0
        for v in values { correction += v - m }
        m += correction / Double(values.count)
        return m
    }

    static func sumOfSquaredDeviations(_ values: [Double]) -> Double {
        // Constant lists get an exact zero, whatever the rounding of the mean.
        if let first = values.first, values.allSatisfy({ $0 == first }) { return 0 }
        let m = rawMean(values)
        var ss = 0.0
        for v in values {
            let d = v - m
            ss += d * d
        }
        return ss
    }
}

/// Descriptive summary of one list of numbers.
public struct Summary: Sendable, Hashable, Codable {
    /// Number of observations.
    public let n: Int
    /// Arithmetic mean.
    public let mean: StatValue
    /// Median.
    public let median: StatValue
    /// Sample standard deviation (n − 1).
    public let standardDeviation: StatValue
    /// Smallest value.
    public let minimum: StatValue
    /// Largest value.
    public let maximum: StatValue

    /// Creates a summary from its parts.
    public init(
        n: Int, mean: StatValue, median: StatValue, standardDeviation: StatValue,
        minimum: StatValue, maximum: StatValue
    ) {
        self.n = n
        self.mean = mean
        self.median = median
        self.standardDeviation = standardDeviation
        self.minimum = minimum
        self.maximum = maximum
    }
}
