import Foundation
import Statistics
import Testing

@Suite("Descriptives")
struct DescriptiveTests {
    @Test("mean, median and sample SD match NumPy", arguments: Fixture.descriptives)
    func reference(_ c: DescriptiveCase) {
        expectStat(Descriptives.mean(c.values), c.mean, "mean")
        expectStat(Descriptives.median(c.values), c.median, "median")
        expectStat(Descriptives.sampleStandardDeviation(c.values), c.sd, "sd")
        let summary = Descriptives.summary(c.values)
        #expect(summary.n == c.values.count)
        expectStat(summary.mean, c.mean, "summary mean")
        expectStat(summary.standardDeviation, c.sd, "summary sd")
    }

    @Test("n = 0, n = 1 and constant lists give reasons or exact zeros")
    func edges() {
        #expect(Descriptives.mean([]) == .unavailable(reason: StatReason.empty))
        #expect(Descriptives.median([]) == .unavailable(reason: StatReason.empty))
        #expect(Descriptives.sampleStandardDeviation([]) == .unavailable(reason: StatReason.empty))
        #expect(Descriptives.sampleStandardDeviation([3]) == .unavailable(reason: StatReason.fewerThanTwo))
        #expect(Descriptives.sampleStandardDeviation([0.1, 0.1, 0.1]) == .value(0))
        #expect(Descriptives.mean([0.1, 0.1, 0.1]) == .value(0.1))
        #expect(Descriptives.populationVariance([2, 4]) == .value(1))
        #expect(Descriptives.sampleVariance([2, 4]) == .value(2))
        #expect(Descriptives.summary([]).minimum == .unavailable(reason: StatReason.empty))
        #expect(Descriptives.summary([3, 1, 2]).maximum == .value(3))
    }

    @Test("non-finite input is reported, never propagated")
    func nonFinite() {
        let bad = [1, .nan, 3.0]
        #expect(Descriptives.mean(bad) == .unavailable(reason: StatReason.notFinite))
        #expect(Descriptives.median([1, .infinity]) == .unavailable(reason: StatReason.notFinite))
        #expect(Descriptives.sampleStandardDeviation(bad) == .unavailable(reason: StatReason.notFinite))
        #expect(Descriptives.summary(bad).minimum == .unavailable(reason: StatReason.notFinite))
    }

    @Test("Pearson correlation: known values and reasons")
    func pearson() {
        #expect(abs((Descriptives.pearsonCorrelation([1, 2, 3], [2, 4, 6]).doubleValue ?? 0) - 1) <= 1e-15)
        #expect(abs((Descriptives.pearsonCorrelation([1, 2, 3.5], [6, 4, 1]).doubleValue ?? 0) + 1) <= 1e-15)
        // numpy.corrcoef([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])[0, 1] = 0.8
        if case .value(let r) = Descriptives.pearsonCorrelation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) {
            #expect(abs(r - 0.8) <= 1e-15)
        } else {
            Issue.record("expected a value")
        }
        #expect(Descriptives.pearsonCorrelation([], []) == .unavailable(reason: StatReason.empty))
        #expect(Descriptives.pearsonCorrelation([1], [1]) == .unavailable(reason: StatReason.fewerThanTwo))
        #expect(Descriptives.pearsonCorrelation([1, 1, 1], [1, 2, 3]) == .unavailable(reason: StatReason.zeroVariance))
        #expect(Descriptives.pearsonCorrelation([1, 2], [.nan, 1]) == .unavailable(reason: StatReason.notFinite))
    }
}

@Suite("StatValue")
struct StatValueTests {
    @Test("encodes as {\"value\": x} or {\"reason\": \"...\"}")
    func jsonShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let value = String(decoding: try encoder.encode(StatValue.value(1.25)), as: UTF8.self)
        #expect(value == #"{"value":1.25}"#)
        let reason = String(decoding: try encoder.encode(StatValue.unavailable(reason: "n < 2")), as: UTF8.self)
        #expect(reason == #"{"reason":"n < 2"}"#)
    }

    @Test("round-trips through JSON", arguments: [StatValue.value(-0.5), .value(0), .value(1e-300), .unavailable(reason: "zero variance")])
    func roundTrip(_ v: StatValue) throws {
        let data = try JSONEncoder().encode(v)
        #expect(try JSONDecoder().decode(StatValue.self, from: data) == v)
    }

    @Test("non-finite numbers become unavailable; accessors and map")
    func checking() {
        #expect(StatValue(checking: .nan) == .unavailable(reason: StatReason.notFinite))
        #expect(StatValue(checking: .infinity, reason: "overflow") == .unavailable(reason: "overflow"))
        #expect(StatValue(checking: 2).doubleValue == 2)
        #expect(StatValue.value(4).map { $0.squareRoot() } == .value(2))
        #expect(StatValue.value(-1).map { $0.squareRoot() }.isAvailable == false)
        #expect(StatValue.unavailable(reason: "x").map { $0 + 1 }.reason == "x")
        #expect(StatValue.value(3).reason == nil)
        #expect(StatValue.unavailable(reason: "n = 0").description == "unavailable (n = 0)")
    }

    @Test("a whole analysis encodes to JSON without NaN")
    func analysisEncodes() throws {
        for pairs in [[], [ScorePair(pre: 50, post: 60)], [ScorePair(pre: 50, post: 50), ScorePair(pre: 70, post: 70)]] {
            let data = try JSONEncoder().encode(Paired.analyze(pairs))
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("NaN") && !text.contains("nan") && !text.contains("inf"))
            let back = try JSONDecoder().decode(PairedAnalysis.self, from: data)
            #expect(back == Paired.analyze(pairs))
        }
    }
}
