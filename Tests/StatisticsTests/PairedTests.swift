import Foundation
import Statistics
import Testing

@Suite("Paired analysis")
struct PairedTests {
    @Test("means, SD, CI, t-test and d_z match SciPy (ttest_rel)", arguments: Fixture.paired)
    func tBased(_ c: PairedCase) {
        let a = Paired.analyze(c.pairs, maximum: c.maximum)
        let e = c.expected
        #expect(a.n == e.n)
        #expect(a.unpaired == 0)
        expectStat(a.meanPre, e.meanPre, "mean pre")
        expectStat(a.meanPost, e.meanPost, "mean post")
        expectStat(a.meanGain, e.meanGain, "mean gain")
        expectStat(a.medianGain, e.medianGain, "median gain")
        expectStat(a.sdDifference, e.sdDifference, "sd of differences")
        expectStat(a.meanGainCI.lower, e.ciLower, "CI lower")
        expectStat(a.meanGainCI.upper, e.ciUpper, "CI upper")
        #expect(a.meanGainCI.level == 0.95)
        expectStat(a.tTest.t, e.t, "t")
        expectStat(a.tTest.df, e.df, "df")
        expectStat(a.tTest.p, e.p, "p")
        expectStat(a.cohensDz, e.dz, "d_z")
    }

    @Test("Wilcoxon signed-rank matches scipy.stats.wilcoxon(asymptotic, wilcox, correction)", arguments: Fixture.paired)
    func wilcoxon(_ c: PairedCase) {
        let w = Paired.analyze(c.pairs, maximum: c.maximum).wilcoxon
        let e = c.expected.wilcoxon
        #expect(w.nonZero == e.nonZero)
        #expect(w.zeroDifferences == e.zeroDifferences)
        expectStat(w.wPlus, e.wPlus, "W+")
        expectStat(w.wMinus, e.wMinus, "W-")
        expectStat(w.statistic, e.statistic, "statistic")
        expectStat(w.z, e.z, "z")
        expectStat(w.signedZ, e.signedZ, "signed z")
        expectStat(w.p, e.p, "p")
        expectStat(w.rankBiserial, e.rankBiserial, "rank-biserial")
    }

    @Test("Hake class gain and mean individual gain match NumPy", arguments: Fixture.paired)
    func hake(_ c: PairedCase) {
        let h = Paired.analyze(c.pairs, maximum: c.maximum).hake
        let e = c.expected.hake
        expectStat(h.classGain, e.classGain, "class gain")
        expectStat(h.meanIndividualGain, e.meanIndividualGain, "mean individual gain")
        #expect(h.included == e.included)
        #expect(h.excluded == e.excluded)
    }

    @Test("the fixture covers ties, zeros, n = 0, 1, 2 and constant scores")
    func coverage() {
        let names = Set(Fixture.paired.map(\.name))
        for name in ["empty", "n = 1", "n = 2", "all zero differences", "constant scores", "heavy ties", "constant gain"] {
            #expect(names.contains(name))
        }
    }

    @Test("matching by index drops missing and non-finite values")
    func matching() {
        let pre: [Double?] = [50, nil, 70, 80, .nan, 40]
        let post: [Double?] = [60, 90, nil, 85, 50]
        let matched = Paired.match(pre: pre, post: post)
        #expect(matched.pairs == [ScorePair(pre: 50, post: 60), ScorePair(pre: 80, post: 85)])
        #expect(matched.unpaired == 4)
        let analysis = Paired.analyze(pre: pre, post: post)
        #expect(analysis.n == 2)
        #expect(analysis.unpaired == 4)
        #expect(analysis.meanGain == .value(7.5))
    }

    @Test("nothing paired: every figure says so")
    func nothingPaired() {
        let a = Paired.analyze(pre: [nil, 30], post: [40, nil])
        #expect(a.n == 0)
        let reason = StatValue.unavailable(reason: StatReason.nothingPaired)
        for v in [a.meanPre, a.meanGain, a.sdDifference, a.meanGainCI.lower, a.tTest.t, a.tTest.p, a.cohensDz,
                  a.wilcoxon.p, a.wilcoxon.rankBiserial, a.hake.classGain, a.hake.meanIndividualGain] {
            #expect(v == reason)
        }
    }

    @Test("all differences zero: t-test, d_z, CI and Wilcoxon give the reason")
    func allZero() {
        let a = Paired.analyze(pre: [40, 60, 80], post: [40, 60, 80])
        #expect(a.meanGain == .value(0))
        #expect(a.sdDifference == .value(0))
        #expect(a.tTest.t == .unavailable(reason: StatReason.allDifferencesZero))
        #expect(a.tTest.df == .value(2))
        #expect(a.cohensDz == .unavailable(reason: StatReason.allDifferencesZero))
        #expect(a.meanGainCI.upper == .unavailable(reason: StatReason.allDifferencesZero))
        #expect(a.wilcoxon.p == .unavailable(reason: StatReason.allDifferencesZero))
        #expect(a.wilcoxon.zeroDifferences == 3)
        #expect(a.hake.classGain == .value(0))
    }

    @Test("confidence level is configurable and nests")
    func confidenceLevels() {
        let d: [Fraction] = [5, 10, -5, 20, 15, 0, 10, 25]
        let ci90 = Paired.meanConfidenceInterval(differences: d, level: 0.90)
        let ci99 = Paired.meanConfidenceInterval(differences: d, level: 0.99)
        guard let lo90 = ci90.lower.doubleValue, let lo99 = ci99.lower.doubleValue,
            let hi90 = ci90.upper.doubleValue, let hi99 = ci99.upper.doubleValue
        else {
            Issue.record("intervals should be available")
            return
        }
        #expect(lo99 < lo90 && hi90 < hi99)
        #expect(abs((lo90 + hi90) / 2 - 10) <= 1e-12)
        #expect(Paired.meanConfidenceInterval(differences: d, level: 1).lower.isAvailable == false)
    }

    @Test("average ranks and tie groups")
    func ranks() {
        let r = Paired.averageRanks([10, 20, 10, 30, 20, 10] as [Fraction])
        #expect(r.ranks == [2, 4.5, 2, 6, 4.5, 2])
        #expect(r.tieSizes == [3, 2, 1])
        #expect(Paired.averageRanks([Fraction]()).ranks.isEmpty)
    }

    @Test("rank-biserial is +1 when every change is a gain and −1 when every change is a loss")
    func rankBiserialExtremes() {
        #expect(Paired.wilcoxonSignedRank(differences: [5, 10, 0, 15]).rankBiserial == .value(1))
        #expect(Paired.wilcoxonSignedRank(differences: [-5, -10, -15]).rankBiserial == .value(-1))
        let w = Paired.wilcoxonSignedRank(differences: [5, -5])
        #expect(w.rankBiserial == .value(0))
        #expect(w.p == .value(1))
        #expect(w.z == .value(0))
    }

    @Test("Hake gain uses the given maximum and counts exclusions")
    func hakeMaximum() {
        let h = Paired.hakeGain([ScorePair(pre: 5, post: 8), ScorePair(pre: 10, post: 10), ScorePair(pre: 0, post: 10)], maximum: 10)
        #expect(h.included == 2)
        #expect(h.excluded == 1)
        // ⟨g⟩ = (28/3 − 5)/(10 − 5) = 13/15; individual: (3/5 + 10/10)/2 = 0.8
        if case .value(let g) = h.classGain { #expect(abs(g - 13.0 / 15.0) <= 1e-15) } else { Issue.record("class gain") }
        if case .value(let g) = h.meanIndividualGain { #expect(abs(g - 0.8) <= 1e-15) } else { Issue.record("individual") }
        let top = Paired.hakeGain([ScorePair(pre: 100, post: 100)])
        #expect(top.classGain == .unavailable(reason: StatReason.preAtMaximum))
        #expect(top.meanIndividualGain == .unavailable(reason: StatReason.allPreAtMaximum))
        #expect(top.excluded == 1)
    }
}
