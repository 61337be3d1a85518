import Evaluation
import Foundation
import Instruments
import Localization
import CourseModel
import Results
import Statistics
import Testing

/// Small groups never identify a person: a breakdown group or a training with fewer matched pairs
/// than the minimum shows counts only, in every format.
@Suite struct SuppressionTests {
    /// Six participants in region «big» and one in region «solo», in two trainings (6 and 1).
    static func report(minGroup: Int = 5) throws -> EvaluationReport {
        var s = ExactStatisticsTests.snapshot(pre: [2, 3, 4, 5, 6, 7, 1], post: [5, 6, 7, 8, 9, 9, 10])
        s.trainings.append(Training(id: "u", title: "U"))
        for i in s.participants.indices { s.participants[i].region = i == 6 ? "solo" : "big" }
        s.participants[6].trainingID = "u"
        let input = EvaluationInput(
            courseTitle: "T", language: .en, registration: RegistrationForm(regions: [LabeledOption(id: "solo", label: "=Solo region")]),
            quiz: ExactStatisticsTests.quiz, survey: nil)
        var options = EvaluationOptions()
        options.minGroup = minGroup
        return try Evaluator.evaluate(s, input: input, options: options)
    }

    @Test("a group of one shows its count and no score in JSON, HTML, Markdown and CSV")
    func groupOfOne() throws {
        let report = try Self.report()
        let region = try #require(report.overall.breakdowns.first { $0.dimension == "region" })
        let solo = try #require(region.groups.first { $0.id == "solo" })
        #expect(solo.suppressed && solo.registered == 1 && solo.matched == 1)
        #expect(solo.meanPre == .unavailable(reason: StatReason.suppressed))
        #expect(solo.meanGainCI.upper == .unavailable(reason: StatReason.suppressed))
        let big = try #require(region.groups.first { $0.id == "big" })
        #expect(!big.suppressed && big.meanPre.isAvailable)
        let row = try #require(report.comparison.first { $0.training.id == "u" })
        #expect(row.suppressed && row.meanPost == .unavailable(reason: StatReason.suppressed) && row.counts.registered == 1)

        // The solo participant's own percentages: 1/11 and 10/11.
        let soloPre = String(format: "%.1f", 100.0 / 11)
        let soloPost = String(format: "%.1f", 1000.0 / 11)
        let json = String(decoding: report.rendered(as: .json), as: UTF8.self)
        #expect(json.contains("\"suppressed\":true") && json.contains("\"minGroup\":5"))
        for format in [ReportFormat.html, .md, .csv] {
            let text = String(decoding: report.rendered(as: format), as: UTF8.self)
            // Find the solo group's line or row and check that no score stands in it.
            let line = try #require(
                text.components(separatedBy: .newlines).first { $0.contains("Solo region") && !$0.contains("<li") }, "\(format)")
            #expect(!line.contains(soloPre) && !line.contains(soloPost), "\(format): \(line)")
        }
        // The label «=Solo region» is a formula to a spreadsheet: the report's CSV guards it.
        #expect(String(decoding: report.rendered(as: .csv), as: UTF8.self).contains(",'=Solo region,"))
        // With --min-group 1 the figures are shown.
        let shown = try Self.report(minGroup: 1)
        #expect(shown.overall.breakdowns[0].groups.allSatisfy { !$0.suppressed && $0.meanPre.isAvailable })
    }

    @Test("the HTML leaves participants' open answers out unless asked")
    func answersOptIn() throws {
        let (report, fixture) = try EvaluationTests.report()
        defer { fixture.remove() }
        let first = try #require(report.overall.openAnswers.first?.text)
        let html = String(decoding: report.rendered(as: .html), as: UTF8.self)
        #expect(!html.contains("id=\"open-answers\"") && html.contains("--with-answers"))
        let with = String(decoding: report.rendered(as: .html, withAnswers: true), as: UTF8.self)
        #expect(with.contains("id=\"open-answers\""))
        _ = first
    }
}
