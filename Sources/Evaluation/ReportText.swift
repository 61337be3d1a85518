import Instruments
import Foundation
import Localization
import Statistics

/// The output formats of `katch report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// One self-contained HTML file (inline CSS and SVG).
    case html
    /// Markdown.
    case md
    /// JSON (``EvaluationReport``, `schemaVersion` 2).
    case json
    /// CSV tables (UTF-8 with BOM, CRLF).
    case csv
}

extension EvaluationReport {
    /// Renders the report in `format`.
    /// - Parameters:
    ///   - format: the output format.
    ///   - withAnswers: whether the HTML (the donor-facing document) lists participants' open answers
    ///     and comments; the other formats always hold them.
    /// - Returns: the document's bytes (UTF-8; CSV with a BOM).
    public func rendered(as format: ReportFormat, withAnswers: Bool = false) -> [UInt8] {
        switch format {
        case .html: return Array(HTMLReport.render(ReportDocument(self, withAnswers: withAnswers)).utf8)
        case .md: return Array(MarkdownReport.render(ReportDocument(self, withAnswers: true)).utf8)
        case .json: return jsonData()
        case .csv: return CSVReport.render(ReportDocument(self, withAnswers: true))
        }
    }

    /// The JSON document: compact, keys sorted (stable output; pipe it through `jq` to read).
    ///
    /// Written by ``SortedJSONEncoder`` (the same bytes as Foundation's `JSONEncoder` with sorted
    /// keys, in a fraction of the time on large reports).
    public func jsonData() -> [UInt8] {
        do {
            var data = try SortedJSONEncoder.encode(self)
            data.append(0x0A)
            return data
        } catch {
            // Every figure is finite (a statistic that cannot be computed is a reason, not a NaN). Say so rather than crash.
            return Array("{\"error\": \"could not encode the report: \(error)\"}\n".utf8)
        }
    }
}

/// Number and label formatting shared by the renderers.
struct ReportText {
    let t: Localizer
    let report: EvaluationReport

    init(_ report: EvaluationReport) {
        self.report = report
        t = Localizer(Language(rawValue: report.language) ?? .kk)
    }

    /// The plain-language headline for donors who are not statisticians: the mean score of the
    /// matched pairs before and after, and n («орташа балл 59%-дан 74%-ға өсті, n = 109»); nil
    /// when nothing is paired. The means are rounded to whole percent as said aloud; the figures
    /// below give them exactly.
    var headline: String? {
        let a = report.overall.paired
        guard let pre = a.meanPre.doubleValue, let post = a.meanPost.doubleValue, a.n > 0 else { return nil }
        let (x, y) = (Int(pre.rounded()), Int(post.rounded()))
        if x == y { return t(.reportHeadlineSame, x, a.n) }
        return t(x < y ? .reportHeadlineUp : .reportHeadlineDown, x, y, a.n)
    }

    /// A number with `digits` decimals (locale-independent, `.` decimal point).
    static func number(_ x: Double, _ digits: Int = 1) -> String {
        let s = fixed(x, digits) ?? String(format: "%.\(digits)f", x)
        return s == "-0.0" || s == "-0.00" || s == "-0.000" || s == "-0" ? String(s.dropFirst()) : s
    }

    /// `x` with `digits` decimals as C's `%.Nf` prints it — the exact binary value rounded half to
    /// even — computed in integers (`String(format:)` was most of the HTML of a comparison of
    /// 4,438 trainings). Nil beyond what it handles (not finite, |x| ≥ 10¹⁵, more than 3 decimals).
    static func fixed(_ x: Double, _ digits: Int) -> String? {
        guard x.isFinite, digits >= 0, digits <= 3, x.magnitude < 1e15 else { return nil }
        let scale: UInt64 = [1, 10, 100, 1000][digits]
        let a = x.magnitude
        var q: UInt64 = 0
        if a.isNormal {
            // a = m · 2^shift exactly, m < 2^53; m · scale < 2^63.
            let m = a.significandBitPattern | (1 << 52)
            let shift = Int(a.exponent) - 52
            let n = m * scale
            if shift >= 0 {
                q = n << UInt64(shift)
            } else if -shift < 64 {
                let s = UInt64(-shift)
                q = n >> s
                let rest = n & ((1 << s) - 1)
                let half: UInt64 = 1 << (s - 1)
                if rest > half || (rest == half && q & 1 == 1) { q += 1 }
            }
        }
        var text = String(q)
        if digits > 0 {
            if text.count <= digits { text = String(repeating: "0", count: digits - text.count + 1) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
        }
        return x.sign == .minus ? "-" + text : text
    }

    /// A statistic, or «n/a: reason» in the report language.
    func stat(_ v: StatValue, _ digits: Int = 1) -> String {
        switch v {
        case .value(let x): return Self.number(x, digits)
        case .unavailable(let reason): return t(.reportUnavailable, self.reason(reason))
        }
    }

    /// `p = 0.012` or `p < 0.001`.
    func pEquals(_ v: StatValue) -> String {
        let text = p(v)
        return text.hasPrefix("<") ? "p \(text)" : "p = \(text)"
    }

    /// A p-value: `< 0.001` or three decimals.
    func p(_ v: StatValue) -> String {
        if let x = v.doubleValue, x < 0.001 { return "< 0.001" }
        return stat(v, 3)
    }

    /// A proportion as a percentage.
    func percent(_ v: StatValue) -> String {
        if let x = v.doubleValue { return Self.number(100 * x, 0) + "%" }
        return stat(v)
    }

    /// A change of proportion in percentage points, signed.
    func change(_ v: StatValue) -> String {
        if let x = v.doubleValue { return (x > 0 ? "+" : "") + Self.number(100 * x, 0) }
        return stat(v)
    }

    func ci(_ c: ConfidenceInterval) -> String {
        if let a = c.lower.doubleValue, let b = c.upper.doubleValue { return "[\(Self.number(a)), \(Self.number(b))]" }
        return stat(c.lower)
    }

    func reason(_ r: String) -> String {
        switch r {
        case StatReason.empty: return t(.reportReasonEmpty)
        case StatReason.fewerThanTwo: return t(.reportReasonFewerThanTwo)
        case StatReason.zeroVariance: return t(.reportReasonZeroVariance)
        case StatReason.allDifferencesZero: return t(.reportReasonAllZero)
        case StatReason.nothingPaired: return t(.reportReasonNothingPaired)
        case StatReason.preAtMaximum: return t(.reportReasonPreAtMax)
        case StatReason.allPreAtMaximum: return t(.reportReasonAllPreAtMax)
        case StatReason.constantItem: return t(.reportReasonConstantItem)
        case StatReason.constantRest: return t(.reportReasonConstantRest)
        case StatReason.fewerThanTwoItems: return t(.reportReasonFewItems)
        case StatReason.zeroTotalVariance: return t(.reportReasonZeroTotalVariance)
        case StatReason.noDiscordantPairs: return t(.reportReasonNoDiscordant)
        case "open question": return t(.reportReasonOpenQuestion)
        case StatReason.suppressed: return t(.reportReasonSuppressed)
        default: return r
        }
    }

    func phase(_ p: String?) -> String {
        switch p {
        case "pre": return t(.reportPre)
        case "post": return t(.reportPost)
        case "feedback": return t(.reportFeedback)
        default: return p ?? ""
        }
    }

    func dimension(_ d: String) -> String {
        switch d {
        case "region": return t(.reportByRegion)
        case "agency": return t(.reportByAgency)
        default: return t(.reportByGender)
        }
    }

    func mcNemar(_ m: McNemarResult?) -> String {
        guard let m else { return "—" }
        let method = m.method == .exactBinomial ? t(.reportExact) : (m.method == .chiSquareContinuity ? t(.reportChiSquare) : "")
        return method.isEmpty ? p(m.p) : "\(p(m.p)) (\(method), b=\(m.b), c=\(m.c))"
    }

    func options(_ pre: OptionCounts<String>?, _ post: OptionCounts<String>?) -> String {
        guard let pre, let post else { return "—" }
        return pre.counts.map { c in "\(c.option): \(c.count)→\(post.count(of: c.option))" }.joined(separator: ", ")
    }

    func flag(_ f: ReportFlag) -> String {
        let q = f.question ?? ""
        switch f.kind {
        case .masteredBefore: return t(.reportFlagMastered, q, percent(.value(f.value)))
        case .gotWorse: return t(.reportFlagWorse, q, change(.value(f.value)))
        case .negativeDiscrimination: return t(.reportFlagNegative, q, phase(f.phase).lowercased(), Self.number(f.value, 2))
        case .lowReliability: return t(.reportFlagReliability, phase(f.phase).lowercased(), Self.number(f.value, 2))
        case .unscoredOpenAnswers: return t(.reportUnscored, Int(f.value))
        case .unsubmittedAttempts:
            let c = report.overall.counts
            return t(.reportUnsubmitted, c.preUnsubmitted, c.postUnsubmitted, c.feedbackUnsubmitted)
        }
    }

    func dates(_ training: TrainingInfo) -> String {
        if training.startDate.isEmpty { return training.endDate }
        if training.endDate.isEmpty || training.endDate == training.startDate { return training.startDate }
        return "\(training.startDate) – \(training.endDate)"
    }

    /// The summary rows of the scores table: label, pre summary, post summary.
    func summaryRows(_ s: SectionReport) -> [[String]] {
        func row(_ label: String, _ pre: Summary, _ post: Summary, _ f: (Summary) -> StatValue) -> [String] {
            [label, stat(f(pre)), stat(f(post)), stat(f(s.matchedPre)), stat(f(s.matchedPost))]
        }
        return [
            [t(.reportN), "\(s.preScores.n)", "\(s.postScores.n)", "\(s.matchedPre.n)", "\(s.matchedPost.n)"],
            row(t(.reportMean), s.preScores, s.postScores) { $0.mean },
            row(t(.reportMedian), s.preScores, s.postScores) { $0.median },
            row(t(.reportSD), s.preScores, s.postScores) { $0.standardDeviation },
            row(t(.reportMin), s.preScores, s.postScores) { $0.minimum },
            row(t(.reportMax), s.preScores, s.postScores) { $0.maximum },
        ]
    }

    var summaryHeader: [String] {
        [
            "", "\(t(.reportPre)) (\(t(.reportAllSubmitted)))", "\(t(.reportPost)) (\(t(.reportAllSubmitted)))",
            "\(t(.reportPre)) (\(t(.reportMatchedOnly)))", "\(t(.reportPost)) (\(t(.reportMatchedOnly)))",
        ]
    }

    /// The learning-gain rows: label, value, and what the figure means in plain words.
    func learningRows(_ s: SectionReport) -> [[String]] {
        let a = s.paired
        return [
            [t(.reportMatchedPairs), "\(a.n)", t(.reportExplainPairs)],
            [t(.reportMeanGain), stat(a.meanGain), t(.reportExplainMeanGain)],
            [t(.reportCI), ci(a.meanGainCI), t(.reportExplainCI)],
            [t(.reportMedianGain), stat(a.medianGain), t(.reportExplainMedian)],
            [t(.reportTTest), "t = \(stat(a.tTest.t, 2)), df = \(stat(a.tTest.df, 0)), \(pEquals(a.tTest.p))", t(.reportExplainP)],
            [t(.reportDz), stat(a.cohensDz, 2), t(.reportExplainDz)],
            [
                t(.reportWilcoxon),
                "z = \(stat(a.wilcoxon.signedZ, 2)), \(pEquals(a.wilcoxon.p)); \(t(.reportWilcoxonNote, a.wilcoxon.zeroDifferences))",
                t(.reportExplainWilcoxon),
            ],
            [t(.reportRankBiserial), stat(a.wilcoxon.rankBiserial, 2), t(.reportExplainRankBiserial)],
            [t(.reportHakeClass), stat(a.hake.classGain, 2), t(.reportExplainHake)],
            [t(.reportHakeIndividual, a.hake.excluded), stat(a.hake.meanIndividualGain, 2), t(.reportExplainHakeIndividual)],
        ]
    }

    var questionHeader: [String] {
        [
            t(.reportQuestion), t(.reportFacilityPre), t(.reportFacilityPost), t(.reportChange), t(.reportMcNemar),
            t(.reportDiscrimination), t(.reportOptions),
        ]
    }

    func questionRow(_ q: QuestionReport) -> [String] {
        [
            q.id, percent(q.facilityPre), percent(q.facilityPost), change(q.change), mcNemar(q.mcNemar),
            "\(stat(q.discriminationPre, 2)) / \(stat(q.discriminationPost, 2))", options(q.optionsPre, q.optionsPost),
        ]
    }

    var groupHeader: [String] {
        [t(.reportGroup), t(.reportRegistered), t(.reportMatchedPairs), t(.reportPre), t(.reportPost), t(.reportMeanGain), t(.reportCI), t(.reportHakeClass)]
    }

    func groupRow(_ g: GroupReport) -> [String] {
        [
            g.label + (g.suppressed ? " ⚠" : ""), "\(g.registered)", "\(g.matched)", stat(g.meanPre), stat(g.meanPost),
            stat(g.meanGain), ci(g.meanGainCI), stat(g.classGain, 2),
        ]
    }

    var comparisonHeader: [String] {
        var h = [
            t(.reportTraining), t(.reportRegistered), t(.reportMatchedPairs), t(.reportPre), t(.reportPost), t(.reportMeanGain),
            t(.reportCI), "p (t)", t(.reportDz), "p (Wilcoxon)", "⟨g⟩", "KR-20 \(t(.reportPre))", "KR-20 \(t(.reportPost))",
        ]
        h += (report.survey?.questions.filter { $0.kind == .rating } ?? []).map { "\($0.id) \(t(.reportRatingMean))" }
        return h
    }

    func comparisonRow(_ c: TrainingComparison) -> [String] {
        [
            c.training.id + (c.suppressed ? " ⚠" : ""), "\(c.counts.registered)", "\(c.counts.matchedPairs)", stat(c.meanPre),
            stat(c.meanPost), stat(c.meanGain), ci(c.meanGainCI), p(c.tTestP), stat(c.cohensDz, 2), p(c.wilcoxonP),
            stat(c.classGain, 2), stat(c.kr20Pre, 2), stat(c.kr20Post, 2),
        ] + c.feedbackMeans.map { stat($0.mean, 2) }
    }

    func prompt(_ id: String) -> String {
        report.quiz.questions.first { $0.id == id }?.prompt ?? report.survey?.questions.first { $0.id == id }?.prompt ?? id
    }
}
