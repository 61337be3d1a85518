import Instruments
import Foundation
import Localization
import Statistics

/// The Markdown rendering of a report (CommonMark with pipe tables).
enum MarkdownReport {
    /// Escapes text for Markdown: inline markup characters are backslash-escaped, HTML is
    /// neutralised and line breaks become spaces, so participant text can never become markup.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~", "{", "}": out.append("\\"); out.append(ch)
            case "<", ">", "&": out.append("\\"); out.append(ch)
            case "\n", "\r", "\r\n", "\t": out.append(" ")
            default: out.append(ch)
            }
        }
        return out
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var s = "| " + header.map(escape).joined(separator: " | ") + " |\n"
        s += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for r in rows { s += "| " + r.map(escape).joined(separator: " | ") + " |\n" }
        return s + "\n"
    }

    static func render(_ report: EvaluationReport) -> String {
        let x = ReportText(report)
        let t = x.t
        let s = report.overall
        var md = "# \(escape(t(.reportTitle)))\n\n\(escape(report.course))\n\n"
        if let headline = x.headline { md += "**\(escape(headline))**\n\n" }

        md += "## \(escape(t(.reportTrainings)))\n\n"
        md += table(
            ["id", t(.reportTraining), t(.reportPlace), t(.reportDates)],
            report.trainings.map { [$0.id, $0.title, $0.place, x.dates($0)] })

        md += "## \(escape(t(.reportOverview)))\n\n"
        let c = s.counts
        md += table(
            ["", t(.reportN)],
            [
                [t(.reportRegistered), "\(c.registered)"], [t(.reportPreSubmitted), "\(c.preSubmitted)"],
                [t(.reportPostSubmitted), "\(c.postSubmitted)"], [t(.reportMatchedPairs), "\(c.matchedPairs)"],
                [t(.reportFeedbackSubmitted), "\(c.feedbackSubmitted)"],
            ])
        md += "- \(escape(t(.reportUnsubmitted, c.preUnsubmitted, c.postUnsubmitted, c.feedbackUnsubmitted)))\n"
        md += "- \(escape(t(.reportUnscored, c.unscoredOpenAnswers)))\n\n"

        md += "## \(escape(t(.reportScores)))\n\n" + table(x.summaryHeader, x.summaryRows(s))
        md += "## \(escape(t(.reportLearning)))\n\n" + table(["", ""], x.learningRows(s))

        md += "## \(escape(t(.reportQuestions)))\n\n" + table(x.questionHeader, s.questions.map(x.questionRow))
        for q in report.quiz.questions { md += "- **\(escape(q.id))**: \(escape(q.prompt))\n" }
        md += "\n"

        md += "## \(escape(t(.reportReliability)))\n\n"
        md += table(
            ["", "KR-20"], [[t(.reportPre), x.stat(s.reliability.kr20Pre, 2)], [t(.reportPost), x.stat(s.reliability.kr20Post, 2)]])

        md += "## \(escape(t(.reportFlags)))\n\n"
        if s.flags.isEmpty { md += "\(escape(t(.reportNoFlags)))\n\n" } else {
            for f in s.flags { md += "- \(escape(x.flag(f)))\n" }
            md += "\n"
        }

        if !s.feedback.isEmpty {
            md += "## \(escape(t(.reportFeedback)))\n\n"
            let scale = s.feedback.first.map { Array($0.distribution.lowest...$0.distribution.highest) } ?? []
            md += table(
                [t(.reportQuestion)] + scale.map(String.init) + [t(.reportN), t(.reportRatingMean), t(.reportSD)],
                s.feedback.map { r in
                    [r.id] + scale.map { "\(r.distribution.count(of: $0))" }
                        + ["\(r.distribution.n)", x.stat(r.distribution.mean, 2), x.stat(r.distribution.standardDeviation, 2)]
                })
            for r in s.feedback { md += "- **\(escape(r.id))**: \(escape(x.prompt(r.id)))\n" }
            md += "\n"
        }

        md += "## \(escape(t(.reportBreakdowns)))\n\n"
        for b in s.breakdowns {
            md += "### \(escape(x.dimension(b.dimension)))\n\n" + table(x.groupHeader, b.groups.map(x.groupRow))
        }
        md += "\(escape(t(.reportSmallSample, report.method.minGroup)))\n\n"

        if !report.comparison.isEmpty {
            md += "## \(escape(t(.reportComparison)))\n\n" + table(x.comparisonHeader, report.comparison.map(x.comparisonRow))
        }

        md += "## \(escape(t(.reportUnmatched)))\n\n"
        if s.unmatched.isEmpty { md += "\(escape(t(.reportNone)))\n\n" } else {
            md += table(
                [t(.reportTraining), t(.reportParticipant), ""],
                s.unmatched.prefix(report.method.listLimit).map { [$0.training, $0.code, $0.hasPre ? t(.reportOnlyPre) : t(.reportOnlyPost)] })
            if s.unmatched.count > report.method.listLimit {
                md += "\(escape(t(.reportMoreNotShown, s.unmatched.count - report.method.listLimit)))\n\n"
            }
        }

        func answers(_ title: String, _ list: [TextAnswer]) {
            md += "## \(escape(title))\n\n"
            if list.isEmpty {
                md += "\(escape(t(.reportNone)))\n\n"
                return
            }
            var byQuestion: [(String, [TextAnswer])] = []
            for a in list {
                if let i = byQuestion.firstIndex(where: { $0.0 == a.question }) { byQuestion[i].1.append(a) } else { byQuestion.append((a.question, [a])) }
            }
            for (q, items) in byQuestion {
                md += "### \(escape(q)). \(escape(x.prompt(q)))\n\n"
                for a in items.prefix(report.method.listLimit) {
                    let score = a.phase == "feedback" ? "" : " (\(a.score.map { ReportText.number($0, 1) } ?? t(.reportNotScored)))"
                    md += "- **\(escape(a.code))** \(escape(x.phase(a.phase)))\(escape(score)): \(escape(a.text))\n"
                }
                if items.count > report.method.listLimit { md += "- \(escape(t(.reportMoreNotShown, items.count - report.method.listLimit)))\n" }
                md += "\n"
            }
        }
        answers(t(.reportOpenAnswers), s.openAnswers)
        answers(t(.reportComments), s.comments)

        md += "## \(escape(t(.reportMethod)))\n\n"
        md += "\(escape(t(.reportMethodScore)))\n\n\(escape(t(.reportMethodTests)))\n\n\(escape(t(.reportMethodItems)))\n"
        return md
    }
}

/// The CSV rendering of a report: blocks of tables separated by an empty line, each block starting
/// with its header row; the first column names the table (`summary`, `question`, `group`, `training`).
enum CSVReport {
    static func v(_ x: StatValue) -> String { x.doubleValue.map { "\($0)" } ?? "" }
    static func v(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }

    /// The report's CSV through the one CSV codec (BOM, CRLF, quoting, formula guard).
    static func render(_ report: EvaluationReport) -> [UInt8] {
        var out = CSVWriter()
        func row(_ cells: [String]) { out.row(cells) }
        let s = report.overall
        let a = s.paired
        row(["table", "measure", "value", "lower", "upper", "n", "reason"])
        func stat(_ name: String, _ x: StatValue, n: Int) { row(["summary", name, v(x), "", "", "\(n)", x.reason ?? ""]) }
        stat("pre_mean_all", s.preScores.mean, n: s.preScores.n)
        stat("post_mean_all", s.postScores.mean, n: s.postScores.n)
        stat("pre_mean", s.matchedPre.mean, n: a.n)
        stat("pre_median", s.matchedPre.median, n: a.n)
        stat("pre_sd", s.matchedPre.standardDeviation, n: a.n)
        stat("post_mean", s.matchedPost.mean, n: a.n)
        stat("post_median", s.matchedPost.median, n: a.n)
        stat("post_sd", s.matchedPost.standardDeviation, n: a.n)
        row(["summary", "mean_gain", v(a.meanGain), v(a.meanGainCI.lower), v(a.meanGainCI.upper), "\(a.n)", a.meanGain.reason ?? ""])
        stat("t", a.tTest.t, n: a.n)
        stat("t_df", a.tTest.df, n: a.n)
        stat("t_p", a.tTest.p, n: a.n)
        stat("cohens_dz", a.cohensDz, n: a.n)
        stat("wilcoxon_z", a.wilcoxon.signedZ, n: a.wilcoxon.nonZero)
        stat("wilcoxon_p", a.wilcoxon.p, n: a.wilcoxon.nonZero)
        stat("rank_biserial_r", a.wilcoxon.rankBiserial, n: a.wilcoxon.nonZero)
        stat("hake_class_gain", a.hake.classGain, n: a.n)
        stat("hake_mean_individual_gain", a.hake.meanIndividualGain, n: a.hake.included)
        stat("kr20_pre", s.reliability.kr20Pre, n: s.counts.preSubmitted)
        stat("kr20_post", s.reliability.kr20Post, n: s.counts.postSubmitted)
        for r in s.feedback { stat("\(r.id)_mean", r.distribution.mean, n: r.distribution.n) }
        out.blankLine()

        row([
            "question", "type", "answered_pre", "answered_post", "facility_pre", "facility_post", "change", "mcnemar_b",
            "mcnemar_c", "mcnemar_method", "mcnemar_p", "discrimination_pre", "discrimination_post", "options_pre", "options_post",
        ])
        for q in s.questions {
            func opts(_ o: OptionCounts<String>?) -> String { o?.counts.map { "\($0.option):\($0.count)" }.joined(separator: " ") ?? "" }
            row([
                q.id, q.type.rawValue, "\(q.answeredPre)", "\(q.answeredPost)", v(q.facilityPre), v(q.facilityPost), v(q.change),
                q.mcNemar.map { "\($0.b)" } ?? "", q.mcNemar.map { "\($0.c)" } ?? "", q.mcNemar?.method.rawValue ?? "",
                q.mcNemar.map { v($0.p) } ?? "", v(q.discriminationPre), v(q.discriminationPost), opts(q.optionsPre), opts(q.optionsPost),
            ])
        }
        out.blankLine()

        row(["group", "dimension", "id", "label", "registered", "matched", "mean_pre", "mean_post", "mean_gain", "ci_lower", "ci_upper", "class_gain", "suppressed"])
        for b in s.breakdowns {
            for g in b.groups {
                row([
                    "group", b.dimension, g.id, g.label, "\(g.registered)", "\(g.matched)", v(g.meanPre), v(g.meanPost), v(g.meanGain),
                    v(g.meanGainCI.lower), v(g.meanGainCI.upper), v(g.classGain), g.suppressed ? "1" : "0",
                ])
            }
        }
        if !report.comparison.isEmpty {
            out.blankLine()
            row([
                "training", "id", "registered", "matched", "mean_pre", "mean_post", "mean_gain", "ci_lower", "ci_upper", "t_p",
                "cohens_dz", "wilcoxon_p", "class_gain", "kr20_pre", "kr20_post", "suppressed",
            ])
            for c in report.comparison {
                row([
                    "training", c.training.id, "\(c.counts.registered)", "\(c.counts.matchedPairs)", v(c.meanPre), v(c.meanPost),
                    v(c.meanGain), v(c.meanGainCI.lower), v(c.meanGainCI.upper), v(c.tTestP), v(c.cohensDz), v(c.wilcoxonP),
                    v(c.classGain), v(c.kr20Pre), v(c.kr20Post), c.suppressed ? "1" : "0",
                ])
            }
        }
        return out.bytes
    }
}
