import Evaluation
import Foundation
import Instruments
import Localization
import CourseModel
import Results
import Statistics
import Testing

/// The paired statistics computed from answers, end to end (stored answers → the one scoring rule →
/// exact percentages → gains), against SciPy on the same data.
///
/// Reference values: SciPy 1.17.1, with the gains computed exactly (Python `fractions.Fraction`,
/// then `float`, so equal gains are equal floats):
///
/// ```python
/// M = 11
/// pre  = [2,3,3,4,5,5,6,6,7,8,3,4,5,2,9,10,6,7,4,5,11,1,6,8]
/// post = [5,6,6,7,8,8,8,9,9,9,6,6,5,5,10,11,9,9,7,5,11,4,5,10]
/// d = [float(F(100*b, M) - F(100*a, M)) for a, b in zip(pre, post)]
/// stats.wilcoxon(d, zero_method="wilcox", correction=True, method="asymptotic")
/// # statistic=2.5, pvalue=6.149200486483183e-05, zstatistic=-4.007010982312025; W+ 228.5, W− 2.5
/// stats.ttest_rel(post_percent, pre_percent)   # statistic=7.831560082980487, pvalue=6.167117296436887e-08
/// # The same data with gains as 100*b/M - 100*a/M in floating point (what katch did before):
/// # wilcoxon statistic=3.0, pvalue=9.551756780481422e-05 — ties broken by rounding.
///
/// pre2 = [1,2,3,4,5,6,7,8,2,3]  # every participant gains exactly 3 points of 11
/// stats.wilcoxon([float(F(300, M))] * 10, ...)   # statistic=0.0, pvalue=0.0019041950430043904
/// stats.ttest_rel(...) on floats: statistic=1.7165377687914464e+16, pvalue=3.9e-143 (rounding noise;
/// katch reports "zero variance")
/// stats.wilcoxon([float(F(300, M))], ...)        # one pair: statistic=0.0, pvalue=1.0
/// ```
@Suite struct ExactStatisticsTests {
    /// A test of 11 one-point questions (key: option a).
    static let quiz = InstrumentSpec(
        id: "t11", title: "T", role: .quiz,
        questions: (1...11).map { QuestionSpec(id: "q\($0)", kind: .single, prompt: "", options: ["x", "y"], correct: [0], maximum: 1) })

    /// A snapshot where participant i answers `pre[i]` and `post[i]` questions right.
    static func snapshot(pre: [Int], post: [Int]) -> ResultsSnapshot {
        var participants: [Participant] = []
        var attempts: [Attempt] = []
        var responses: [StoredResponse] = []
        var attemptID: Int64 = 0
        for (i, (a, b)) in zip(pre, post).enumerated() {
            let pid = Int64(i + 1)
            participants.append(Participant(rowID: pid, trainingID: "t", code: "P\(i)", region: "r", agency: "a", agencyOther: "", gender: "f"))
            for (phase, right) in [(Phase.pre, a), (.post, b)] {
                attemptID += 1
                attempts.append(
                    Attempt(rowID: attemptID, participantID: pid, phase: phase, instrumentID: "t11", contentHash: "", startedAt: "", submittedAt: "s", position: 0))
                for k in 1...11 {
                    responses.append(StoredResponse(attemptID: attemptID, response: Response(questionID: "q\(k)", choice: k <= right ? "a" : "b")))
                }
            }
        }
        return ResultsSnapshot(trainings: [Training(id: "t", title: "T")], participants: participants, attempts: attempts, responses: responses)
    }

    static func paired(pre: [Int], post: [Int]) throws -> PairedAnalysis {
        let input = EvaluationInput(courseTitle: "T", language: .en, registration: RegistrationForm(), quiz: quiz, survey: nil)
        return try Evaluator.evaluate(snapshot(pre: pre, post: post), input: input).overall.paired
    }

    func close(_ v: StatValue, _ e: Double, _ what: String) {
        guard let x = v.doubleValue else {
            Issue.record("\(what): \(v)")
            return
        }
        #expect(abs(x - e) <= 1e-9 * Swift.max(1, abs(e)), "\(what): \(x) vs SciPy \(e)")
    }

    @Test("tied gains are ranked as ties: Wilcoxon and t agree with SciPy on exact gains")
    func tiedGains() throws {
        let a = try Self.paired(
            pre: [2, 3, 3, 4, 5, 5, 6, 6, 7, 8, 3, 4, 5, 2, 9, 10, 6, 7, 4, 5, 11, 1, 6, 8],
            post: [5, 6, 6, 7, 8, 8, 8, 9, 9, 9, 6, 6, 5, 5, 10, 11, 9, 9, 7, 5, 11, 4, 5, 10])
        #expect(a.n == 24)
        #expect(a.wilcoxon.wPlus == .value(228.5))
        #expect(a.wilcoxon.wMinus == .value(2.5))
        close(a.wilcoxon.statistic, 2.5, "statistic")
        close(a.wilcoxon.p, 6.149200486483183e-05, "Wilcoxon p")
        close(a.wilcoxon.z, -4.007010982312025, "z")
        close(a.tTest.t, 7.831560082980487, "t")
        close(a.tTest.p, 6.167117296436887e-08, "t-test p")
        #expect(a.wilcoxon.zeroDifferences == 3)
    }

    @Test("the headline says in plain words how the mean score changed")
    func headline() throws {
        let input = EvaluationInput(courseTitle: "T", language: .kk, registration: RegistrationForm(), quiz: Self.quiz, survey: nil)
        // 5 participants: pre 3/11 each (27.3%), post 8/11 each (72.7%).
        let report = try Evaluator.evaluate(Self.snapshot(pre: [3, 3, 3, 3, 3], post: [8, 8, 8, 8, 8]), input: input)
        let html = String(decoding: report.rendered(as: .html), as: UTF8.self)
        #expect(html.contains("Орташа балл 27%-дан 73%-ға өсті (n = 5)."))
        let md = String(decoding: report.rendered(as: .md), as: UTF8.self)
        #expect(md.contains("27%-дан 73%-ға өсті"))
    }

    @Test("a constant gain is zero variance, never a t of 10¹⁶; Wilcoxon as SciPy")
    func constantGain() throws {
        let pre = [1, 2, 3, 4, 5, 6, 7, 8, 2, 3]
        let a = try Self.paired(pre: pre, post: pre.map { $0 + 3 })
        #expect(a.tTest.t == .unavailable(reason: StatReason.zeroVariance))
        #expect(a.tTest.p == .unavailable(reason: StatReason.zeroVariance))
        #expect(a.cohensDz == .unavailable(reason: StatReason.zeroVariance))
        #expect(a.meanGainCI.lower == .unavailable(reason: StatReason.zeroVariance))
        #expect(a.sdDifference == .value(0))
        close(a.meanGain, 300.0 / 11, "mean gain")
        #expect(a.wilcoxon.statistic == .value(0))
        close(a.wilcoxon.p, 0.0019041950430043904, "Wilcoxon p")
    }

    @Test("a single pair: t-based figures say n < 2; Wilcoxon as SciPy (0, p = 1)")
    func singlePair() throws {
        let a = try Self.paired(pre: [4], post: [7])
        #expect(a.tTest.t == .unavailable(reason: StatReason.fewerThanTwo))
        #expect(a.wilcoxon.statistic == .value(0))
        close(a.wilcoxon.p, 1.0, "Wilcoxon p")
    }

    @Test("a stored answer that does not fit its question is an error naming the participant, not a skip")
    func unreadableAnswer() throws {
        var s = Self.snapshot(pre: [3], post: [4])
        s.responses[0] = StoredResponse(attemptID: 1, response: Response(questionID: "q1", choice: "7"))
        let input = EvaluationInput(courseTitle: "T", language: .en, registration: RegistrationForm(), quiz: Self.quiz, survey: nil)
        #expect {
            _ = try Evaluator.evaluate(s, input: input)
        } throws: { e in
            "\(e)".contains("P0") && "\(e)".contains("q1")
        }
    }
}
