import Foundation
import Statistics
import Testing

@Suite("Item analysis")
struct ItemTests {
    @Test("facility, discrimination, totals and KR-20 match NumPy", arguments: Fixture.items)
    func reference(_ c: ItemCase) {
        let a = Items.analyze(c.matrix, missing: c.policy)
        let e = c.expected
        #expect(a.policy == c.policy)
        #expect(a.participants == e.participants)
        #expect(a.excludedParticipants == e.excludedParticipants)
        #expect(a.itemCount == e.itemCount)
        #expect(a.items.count == e.items.count)
        for (j, (item, expected)) in zip(a.items, e.items).enumerated() {
            #expect(item.index == j)
            #expect(item.answered == expected.answered, "item \(j) answered")
            #expect(item.correct == expected.correct, "item \(j) correct")
            expectStat(item.facility, expected.facility, "item \(j) facility")
            expectStat(item.facilityAmongAnswered, expected.facilityAmongAnswered, "item \(j) facility among answered")
            expectStat(item.discrimination, expected.discrimination, "item \(j) discrimination")
        }
        expectStat(a.meanTotal, e.meanTotal, "mean total")
        expectStat(a.sdTotal, e.sdTotal, "sd total")
        expectStat(a.kr20, e.kr20, "KR-20")
    }

    @Test("stand-alone functions agree with the full analysis", arguments: Fixture.items)
    func standAlone(_ c: ItemCase) {
        let a = Items.analyze(c.matrix, missing: c.policy)
        #expect(Items.kr20(c.matrix, missing: c.policy) == a.kr20)
        #expect(Items.facility(c.matrix, missing: c.policy) == a.items.map(\.facility))
        for item in a.items {
            #expect(Items.discrimination(c.matrix, item: item.index, missing: c.policy) == item.discrimination)
        }
    }

    @Test("ragged rows are padded with unanswered items")
    func ragged() {
        let matrix: [[Bool?]] = [[true, true, false], [true], [false, true, true], [true, false]]
        let asWrong = Items.analyze(matrix)
        #expect(asWrong.itemCount == 3)
        #expect(asWrong.participants == 4)
        #expect(asWrong.items[2].answered == 2)
        #expect(asWrong.items[2].facility == .value(0.25))
        #expect(asWrong.items[2].facilityAmongAnswered == .value(0.5))
        let listwise = Items.analyze(matrix, missing: .excludeParticipant)
        #expect(listwise.participants == 2)
        #expect(listwise.excludedParticipants == 2)
        #expect(Items.discrimination(matrix, item: 3) == .unavailable(reason: "no such item"))
    }

    @Test("KR-20 of a perfect Guttman pattern and degenerate cases")
    func kr20Cases() {
        // Two items, totals 0, 1, 2: p = (2/3, 1/3), Σpq = 4/9, σ² = 2/3 → KR-20 = 2·(1 − 2/3) = 2/3.
        let guttman: [[Bool?]] = [[false, false], [true, false], [true, true]]
        if case .value(let r) = Items.kr20(guttman) { #expect(abs(r - 2.0 / 3.0) <= 1e-15) } else { Issue.record("KR-20") }
        #expect(Items.kr20([]) == .unavailable(reason: StatReason.fewerThanTwoItems))
        #expect(Items.kr20([[true]]) == .unavailable(reason: StatReason.fewerThanTwoItems))
        #expect(Items.kr20([[true, false]]) == .unavailable(reason: StatReason.fewerThanTwo))
        #expect(Items.kr20([[true, false], [false, true]]) == .unavailable(reason: StatReason.zeroTotalVariance))
    }

    @Test("McNemar per item on matched pre/post matrices matches SciPy", arguments: Fixture.mcNemarMatrices)
    func mcNemarMatrices(_ c: McNemarMatrixCase) {
        let results = Items.mcNemar(pre: c.pre, post: c.post)
        #expect(results.count == c.expected.count)
        for (j, (r, e)) in zip(results, c.expected).enumerated() {
            checkMcNemar(r, e, "item \(j)")
        }
    }

    @Test("McNemar from counts: exact below 25 discordant, χ² with continuity correction from 25", arguments: Fixture.mcNemarCounts)
    func mcNemarCounts(_ e: McNemarExpected) {
        checkMcNemar(Items.mcNemar(b: e.b, c: e.c, pairs: e.pairs), e, "counts")
    }

    @Test("McNemar from paired answer lists skips missing answers")
    func mcNemarLists() {
        let pre: [Bool?] = [true, false, false, nil, false, true]
        let post: [Bool?] = [false, true, true, true, nil, true]
        let r = Items.mcNemar(pre: pre, post: post)
        #expect(r.pairs == 4)
        #expect(r.b == 1)
        #expect(r.c == 2)
        #expect(r.method == .exactBinomial)
        #expect(r.p == .value(1))
        #expect(Items.mcNemar(pre: [], post: []).p == .unavailable(reason: StatReason.nothingPaired))
        #expect(Items.mcNemar(b: -1, c: 3).method == McNemarMethod.none)
        #expect(Items.mcNemar(b: 12, c: 12).method == .exactBinomial)
        #expect(Items.mcNemar(b: 12, c: 13).method == .chiSquareContinuity)
    }

    func checkMcNemar(_ r: McNemarResult, _ e: McNemarExpected, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.pairs == e.pairs, "\(label) pairs", sourceLocation: sourceLocation)
        #expect(r.b == e.b, "\(label) b", sourceLocation: sourceLocation)
        #expect(r.c == e.c, "\(label) c", sourceLocation: sourceLocation)
        #expect(r.method == e.method, "\(label) method", sourceLocation: sourceLocation)
        expectStat(r.statistic, e.statistic, "\(label) statistic", sourceLocation: sourceLocation)
        expectStat(r.p, e.p, "\(label) p", sourceLocation: sourceLocation)
    }
}

@Suite("Option counts and ratings")
struct CountTests {
    @Test("single-choice option counts keep the given order and add unseen options")
    func singleChoice() {
        let counts = Options.counts(["b", "a", nil, "b", "z", "b"], options: ["a", "b", "c"])
        #expect(counts.answered == 5)
        #expect(counts.missing == 1)
        #expect(counts.counts.map(\.option) == ["a", "b", "c", "z"])
        #expect(counts.counts.map(\.count) == [1, 3, 0, 1])
        #expect(counts.counts[1].proportion == .value(0.6))
        #expect(counts.count(of: "c") == 0)
        #expect(counts.count(of: "q") == 0)
    }

    @Test("multiple-choice counts count an option once per respondent")
    func multipleChoice() {
        let counts = Options.counts(selections: [[1, 2], [2, 2], [], nil, [3]], options: [1, 2, 3, 4])
        #expect(counts.answered == 4)
        #expect(counts.missing == 1)
        #expect(counts.counts.map(\.count) == [1, 2, 1, 0])
        #expect(counts.counts[1].proportion == .value(0.5))
    }

    @Test("no answers: proportions are unavailable")
    func noAnswers() throws {
        let counts = Options.counts([String?](repeating: nil, count: 3), options: ["x"])
        #expect(counts.answered == 0)
        #expect(counts.counts.first?.proportion == .unavailable(reason: StatReason.empty))
        let json = try JSONEncoder().encode(counts)
        #expect(try JSONDecoder().decode(OptionCounts<String>.self, from: json) == counts)
    }

    @Test("rating distribution matches NumPy", arguments: Fixture.ratings)
    func ratings(_ c: RatingCase) {
        let r = RatingDistribution(ratings: c.ratings)
        #expect(r.lowest == 1 && r.highest == 5)
        #expect(r.counts == c.expected.counts)
        #expect(r.n == c.expected.n)
        #expect(r.missing == c.expected.missing)
        #expect(r.outOfRange == c.expected.outOfRange)
        expectStat(r.mean, c.expected.mean, "mean")
        expectStat(r.median, c.expected.median, "median")
        expectStat(r.standardDeviation, c.expected.sd, "sd")
        for rating in 1...5 { #expect(r.count(of: rating) == c.expected.counts[rating - 1]) }
    }

    @Test("other scales")
    func otherScale() {
        let r = RatingDistribution(ratings: [0, 10, 5, 11, nil], scale: 0...10)
        #expect(r.counts.count == 11)
        #expect(r.count(of: 0) == 1 && r.count(of: 10) == 1 && r.count(of: 5) == 1)
        #expect(r.count(of: 11) == 0)
        #expect(r.outOfRange == 1 && r.missing == 1 && r.n == 3)
        #expect(r.mean == .value(5))
    }
}
