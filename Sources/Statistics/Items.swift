/// What to do with an unanswered item (`nil`) in a participants × items matrix.
public enum MissingAnswerPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Score an unanswered item 0, as Moodle does; every participant is kept.
    case incorrect
    /// Drop every participant who left any item unanswered (listwise deletion).
    case excludeParticipant
}

/// Classical test-theory figures for one item.
public struct ItemStatistics: Sendable, Hashable, Codable {
    /// Zero-based item index (column of the matrix).
    public let index: Int
    /// Participants in the analysis who answered the item.
    public let answered: Int
    /// Participants in the analysis who answered it correctly.
    public let correct: Int
    /// Facility index: correct / participants in the analysis (so under
    /// ``MissingAnswerPolicy/incorrect`` an unanswered item counts as wrong).
    public let facility: StatValue
    /// Facility among those who answered: correct / answered.
    public let facilityAmongAnswered: StatValue
    /// Discrimination index (Moodle): Pearson correlation between the item
    /// score and the rest of the test (total minus this item).
    public let discrimination: StatValue

    /// Creates item figures.
    public init(
        index: Int, answered: Int, correct: Int, facility: StatValue,
        facilityAmongAnswered: StatValue, discrimination: StatValue
    ) {
        self.index = index
        self.answered = answered
        self.correct = correct
        self.facility = facility
        self.facilityAmongAnswered = facilityAmongAnswered
        self.discrimination = discrimination
    }
}

/// Item analysis of one test.
public struct ItemAnalysis: Sendable, Hashable, Codable {
    /// Missing-answer policy used.
    public let policy: MissingAnswerPolicy
    /// Participants analysed.
    public let participants: Int
    /// Participants dropped (only under ``MissingAnswerPolicy/excludeParticipant``).
    public let excludedParticipants: Int
    /// Number of items k (the longest row).
    public let itemCount: Int
    /// Per-item figures, in column order.
    public let items: [ItemStatistics]
    /// Mean total score (number correct).
    public let meanTotal: StatValue
    /// Sample SD (n − 1) of the total scores.
    public let sdTotal: StatValue
    /// KR-20 reliability (population variances; see ``Items/kr20(_:missing:)``).
    public let kr20: StatValue

    /// Creates an analysis from its parts.
    public init(
        policy: MissingAnswerPolicy, participants: Int, excludedParticipants: Int, itemCount: Int,
        items: [ItemStatistics], meanTotal: StatValue, sdTotal: StatValue, kr20: StatValue
    ) {
        self.policy = policy
        self.participants = participants
        self.excludedParticipants = excludedParticipants
        self.itemCount = itemCount
        self.items = items
        self.meanTotal = meanTotal
        self.sdTotal = sdTotal
        self.kr20 = kr20
    }
}

/// How a McNemar p-value was obtained.
public enum McNemarMethod: String, Sendable, Hashable, Codable {
    /// Exact binomial, b + c < 25: p = min(1, 2·P(X ≤ min(b, c))), X ~ Bin(b + c, ½).
    case exactBinomial
    /// χ²(1) with continuity correction, b + c ≥ 25: (|b − c| − 1)²/(b + c).
    case chiSquareContinuity
    /// No discordant pair: no test.
    case none
}

/// McNemar's test on paired pre/post correctness of one item.
public struct McNemarResult: Sendable, Hashable, Codable {
    /// Participants with an answer both before and after.
    public let pairs: Int
    /// b: correct before, wrong after.
    public let b: Int
    /// c: wrong before, correct after.
    public let c: Int
    /// Test used.
    public let method: McNemarMethod
    /// min(b, c) for the exact test, (|b − c| − 1)²/(b + c) for the χ² test.
    public let statistic: StatValue
    /// Two-sided p-value.
    public let p: StatValue

    /// Creates a result.
    public init(pairs: Int, b: Int, c: Int, method: McNemarMethod, statistic: StatValue, p: StatValue) {
        self.pairs = pairs
        self.b = b
        self.c = c
        self.method = method
        self.statistic = statistic
        self.p = p
    }
}

/// Item analysis of dichotomous (right/wrong) answers.
///
/// A matrix is participants × items: `matrix[participant][item]` is `true`
/// (correct), `false` (wrong) or `nil` (not answered). Rows shorter than the
/// longest row are padded with `nil`.
public enum Items {
    /// Exact threshold for McNemar: b + c below it uses the exact binomial test.
    public static let mcNemarExactBelow = 25

    /// The 0/1 score matrix after applying the missing-answer policy.
    /// - Returns: scores (participants × k), k, and the number of dropped participants.
    static func scores(_ matrix: [[Bool?]], missing: MissingAnswerPolicy) -> (rows: [[Double]], k: Int, dropped: Int) {
        let k = matrix.map(\.count).max() ?? 0
        var rows: [[Double]] = []
        var dropped = 0
        for row in matrix {
            let padded = row + [Bool?](repeating: nil, count: k - row.count)
            if missing == .excludeParticipant && padded.contains(where: { $0 == nil }) {
                dropped += 1
                continue
            }
            rows.append(padded.map { $0 == true ? 1 : 0 })
        }
        return (rows, k, dropped)
    }

    /// Full item analysis: facility and discrimination per item, total-score
    /// mean and SD, KR-20.
    /// - Parameters:
    ///   - matrix: participants × items, nil = unanswered.
    ///   - missing: missing-answer policy (default: count as incorrect).
    /// - Returns: the analysis.
    public static func analyze(_ matrix: [[Bool?]], missing: MissingAnswerPolicy = .incorrect) -> ItemAnalysis {
        let (rows, k, dropped) = scores(matrix, missing: missing)
        let kept = matrix.filter { row in
            missing == .incorrect || !row.contains(where: { $0 == nil }) && row.count == k
        }
        let n = rows.count
        let totals = rows.map { $0.reduce(0, +) }
        var items: [ItemStatistics] = []
        for j in 0..<k {
            // Counted, not filtered: no copy of 100,000 rows per item.
            var answered = 0
            var correct = 0
            for row in kept where j < row.count {
                if let r = row[j] {
                    answered += 1
                    if r { correct += 1 }
                }
            }
            let facility: StatValue =
                n == 0 ? .unavailable(reason: StatReason.empty) : .value(Double(correct) / Double(n))
            let amongAnswered: StatValue =
                answered == 0 ? .unavailable(reason: StatReason.empty) : .value(Double(correct) / Double(answered))
            items.append(
                ItemStatistics(
                    index: j, answered: answered, correct: correct, facility: facility,
                    facilityAmongAnswered: amongAnswered,
                    discrimination: discrimination(rows: rows, item: j)))
        }
        return ItemAnalysis(
            policy: missing, participants: n, excludedParticipants: dropped, itemCount: k, items: items,
            meanTotal: Descriptives.mean(totals), sdTotal: Descriptives.sampleStandardDeviation(totals),
            kr20: kr20(rows: rows, k: k))
    }

    /// Facility index of every item: proportion correct among the participants analysed.
    /// - Parameters:
    ///   - matrix: participants × items, nil = unanswered.
    ///   - missing: missing-answer policy.
    /// - Returns: one value per item (`"n = 0"` without participants).
    public static func facility(_ matrix: [[Bool?]], missing: MissingAnswerPolicy = .incorrect) -> [StatValue] {
        let (rows, k, _) = scores(matrix, missing: missing)
        return (0..<k).map { j in
            rows.isEmpty
                ? .unavailable(reason: StatReason.empty)
                : .value(rows.reduce(0) { $0 + $1[j] } / Double(rows.count))
        }
    }

    /// Discrimination index of one item as Moodle defines it: the Pearson
    /// correlation between the item score and the rest-of-test score
    /// (total minus that item).
    /// - Parameters:
    ///   - matrix: participants × items, nil = unanswered.
    ///   - item: zero-based item index.
    ///   - missing: missing-answer policy.
    /// - Returns: r, or `"n = 0"`, `"n < 2"`, `"constant item score"`,
    ///   `"constant rest score"`, or `"no such item"`.
    public static func discrimination(_ matrix: [[Bool?]], item: Int, missing: MissingAnswerPolicy = .incorrect)
        -> StatValue
    {
        let (rows, k, _) = scores(matrix, missing: missing)
        guard item >= 0, item < k else { return .unavailable(reason: "no such item") }
        return discrimination(rows: rows, item: item)
    }

    static func discrimination(rows: [[Double]], item: Int) -> StatValue {
        guard !rows.isEmpty else { return .unavailable(reason: StatReason.empty) }
        guard rows.count >= 2 else { return .unavailable(reason: StatReason.fewerThanTwo) }
        let x = rows.map { $0[item] }
        let rest = rows.map { $0.reduce(0, +) - $0[item] }
        if let first = x.first, x.allSatisfy({ $0 == first }) { return .unavailable(reason: StatReason.constantItem) }
        if let first = rest.first, rest.allSatisfy({ $0 == first }) {
            return .unavailable(reason: StatReason.constantRest)
        }
        return Descriptives.pearsonCorrelation(x, rest)
    }

    /// Kuder–Richardson 20 reliability:
    /// KR-20 = k/(k − 1) · (1 − Σ pⱼqⱼ / σ²),
    /// with pⱼ the proportion correct on item j, qⱼ = 1 − pⱼ, and σ² the
    /// **population** variance (denominator n) of the total scores. pⱼqⱼ is
    /// itself a population variance, so KR-20 equals Cronbach's α on the 0/1
    /// scores. It can be negative.
    /// - Parameters:
    ///   - matrix: participants × items, nil = unanswered.
    ///   - missing: missing-answer policy.
    /// - Returns: KR-20, or `"k < 2"`, `"n = 0"`, `"n < 2"`, `"zero variance of totals"`.
    public static func kr20(_ matrix: [[Bool?]], missing: MissingAnswerPolicy = .incorrect) -> StatValue {
        let (rows, k, _) = scores(matrix, missing: missing)
        return kr20(rows: rows, k: k)
    }

    static func kr20(rows: [[Double]], k: Int) -> StatValue {
        guard k >= 2 else { return .unavailable(reason: StatReason.fewerThanTwoItems) }
        guard !rows.isEmpty else { return .unavailable(reason: StatReason.empty) }
        guard rows.count >= 2 else { return .unavailable(reason: StatReason.fewerThanTwo) }
        let n = Double(rows.count)
        var sumPQ = 0.0
        for j in 0..<k {
            let p = rows.reduce(0) { $0 + $1[j] } / n
            sumPQ += p * (1 - p)
        }
        let totals = rows.map { $0.reduce(0, +) }
        let variance = Descriptives.sumOfSquaredDeviations(totals) / n
        guard variance > 0 else { return .unavailable(reason: StatReason.zeroTotalVariance) }
        let kk = Double(k)
        return StatValue(checking: kk / (kk - 1) * (1 - sumPQ / variance))
    }

    /// McNemar's test for one item from the counts of discordant pairs.
    ///
    /// b + c < 25 (``mcNemarExactBelow``): exact, p = min(1, 2·P(X ≤ min(b, c))),
    /// X ~ Bin(b + c, ½) (equal to SciPy's `binomtest(b, b+c).pvalue`).
    /// Otherwise χ²(1) with continuity correction (|b − c| − 1)²/(b + c), as
    /// statsmodels' `mcnemar(exact=False, correction=True)`.
    /// - Parameters:
    ///   - b: correct before, wrong after.
    ///   - c: wrong before, correct after.
    ///   - pairs: number of pairs (for the record); defaults to b + c.
    /// - Returns: the result; b + c = 0 gives `"no discordant pairs"`.
    public static func mcNemar(b: Int, c: Int, pairs: Int? = nil) -> McNemarResult {
        let total = pairs ?? (b + c)
        guard b >= 0, c >= 0 else {
            let u = StatValue.unavailable(reason: "negative count")
            return McNemarResult(pairs: total, b: b, c: c, method: .none, statistic: u, p: u)
        }
        let discordant = b + c
        if discordant == 0 {
            let reason = total == 0 ? StatReason.nothingPaired : StatReason.noDiscordantPairs
            let u = StatValue.unavailable(reason: reason)
            return McNemarResult(pairs: total, b: b, c: c, method: .none, statistic: u, p: u)
        }
        if discordant < mcNemarExactBelow {
            return McNemarResult(
                pairs: total, b: b, c: c, method: .exactBinomial, statistic: .value(Double(Swift.min(b, c))),
                p: StatValue(checking: Binomial.mcNemarExactP(b: b, c: c)))
        }
        let diff = Double(Swift.abs(b - c)) - 1
        let chi2 = diff * diff / Double(discordant)
        return McNemarResult(
            pairs: total, b: b, c: c, method: .chiSquareContinuity, statistic: StatValue(checking: chi2),
            p: StatValue(checking: ChiSquare.survivalOneDF(chi2)))
    }

    /// McNemar's test for one item from paired correctness, matched by index;
    /// positions where either answer is nil are skipped.
    /// - Parameters:
    ///   - pre: correctness before.
    ///   - post: correctness after.
    /// - Returns: the result.
    public static func mcNemar(pre: [Bool?], post: [Bool?]) -> McNemarResult {
        var b = 0
        var c = 0
        var pairs = 0
        for i in 0..<Swift.min(pre.count, post.count) {
            guard let before = pre[i], let after = post[i] else { continue }
            pairs += 1
            if before && !after { b += 1 }
            if !before && after { c += 1 }
        }
        return mcNemar(b: b, c: c, pairs: pairs)
    }

    /// McNemar's test for every item of two matrices whose rows are the same
    /// participants in the same order (row i of `pre` and of `post` is one
    /// person; use nil rows or nil answers for people missing on one side).
    /// - Parameters:
    ///   - pre: participants × items before.
    ///   - post: participants × items after.
    /// - Returns: one result per item (the longest row of either matrix).
    public static func mcNemar(pre: [[Bool?]], post: [[Bool?]]) -> [McNemarResult] {
        let k = (pre + post).map(\.count).max() ?? 0
        let n = Swift.min(pre.count, post.count)
        return (0..<k).map { j in
            let before = (0..<n).map { i in j < pre[i].count ? pre[i][j] : nil }
            let after = (0..<n).map { i in j < post[i].count ? post[i][j] : nil }
            return mcNemar(pre: before, post: after)
        }
    }
}
