import Foundation
import Testing
@testable import CourseModel

/// Practice questions show their options in an order fixed by the question id (issue 14).
@Suite struct OptionOrderTests {
    @Test func fnv1aIsTheStandardHash() {
        #expect(OptionOrder.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(OptionOrder.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(OptionOrder.fnv1a("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func shuffleIsAPermutationFixedByTheIdThatNeverPutsTheCorrectOptionsFirst() {
        var moved = 0
        for n in 1...8 {
            for pattern in 1..<(1 << n) {
                let correct = (0..<n).map { pattern & (1 << $0) != 0 }
                for id in ["ex1-s1-acts", "q\(pattern)", "ex4a-zarina-needs-\(n)"] {
                    let order = OptionOrder.shuffled(id: id, correct: correct)
                    #expect(order.sorted() == Array(0..<n))
                    #expect(order == OptionOrder.shuffled(id: id, correct: correct))
                    #expect(!OptionOrder.correctFirst(order.map { correct[$0] }), "\(id) \(correct)")
                    if order != Array(0..<n) { moved += 1 }
                }
            }
        }
        #expect(moved > 1000)
        #expect(OptionOrder.correctFirst([true, true, false]))
        #expect(!OptionOrder.correctFirst([true, false, true]))
        #expect(!OptionOrder.correctFirst([true, true]))  // every option correct: nothing to avoid
        #expect(!OptionOrder.correctFirst([true, false, false]))  // one answer: first in a fair share of questions
    }

    @Test func practiceQuestionsAreShuffledUnlessTheAuthorSaysNoAndTheQuizKeepsItsOrder() throws {
        let options = "- [x] Бір\n- [x] Екі\n- [ ] Үш\n- [ ] Төрт\n- [ ] Бес\n"
        let c = try TempCourse(files: [
            "exercises/ex.md": page(
                "ex", kind: "exercise",
                body: "#### A {#ex-a type=multiple}\n\(options)\n#### B {#ex-b type=multiple shuffle=false}\n\(options)\n"),
            "exercises/quiz.md": page("quiz", kind: "quiz", extra: "phases: [pre, post]\n", body: "## Q {#q1 type=multiple}\n\(options)"),
        ])
        let result = c.load()
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let written = ["Бір", "Екі", "Үш", "Төрт", "Бес"]
        func texts(_ page: String, _ id: String) throws -> [String] {
            let q = try #require(result.course.pages.first { $0.id == page }?.questions.first { $0.id == id })
            return q.options.map { $0.spans.plainText }
        }
        let shown = try texts("ex", "ex-a")
        let expected = OptionOrder.shuffled(id: "ex-a", correct: [true, true, false, false, false]).map { written[$0] }
        #expect(shown == expected)
        #expect(shown != written)
        #expect(try texts("ex", "ex-b") == written)
        #expect(try texts("quiz", "q1") == written)
    }

    @Test func badShuffleValueIsAnError() throws {
        let c = try TempCourse(files: [
            "exercises/ex.md": page("ex", kind: "exercise", body: "#### A {#ex-a shuffle=no}\n- [x] Иә\n- [ ] Жоқ\n")
        ])
        #expect(c.diagnostics("bad-shuffle").count == 1)
    }
}
