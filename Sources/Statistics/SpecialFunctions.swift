import RealModule

/// Special functions behind the distributions: log-beta and the regularised
/// incomplete beta function.
///
/// Arguments outside the domain give `Double.nan`; the higher-level
/// functions of this library never pass such arguments and never let `NaN`
/// reach a ``StatValue``.
public enum SpecialFunctions {
    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
    ///
    /// When an argument is ≥ 10 the Stirling-series remainders are used
    /// (as in R's `lbeta`), which avoids the cancellation of large
    /// `logGamma` terms.
    /// - Parameters:
    ///   - a: first shape parameter, > 0.
    ///   - b: second shape parameter, > 0.
    /// - Returns: ln B(a, b), or NaN outside the domain.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite else { return .nan }
        let p = Swift.min(a, b)
        let q = Swift.max(a, b)
        let lnSqrt2Pi = 0.918938533204672741780329736406
        if p >= 10 {
            let corr = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(p + q)
            return -0.5 * Double.log(q) + lnSqrt2Pi + corr
                + (p - 0.5) * Double.log(p / (p + q)) + q * Double.log(onePlus: -p / (p + q))
        } else if q >= 10 {
            let corr = stirlingRemainder(q) - stirlingRemainder(p + q)
            return Double.logGamma(p) + corr + p - p * Double.log(p + q)
                + (q - 0.5) * Double.log(onePlus: -p / (p + q))
        } else {
            return Double.logGamma(p) + Double.logGamma(q) - Double.logGamma(p + q)
        }
    }

    /// ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 10 (Stirling series).
    static func stirlingRemainder(_ x: Double) -> Double {
        let x2 = 1 / (x * x)
        // Coefficients B_{2k} / (2k (2k − 1)).
        let c: [Double] = [
            1.0 / 12.0, -1.0 / 360.0, 1.0 / 1260.0, -1.0 / 1680.0,
            1.0 / 1188.0, -691.0 / 360360.0, 1.0 / 156.0,
        ]
        var sum = 0.0
        for coefficient in c.reversed() {
            sum = sum * x2 + coefficient
        }
        return sum / x
    }

    /// The regularised incomplete beta function I_x(a, b).
    ///
    /// Evaluated by the continued fraction of Numerical Recipes (`betacf`)
    /// with the modified Lentz algorithm, using the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a) when x > (a + 1)/(a + b + 2).
    /// - Parameters:
    ///   - a: first shape parameter, > 0.
    ///   - b: second shape parameter, > 0.
    ///   - x: the point, 0 ≤ x ≤ 1.
    /// - Returns: I_x(a, b) in [0, 1], or NaN outside the domain.
    public static func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
        regularizedIncompleteBeta(a: a, b: b, x: x, oneMinusX: 1 - x)
    }

    /// I_x(a, b) where the caller also supplies 1 − x exactly, so that no
    /// precision is lost when x is close to 1.
    static func regularizedIncompleteBeta(a: Double, b: Double, x: Double, oneMinusX y: Double) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, x <= 1, y >= 0, y <= 1 else { return .nan }
        if x == 0 { return 0 }
        if y == 0 { return 1 }
        if x < (a + 1) / (a + b + 2) {
            return incompleteBetaDirect(a: a, b: b, x: x, y: y)
        } else {
            return 1 - incompleteBetaDirect(a: b, b: a, x: y, y: x)
        }
    }

    /// The complement 1 − I_x(a, b) = I_{1−x}(b, a), computed without
    /// subtracting from 1 where that would lose precision.
    static func regularizedIncompleteBetaComplement(a: Double, b: Double, x: Double, oneMinusX y: Double) -> Double {
        regularizedIncompleteBeta(a: b, b: a, x: y, oneMinusX: x)
    }

    /// x^a y^b / (a B(a, b)) · CF, valid and fast for x < (a + 1)/(a + b + 2).
    private static func incompleteBetaDirect(a: Double, b: Double, x: Double, y: Double) -> Double {
        let lnX = x < 0.5 ? Double.log(x) : Double.log(onePlus: -y)
        let lnY = y < 0.5 ? Double.log(y) : Double.log(onePlus: -x)
        let logFront = a * lnX + b * lnY - logBeta(a, b)
        let front = Double.exp(logFront) / a
        return front * betaContinuedFraction(a: a, b: b, x: x)
    }

    /// The continued fraction for I_x(a, b) (modified Lentz).
    private static func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let eps = 1e-16
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if Swift.abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1
        while m <= 100_000 {
            let md = Double(m)
            let m2 = 2 * md
            // Even step.
            var aa = md * (b - md) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if Swift.abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if Swift.abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // Odd step.
            aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if Swift.abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if Swift.abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if Swift.abs(delta - 1) <= eps { break }
            m += 1
        }
        return h
    }
}
