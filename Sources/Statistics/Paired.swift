/// One participant's matched scores, in percent (or any scale whose maximum
/// is given to ``Paired/analyze(_:maximum:confidenceLevel:)``), as exact fractions: two
/// participants with the same gain in points have equal gains here, which decides Wilcoxon's
/// ties, its zero differences and the t-test's zero variance.
public struct ScorePair: Sendable, Hashable, Codable {
    /// Score before the course.
    public let pre: Fraction
    /// Score after the course.
    public let post: Fraction

    /// Creates a pair.
    /// - Parameters:
    ///   - pre: score before.
    ///   - post: score after.
    public init(pre: Fraction, post: Fraction) {
        self.pre = pre
        self.post = post
    }

    /// post − pre, exactly.
    public var gain: Fraction { post - pre }
}

/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Hashable, Codable {
    /// Coverage, e.g. 0.95.
    public let level: Double
    /// Lower bound.
    public let lower: StatValue
    /// Upper bound.
    public let upper: StatValue

    /// Creates an interval.
    /// - Parameters:
    ///   - level: coverage, e.g. 0.95.
    ///   - lower: lower bound.
    ///   - upper: upper bound.
    public init(level: Double, lower: StatValue, upper: StatValue) {
        self.level = level
        self.lower = lower
        self.upper = upper
    }
}

/// Paired (one-sample on differences) Student t-test, H₀: mean difference = 0.
public struct PairedTTest: Sendable, Hashable, Codable {
    /// t = mean(d) / (sd(d)/√n).
    public let t: StatValue
    /// Degrees of freedom, n − 1.
    public let df: StatValue
    /// Two-sided p-value.
    public let p: StatValue

    /// Creates a result.
    /// - Parameters:
    ///   - t: the statistic.
    ///   - df: degrees of freedom.
    ///   - p: two-sided p-value.
    public init(t: StatValue, df: StatValue, p: StatValue) {
        self.t = t
        self.df = df
        self.p = p
    }
}

/// Wilcoxon signed-rank test on paired differences.
///
/// Zero differences are dropped (Wilcoxon's method), tied |d| get average
/// ranks, and the normal approximation uses the tie correction and a
/// continuity correction of ½. Matches
/// `scipy.stats.wilcoxon(post, pre, zero_method="wilcox", correction=True,
/// method="asymptotic")` (called `"approx"` in older SciPy) for `p` and `z`.
public struct WilcoxonSignedRank: Sendable, Hashable, Codable {
    /// Number of non-zero differences (the n used by the test).
    public let nonZero: Int
    /// Number of zero differences that were dropped.
    public let zeroDifferences: Int
    /// W⁺: sum of the ranks of positive differences (post > pre).
    public let wPlus: StatValue
    /// W⁻: sum of the ranks of negative differences (post < pre).
    public let wMinus: StatValue
    /// min(W⁺, W⁻), SciPy's two-sided `statistic`.
    public let statistic: StatValue
    /// z as SciPy reports it for a two-sided test: −|z_cc|, never positive.
    public let z: StatValue
    /// Continuity-corrected z with its sign: positive when W⁺ > n(n+1)/4
    /// (gains dominate), negative when losses dominate.
    public let signedZ: StatValue
    /// Two-sided p-value 2·P(Z > |z|).
    public let p: StatValue
    /// Matched-pairs rank-biserial correlation r = (W⁺ − W⁻)/(W⁺ + W⁻), in [−1, 1].
    public let rankBiserial: StatValue

    /// Creates a result.
    public init(
        nonZero: Int, zeroDifferences: Int, wPlus: StatValue, wMinus: StatValue,
        statistic: StatValue, z: StatValue, signedZ: StatValue, p: StatValue, rankBiserial: StatValue
    ) {
        self.nonZero = nonZero
        self.zeroDifferences = zeroDifferences
        self.wPlus = wPlus
        self.wMinus = wMinus
        self.statistic = statistic
        self.z = z
        self.signedZ = signedZ
        self.p = p
        self.rankBiserial = rankBiserial
    }
}

/// Hake's normalised gain.
public struct HakeGain: Sendable, Hashable, Codable {
    /// Class (average) gain ⟨g⟩ = (mean post − mean pre)/(maximum − mean pre).
    public let classGain: StatValue
    /// Mean of the individual gains g = (post − pre)/(maximum − pre) over
    /// participants with pre < maximum.
    public let meanIndividualGain: StatValue
    /// Participants whose individual gain is included.
    public let included: Int
    /// Participants excluded from the individual gains because pre ≥ maximum.
    public let excluded: Int

    /// Creates a result.
    /// - Parameters:
    ///   - classGain: ⟨g⟩.
    ///   - meanIndividualGain: mean of individual g.
    ///   - included: count included.
    ///   - excluded: count excluded (pre at maximum).
    public init(classGain: StatValue, meanIndividualGain: StatValue, included: Int, excluded: Int) {
        self.classGain = classGain
        self.meanIndividualGain = meanIndividualGain
        self.included = included
        self.excluded = excluded
    }
}

/// Everything the library reports about matched pre/post scores.
public struct PairedAnalysis: Sendable, Hashable, Codable {
    /// Number of complete pairs analysed.
    public let n: Int
    /// Pairs dropped because a side was missing or not finite.
    public let unpaired: Int
    /// Mean pre score.
    public let meanPre: StatValue
    /// Mean post score.
    public let meanPost: StatValue
    /// Mean gain, mean(post − pre).
    public let meanGain: StatValue
    /// Median gain.
    public let medianGain: StatValue
    /// Sample SD (n − 1) of the differences post − pre.
    public let sdDifference: StatValue
    /// t-based confidence interval of the mean gain.
    public let meanGainCI: ConfidenceInterval
    /// Paired t-test.
    public let tTest: PairedTTest
    /// Cohen's d_z = mean(d)/sd(d).
    public let cohensDz: StatValue
    /// Wilcoxon signed-rank test with rank-biserial effect size.
    public let wilcoxon: WilcoxonSignedRank
    /// Hake's normalised gain.
    public let hake: HakeGain

    /// Creates a result from its parts (normally built by ``Paired/analyze(_:maximum:confidenceLevel:)``).
    public init(
        n: Int, unpaired: Int, meanPre: StatValue, meanPost: StatValue, meanGain: StatValue,
        medianGain: StatValue, sdDifference: StatValue, meanGainCI: ConfidenceInterval,
        tTest: PairedTTest, cohensDz: StatValue, wilcoxon: WilcoxonSignedRank, hake: HakeGain
    ) {
        self.n = n
        self.unpaired = unpaired
        self.meanPre = meanPre
        self.meanPost = meanPost
        self.meanGain = meanGain
        self.medianGain = medianGain
        self.sdDifference = sdDifference
        self.meanGainCI = meanGainCI
        self.tTest = tTest
        self.cohensDz = cohensDz
        self.wilcoxon = wilcoxon
        self.hake = hake
    }
}

/// Analyses of matched (pre, post) scores.
///
/// Reasons given instead of numbers: `"nothing paired"` (n = 0),
/// `"n < 2"` (SD, CI, t-test, d_z with one pair), `"all differences are zero"`
/// (t-test, d_z, CI, Wilcoxon), `"zero variance"` (every gain equal but not
/// zero: t-test, d_z and CI), `"mean pre = maximum"` and `"every pre = maximum"`
/// (Hake).
public enum Paired {
    /// Pairs up two lists by index, keeping only positions where both values are
    /// present and finite. The values are read as the nearest simple fractions
    /// (``Fraction/init(approximating:maxDenominator:)``): for scores computed elsewhere;
    /// katch's own scores reach ``analyze(_:maximum:confidenceLevel:)`` as exact fractions.
    /// - Parameters:
    ///   - pre: scores before (nil = missing).
    ///   - post: scores after (nil = missing).
    /// - Returns: the complete pairs and the number of positions dropped
    ///   (including the surplus of the longer list).
    public static func match(pre: [Double?], post: [Double?]) -> (pairs: [ScorePair], unpaired: Int) {
        var pairs: [ScorePair] = []
        let count = Swift.max(pre.count, post.count)
        for i in 0..<Swift.min(pre.count, post.count) {
            if let a = pre[i].flatMap({ Fraction(approximating: $0) }), let b = post[i].flatMap({ Fraction(approximating: $0) }) {
                pairs.append(ScorePair(pre: a, post: b))
            }
        }
        return (pairs, count - pairs.count)
    }

    /// The full paired analysis of two lists matched by index.
    /// - Parameters:
    ///   - pre: scores before (nil = missing).
    ///   - post: scores after (nil = missing).
    ///   - maximum: the maximum possible score (100 for percent).
    ///   - confidenceLevel: coverage of the mean-gain interval.
    /// - Returns: the analysis.
    public static func analyze(
        pre: [Double?], post: [Double?], maximum: Double = 100, confidenceLevel: Double = 0.95
    ) -> PairedAnalysis {
        let matched = match(pre: pre, post: post)
        return analyze(matched.pairs, unpaired: matched.unpaired, maximum: maximum, confidenceLevel: confidenceLevel)
    }

    /// The full paired analysis of matched pairs.
    /// - Parameters:
    ///   - pairs: the pairs.
    ///   - maximum: the maximum possible score (100 for percent).
    ///   - confidenceLevel: coverage of the mean-gain interval.
    /// - Returns: the analysis.
    public static func analyze(
        _ pairs: [ScorePair], maximum: Double = 100, confidenceLevel: Double = 0.95
    ) -> PairedAnalysis {
        analyze(pairs, unpaired: 0, maximum: maximum, confidenceLevel: confidenceLevel)
    }

    static func analyze(
        _ pairs: [ScorePair], unpaired dropped: Int, maximum: Double, confidenceLevel: Double
    ) -> PairedAnalysis {
        let d = pairs.map(\.gain)
        let n = pairs.count
        let nothing = StatValue.unavailable(reason: StatReason.nothingPaired)
        func orNothing(_ v: StatValue) -> StatValue { n == 0 ? nothing : v }
        return PairedAnalysis(
            n: n,
            unpaired: dropped,
            meanPre: orNothing(Descriptives.mean(pairs.map(\.pre.doubleValue))),
            meanPost: orNothing(Descriptives.mean(pairs.map(\.post.doubleValue))),
            meanGain: orNothing(Descriptives.mean(d.map(\.doubleValue))),
            medianGain: orNothing(median(d)),
            sdDifference: orNothing(sdDifference(d)),
            meanGainCI: meanConfidenceInterval(differences: d, level: confidenceLevel),
            tTest: tTest(differences: d),
            cohensDz: cohensDz(differences: d),
            wilcoxon: wilcoxonSignedRank(differences: d),
            hake: hakeGain(pairs, maximum: maximum))
    }

    /// The exact median of the differences (the mean of the two middle values for even n).
    static func median(_ d: [Fraction]) -> StatValue {
        guard !d.isEmpty else { return .unavailable(reason: StatReason.empty) }
        let sorted = Fraction.sorted(d)
        let mid = sorted.count / 2
        // The middle values are found exactly; their mean is taken in Double (adding two fractions
        // with large unrelated denominators could overflow, and nothing is decided on it).
        return .value(sorted.count % 2 == 1 ? sorted[mid].doubleValue : (sorted[mid - 1].doubleValue + sorted[mid].doubleValue) / 2)
    }

    /// The sample SD of the differences: exactly 0 when every difference is equal.
    static func sdDifference(_ d: [Fraction]) -> StatValue {
        if d.count >= 2, let first = d.first, d.allSatisfy({ $0 == first }) { return .value(0) }
        return Descriptives.sampleStandardDeviation(d.map(\.doubleValue))
    }

    /// Why a t-based figure on these differences cannot be computed, or nil — decided on the
    /// exact differences, so a constant gain is "zero variance", never a t of 10¹⁶.
    static func tReason(_ d: [Fraction]) -> String? {
        if d.isEmpty { return StatReason.nothingPaired }
        if d.count < 2 { return StatReason.fewerThanTwo }
        if d.allSatisfy(\.isZero) { return StatReason.allDifferencesZero }
        if let first = d.first, d.allSatisfy({ $0 == first }) { return StatReason.zeroVariance }
        return nil
    }

    /// Paired t-test on differences d = post − pre.
    /// - Parameter differences: the differences.
    /// - Returns: t, df = n − 1 and the two-sided p-value, or reasons.
    public static func tTest(differences exact: [Fraction]) -> PairedTTest {
        if let reason = tReason(exact) {
            let df: StatValue = exact.count >= 2 ? .value(Double(exact.count - 1)) : .unavailable(reason: reason)
            return PairedTTest(t: .unavailable(reason: reason), df: df, p: .unavailable(reason: reason))
        }
        let d = exact.map(\.doubleValue)
        let n = Double(d.count)
        let mean = Descriptives.rawMean(d)
        let sd = (Descriptives.sumOfSquaredDeviations(d) / (n - 1)).squareRoot()
        guard sd > 0 else {
            let reason = StatReason.zeroVariance
            return PairedTTest(t: .unavailable(reason: reason), df: .value(n - 1), p: .unavailable(reason: reason))
        }
        let t = mean / (sd / n.squareRoot())
        let p = StudentT.twoSidedP(t: t, df: n - 1)
        return PairedTTest(t: StatValue(checking: t), df: .value(n - 1), p: StatValue(checking: p))
    }

    /// Cohen's d_z = mean(d)/sd(d), with sd the sample SD (n − 1).
    /// - Parameter differences: the differences.
    /// - Returns: d_z, or a reason.
    public static func cohensDz(differences exact: [Fraction]) -> StatValue {
        if let reason = tReason(exact) { return .unavailable(reason: reason) }
        let d = exact.map(\.doubleValue)
        let sd = (Descriptives.sumOfSquaredDeviations(d) / Double(d.count - 1)).squareRoot()
        guard sd > 0 else { return .unavailable(reason: StatReason.zeroVariance) }
        return StatValue(checking: Descriptives.rawMean(d) / sd)
    }

    /// t-based confidence interval of the mean difference:
    /// mean ± t_{(1+level)/2, n−1} · sd/√n.
    ///
    /// With zero spread the interval would have zero width; it is reported as
    /// unavailable (`"zero variance"` / `"all differences are zero"`) instead.
    /// - Parameters:
    ///   - differences: the differences.
    ///   - level: coverage in (0, 1), default 0.95.
    /// - Returns: the interval.
    public static func meanConfidenceInterval(differences exact: [Fraction], level: Double = 0.95) -> ConfidenceInterval {
        if let reason = tReason(exact) {
            return ConfidenceInterval(level: level, lower: .unavailable(reason: reason), upper: .unavailable(reason: reason))
        }
        guard level > 0, level < 1 else {
            let reason = "confidence level outside (0, 1)"
            return ConfidenceInterval(level: level, lower: .unavailable(reason: reason), upper: .unavailable(reason: reason))
        }
        let d = exact.map(\.doubleValue)
        let n = Double(d.count)
        let mean = Descriptives.rawMean(d)
        let se = (Descriptives.sumOfSquaredDeviations(d) / (n - 1)).squareRoot() / n.squareRoot()
        let q = StudentT.quantile((1 + level) / 2, df: n - 1)
        return ConfidenceInterval(
            level: level, lower: StatValue(checking: mean - q * se), upper: StatValue(checking: mean + q * se))
    }

    /// Wilcoxon signed-rank test (normal approximation, tie and continuity
    /// corrections) and the matched-pairs rank-biserial correlation.
    ///
    /// z = (W⁺ − n(n+1)/4 − sign·½) / σ with
    /// σ² = [n(n+1)(2n+1) − ½ Σ(t³ − t)]/24 over tie groups t of |d|.
    /// - Parameter differences: the differences post − pre.
    /// - Returns: the test result; with no non-zero difference every figure is
    ///   unavailable (`"nothing paired"` or `"all differences are zero"`).
    public static func wilcoxonSignedRank(differences d: [Fraction]) -> WilcoxonSignedRank {
        let nonZero = d.filter { !$0.isZero }
        let zeros = d.count - nonZero.count
        let reason: String? =
            d.isEmpty ? StatReason.nothingPaired
            : nonZero.isEmpty ? StatReason.allDifferencesZero : nil
        if let reason {
            let u = StatValue.unavailable(reason: reason)
            return WilcoxonSignedRank(
                nonZero: nonZero.count, zeroDifferences: zeros, wPlus: u, wMinus: u,
                statistic: u, z: u, signedZ: u, p: u, rankBiserial: u)
        }
        let ranked = averageRanks(nonZero.map(\.magnitude))
        var wPlus = 0.0
        var wMinus = 0.0
        for (i, value) in nonZero.enumerated() {
            if value > .zero { wPlus += ranked.ranks[i] } else { wMinus += ranked.ranks[i] }
        }
        let n = Double(nonZero.count)
        let mean = n * (n + 1) / 4
        var tieTerm = 0.0
        for t in ranked.tieSizes {
            let tt = Double(t)
            tieTerm += tt * tt * tt - tt
        }
        let sigma = ((n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24).squareRoot()
        var z = (wPlus - mean) / sigma
        let sign: Double = z > 0 ? 1 : (z < 0 ? -1 : 0)
        z -= sign * 0.5 / sigma
        let p = StandardNormal.twoSidedP(z: z)
        let r = (wPlus - wMinus) / (wPlus + wMinus)
        return WilcoxonSignedRank(
            nonZero: nonZero.count, zeroDifferences: zeros, wPlus: .value(wPlus), wMinus: .value(wMinus),
            statistic: .value(Swift.min(wPlus, wMinus)), z: StatValue(checking: -Swift.abs(z)),
            signedZ: StatValue(checking: z), p: StatValue(checking: p), rankBiserial: StatValue(checking: r))
    }

    /// Ranks 1...n with ties given their average rank, and the sizes of the
    /// tie groups (groups of one included). Values tie when they are equal, so rank exact
    /// values (``Fraction``), not floating-point approximations of them.
    /// - Parameter values: the values to rank.
    /// - Returns: `ranks[i]` is the rank of `values[i]`.
    public static func averageRanks(_ values: [Fraction]) -> (ranks: [Double], tieSizes: [Int]) {
        let order = Fraction.sortedIndices(values)
        var ranks = [Double](repeating: 0, count: values.count)
        var tieSizes: [Int] = []
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            // Positions start...end (0-based) share ranks start+1 ... end+1.
            let average = Double(start + end + 2) / 2
            for k in start...end { ranks[order[k]] = average }
            tieSizes.append(end - start + 1)
            start = end + 1
        }
        return (ranks, tieSizes)
    }

    /// Hake's normalised gain.
    ///
    /// - ⟨g⟩ = (mean post − mean pre)/(maximum − mean pre), unavailable when
    ///   mean pre ≥ maximum (`"mean pre = maximum"`).
    /// - The mean of individual g = (post − pre)/(maximum − pre) over the
    ///   participants with pre < maximum; the others are counted in
    ///   ``HakeGain/excluded``.
    /// - Parameters:
    ///   - pairs: the pairs.
    ///   - maximum: the maximum score, 100 for percent.
    /// - Returns: the gains.
    public static func hakeGain(_ pairs: [ScorePair], maximum: Double = 100) -> HakeGain {
        guard !pairs.isEmpty else {
            let u = StatValue.unavailable(reason: StatReason.nothingPaired)
            return HakeGain(classGain: u, meanIndividualGain: u, included: 0, excluded: 0)
        }
        let meanPre = Descriptives.rawMean(pairs.map(\.pre.doubleValue))
        let meanPost = Descriptives.rawMean(pairs.map(\.post.doubleValue))
        let classGain: StatValue =
            meanPre >= maximum
            ? .unavailable(reason: StatReason.preAtMaximum)
            : StatValue(checking: (meanPost - meanPre) / (maximum - meanPre))
        let includedPairs = pairs.filter { $0.pre.doubleValue < maximum }
        let individual = includedPairs.map { ($0.post.doubleValue - $0.pre.doubleValue) / (maximum - $0.pre.doubleValue) }
        let meanIndividual: StatValue =
            individual.isEmpty
            ? .unavailable(reason: StatReason.allPreAtMaximum)
            : Descriptives.mean(individual)
        return HakeGain(
            classGain: classGain, meanIndividualGain: meanIndividual,
            included: includedPairs.count, excluded: pairs.count - includedPairs.count)
    }
}
