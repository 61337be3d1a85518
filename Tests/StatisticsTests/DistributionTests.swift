import Foundation
import Statistics
import Testing

@Suite("Special functions")
struct SpecialFunctionTests {
    @Test("log-beta for a huge argument: B(a, 3) = 2/(a(a + 1)(a + 2))", arguments: [1e4, 1e6, 1e9])
    func logBetaHuge(_ a: Double) {
        let exact = log(2.0) - (log(a) + log1p(1 / a) + log(a) + log1p(2 / a) + log(a))
        #expect(abs(SpecialFunctions.logBeta(a, 3) - exact) <= 1e-14 * abs(exact))
    }

    @Test("regularised incomplete beta matches scipy.special.betainc", arguments: Fixture.incompleteBeta)
    func incompleteBeta(_ c: DistributionFixtures.IncompleteBeta) {
        let actual = SpecialFunctions.regularizedIncompleteBeta(a: c.a, b: c.b, x: c.x)
        #expect(isRelativelyClose(actual, c.expected), "\(actual) vs \(c.expected)")
        // Symmetry I_x(a, b) = 1 − I_{1−x}(b, a), to absolute precision.
        let mirrored = 1 - SpecialFunctions.regularizedIncompleteBeta(a: c.b, b: c.a, x: 1 - c.x)
        #expect(abs(mirrored - c.expected) <= 1e-10)
    }

    @Test("incomplete beta closed forms: I_x(1, 1) = x, I_x(a, 1) = xᵃ, I_x(1, b) = 1 − (1 − x)ᵇ")
    func incompleteBetaClosedForms() {
        for x in stride(from: 0.0, through: 1.0, by: 0.05) {
            #expect(abs(SpecialFunctions.regularizedIncompleteBeta(a: 1, b: 1, x: x) - x) <= 1e-14)
            for a in [0.5, 2.0, 3.5, 10.0] {
                #expect(abs(SpecialFunctions.regularizedIncompleteBeta(a: a, b: 1, x: x) - pow(x, a)) <= 1e-13)
                #expect(abs(SpecialFunctions.regularizedIncompleteBeta(a: 1, b: a, x: x) - (1 - pow(1 - x, a))) <= 1e-13)
            }
        }
    }

    @Test("incomplete beta: endpoints and invalid arguments")
    func incompleteBetaDomain() {
        #expect(SpecialFunctions.regularizedIncompleteBeta(a: 2, b: 3, x: 0) == 0)
        #expect(SpecialFunctions.regularizedIncompleteBeta(a: 2, b: 3, x: 1) == 1)
        #expect(SpecialFunctions.regularizedIncompleteBeta(a: 0, b: 3, x: 0.5).isNaN)
        #expect(SpecialFunctions.regularizedIncompleteBeta(a: 2, b: -1, x: 0.5).isNaN)
        #expect(SpecialFunctions.regularizedIncompleteBeta(a: 2, b: 3, x: 1.5).isNaN)
        #expect(SpecialFunctions.regularizedIncompleteBeta(a: 2, b: 3, x: .nan).isNaN)
    }

    @Test("log-beta agrees with lgamma sums across its three branches", arguments: [
        (0.5, 0.5), (1.0, 1.0), (2.0, 3.0), (9.5, 10.5), (10.0, 0.5), (500.0, 0.5), (50.0, 60.0), (12.0, 3.0),
    ])
    func logBeta(_ ab: (Double, Double)) {
        let (a, b) = ab
        let viaGamma = lgamma(a) + lgamma(b) - lgamma(a + b)
        #expect(abs(SpecialFunctions.logBeta(a, b) - viaGamma) <= 1e-12 * max(1, abs(viaGamma)))
        #expect(SpecialFunctions.logBeta(a, b) == SpecialFunctions.logBeta(b, a))
    }
}

@Suite("Student t")
struct StudentTTests {
    @Test("CDF, survival, two-sided p and density match scipy.stats.t", arguments: Fixture.studentT)
    func studentT(_ c: DistributionFixtures.T) {
        let cdf = StudentT.cdf(c.t, df: c.df)
        let sf = StudentT.survival(c.t, df: c.df)
        let two = StudentT.twoSidedP(t: c.t, df: c.df)
        let pdf = StudentT.pdf(c.t, df: c.df)
        #expect(isRelativelyClose(cdf, c.cdf), "cdf \(cdf) vs \(c.cdf)")
        #expect(isRelativelyClose(sf, c.sf), "sf \(sf) vs \(c.sf)")
        #expect(isRelativelyClose(two, c.twoSided), "two-sided \(two) vs \(c.twoSided)")
        #expect(isRelativelyClose(pdf, c.pdf), "pdf \(pdf) vs \(c.pdf)")
    }

    @Test("the fixture covers df 1, 2, 5, 30 and 1000")
    func coverage() {
        let dfs = Set(Fixture.studentT.map(\.df))
        for df in [1.0, 2.0, 5.0, 30.0, 1000.0] { #expect(dfs.contains(df)) }
    }

    @Test("closed forms: df = 1 is Cauchy, df = 2 is t/√(t² + 2)", arguments: [-50.0, -3.0, -0.4, 0.0, 0.9, 4.0, 1e3])
    func closedForms(_ t: Double) {
        let cauchy = 0.5 + atan(t) / Double.pi
        #expect(abs(StudentT.cdf(t, df: 1) - cauchy) <= 1e-14)
        let two = 0.5 + 0.5 * t / (t * t + 2).squareRoot()
        #expect(abs(StudentT.cdf(t, df: 2) - two) <= 1e-14)
    }

    @Test("large df tends to the normal distribution")
    func largeDF() {
        for z in [-3.0, -1.0, 0.5, 2.0] {
            #expect(abs(StudentT.cdf(z, df: 1e9) - StandardNormal.cdf(z)) <= 1e-8)
            #expect(StudentT.cdf(z, df: .infinity) == StandardNormal.cdf(z))
        }
    }

    @Test("invalid arguments give NaN, infinite t gives 0 or 1")
    func domain() {
        #expect(StudentT.cdf(1, df: 0).isNaN)
        #expect(StudentT.cdf(1, df: -3).isNaN)
        #expect(StudentT.twoSidedP(t: .nan, df: 3).isNaN)
        #expect(StudentT.quantile(0.5, df: 0).isNaN)
        #expect(StudentT.quantile(1.5, df: 4).isNaN)
        #expect(StudentT.cdf(.infinity, df: 3) == 1)
        #expect(StudentT.cdf(-.infinity, df: 3) == 0)
        #expect(StudentT.twoSidedP(t: 0, df: 3) == 1)
        #expect(StudentT.quantile(0, df: 3) == -.infinity)
        #expect(StudentT.quantile(1, df: 3) == .infinity)
    }

    @Test("quantile matches scipy.stats.t.ppf", arguments: Fixture.studentTQuantile)
    func quantile(_ c: DistributionFixtures.TQuantile) {
        let q = StudentT.quantile(c.p, df: c.df)
        #expect(isRelativelyClose(q, c.expected), "\(q) vs \(c.expected)")
    }

    @Test("quantile inverts the CDF", arguments: [1.0, 2.0, 3.0, 7.0, 30.0, 250.0])
    func roundTrip(_ df: Double) {
        for p in [1e-9, 0.001, 0.05, 0.3, 0.5, 0.77, 0.975, 0.999999] {
            let q = StudentT.quantile(p, df: df)
            #expect(abs(StudentT.cdf(q, df: df) - p) <= 1e-12 * max(1e-3, p))
        }
    }

    @Test("quantile closed forms for df = 1 and df = 2", arguments: [0.001, 0.1, 0.3, 0.6, 0.975, 0.995])
    func quantileClosedForms(_ p: Double) {
        let cauchy = tan(Double.pi * (p - 0.5))
        #expect(abs(StudentT.quantile(p, df: 1) - cauchy) <= 1e-11 * max(1, abs(cauchy)))
        let two = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
        #expect(abs(StudentT.quantile(p, df: 2) - two) <= 1e-12 * max(1, abs(two)))
    }

    @Test("textbook 95% critical values")
    func criticalValues() {
        let table: [(Double, Double)] = [(1, 12.706), (2, 4.303), (5, 2.571), (10, 2.228), (30, 2.042), (120, 1.980)]
        for (df, value) in table {
            #expect(abs(StudentT.quantile(0.975, df: df) - value) < 5e-4)
        }
    }
}

@Suite("Normal, chi-square and binomial")
struct OtherDistributionTests {
    @Test("standard normal CDF, survival and two-sided p match scipy.stats.norm", arguments: Fixture.normal)
    func normal(_ c: DistributionFixtures.Normal) {
        #expect(isRelativelyClose(StandardNormal.cdf(c.z), c.cdf), "cdf \(StandardNormal.cdf(c.z)) vs \(c.cdf)")
        #expect(isRelativelyClose(StandardNormal.survival(c.z), c.sf))
        #expect(isRelativelyClose(StandardNormal.twoSidedP(z: c.z), c.twoSided))
    }

    @Test("chi-square(1) survival matches scipy.stats.chi2.sf", arguments: Fixture.chiSquare1)
    func chiSquare(_ c: DistributionFixtures.ChiSquare) {
        #expect(isRelativelyClose(ChiSquare.survivalOneDF(c.x), c.expected))
    }

    @Test("chi-square(1) survival equals the two-sided normal p of √x")
    func chiSquareIsNormalSquared() {
        for z in [0.1, 1.0, 1.96, 3.3, 6.0] {
            #expect(isRelativelyClose(ChiSquare.survivalOneDF(z * z), StandardNormal.twoSidedP(z: z), tolerance: 1e-13))
        }
        #expect(ChiSquare.survivalOneDF(-1) == 1)
        #expect(ChiSquare.survivalOneDF(.nan).isNaN)
    }

    @Test("binomial pmf, cdf and binomtest two-sided p match SciPy", arguments: Fixture.binomial)
    func binomial(_ c: DistributionFixtures.Binom) {
        #expect(isRelativelyClose(Binomial.pmf(c.k, n: c.n, p: c.p), c.pmf))
        #expect(isRelativelyClose(Binomial.cdf(c.k, n: c.n, p: c.p), c.cdf))
        #expect(isRelativelyClose(Binomial.twoSidedP(k: c.k, n: c.n, p: c.p), c.expected))
    }

    @Test("exact McNemar p matches binomtest(b, b + c, 0.5)", arguments: Fixture.mcNemarExact)
    func mcNemarExact(_ c: DistributionFixtures.McNemarExact) {
        #expect(isRelativelyClose(Binomial.mcNemarExactP(b: c.b, c: c.c), c.expected))
        #expect(Binomial.mcNemarExactP(b: c.b, c: c.c) == Binomial.mcNemarExactP(b: c.c, c: c.b))
    }

    @Test("binomial edge cases")
    func binomialEdges() {
        #expect(Binomial.pmf(-1, n: 5, p: 0.5) == 0)
        #expect(Binomial.pmf(6, n: 5, p: 0.5) == 0)
        #expect(Binomial.pmf(0, n: 5, p: 0) == 1)
        #expect(Binomial.pmf(5, n: 5, p: 1) == 1)
        #expect(Binomial.pmf(2, n: 5, p: 1.5).isNaN)
        #expect(Binomial.cdf(5, n: 5, p: 0.3) == 1)
        #expect(Binomial.mcNemarExactP(b: 0, c: 0) == 1)
        #expect(Binomial.mcNemarExactP(b: -1, c: 2).isNaN)
        #expect(Binomial.twoSidedP(k: 6, n: 5).isNaN)
        // Probabilities sum to 1 even for large n (lgamma branch).
        let total = (0...2000).reduce(0.0) { $0 + Binomial.pmf($1, n: 2000, p: 0.37) }
        #expect(abs(total - 1) <= 1e-13)
        #expect(Binomial.pmf(1000, n: 2000, p: 0.5) > 0.0178 && Binomial.pmf(1000, n: 2000, p: 0.5) < 0.0179)
    }
}
