import Instruments
import Foundation
import Testing
import TestSupport
@testable import CourseModel
@testable import QuizRunner
@testable import Results

/// `katch practice` on the real course: feedback checked against the trainer's answers in the Markdown.
@Suite(.serialized) struct PracticeTests {
    let course = CourseLoader.load(root: repositoryRoot).course

    /// Plain-mode input answering every question of `page`: right when `right(i)`, else a wrong option.
    func script(_ page: Page, right: (Int) -> Bool) -> String {
        var lines: [String] = []
        for (i, q) in page.questions.enumerated() {
            switch q.type {
            case .single, .multiple:
                let correct = q.correctIndices
                if right(i) {
                    lines.append(correct.map { String($0 + 1) }.joined(separator: " "))
                } else {
                    let wrong = q.options.indices.first { !correct.contains($0) } ?? 0
                    lines.append(String(wrong + 1))
                }
            case .open:
                lines += ["Менің жауабым \(i)", "."]
            case .rating:
                lines.append("3")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func run(_ id: String, feedback: String = "each", input: String) throws -> (Int32, String) {
        let db = try TempDB()
        let r = try runKatch(["practice", id, "--feedback", feedback, "--plain", "--db", db.path, "--course", repositoryRoot.path], input: input, environment: ["COLUMNS": "1000"])
        return (r.status, r.output)
    }

    @Test func exerciseOneFeedbackMatchesTheTrainersAnswers() throws {
        let page = try #require(course.page("exercise-1"))
        #expect(page.questions.count == 9)
        let (status, output) = try run("exercise-1", input: script(page) { $0 % 2 == 0 })
        #expect(status == 0, "\(output)")
        for (i, q) in page.questions.enumerated() {
            let key = q.correctIndices.map { "\($0 + 1)) " + q.options[$0].spans.plainText }.joined(separator: "; ")
            if i % 2 == 1 {
                #expect(output.contains("Дұрыс емес. Дұрыс жауап: " + key) || output.contains("Ішінара дұрыс. Дұрыс жауап: " + key), "q\(i) \(q.id)")
            }
            let explanation = try #require(q.explanation?.body.first?.plainText)
            #expect(output.contains(String(explanation.prefix(30))), "explanation of \(q.id)")
        }
        #expect(output.components(separatedBy: "Дұрыс.").count - 1 == 5)
        #expect(output.contains("Дұрыс жауаптар: 5 / 9"))
        // The case text is shown before its questions, the trainer's instructions are not.
        #expect(output.contains("1‑мысал"))
        #expect(!output.contains("Жаттықтырушы нұсқаулары"))
    }

    @Test func discussionOneTraffickingVerdictsAndModelAnswers() throws {
        let page = try #require(course.page("discussion-1"))
        let trafficking = page.questions.filter { $0.id.hasSuffix("-trafficking") }
        #expect(trafficking.count == 4)
        #expect(trafficking.allSatisfy { Set($0.options.map(\.spans.plainText)) == ["Иә", "Жоқ", "Мүмкін"] })
        let (status, output) = try run("discussion-1", feedback: "end", input: script(page) { _ in true })
        #expect(status == 0, "\(output)")
        #expect(output.contains("Дұрыс жауаптар: 4 / 4"))
        // Open questions: the participant's answer beside the model answer from the ANSWER block.
        for q in page.questions where q.type == .open {
            let model = try #require(q.explanation?.body.first?.plainText)
            #expect(output.contains(String(model.prefix(40))), "model answer of \(q.id)")
        }
        #expect(output.contains("Менің жауабым 0"))
        #expect(output.contains("Үлгі жауап"))
    }

    @Test func aTrackExerciseRuns() throws {
        let page = try #require(course.page("exercise-4d2"))
        let (status, output) = try run("exercise-4d2", input: script(page) { _ in true })
        #expect(status == 0, "\(output)")
        let choice = page.questions.filter { $0.type != .open }.count
        #expect(output.contains("Дұрыс жауаптар: \(choice) / \(choice)"))
    }

    @Test(arguments: StoreKind.allCases) func practiceResumesAndStaysOutOfTestResults(store kind: StoreKind) throws {
        let db = try TempDB(kind)
        let page = try #require(course.page("exercise-1"))
        let first = script(page) { _ in true }.split(separator: "\n").prefix(3).joined(separator: "\n") + "\n"
        let stopped = try runKatch(["practice", "exercise-1", "--plain", "--db", db.path, "--course", repositoryRoot.path], input: first)
        #expect(stopped.status == 3)
        let rest = "1\n" + script(page) { _ in true }.split(separator: "\n").dropFirst(3).joined(separator: "\n") + "\n"
        let resumed = try runKatch(["practice", "exercise-1", "--plain", "--db", db.path, "--course", repositoryRoot.path], input: rest)
        #expect(resumed.status == 0, "\(resumed.output)")
        #expect(resumed.output.contains("Жалғастырасыз ба"))
        #expect(resumed.output.contains("Дұрыс жауаптар: 9 / 9"))
        let store = try db.store()
        #expect(try store.participants(training: "t1").isEmpty)
    }

    /// Two learners on one machine: each is offered only their own unfinished session.
    @Test func learnersKeepTheirOwnSessions() throws {
        let db = try TempDB()
        let page = try #require(course.page("exercise-1"))
        let first = script(page) { _ in true }.split(separator: "\n").prefix(3).joined(separator: "\n") + "\n"
        func practise(_ learner: String, _ input: String) throws -> (status: Int32, output: String) {
            try runKatch(["practice", "exercise-1", "--plain", "--learner", learner, "--db", db.path, "--course", repositoryRoot.path], input: input)
        }
        #expect(try practise("K7M2QX", first).status == 3)
        let other = try practise("Айгүл", "")
        #expect(!other.output.contains("Жалғастырасыз ба"), "a second learner is not offered the first one's session")
        let again = try practise(" k7m2qx ", "")
        #expect(again.output.contains("Жалғастырасыз ба"), "the same label, in other case and spacing, resumes")
    }

    @Test func listingGroupsByModule() throws {
        let db = try TempDB()
        let r = try runKatch(["practice", "--db", db.path, "--course", repositoryRoot.path], input: "")
        #expect(r.status == 0)
        for id in ["exercise-1", "discussion-1", "exercise-4a", "screening-appendix-4", "screening-child"] { #expect(r.output.contains(id)) }
        #expect(!r.output.contains("pre-post-test"))
    }

    @Test func screeningInterviewTotalsAndMaxima() throws {
        let page = try #require(course.page("screening-appendix-4"))
        let tool = try #require(page.screeningTools.first)
        var lines: [String] = []
        let scores: [String: Int] = ["B": 3, "C": 1, "D": 0, "E": 2]  // value given to every scale item of a section
        // An item allowing only some values (E1: 0 or 3) gets its highest instead (typing 2 is refused first).
        func value(_ item: ScreeningTool.Item, _ section: ScreeningTool.Section) -> Int {
            let v = scores[section.id] ?? 0
            return item.values.map { $0.contains(v) ? v : $0.max() ?? 0 } ?? v
        }
        for section in tool.sections {
            if section.optional == true { lines.append("1") }  // yes, section B applies
            for item in section.items {
                switch item.type {
                case .scale:
                    if value(item, section) != scores[section.id] { lines.append(String(scores[section.id] ?? 0)) }
                    lines += [String(value(item, section)), ""]  // the score itself is typed
                case .yesno: lines += ["1", ""]
                case .choice: lines += ["", ""]
                case .multiple: lines += ["", ""]
                case .text: lines.append("")
                }
            }
        }
        if tool.judgement?.isEmpty == false { lines.append("2") }
        let db = try TempDB()
        let form = db.dir.appendingPathComponent("form.md").path
        let r = try runKatch(["practice", "screening-appendix-4", "--plain", "--form-out", form, "--db", db.path, "--course", repositoryRoot.path], input: lines.joined(separator: "\n") + "\n", environment: ["COLUMNS": "1000"])
        #expect(r.status == 0, "\(r.output)")
        let expected = tool.sections.map { s in
            s.items.filter { $0.type == .scale }.map { value($0, s) }.reduce(0, +)
        }.reduce(0, +)
        let withB = try #require(tool.totals?.first { $0.max == 39 })
        let withoutB = try #require(tool.totals?.first { $0.max == 27 })
        #expect(r.output.contains("\(withB.label): \(expected) / 39"))
        let withoutScore = tool.sections.filter { $0.id != "B" }.map { s in s.items.filter { $0.type == .scale }.map { value($0, s) }.reduce(0, +) }.reduce(0, +)
        #expect(r.output.contains("\(withoutB.label): \(withoutScore) / 27"))
        #expect(r.output.contains("B: 12 / 12") || r.output.contains("B бөлімі: 12 / 12"))
        #expect(r.output.contains("нақты адамның деректерін енгізбеңіз") || r.output.contains("Нақты адамның деректерін енгізбеңіз"))
        // Issue 12: E1 refuses 2 (only 0 or 3), the read-aloud texts are shown, the totals come before
        // the judgement question, which is shown.
        #expect(r.output.contains("Қате: мыналардың бірін енгізіңіз: 0, 3."))
        #expect(r.output.contains("Бұл сұхбат сізді") && r.output.contains("жұмыс жағдайларына қатысты") && r.output.contains("жыныстық іс-әрекеттің орнына"))
        let question = try #require(r.output.range(of: "Сіз бұл адамды адам саудасының құрбаны деп санайсыз ба"))
        let total = try #require(r.output.range(of: "\(withoutB.label): \(withoutScore) / 27"))
        #expect(total.lowerBound < question.lowerBound, "the totals are shown before the judgement")
        let md = try String(contentsOfFile: form, encoding: .utf8)
        #expect(md.contains("**\(withB.label): \(expected) / 39**"))
        #expect(md.contains("| B1 |"))
        if let level = tool.judgement?.first(where: { $0.value == 2 }) {
            #expect(md.contains("2 — " + level.label), "the judgement typed as its value")
        }
    }

    @Test func screeningTotalsFunction() throws {
        let tool = ScreeningTool(
            scale: [.init(value: 0, label: "0"), .init(value: 3, label: "3")],
            sections: [
                .init(id: "B", title: "B", optional: true, items: [.init(id: "B1", text: "x", type: .scale)]),
                .init(id: "C", title: "C", items: [.init(id: "C1", text: "x", type: .scale), .init(id: "C2", text: "y", type: .scale)]),
            ],
            totals: [.init(label: "with", sections: ["B", "C"], max: 9), .init(label: "without", sections: ["C"], max: 6)])
        let answers: [String: ScreeningInterview.Answer] = [
            "B1": .init(score: 3, label: "3", note: ""), "C1": .init(score: 3, label: "3", note: ""), "C2": .init(score: 0, label: "0", note: ""),
        ]
        let withB = ScreeningInterview.totals(tool: tool, answers: answers, applied: ["B", "C"])
        #expect(withB.sections == ["B": 3, "C": 3])
        #expect(withB.totals.map(\.score) == [6, 3])
        #expect(withB.totals.map(\.applies) == [true, false])
        let withoutB = ScreeningInterview.totals(tool: tool, answers: answers, applied: ["C"])
        #expect(withoutB.totals.map(\.score) == [3, 3])
        #expect(withoutB.totals.last?.applies == true)
    }
}
