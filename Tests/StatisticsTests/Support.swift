import Foundation
import Statistics
import Testing

// MARK: - Reference fixture (Fixtures/reference.json, written by make_fixtures.py)

struct Reference: Decodable, Sendable {
    struct Generator: Decodable, Sendable {
        let scipy: String
        let numpy: String
        let seed: Int
    }

    let generator: Generator
    let distributions: DistributionFixtures
    let descriptives: [DescriptiveCase]
    let paired: [PairedCase]
    let items: [ItemCase]
    let mcnemar: McNemarFixtures
    let ratings: [RatingCase]

    /// Loaded once; nil when the resource is missing or malformed (a test checks that).
    static let shared: Reference? = {
        guard let url = Bundle.module.url(forResource: "reference", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return try? JSONDecoder().decode(Reference.self, from: data)
    }()

    static func load() throws -> Reference {
        guard let url = Bundle.module.url(forResource: "reference", withExtension: "json", subdirectory: "Fixtures")
        else { throw FixtureError.missing }
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }
}

enum FixtureError: Error {
    case missing
}

struct DistributionFixtures: Decodable, Sendable {
    struct IncompleteBeta: Decodable, Sendable, CustomTestStringConvertible {
        let a, b, x, expected: Double
        var testDescription: String { "I_\(x)(\(a), \(b))" }
    }
    struct T: Decodable, Sendable, CustomTestStringConvertible {
        let t, df, cdf, sf, twoSided, pdf: Double
        var testDescription: String { "t = \(t), df = \(df)" }
    }
    struct TQuantile: Decodable, Sendable, CustomTestStringConvertible {
        let p, df, expected: Double
        var testDescription: String { "p = \(p), df = \(df)" }
    }
    struct Normal: Decodable, Sendable, CustomTestStringConvertible {
        let z, cdf, sf, twoSided: Double
        var testDescription: String { "z = \(z)" }
    }
    struct Binom: Decodable, Sendable, CustomTestStringConvertible {
        let k, n: Int
        let p, expected, pmf, cdf: Double
        var testDescription: String { "k = \(k), n = \(n), p = \(p)" }
    }
    struct McNemarExact: Decodable, Sendable, CustomTestStringConvertible {
        let b, c: Int
        let expected: Double
        var testDescription: String { "b = \(b), c = \(c)" }
    }
    struct ChiSquare: Decodable, Sendable, CustomTestStringConvertible {
        let x, expected: Double
        var testDescription: String { "x = \(x)" }
    }

    let incompleteBeta: [IncompleteBeta]
    let studentT: [T]
    let studentTQuantile: [TQuantile]
    let normal: [Normal]
    let binomial: [Binom]
    let mcNemarExact: [McNemarExact]
    let chiSquare1: [ChiSquare]
}

struct DescriptiveCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let values: [Double]
    let mean, median, sd: StatValue
    var testDescription: String { name }
}

struct PairedCase: Decodable, Sendable, CustomTestStringConvertible {
    struct Wilcoxon: Decodable, Sendable {
        let nonZero, zeroDifferences: Int
        let wPlus, wMinus, statistic, z, signedZ, p, rankBiserial: StatValue
    }
    struct Hake: Decodable, Sendable {
        let classGain, meanIndividualGain: StatValue
        let included, excluded: Int
    }
    struct Expected: Decodable, Sendable {
        let n: Int
        let meanPre, meanPost, meanGain, medianGain, sdDifference: StatValue
        let ciLower, ciUpper, t, df, p, dz: StatValue
        let wilcoxon: Wilcoxon
        let hake: Hake
    }
    let name: String
    let pre, post: [Double]
    let maximum: Double
    let expected: Expected
    var testDescription: String { name }

    /// The fixture's scores as the nearest simple fractions (100/3 is read as 100/3).
    var pairs: [ScorePair] { Paired.match(pre: pre, post: post).pairs }
}

struct ItemCase: Decodable, Sendable, CustomTestStringConvertible {
    struct Item: Decodable, Sendable {
        let answered, correct: Int
        let facility, facilityAmongAnswered, discrimination: StatValue
    }
    struct Expected: Decodable, Sendable {
        let participants, excludedParticipants, itemCount: Int
        let items: [Item]
        let meanTotal, sdTotal, kr20: StatValue
    }
    let name: String
    let policy: MissingAnswerPolicy
    let matrix: [[Bool?]]
    let expected: Expected
    var testDescription: String { "\(name) (\(policy.rawValue))" }
}

struct McNemarExpected: Decodable, Sendable, CustomTestStringConvertible {
    let pairs, b, c: Int
    let method: McNemarMethod
    let statistic, p: StatValue
    var testDescription: String { "b = \(b), c = \(c)" }
}

struct McNemarMatrixCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let pre, post: [[Bool?]]
    let expected: [McNemarExpected]
    var testDescription: String { name }
}

struct McNemarFixtures: Decodable, Sendable {
    let matrices: [McNemarMatrixCase]
    let counts: [McNemarExpected]
}

struct RatingCase: Decodable, Sendable, CustomTestStringConvertible {
    struct Expected: Decodable, Sendable {
        let counts: [Int]
        let n, missing, outOfRange: Int
        let mean, median, sd: StatValue
    }
    let name: String
    let ratings: [Int?]
    let expected: Expected
    var testDescription: String { name }
}

// MARK: - Comparisons

/// Tolerance for figures computed from data (means, tests, item statistics).
let dataTolerance = 1e-9
/// Tolerance for distribution functions.
let distributionTolerance = 1e-10

/// |actual − expected| ≤ tolerance · max(1, |expected|).
func isClose(_ actual: Double, _ expected: Double, tolerance: Double = dataTolerance) -> Bool {
    abs(actual - expected) <= tolerance * max(1, abs(expected))
}

/// |actual − expected| ≤ tolerance · |expected| (relative), or both below the
/// normal range (SciPy flushes some results under 1e-300 to 0).
func isRelativelyClose(_ actual: Double, _ expected: Double, tolerance: Double = distributionTolerance) -> Bool {
    if actual == expected { return true }
    if abs(actual) < 1e-300 && abs(expected) < 1e-300 { return true }
    return abs(actual - expected) <= tolerance * abs(expected)
}

/// Checks a StatValue against the fixture's: same number within tolerance, or the same reason.
func expectStat(
    _ actual: StatValue, _ expected: StatValue, _ label: String, tolerance: Double = dataTolerance,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    switch (actual, expected) {
    case (.value(let a), .value(let e)):
        #expect(isClose(a, e, tolerance: tolerance), "\(label): \(a) vs expected \(e)", sourceLocation: sourceLocation)
    case (.unavailable(let a), .unavailable(let e)):
        #expect(a == e, "\(label): reason \"\(a)\" vs expected \"\(e)\"", sourceLocation: sourceLocation)
    default:
        Issue.record("\(label): \(actual) vs expected \(expected)", sourceLocation: sourceLocation)
    }
}

/// The reference fixture's cases, or an empty list (the load test then fails).
enum Fixture {
    static var reference: Reference? { Reference.shared }
    static var incompleteBeta: [DistributionFixtures.IncompleteBeta] { reference?.distributions.incompleteBeta ?? [] }
    static var studentT: [DistributionFixtures.T] { reference?.distributions.studentT ?? [] }
    static var studentTQuantile: [DistributionFixtures.TQuantile] { reference?.distributions.studentTQuantile ?? [] }
    static var normal: [DistributionFixtures.Normal] { reference?.distributions.normal ?? [] }
    static var binomial: [DistributionFixtures.Binom] { reference?.distributions.binomial ?? [] }
    static var mcNemarExact: [DistributionFixtures.McNemarExact] { reference?.distributions.mcNemarExact ?? [] }
    static var chiSquare1: [DistributionFixtures.ChiSquare] { reference?.distributions.chiSquare1 ?? [] }
    static var descriptives: [DescriptiveCase] { reference?.descriptives ?? [] }
    static var paired: [PairedCase] { reference?.paired ?? [] }
    static var items: [ItemCase] { reference?.items ?? [] }
    static var mcNemarMatrices: [McNemarMatrixCase] { reference?.mcnemar.matrices ?? [] }
    static var mcNemarCounts: [McNemarExpected] { reference?.mcnemar.counts ?? [] }
    static var ratings: [RatingCase] { reference?.ratings ?? [] }
}

@Suite("Reference fixture")
struct FixtureLoadingTests {
    @Test("reference.json loads and every section has cases")
    func loads() throws {
        let reference = try Reference.load()
        #expect(!reference.distributions.incompleteBeta.isEmpty)
        #expect(!reference.distributions.studentT.isEmpty)
        #expect(!reference.distributions.studentTQuantile.isEmpty)
        #expect(!reference.descriptives.isEmpty)
        #expect(!reference.paired.isEmpty)
        #expect(!reference.items.isEmpty)
        #expect(!reference.mcnemar.matrices.isEmpty)
        #expect(!reference.ratings.isEmpty)
        #expect(Reference.shared != nil)
    }
}
