import Instruments
import CourseModel
import Evaluation
import Foundation
import Results
import Statistics
import Testing

@Suite(.serialized) struct EvaluationTests {
    static func report(trainings: [String]? = nil, language: String? = nil, minGroup: Int = 5) throws -> (EvaluationReport, FixtureDB) {
        let fixture = try FixtureDB()
        let input = try EvaluationInput(course: realCourse, language: language.flatMap { .init(rawValue: $0) })
        let snapshot = try fixture.store.snapshot(trainings: trainings)
        var options = EvaluationOptions()
        options.minGroup = minGroup
        return (try Evaluator.evaluate(snapshot, input: input, options: options), fixture)
    }

    @Test func countsPairsAndUnmatched() throws {
        let (report, fixture) = try Self.report()
        defer { fixture.remove() }
        let c = report.overall.counts
        #expect(c.registered == 18)
        #expect(c.preSubmitted == 17)
        #expect(c.postSubmitted == 16)  // 18 − post-only-missing − unsubmitted
        #expect(c.postUnsubmitted == 1)
        #expect(c.matchedPairs == 15)
        #expect(report.overall.unmatched.count == 3)
        #expect(report.overall.unmatched.contains { $0.code == fixture.codes["shymkent-2026-03"]?[10] && $0.hasPre && !$0.hasPost })
        #expect(report.overall.unmatched.contains { $0.code == fixture.codes["shymkent-2026-03"]?[11] && !$0.hasPre && $0.hasPost })
        #expect(report.trainings.map(\.id) == ["shymkent-2026-03", "almaty-2026-05"])
        #expect(report.comparison.count == 2)
        #expect(report.comparison[1].counts.matchedPairs == 5)
        #expect(report.comparison[1].suppressed == false)
        #expect(report.schemaVersion == 2)
    }

    /// A row of the comparison (computed with only the figures it shows) equals the same figures of
    /// a report over that training alone.
    @Test func comparisonRowsEqualEachTrainingsOwnReport() throws {
        let (report, fixture) = try Self.report(minGroup: 1)
        defer { fixture.remove() }
        #expect(report.comparison.count == 2)
        let input = try EvaluationInput(course: realCourse)
        var options = EvaluationOptions()
        options.minGroup = 1
        for row in report.comparison {
            let alone = try Evaluator.evaluate(try fixture.store.snapshot(trainings: [row.training.id]), input: input, options: options).overall
            #expect(row.counts == alone.counts, "\(row.training.id)")
            #expect(row.meanPre == alone.paired.meanPre && row.meanPost == alone.paired.meanPost && row.meanGain == alone.paired.meanGain)
            #expect(row.meanGainCI == alone.paired.meanGainCI && row.tTestP == alone.paired.tTest.p && row.cohensDz == alone.paired.cohensDz)
            #expect(row.wilcoxonP == alone.paired.wilcoxon.p && row.classGain == alone.paired.hake.classGain)
            #expect(row.kr20Pre == alone.reliability.kr20Pre && row.kr20Post == alone.reliability.kr20Post)
            #expect(row.feedbackMeans.map(\.mean) == alone.feedback.map(\.distribution.mean))
            #expect(row.feedbackMeans.map(\.n) == alone.feedback.map(\.distribution.n))
            #expect(alone.questions.count > 0 && alone.breakdowns.count == 3)
        }
    }

    /// The figures equal the Statistics library applied to % scores computed independently here.
    @Test func statisticsIntegration() throws {
        let (report, fixture) = try Self.report(trainings: ["shymkent-2026-03"])
        defer { fixture.remove() }
        let store = fixture.store
        let quiz = try require(realCourse.pages.first { $0.kind == .quiz })
        var pre: [Double?] = []
        var post: [Double?] = []
        var preMatrix: [[Bool?]] = []
        for p in try store.participants(training: "shymkent-2026-03") {
            func percent(_ phase: Phase) throws -> Double? {
                guard let a = try store.attempt(participant: p.rowID, phase: phase, instrument: quiz.id), a.isSubmitted else { return nil }
                let r = try store.responses(attempt: a.rowID)
                var points = 0.0
                var max = 11.0
                for q in quiz.questions {
                    if q.type == .open {
                        if let s = r[q.id]?.score { points += s } else if r[q.id] != nil { max -= 2 }
                    } else if r[q.id]?.correct == true { points += 1 }
                }
                if phase == .pre { preMatrix.append(quiz.questions.prefix(9).map { r[$0.id]?.correct }) }
                return 100 * points / max
            }
            let a = try percent(.pre)
            let b = try percent(.post)
            if a != nil, b != nil {
                pre.append(a)
                post.append(b)
            }
        }
        let expected = Paired.analyze(pre: pre, post: post)
        let got = report.overall.paired
        #expect(got.n == expected.n)
        #expect(got.meanGain == expected.meanGain)
        #expect(got.tTest == expected.tTest)
        #expect(got.wilcoxon == expected.wilcoxon)
        #expect(got.hake == expected.hake)
        #expect(got.meanGainCI == expected.meanGainCI)
        #expect(report.overall.reliability.kr20Pre == Items.kr20(preMatrix))
        let items = Items.analyze(preMatrix)
        for k in 0..<9 {
            #expect(report.overall.questions[k].facilityPre == items.items[k].facility)
            #expect(report.overall.questions[k].discriminationPre == items.items[k].discrimination)
        }
        // Open question: facility = mean score / max of scored answers; no McNemar.
        #expect(report.overall.questions[9].mcNemar == nil)
        #expect(report.overall.questions[9].facilityPre.isAvailable)
        // Feedback: f1 ratings 3,4,5 cycling over the 11 participants with a post-test (practice never counted).
        let f1 = try require(report.overall.feedback.first)
        #expect(f1.id == "f1")
        #expect(f1.distribution.n == 11)
        #expect(report.overall.comments.count == 11)
        #expect(report.comparison.isEmpty)
    }

    @Test func breakdownsFlagGroupsAndSmallSamples() throws {
        let (report, fixture) = try Self.report()
        defer { fixture.remove() }
        let dims = report.overall.breakdowns.map(\.dimension)
        #expect(dims == ["region", "agency", "gender"])
        let agency = try require(report.overall.breakdowns.first { $0.dimension == "agency" })
        let other = try require(agency.groups.first { $0.id == "other" })
        #expect(other.registered == 6)
        let police = try require(agency.groups.first { $0.id == "police" })
        #expect(police.label == "Полиция департаменті")
        let gender = try require(report.overall.breakdowns.last)
        #expect(Set(gender.groups.map(\.id)) == ["f", "m"])
        #expect(gender.groups.map(\.id) == realCourse.config.registration.genders.map(\.id))
        #expect(gender.groups.allSatisfy { !$0.suppressed })
        #expect(agency.groups.map(\.registered).reduce(0, +) == 18)
        // Unscored open answers are flagged and counted.
        #expect(report.overall.counts.unscoredOpenAnswers > 0)
        #expect(report.overall.flags.contains { $0.kind == .unscoredOpenAnswers })
        #expect(report.overall.flags.contains { $0.kind == .unsubmittedAttempts })
    }

    @Test func emptyAndSingleParticipantSayWhy() throws {
        let input = try EvaluationInput(course: realCourse)
        let t = Training(id: "t", title: "T")
        let empty = try Evaluator.evaluate(ResultsSnapshot(trainings: [t], participants: [], attempts: [], responses: []), input: input)
        #expect(empty.overall.paired.meanGain.reason == StatReason.nothingPaired)
        #expect(empty.overall.reliability.kr20Pre.isAvailable == false)
        for format in ReportFormat.allCases { #expect(!empty.rendered(as: format).isEmpty) }
        let p = Participant(rowID: 1, trainingID: "t", code: "ABC234", region: "x", agency: "y", agencyOther: "", gender: "f")
        let attempts = [
            Attempt(rowID: 1, participantID: 1, phase: .pre, instrumentID: "pre-post-test", contentHash: "", startedAt: "", submittedAt: "s", position: 0),
            Attempt(rowID: 2, participantID: 1, phase: .post, instrumentID: "pre-post-test", contentHash: "", startedAt: "", submittedAt: "s", position: 0),
        ]
        let responses = [
            StoredResponse(attemptID: 1, response: Response(questionID: "q1", choice: "b")),
            StoredResponse(attemptID: 2, response: Response(questionID: "q1", choice: "a")),
        ]
        let one = try Evaluator.evaluate(ResultsSnapshot(trainings: [t], participants: [p], attempts: attempts, responses: responses), input: input)
        #expect(one.overall.paired.n == 1)
        // Correctness recomputed from the key when not stored; unanswered questions count 0 of 11.
        #expect(one.overall.paired.meanGain.doubleValue.map { abs($0 - 100.0 / 11) < 1e-9 } == true)
        #expect(one.overall.paired.tTest.t.reason == StatReason.fewerThanTwo)
        #expect(one.overall.breakdowns[0].groups.first?.label == "x")
        #expect(one.overall.breakdowns[0].groups.first?.suppressed == true)
    }
}
