/// How often one answer option was chosen.
public struct OptionCount<Option: Hashable>: Hashable {
    /// The option.
    public let option: Option
    /// How many respondents chose it.
    public let count: Int
    /// count / respondents who answered (`"n = 0"` when nobody answered).
    public let proportion: StatValue

    /// Creates a count.
    /// - Parameters:
    ///   - option: the option.
    ///   - count: times chosen.
    ///   - proportion: share of respondents.
    public init(option: Option, count: Int, proportion: StatValue) {
        self.option = option
        self.count = count
        self.proportion = proportion
    }
}

extension OptionCount: Sendable where Option: Sendable {}
extension OptionCount: Codable where Option: Codable {}

/// Tallies of the options chosen for one question.
public struct OptionCounts<Option: Hashable>: Hashable {
    /// Respondents who answered.
    public let answered: Int
    /// Respondents who did not answer (nil).
    public let missing: Int
    /// One entry per option: the `options` given first in their order (zero
    /// counts included), then any other option seen, in order of first appearance.
    public let counts: [OptionCount<Option>]

    /// Creates tallies.
    /// - Parameters:
    ///   - answered: respondents who answered.
    ///   - missing: respondents who did not.
    ///   - counts: per-option counts.
    public init(answered: Int, missing: Int, counts: [OptionCount<Option>]) {
        self.answered = answered
        self.missing = missing
        self.counts = counts
    }

    /// The count for `option` (0 when never chosen).
    /// - Parameter option: the option.
    /// - Returns: its count.
    public func count(of option: Option) -> Int {
        counts.first { $0.option == option }?.count ?? 0
    }
}

extension OptionCounts: Sendable where Option: Sendable {}
extension OptionCounts: Codable where Option: Codable {}

/// Counting helpers for answer options.
public enum Options {
    /// Tallies single-choice answers.
    /// - Parameters:
    ///   - responses: one answer per respondent, nil = not answered.
    ///   - options: the known options, listed first and in this order even when
    ///     nobody chose them.
    /// - Returns: the tallies; proportions are of the respondents who answered.
    public static func counts<Option: Hashable>(_ responses: [Option?], options: [Option] = []) -> OptionCounts<Option> {
        counts(selections: responses.map { $0.map { [$0] } }, options: options)
    }

    /// Tallies multiple-choice (select-all) answers: each respondent chose a set
    /// of options; an option is counted at most once per respondent.
    /// - Parameters:
    ///   - selections: the chosen options per respondent, nil = not answered
    ///     (an empty array is an answer with nothing selected).
    ///   - options: the known options, listed first and in this order.
    /// - Returns: the tallies; a proportion is the share of respondents who
    ///   answered and selected that option.
    public static func counts<Option: Hashable>(selections: [[Option]?], options: [Option] = []) -> OptionCounts<Option> {
        var order = options
        var tally: [Option: Int] = [:]
        for option in options { tally[option] = 0 }
        var answered = 0
        var missing = 0
        for selection in selections {
            guard let selection else {
                missing += 1
                continue
            }
            answered += 1
            var seen = Set<Option>()
            for option in selection where seen.insert(option).inserted {
                if tally[option] == nil {
                    order.append(option)
                    tally[option] = 0
                }
                tally[option, default: 0] += 1
            }
        }
        var uniqueOrder: [Option] = []
        var listed = Set<Option>()
        for option in order where listed.insert(option).inserted { uniqueOrder.append(option) }
        let entries = uniqueOrder.map { option in
            let count = tally[option] ?? 0
            let proportion: StatValue =
                answered == 0 ? .unavailable(reason: StatReason.empty) : .value(Double(count) / Double(answered))
            return OptionCount(option: option, count: count, proportion: proportion)
        }
        return OptionCounts(answered: answered, missing: missing, counts: entries)
    }
}

/// Distribution of ratings on an integer scale (by default 1…5).
public struct RatingDistribution: Sendable, Hashable, Codable {
    /// Lowest rating of the scale.
    public let lowest: Int
    /// Highest rating of the scale.
    public let highest: Int
    /// `counts[i]` is the number of ratings equal to `lowest + i`.
    public let counts: [Int]
    /// Number of valid ratings (within the scale).
    public let n: Int
    /// Ratings that were nil.
    public let missing: Int
    /// Ratings outside the scale (ignored).
    public let outOfRange: Int
    /// Mean rating.
    public let mean: StatValue
    /// Median rating.
    public let median: StatValue
    /// Sample SD (n − 1) of the ratings.
    public let standardDeviation: StatValue

    /// Creates a distribution from its parts.
    public init(
        lowest: Int, highest: Int, counts: [Int], n: Int, missing: Int, outOfRange: Int,
        mean: StatValue, median: StatValue, standardDeviation: StatValue
    ) {
        self.lowest = lowest
        self.highest = highest
        self.counts = counts
        self.n = n
        self.missing = missing
        self.outOfRange = outOfRange
        self.mean = mean
        self.median = median
        self.standardDeviation = standardDeviation
    }

    /// Tallies ratings.
    /// - Parameters:
    ///   - ratings: one rating per respondent, nil = not rated.
    ///   - scale: the valid ratings, default 1...5.
    public init(ratings: [Int?], scale: ClosedRange<Int> = 1...5) {
        var counts = [Int](repeating: 0, count: scale.count)
        var valid: [Double] = []
        var missing = 0
        var outOfRange = 0
        for rating in ratings {
            guard let rating else {
                missing += 1
                continue
            }
            guard scale.contains(rating) else {
                outOfRange += 1
                continue
            }
            counts[rating - scale.lowerBound] += 1
            valid.append(Double(rating))
        }
        self.init(
            lowest: scale.lowerBound, highest: scale.upperBound, counts: counts, n: valid.count,
            missing: missing, outOfRange: outOfRange, mean: Descriptives.mean(valid),
            median: Descriptives.median(valid), standardDeviation: Descriptives.sampleStandardDeviation(valid))
    }

    /// The number of ratings equal to `rating` (0 outside the scale).
    /// - Parameter rating: a rating.
    /// - Returns: its count.
    public func count(of rating: Int) -> Int {
        guard rating >= lowest, rating <= highest else { return 0 }
        return counts[rating - lowest]
    }
}
