import RealModule

/// The standard normal distribution N(0, 1).
public enum StandardNormal {
    /// Φ(z) = P(Z ≤ z) = ½ erfc(−z/√2).
    /// - Parameter z: the point.
    /// - Returns: the lower-tail probability.
    public static func cdf(_ z: Double) -> Double {
        0.5 * Double.erfc(-z / 2.0.squareRoot())
    }

    /// 1 − Φ(z) = P(Z > z) = ½ erfc(z/√2), accurate far into the upper tail.
    /// - Parameter z: the point.
    /// - Returns: the upper-tail probability.
    public static func survival(_ z: Double) -> Double {
        0.5 * Double.erfc(z / 2.0.squareRoot())
    }

    /// The two-sided p-value 2·P(Z > |z|), at most 1.
    /// - Parameter z: the z statistic.
    /// - Returns: the two-sided p-value.
    public static func twoSidedP(z: Double) -> Double {
        Swift.min(1, 2 * survival(Swift.abs(z)))
    }
}

/// Student's t distribution with `df` degrees of freedom (df > 0, not
/// necessarily an integer).
///
/// Uses P(|T| > t) = I_{df/(df+t²)}(df/2, ½) (regularised incomplete beta).
///
/// Accuracy, checked against SciPy and mpmath: relative error about 1e-13 or
/// better for df ≤ 1000 (the tests require 1e-10), about 1e-11 at df = 10⁵;
/// it degrades slowly beyond that (about 4e-10 at df = 10⁷), because the
/// continued fraction is then evaluated close to its switch-over point.
public enum StudentT {
    /// P(|T| > |t|), the two-sided tail probability.
    /// - Parameters:
    ///   - t: the statistic.
    ///   - df: degrees of freedom, > 0.
    /// - Returns: the two-sided p-value in [0, 1] (NaN if df ≤ 0 or t is NaN).
    public static func twoSidedP(t: Double, df: Double) -> Double {
        guard df > 0, !t.isNaN, !df.isNaN else { return .nan }
        if t.isInfinite { return 0 }
        if t == 0 { return 1 }
        let t2 = t * t
        // x = df/(df+t²), 1 − x = t²/(df+t²), both formed without cancellation.
        let x: Double
        let y: Double
        if df.isInfinite {
            return StandardNormal.twoSidedP(z: t)
        } else if t2 < df {
            let r = t2 / df
            x = 1 / (1 + r)
            y = r / (1 + r)
        } else {
            let r = df / t2
            x = r / (1 + r)
            y = 1 / (1 + r)
        }
        return SpecialFunctions.regularizedIncompleteBeta(a: df / 2, b: 0.5, x: x, oneMinusX: y)
    }

    /// P(T ≤ t), the cumulative distribution function.
    /// - Parameters:
    ///   - t: the point.
    ///   - df: degrees of freedom, > 0.
    /// - Returns: the lower-tail probability.
    public static func cdf(_ t: Double, df: Double) -> Double {
        let tail = 0.5 * twoSidedP(t: t, df: df)
        return t < 0 ? tail : 1 - tail
    }

    /// P(T > t), the upper tail (survival function), accurate for large t.
    /// - Parameters:
    ///   - t: the point.
    ///   - df: degrees of freedom, > 0.
    /// - Returns: the upper-tail probability.
    public static func survival(_ t: Double, df: Double) -> Double {
        cdf(-t, df: df)
    }

    /// The density of T at `t`.
    /// - Parameters:
    ///   - t: the point.
    ///   - df: degrees of freedom, > 0.
    /// - Returns: the probability density.
    public static func pdf(_ t: Double, df: Double) -> Double {
        guard df > 0 else { return .nan }
        if df.isInfinite {
            return Double.exp(-0.5 * t * t) / (2 * Double.pi).squareRoot()
        }
        let logDensity = -SpecialFunctions.logBeta(df / 2, 0.5) - 0.5 * Double.log(df)
            - (df + 1) / 2 * Double.log(onePlus: t * t / df)
        return Double.exp(logDensity)
    }

    /// The quantile (inverse CDF): the t with P(T ≤ t) = p.
    ///
    /// Solves for the tail probability min(p, 1 − p) by Newton's method on the
    /// CDF, safeguarded by bisection inside a bracket, so the result is as
    /// accurate as ``cdf(_:df:)``.
    /// - Parameters:
    ///   - p: a probability, 0 < p < 1 (0 and 1 give −∞ and +∞).
    ///   - df: degrees of freedom, > 0.
    /// - Returns: the quantile, or NaN when p is outside [0, 1] or df ≤ 0.
    public static func quantile(_ p: Double, df: Double) -> Double {
        guard df > 0, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let tail = Swift.min(p, 1 - p)
        // Find t ≥ 0 with upper tail P(T > t) = tail; the upper tail is decreasing.
        func f(_ t: Double) -> Double { 0.5 * twoSidedP(t: t, df: df) - tail }
        var lo = 0.0
        var hi = 1.0
        while f(hi) > 0 {
            lo = hi
            hi *= 2
            if hi > 1e300 { return p < 0.5 ? -.infinity : .infinity }
        }
        var t = 0.5 * (lo + hi)
        for _ in 0..<2000 {
            let ft = f(t)
            if ft == 0 { break }
            if ft > 0 { lo = t } else { hi = t }
            let density = pdf(t, df: df)
            var next = density > 0 ? t + ft / density : .nan
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if Swift.abs(next - t) <= 1e-15 * Swift.abs(next) || hi - lo <= 1e-15 * hi {
                t = next
                break
            }
            t = next
        }
        return p < 0.5 ? -t : t
    }
}

/// The chi-square distribution.
public enum ChiSquare {
    /// P(X > x) for X ~ χ²(1): erfc(√(x/2)).
    /// - Parameter x: the statistic (x ≤ 0 gives 1).
    /// - Returns: the upper-tail probability.
    public static func survivalOneDF(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        return Double.erfc((x / 2).squareRoot())
    }
}

/// The binomial distribution Bin(n, p).
public enum Binomial {
    /// ln n! − [(n + ½) ln n − n + ½ ln 2π] (Loader's `stirlerr`), for n ≥ 1.
    static func stirlingError(_ n: Double) -> Double {
        if n >= 10 { return SpecialFunctions.stirlingRemainder(n) }
        return Double.logGamma(n + 1) - (n + 0.5) * Double.log(n) + n - 0.918938533204672741780329736406
    }

    /// x ln(x/m) + m − x, computed without cancellation when x ≈ m (Loader's `bd0`).
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if Swift.abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            var s = (x - m) * v
            var ej = 2 * x * v
            v *= v
            var j = 1.0
            while j < 1000 {
                ej *= v
                let next = s + ej / (2 * j + 1)
                if next == s { return next }
                s = next
                j += 1
            }
            return s
        }
        return x * Double.log(x / m) + m - x
    }

    /// P(X = k).
    ///
    /// Uses Loader's saddle-point algorithm (as R's `dbinom`), accurate to a
    /// few ulps even for large n.
    /// - Parameters:
    ///   - k: number of successes.
    ///   - n: number of trials, ≥ 0.
    ///   - p: success probability in [0, 1].
    /// - Returns: the probability mass (0 outside 0...n, NaN for a bad p or n).
    public static func pmf(_ k: Int, n: Int, p: Double) -> Double {
        guard n >= 0, p >= 0, p <= 1 else { return .nan }
        guard k >= 0, k <= n else { return 0 }
        let q = 1 - p
        if p == 0 { return k == 0 ? 1 : 0 }
        if q == 0 { return k == n ? 1 : 0 }
        let nn = Double(n)
        if k == 0 {
            return Double.exp(p < 0.1 ? -deviance(nn, nn * q) - nn * p : nn * Double.log(onePlus: -p))
        }
        if k == n {
            return Double.exp(q < 0.1 ? -deviance(nn, nn * p) - nn * q : nn * Double.log(p))
        }
        let x = Double(k)
        let lc = stirlingError(nn) - stirlingError(x) - stirlingError(nn - x)
            - deviance(x, nn * p) - deviance(nn - x, nn * q)
        let lf = Double.log(2 * Double.pi) + Double.log(x) + Double.log(onePlus: -x / nn)
        return Double.exp(lc - 0.5 * lf)
    }

    /// P(X ≤ k), by summing the mass function.
    /// - Parameters:
    ///   - k: number of successes.
    ///   - n: number of trials, ≥ 0.
    ///   - p: success probability in [0, 1].
    /// - Returns: the lower-tail probability.
    public static func cdf(_ k: Int, n: Int, p: Double) -> Double {
        guard n >= 0, p >= 0, p <= 1 else { return .nan }
        if k < 0 { return 0 }
        if k >= n { return 1 }
        var sum = 0.0
        for i in 0...k { sum += pmf(i, n: n, p: p) }
        return Swift.min(1, sum)
    }

    /// Exact two-sided p-value as `scipy.stats.binomtest(k, n, p).pvalue`
    /// (alternative "two-sided"): the total probability of all outcomes
    /// no more likely than the observed one, P = Σ_{i : f(i) ≤ f(k)·(1 + 10⁻⁷)} f(i),
    /// capped at 1.
    ///
    /// For p = ½ this equals the doubled smaller tail min(1, 2·P(X ≤ min(k, n − k)))
    /// used by the exact McNemar test (``mcNemarExactP(b:c:)``).
    /// - Parameters:
    ///   - k: observed successes, 0...n.
    ///   - n: trials, ≥ 0.
    ///   - p: hypothesised success probability, default ½.
    /// - Returns: the two-sided p-value (1 for n = 0; NaN for bad arguments).
    public static func twoSidedP(k: Int, n: Int, p: Double = 0.5) -> Double {
        guard n >= 0, k >= 0, k <= n, p >= 0, p <= 1 else { return .nan }
        if n == 0 { return 1 }
        let observed = pmf(k, n: n, p: p)
        let threshold = observed * (1 + 1e-7)
        var sum = 0.0
        for i in 0...n {
            let f = pmf(i, n: n, p: p)
            if f <= threshold { sum += f }
        }
        return Swift.min(1, sum)
    }

    /// The exact two-sided McNemar p-value: min(1, 2·P(X ≤ min(b, c))) with
    /// X ~ Bin(b + c, ½). Equals `scipy.stats.binomtest(b, b + c, 0.5).pvalue`.
    /// - Parameters:
    ///   - b: discordant pairs of one kind (≥ 0).
    ///   - c: discordant pairs of the other kind (≥ 0).
    /// - Returns: the p-value (1 when b + c = 0; NaN for negative counts).
    public static func mcNemarExactP(b: Int, c: Int) -> Double {
        guard b >= 0, c >= 0 else { return .nan }
        let n = b + c
        if n == 0 { return 1 }
        return Swift.min(1, 2 * cdf(Swift.min(b, c), n: n, p: 0.5))
    }
}
