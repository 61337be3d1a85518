import Instruments
import Localization
import Statistics

/// The evaluation summary as a document, independent of any format: sections of tables, notes,
/// lists and charts, with every text already in the report language, plus the machine-readable
/// data blocks of the CSV.
///
/// ``ReportDocument/init(_:withAnswers:)`` is the one place that decides what the report says and
/// in which order; HTML, Markdown and CSV are thin renderers over it (`HTMLReport`,
/// `MarkdownReport`, `CSVReport`), so a new section is written once and every format shows it.
/// Texts are plain: each renderer escapes them for its own format.
struct ReportDocument {
    /// A table of display strings.
    struct Table {
        var header: [String]
        var rows: [[String]]
        /// Columns holding numbers (right-aligned in HTML).
        var numeric: Set<Int> = []
        /// Many columns: smaller type in HTML.
        var wide = false
    }

    /// One listed answer of a participant: `code` · `label`: `text`.
    struct AnswerLine {
        var code: String
        var label: String
        var text: String
    }

    /// What a section holds, in order.
    enum Block {
        case table(Table)
        case subheading(String)
        case paragraph(String)
        /// Smaller, muted text: explanations, legends, «… more not shown».
        case note(String)
        case bullets([String])
        /// `term: text` lines (question ids and their prompts).
        case terms([(term: String, text: String)])
        case answers([AnswerLine])
        /// A chart; formats without pictures leave it out (its figures are in a table beside it).
        case chart(Chart)
    }

    struct Section {
        var id: String
        var title: String
        var blocks: [Block]
    }

    /// A CSV block: a header row and data rows of raw numbers (no rounding, `.` decimal point).
    struct DataBlock {
        var header: [String]
        var rows: [[String]]
    }

    var language: String
    var title: String
    var subtitle: String
    var headline: String?
    var sections: [Section]
    var footer: String
    var data: [DataBlock]
}

/// A chart of the report, drawn by `SVGChart`.
enum Chart {
    /// Bars in groups: one group per category, one bar per series.
    case bars(Bars)
    /// One stacked bar per category (feedback ratings).
    case stacked(Stacked)
    /// One line per participant from pre to post.
    case slope(Slope)

    struct Series {
        var name: String
        /// A CSS colour (`var(--pre)`).
        var color: String
        /// One value per category, on the axis scale; nil draws nothing.
        var values: [Double?]
        /// The text shown beside or over each bar.
        var labels: [String]
    }

    struct Bars {
        var caption: String
        /// Columns rising from the bottom (histogram) or bars from the left (per question, per training).
        var vertical: Bool
        var categories: [String]
        /// Tooltips of the category labels (the whole training id when shortened).
        var categoryTitles: [String?]
        var series: [Series]
        var axisMax: Double
        /// Gridlines: value and label.
        var ticks: [(Double, String)]
        /// Width of the category labels' margin.
        var labelMargin: Double = 48
        var footnote: String?
    }

    struct Stacked {
        var caption: String
        var categories: [String]
        /// counts[category][segment]
        var counts: [[Int]]
        var segmentTitles: [String]
        var legend: [String]
    }

    struct Slope {
        var caption: String
        var preLabel: String
        var postLabel: String
        /// (tooltip, pre %, post %).
        var lines: [(String, Double, Double)]
        var footnote: String?
    }
}

extension ReportDocument {
    /// Trainings drawn in the comparison chart before it shows only the top and bottom ones.
    static let comparisonChartEach = 15

    /// Builds the document of `report`.
    /// - Parameter withAnswers: whether participants' open answers and comments are listed (the
    ///   donor-facing HTML leaves them out unless asked; Markdown always lists them).
    init(_ report: EvaluationReport, withAnswers: Bool) {
        let x = ReportText(report)
        let t = x.t
        let s = report.overall
        let limit = report.method.listLimit
        language = report.language
        title = t(.reportTitle)
        subtitle = report.course
        headline = x.headline
        footer = "katch report · schemaVersion \(report.schemaVersion)"
        var sections: [Section] = []

        sections.append(
            Section(
                id: "trainings", title: t(.reportTrainings),
                blocks: [
                    .table(
                        Table(
                            header: ["id", t(.reportTraining), t(.reportPlace), t(.reportDates)],
                            rows: report.trainings.map { [$0.id, $0.title, $0.place, x.dates($0)] }))
                ]))

        let c = s.counts
        sections.append(
            Section(
                id: "overview", title: t(.reportOverview),
                blocks: [
                    .table(
                        Table(
                            header: ["", t(.reportN)],
                            rows: [
                                [t(.reportRegistered), "\(c.registered)"], [t(.reportPreSubmitted), "\(c.preSubmitted)"],
                                [t(.reportPostSubmitted), "\(c.postSubmitted)"], [t(.reportMatchedPairs), "\(c.matchedPairs)"],
                                [t(.reportFeedbackSubmitted), "\(c.feedbackSubmitted)"],
                            ], numeric: [1])),
                    .bullets([
                        t(.reportUnsubmitted, c.preUnsubmitted, c.postUnsubmitted, c.feedbackUnsubmitted), t(.reportUnscored, c.unscoredOpenAnswers),
                    ]),
                ]))

        sections.append(
            Section(
                id: "scores", title: t(.reportScores),
                blocks: [
                    .table(Table(header: x.summaryHeader, rows: x.summaryRows(s), numeric: [1, 2, 3, 4])),
                    .chart(.bars(x.histogram(s))),
                    .chart(.slope(x.slope(s, limit: limit))),
                ]))

        sections.append(
            Section(
                id: "learning", title: t(.reportLearning),
                blocks: [.table(Table(header: ["", "", t(.reportMeaning)], rows: x.learningRows(s)))]))

        sections.append(
            Section(
                id: "questions", title: t(.reportQuestions),
                blocks: [
                    .table(Table(header: x.questionHeader, rows: s.questions.map(x.questionRow), numeric: [1, 2, 3])),
                    .note(t(.reportMcNemarLegend)),
                    .terms(report.quiz.questions.map { ($0.id, $0.prompt) }),
                    .chart(.bars(x.questionChart(s))),
                ]))

        sections.append(
            Section(
                id: "reliability", title: t(.reportReliability),
                blocks: [
                    .table(
                        Table(
                            header: ["", "KR-20"],
                            rows: [[t(.reportPre), x.stat(s.reliability.kr20Pre, 2)], [t(.reportPost), x.stat(s.reliability.kr20Post, 2)]],
                            numeric: [1])),
                    .note(t(.reportExplainKR20)),
                ]))

        sections.append(
            Section(
                id: "flags", title: t(.reportFlags),
                blocks: [s.flags.isEmpty ? .paragraph(t(.reportNoFlags)) : .bullets(s.flags.map(x.flag))]))

        if !s.feedback.isEmpty {
            let scale = s.feedback.first.map { Array($0.distribution.lowest...$0.distribution.highest) } ?? []
            sections.append(
                Section(
                    id: "feedback", title: t(.reportFeedback),
                    blocks: [
                        .table(
                            Table(
                                header: [t(.reportQuestion)] + scale.map(String.init) + [t(.reportN), t(.reportRatingMean), t(.reportSD)],
                                rows: s.feedback.map { r in
                                    ["\(r.id). \(x.prompt(r.id))"] + scale.map { "\(r.distribution.count(of: $0))" }
                                        + ["\(r.distribution.n)", x.stat(r.distribution.mean, 2), x.stat(r.distribution.standardDeviation, 2)]
                                },
                                numeric: Set(1...(scale.count + 3)))),
                        .chart(.stacked(x.feedbackChart(s))),
                    ]))
        }

        var breakdowns: [Block] = []
        for b in s.breakdowns {
            breakdowns.append(.subheading(x.dimension(b.dimension)))
            breakdowns.append(.table(Table(header: x.groupHeader, rows: b.groups.map(x.groupRow), numeric: [1, 2, 3, 4, 5, 7])))
        }
        breakdowns.append(.note(t(.reportSmallSample, report.method.minGroup)))
        sections.append(Section(id: "breakdowns", title: t(.reportBreakdowns), blocks: breakdowns))

        if !report.comparison.isEmpty {
            sections.append(
                Section(
                    id: "comparison", title: t(.reportComparison),
                    blocks: [
                        .table(
                            Table(
                                header: x.comparisonHeader, rows: report.comparison.map(x.comparisonRow),
                                numeric: Set(1..<x.comparisonHeader.count).subtracting([6]), wide: true)),
                        .chart(.bars(x.comparisonChart(report.comparison, each: Self.comparisonChartEach))),
                    ]))
        }

        var unmatched: [Block] = []
        if s.unmatched.isEmpty { unmatched.append(.paragraph(t(.reportNone))) } else {
            unmatched.append(
                .table(
                    Table(
                        header: [t(.reportTraining), t(.reportParticipant), ""],
                        rows: s.unmatched.prefix(limit).map { [$0.training, $0.code, $0.hasPre ? t(.reportOnlyPre) : t(.reportOnlyPost)] })))
            if s.unmatched.count > limit { unmatched.append(.note(t(.reportMoreNotShown, s.unmatched.count - limit))) }
        }
        sections.append(Section(id: "unmatched", title: t(.reportUnmatched), blocks: unmatched))

        if withAnswers {
            sections.append(Section(id: "open-answers", title: t(.reportOpenAnswers), blocks: x.answerBlocks(s.openAnswers, limit: limit)))
            sections.append(Section(id: "comments", title: t(.reportComments), blocks: x.answerBlocks(s.comments, limit: limit)))
        } else if !s.openAnswers.isEmpty || !s.comments.isEmpty {
            sections.append(Section(id: "answers-left-out", title: t(.reportOpenAnswers), blocks: [.note(t(.reportAnswersLeftOut))]))
        }

        sections.append(
            Section(
                id: "method", title: t(.reportMethod),
                blocks: [.paragraph(t(.reportMethodScore)), .paragraph(t(.reportMethodTests)), .paragraph(t(.reportMethodItems))]))
        self.sections = sections
        data = ReportData.blocks(report)
    }
}

/// The CSV's data blocks: raw numbers, one block per table kind (`summary`, `question`, `group`,
/// `training`), the first column naming the block.
enum ReportData {
    static func v(_ x: StatValue) -> String { x.doubleValue.map { "\($0)" } ?? "" }

    static func blocks(_ report: EvaluationReport) -> [ReportDocument.DataBlock] {
        let s = report.overall
        let a = s.paired
        var summary: [[String]] = []
        func stat(_ name: String, _ x: StatValue, n: Int) { summary.append(["summary", name, v(x), "", "", "\(n)", x.reason ?? ""]) }
        stat("pre_mean_all", s.preScores.mean, n: s.preScores.n)
        stat("post_mean_all", s.postScores.mean, n: s.postScores.n)
        stat("pre_mean", s.matchedPre.mean, n: a.n)
        stat("pre_median", s.matchedPre.median, n: a.n)
        stat("pre_sd", s.matchedPre.standardDeviation, n: a.n)
        stat("post_mean", s.matchedPost.mean, n: a.n)
        stat("post_median", s.matchedPost.median, n: a.n)
        stat("post_sd", s.matchedPost.standardDeviation, n: a.n)
        summary.append(["summary", "mean_gain", v(a.meanGain), v(a.meanGainCI.lower), v(a.meanGainCI.upper), "\(a.n)", a.meanGain.reason ?? ""])
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
        var blocks = [ReportDocument.DataBlock(header: ["table", "measure", "value", "lower", "upper", "n", "reason"], rows: summary)]

        func opts(_ o: OptionCounts<String>?) -> String { o?.counts.map { "\($0.option):\($0.count)" }.joined(separator: " ") ?? "" }
        blocks.append(
            ReportDocument.DataBlock(
                header: [
                    "question", "type", "answered_pre", "answered_post", "facility_pre", "facility_post", "change", "mcnemar_b",
                    "mcnemar_c", "mcnemar_method", "mcnemar_p", "discrimination_pre", "discrimination_post", "options_pre", "options_post",
                ],
                rows: s.questions.map { q in
                    [
                        q.id, q.type.rawValue, "\(q.answeredPre)", "\(q.answeredPost)", v(q.facilityPre), v(q.facilityPost), v(q.change),
                        q.mcNemar.map { "\($0.b)" } ?? "", q.mcNemar.map { "\($0.c)" } ?? "", q.mcNemar?.method.rawValue ?? "",
                        q.mcNemar.map { v($0.p) } ?? "", v(q.discriminationPre), v(q.discriminationPost), opts(q.optionsPre), opts(q.optionsPost),
                    ]
                }))
        blocks.append(
            ReportDocument.DataBlock(
                header: [
                    "group", "dimension", "id", "label", "registered", "matched", "mean_pre", "mean_post", "mean_gain", "ci_lower", "ci_upper",
                    "class_gain", "suppressed",
                ],
                rows: s.breakdowns.flatMap { b in
                    b.groups.map { g in
                        [
                            "group", b.dimension, g.id, g.label, "\(g.registered)", "\(g.matched)", v(g.meanPre), v(g.meanPost), v(g.meanGain),
                            v(g.meanGainCI.lower), v(g.meanGainCI.upper), v(g.classGain), g.suppressed ? "1" : "0",
                        ]
                    }
                }))
        if !report.comparison.isEmpty {
            blocks.append(
                ReportDocument.DataBlock(
                    header: [
                        "training", "id", "registered", "matched", "mean_pre", "mean_post", "mean_gain", "ci_lower", "ci_upper", "t_p",
                        "cohens_dz", "wilcoxon_p", "class_gain", "kr20_pre", "kr20_post", "suppressed",
                    ],
                    rows: report.comparison.map { c in
                        [
                            "training", c.training.id, "\(c.counts.registered)", "\(c.counts.matchedPairs)", v(c.meanPre), v(c.meanPost),
                            v(c.meanGain), v(c.meanGainCI.lower), v(c.meanGainCI.upper), v(c.tTestP), v(c.cohensDz), v(c.wilcoxonP),
                            v(c.classGain), v(c.kr20Pre), v(c.kr20Post), c.suppressed ? "1" : "0",
                        ]
                    }))
        }
        return blocks
    }
}

extension ReportText {
    /// Pre vs post distribution: 10 bins of 10 percentage points, two columns per bin, whole-number
    /// ticks (the axis top is four equal whole steps at or above the highest column).
    func histogram(_ s: SectionReport) -> Chart.Bars {
        var pre = [Int](repeating: 0, count: 10)
        var post = [Int](repeating: 0, count: 10)
        for p in s.participants {
            if let v = p.pre { pre[Swift.min(9, Swift.max(0, Int(v / 10)))] += 1 }
            if let v = p.post { post[Swift.min(9, Swift.max(0, Int(v / 10)))] += 1 }
        }
        let highest = Swift.max(1, (pre + post).max() ?? 1)
        let step = (highest + 3) / 4
        return Chart.Bars(
            caption: t(.reportChartDistribution), vertical: true, categories: (0..<10).map { "\($0 * 10)–\($0 * 10 + 10)" },
            categoryTitles: Array(repeating: nil, count: 10),
            series: [
                Chart.Series(name: t(.reportPre), color: "var(--pre)", values: pre.map(Double.init), labels: pre.map(String.init)),
                Chart.Series(name: t(.reportPost), color: "var(--post)", values: post.map(Double.init), labels: post.map(String.init)),
            ],
            axisMax: Double(step * 4), ticks: (0...4).map { (Double(step * $0), "\(step * $0)") })
    }

    /// One line per matched participant (the first `limit`; the rest are counted).
    func slope(_ s: SectionReport, limit: Int) -> Chart.Slope {
        let matched = s.participants.filter { $0.pre != nil && $0.post != nil }
        let shown = matched.prefix(limit)
        let lines = shown.compactMap { p -> (String, Double, Double)? in
            guard let a = p.pre, let b = p.post else { return nil }
            return ("\(p.code): \(Self.number(a)) → \(Self.number(b))", a, b)
        }
        return Chart.Slope(
            caption: t(.reportChartSlope), preLabel: t(.reportPre), postLabel: t(.reportPost), lines: lines,
            footnote: matched.count > shown.count ? t(.reportChartSlopeLimited, shown.count, matched.count) : nil)
    }

    static let percentTicks: [(Double, String)] = (0...4).map { (Double($0 * 25), "\($0 * 25)%") }

    /// Facility before and after per question, in percent.
    func questionChart(_ s: SectionReport) -> Chart.Bars {
        func series(_ name: String, _ color: String, _ f: (QuestionReport) -> StatValue) -> Chart.Series {
            Chart.Series(
                name: name, color: color, values: s.questions.map { (f($0).doubleValue ?? 0) * 100 }, labels: s.questions.map { percent(f($0)) })
        }
        return Chart.Bars(
            caption: t(.reportChartQuestions), vertical: false, categories: s.questions.map(\.id),
            categoryTitles: Array(repeating: nil, count: s.questions.count),
            series: [series(t(.reportPre), "var(--pre)", \.facilityPre), series(t(.reportPost), "var(--post)", \.facilityPost)],
            axisMax: 100, ticks: Self.percentTicks)
    }

    /// Feedback ratings: one stacked bar per rating question.
    func feedbackChart(_ s: SectionReport) -> Chart.Stacked {
        let first = s.feedback.first
        return Chart.Stacked(
            caption: t(.reportChartFeedback), categories: s.feedback.map(\.id), counts: s.feedback.map(\.distribution.counts),
            segmentTitles: first.map { d in d.distribution.counts.indices.map { "\(d.distribution.lowest + $0)" } } ?? [],
            legend: first.map { r in r.labels.enumerated().map { "\(r.distribution.lowest + $0.offset) — \($0.element)" } } ?? [])
    }

    /// Mean pre and post score per training. With more than 2 × `each` trainings that have figures,
    /// only the `each` with the highest and the `each` with the lowest mean gain are drawn (the
    /// table above lists every one); suppressed trainings have no figures to draw.
    func comparisonChart(_ rows: [TrainingComparison], each: Int) -> Chart.Bars {
        var drawn = rows.filter { !$0.suppressed }
        var footnote: String?
        if drawn.count > 2 * each {
            let byGain = drawn.sorted { ($0.meanGain.doubleValue ?? -.infinity) > ($1.meanGain.doubleValue ?? -.infinity) }
            let kept = Set((byGain.prefix(each) + byGain.suffix(each)).map(\.training.id))
            footnote = t(.reportChartComparisonLimited, each, each, drawn.count - 2 * each)
            drawn = drawn.filter { kept.contains($0.training.id) }
        }
        // Long ids are shortened to fit the margin; the whole id is the label's tooltip.
        let labels = drawn.map { c in c.training.id.count > 22 ? String(c.training.id.prefix(21)) + "…" : c.training.id }
        func series(_ name: String, _ color: String, _ f: (TrainingComparison) -> StatValue) -> Chart.Series {
            Chart.Series(name: name, color: color, values: drawn.map { f($0).doubleValue }, labels: drawn.map { stat(f($0)) })
        }
        return Chart.Bars(
            caption: t(.reportChartComparison), vertical: false, categories: labels, categoryTitles: drawn.map { $0.training.id },
            series: [series(t(.reportPre), "var(--pre)", \.meanPre), series(t(.reportPost), "var(--post)", \.meanPost)],
            axisMax: 100, ticks: Self.percentTicks, labelMargin: 150, footnote: footnote)
    }

    /// Answers grouped by question, the first `limit` of each listed.
    func answerBlocks(_ list: [TextAnswer], limit: Int) -> [ReportDocument.Block] {
        if list.isEmpty { return [.paragraph(t(.reportNone))] }
        var order: [String] = []
        var groups: [String: [TextAnswer]] = [:]
        for a in list {
            if groups[a.question] == nil { order.append(a.question) }
            groups[a.question, default: []].append(a)
        }
        var blocks: [ReportDocument.Block] = []
        for q in order {
            let items = groups[q] ?? []
            blocks.append(.subheading("\(q). \(prompt(q))"))
            blocks.append(
                .answers(
                    items.prefix(limit).map { a in
                        let score = a.phase == "feedback" ? "" : " (\(a.score.map { Self.number($0, 1) } ?? t(.reportNotScored)))"
                        return ReportDocument.AnswerLine(code: a.code, label: phase(a.phase) + score, text: a.text)
                    }))
            if items.count > limit { blocks.append(.note(t(.reportMoreNotShown, items.count - limit))) }
        }
        return blocks
    }
}
