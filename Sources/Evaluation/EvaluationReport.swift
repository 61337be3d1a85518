import Instruments
import Statistics

/// The evaluation summary of one or more trainings: every figure of the report, machine-readable.
///
/// This is the JSON schema of `katch report --format json` (``schemaVersion`` 1). Every statistic
/// is a ``StatValue``: `{"value": x}` or `{"reason": "n < 2"}`. Scores are percentages (0–100),
/// facilities and proportions are fractions (0–1). Participants appear only by their code.
public struct EvaluationReport: Sendable, Codable, Hashable {
    /// The schema version written by this build; it changes only when a field is removed or changes meaning.
    /// Version 2: small groups and trainings are suppressed (``GroupReport/suppressed``,
    /// ``MethodNotes/minGroup``), where version 1 showed their figures with a warning.
    public static let currentSchemaVersion = 2

    /// Schema version of this document.
    public var schemaVersion: Int
    /// `katch report`.
    public var generator: String
    /// Language of the text (`kk`, `ru`, `en`).
    public var language: String
    /// Course title.
    public var course: String
    /// The quiz (pre/post test) as analysed.
    public var quiz: InstrumentSpec
    /// The feedback survey, if the course has one.
    public var survey: InstrumentSpec?
    /// How the figures were computed.
    public var method: MethodNotes
    /// The trainings included, in order.
    public var trainings: [TrainingInfo]
    /// Every figure over all the included trainings pooled.
    public var overall: SectionReport
    /// One row per training, side by side (empty when the report covers one training).
    public var comparison: [TrainingComparison]
}

/// The rules the figures follow (stated in every report format).
public struct MethodNotes: Sendable, Codable, Hashable {
    /// Only submitted attempts are analysed.
    public var submittedOnly: Bool
    /// How an unscored open answer counts: `excludedFromMaximum` (neither points nor maximum until the trainer scores it).
    public var unscoredOpenAnswers: String
    /// How an unanswered choice question counts: `incorrect` (0 points, kept in the maximum).
    public var unansweredQuestions: String
    /// Pre facility at or above which a question is flagged as mastered before training (0.9).
    public var masteredFacility: Double
    /// KR-20 below which reliability is flagged as low (0.5).
    public var lowReliability: Double
    /// Breakdown groups and trainings with fewer matched pairs than this show counts only (5; `--min-group`).
    public var minGroup: Int
    /// Confidence level of intervals (0.95).
    public var confidenceLevel: Double
    /// Item figures (facility, discrimination, KR-20, option counts) use every submitted attempt of the phase; McNemar and all paired figures use matched pairs.
    public var itemSample: String
    /// Wilcoxon: zero differences dropped, normal approximation with tie and continuity correction.
    public var wilcoxon: String
    /// McNemar: exact binomial when discordant pairs < 25, else χ² with continuity correction.
    public var mcNemar: String
    /// KR-20 uses the dichotomous (choice) questions only.
    public var reliability: String
    /// Most participants drawn in the slope chart, and answers listed in HTML/Markdown per question (JSON lists all).
    public var listLimit: Int
    /// How a choice answer is judged: `recomputedFromKey` (the course's key decides, whatever was stored).
    public var correctness: String
    /// An open question's facility: `meanShareOfPoints;skippedCountsZero;unscoredLeftOut` — the same rule as the score.
    public var openQuestionFacility: String
    /// How gains are compared: `exactFractionsOfPoints` (ties, zero differences and zero variance decided exactly).
    public var gains: String
    /// Small groups: `countsOnlyBelowMinGroup` (breakdown groups and trainings).
    public var suppression: String
}

/// A training as the report shows it (no participant data).
public struct TrainingInfo: Sendable, Codable, Hashable {
    /// Training id.
    public var id: String
    /// Title.
    public var title: String
    /// Place.
    public var place: String
    /// First day.
    public var startDate: String
    /// Last day.
    public var endDate: String
}

/// Every figure for one group of participants (all trainings pooled, or one training).
public struct SectionReport: Sendable, Codable, Hashable {
    /// Counts of participants and attempts.
    public var counts: Counts
    /// Participants with only one of pre and post (by code).
    public var unmatched: [UnmatchedParticipant]
    /// % scores of every submitted pre-test.
    public var preScores: Summary
    /// % scores of every submitted post-test.
    public var postScores: Summary
    /// % pre scores of the matched pairs.
    public var matchedPre: Summary
    /// % post scores of the matched pairs.
    public var matchedPost: Summary
    /// Paired analysis of matched % scores: gain, CI, t-test, d_z, Wilcoxon, rank-biserial, Hake.
    public var paired: PairedAnalysis
    /// Per question figures, in quiz order.
    public var questions: [QuestionReport]
    /// KR-20 before and after.
    public var reliability: Reliability
    /// Feedback rating distributions, in survey order.
    public var feedback: [RatingReport]
    /// Breakdowns by region, agency and gender.
    public var breakdowns: [Breakdown]
    /// Things the reader should look at.
    public var flags: [ReportFlag]
    /// Every participant's % scores (by code), for the slope chart.
    public var participants: [ParticipantScore]
    /// Open answers of the quiz, by question then participant code.
    public var openAnswers: [TextAnswer]
    /// Feedback comments (open survey questions), by question then participant code.
    public var comments: [TextAnswer]
}

/// Numbers of participants and attempts.
public struct Counts: Sendable, Codable, Hashable {
    /// Participants registered.
    public var registered: Int
    /// Submitted pre-tests.
    public var preSubmitted: Int
    /// Submitted post-tests.
    public var postSubmitted: Int
    /// Submitted feedback forms.
    public var feedbackSubmitted: Int
    /// Pre-tests started but not submitted (not analysed).
    public var preUnsubmitted: Int
    /// Post-tests started but not submitted (not analysed).
    public var postUnsubmitted: Int
    /// Feedback forms started but not submitted (not analysed).
    public var feedbackUnsubmitted: Int
    /// Participants with a submitted pre- and post-test.
    public var matchedPairs: Int
    /// Open answers in submitted quizzes that the trainer has not scored yet.
    public var unscoredOpenAnswers: Int
}

/// A participant with a pre-test or a post-test but not both.
public struct UnmatchedParticipant: Sendable, Codable, Hashable {
    /// Training id.
    public var training: String
    /// Participant code.
    public var code: String
    /// Has a submitted pre-test.
    public var hasPre: Bool
    /// Has a submitted post-test.
    public var hasPost: Bool
}

/// One participant's scores.
public struct ParticipantScore: Sendable, Codable, Hashable {
    /// Training id.
    public var training: String
    /// Participant code.
    public var code: String
    /// Pre % score (nil without a submitted pre-test).
    public var pre: Double?
    /// Post % score.
    public var post: Double?

    // In key order: the synthesized encoding follows it, and the JSON writer copies members that
    // come sorted as they are (one per participant).
    private enum CodingKeys: String, CodingKey { case code, post, pre, training }
}

/// Figures for one quiz question.
public struct QuestionReport: Sendable, Codable, Hashable {
    /// Question id.
    public var id: String
    /// Question type.
    public var type: QuestionKind
    /// Submitted pre-tests answering it.
    public var answeredPre: Int
    /// Submitted post-tests answering it.
    public var answeredPost: Int
    /// Facility before: proportion correct (open: mean score / max of scored answers).
    public var facilityPre: StatValue
    /// Facility after.
    public var facilityPost: StatValue
    /// facilityPost − facilityPre.
    public var change: StatValue
    /// McNemar on matched pairs (choice questions only).
    public var mcNemar: McNemarResult?
    /// Discrimination index (item–rest correlation) before.
    public var discriminationPre: StatValue
    /// Discrimination index after.
    public var discriminationPost: StatValue
    /// Option counts before (choice questions; options are letters).
    public var optionsPre: OptionCounts<String>?
    /// Option counts after.
    public var optionsPost: OptionCounts<String>?
}

/// Test reliability.
public struct Reliability: Sendable, Codable, Hashable {
    /// Number of dichotomous items used.
    public var items: Int
    /// KR-20 of the pre-test.
    public var kr20Pre: StatValue
    /// KR-20 of the post-test.
    public var kr20Post: StatValue
}

/// A feedback rating question.
public struct RatingReport: Sendable, Codable, Hashable {
    /// Question id (`f1`).
    public var id: String
    /// Labels of 1…n.
    public var labels: [String]
    /// The distribution with mean, median, SD.
    public var distribution: RatingDistribution
}

/// A breakdown by one registration field.
public struct Breakdown: Sendable, Codable, Hashable {
    /// `region`, `agency` or `gender`.
    public var dimension: String
    /// One row per group seen (in course.yml order, then others).
    public var groups: [GroupReport]
}

/// The figures of one group.
public struct GroupReport: Sendable, Codable, Hashable {
    /// Group id from course.yml (`police`, `other`).
    public var id: String
    /// Its label.
    public var label: String
    /// Participants registered.
    public var registered: Int
    /// Matched pairs.
    public var matched: Int
    /// Mean pre % (matched).
    public var meanPre: StatValue
    /// Mean post % (matched).
    public var meanPost: StatValue
    /// Mean gain in points of %.
    public var meanGain: StatValue
    /// 95% CI of the mean gain.
    public var meanGainCI: ConfidenceInterval
    /// Hake class gain.
    public var classGain: StatValue
    /// Fewer than ``MethodNotes/minGroup`` matched pairs: only the counts are given, every score and
    /// statistic is `{"reason": "suppressed: small group"}`, so that a small group never shows one
    /// person's results (schema 2; schema 1 showed them with a `smallSample` warning).
    public var suppressed: Bool
}

/// What a flag points at.
public enum FlagKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// Pre facility ≥ 90%: the question taught little that was not known.
    case masteredBefore
    /// Post facility below pre facility.
    case gotWorse
    /// Negative discrimination (pre or post).
    case negativeDiscrimination
    /// KR-20 below the threshold (pre or post).
    case lowReliability
    /// Open answers still to score.
    case unscoredOpenAnswers
    /// Attempts started but not submitted.
    case unsubmittedAttempts
}

/// One flag.
public struct ReportFlag: Sendable, Codable, Hashable {
    /// Kind.
    public var kind: FlagKind
    /// The question concerned, if any.
    public var question: String?
    /// `pre` or `post` when the flag concerns one phase.
    public var phase: String?
    /// The figure behind the flag (facility, change, r, KR-20 or a count).
    public var value: Double
}

/// A free-text answer, by participant code.
public struct TextAnswer: Sendable, Codable, Hashable {
    /// Training id.
    public var training: String
    /// Participant code.
    public var code: String
    /// `pre`, `post` or `feedback`.
    public var phase: String
    /// Question id.
    public var question: String
    /// The text as written.
    public var text: String
    /// The trainer's score (quiz open answers), nil while unscored.
    public var score: Double?

    // In key order, as ``ParticipantScore``'s: a report lists every open answer (200,000 for
    // 100,000 participants).
    private enum CodingKeys: String, CodingKey { case code, phase, question, score, text, training }
}

/// One training's headline figures, for the side-by-side comparison.
public struct TrainingComparison: Sendable, Codable, Hashable {
    /// The training.
    public var training: TrainingInfo
    /// Counts.
    public var counts: Counts
    /// Mean pre % (matched).
    public var meanPre: StatValue
    /// Mean post % (matched).
    public var meanPost: StatValue
    /// Mean gain.
    public var meanGain: StatValue
    /// Its 95% CI.
    public var meanGainCI: ConfidenceInterval
    /// Paired t-test p.
    public var tTestP: StatValue
    /// Cohen's d_z.
    public var cohensDz: StatValue
    /// Wilcoxon p.
    public var wilcoxonP: StatValue
    /// Hake class gain.
    public var classGain: StatValue
    /// KR-20 pre.
    public var kr20Pre: StatValue
    /// KR-20 post.
    public var kr20Post: StatValue
    /// Mean of each feedback rating, in survey order.
    public var feedbackMeans: [RatingMean]
    /// Fewer than ``MethodNotes/minGroup`` matched pairs: counts only, as for ``GroupReport/suppressed``.
    public var suppressed: Bool
}

/// The mean of one rating question.
public struct RatingMean: Sendable, Codable, Hashable {
    /// Question id.
    public var id: String
    /// Mean rating.
    public var mean: StatValue
    /// Ratings given.
    public var n: Int
}
