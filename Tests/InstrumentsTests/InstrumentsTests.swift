import Instruments
import Statistics
import Testing

@Suite("Exact fractions")
struct FractionTests {
    @Test("equal values compare equal whatever their form; order is exact")
    func equality() {
        #expect(Fraction(2, 4) == Fraction(1, 2))
        #expect(Fraction(-3, -6) == Fraction(1, 2))
        #expect(Fraction(1, -2) < .zero)
        // 100·3/11 − 100·2/11 and 100·1/11 − 0 are the same gain; in Double they differ.
        let a = Fraction(300, 11) - Fraction(200, 11)
        let b = Fraction(100, 11) - .zero
        #expect(a == b)
        let three: Double = 300.0 / 11
        let two: Double = 200.0 / 11
        let one: Double = 100.0 / 11
        #expect(three - two != one)
        #expect(Fraction(1, 3) < Fraction(334, 1000))
        let big: Int64 = Int64.max / 3
        let seven = Fraction(big, 7)
        let eight = Fraction(big, 8)
        #expect(seven > eight)
    }

    @Test("decimals of at most three places are read exactly; others are refused")
    func decimals() {
        #expect(Fraction(decimal: 1.5) == Fraction(3, 2))
        #expect(Fraction(decimal: 0.3) == Fraction(3, 10))
        #expect(Fraction(decimal: 0.0001) == nil)
        #expect(Fraction(decimal: .nan) == nil)
        #expect(Fraction(approximating: 100.0 / 3) == Fraction(100, 3))
    }
}

@Suite("The scoring rule")
struct ScoringRuleTests {
    static let quiz = InstrumentSpec(
        id: "t", role: .quiz,
        questions: [
            QuestionSpec(id: "q1", kind: .single, role: .quiz, prompt: "", options: ["a", "b", "c"], correct: [0], openMaximum: 0),
            QuestionSpec(id: "q2", kind: .multiple, role: .quiz, prompt: "", options: ["a", "b", "c"], correct: [0, 2], openMaximum: 0),
            QuestionSpec(id: "q3", kind: .single, role: .quiz, prompt: "", options: ["a", "b"], correct: [1], openMaximum: 0),
            QuestionSpec(id: "q4", kind: .open, role: .quiz, prompt: "", options: [], correct: [], openMaximum: 2),
        ])

    @Test("skipped choice and skipped open count 0 and stay in the maximum; unscored open leaves both")
    func cases() {
        // q1 right, q2 partly (wrong), q3 skipped, q4 skipped → 1 / 5.
        var s = Self.quiz.score(["q1": .choice([0]), "q2": .choice([0])])
        #expect(s.points == 1 && s.maximum == 5 && s.unscoredOpen == 0)
        #expect(s.percent == Fraction(20))
        // q4 answered, not scored → 1 / 3.
        s = Self.quiz.score(["q1": .choice([0]), "q4": .text("бір нәрсе", score: nil)])
        #expect(s.points == 1 && s.maximum == 3 && s.unscoredOpen == 1)
        // q4 scored 1.5, even with no text (a paper form typed in) → 2.5 / 5.
        s = Self.quiz.score(["q1": .choice([0]), "q2": .choice([0, 2]), "q4": .text("", score: Fraction(3, 2))])
        #expect(s.points == Fraction(7, 2) && s.maximum == 5)
        // A blank open answer is a skip, not a pending score.
        s = Self.quiz.score(["q4": .text("  \n", score: nil)])
        #expect(s.maximum == 5 && s.unscoredOpen == 0)
        #expect(Self.quiz.score([:]).roundedPercent == 0)
    }

    @Test("a survey scores nothing")
    func survey() {
        let q = QuestionSpec(id: "f3", kind: .open, role: .survey, prompt: "", options: [], correct: [], openMaximum: 2)
        #expect(q.maximum == .zero)
        #expect(InstrumentSpec(id: "s", role: .survey, questions: [q]).score(["f3": .text("x", score: nil)]).percent == nil)
    }

    @Test("stored answers that do not fit their kind are errors naming the question")
    func decoding() throws {
        #expect(try Answer(kind: .multiple, question: "q2", choice: "c;a", text: nil, score: nil) == .choice([0, 2]))
        #expect(throws: AnswerError.self) { try Answer(kind: .single, question: "q1", choice: "1", text: nil, score: nil) }
        #expect(throws: AnswerError.self) { try Answer(kind: .rating, question: "f1", choice: "five", text: nil, score: nil) }
        #expect(throws: AnswerError.self) { try Answer(kind: .open, question: "q10", choice: nil, text: "x", score: 0.12345) }
        let e = try? Answer(kind: .single, question: "q7", choice: nil, text: "x", score: nil)
        #expect(e == nil)
        #expect(try Answer(kind: .open, question: "q10", choice: nil, text: nil, score: 2) == .text("", score: 2))
    }
}

@Suite("CSV codec")
struct CSVCodecTests {
    @Test("formula guard looks past leading white space; numbers stay numbers")
    func formulas() {
        for bad in ["=1+1", "+1", "@SUM(A1)", "-x", " =1", "\t=1", "\n@x", "\r=x", "  -cmd"] {
            #expect(CSVField.looksLikeFormula(bad), "\(bad.debugDescription)")
            #expect(CSVField.unguardFormula(CSVField.guardFormula(bad)) == bad)
        }
        for good in ["-3", "-2.5", " -1", "abc", "", "a=b", "'=x"] {
            #expect(!CSVField.looksLikeFormula(good), "\(good.debugDescription)")
        }
    }

    @Test("written and read back: quotes, separators, line breaks, BOM, CRLF")
    func roundTrip() {
        let rows = [["a", "b,c", "d\"e"], ["line\nbreak", " pad ", "=1"]]
        let bytes = CSVWriter.file(rows)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        var read: [(Int, [String])] = []
        CSVReader.parse(Array(bytes.dropFirst(3)), separator: UInt8(ascii: ",")) { read.append(($0, $1)) }
        #expect(read.map(\.0) == [1, 2])
        #expect(read[0].1 == rows[0])
        #expect(read[1].1[0] == "line\nbreak" && read[1].1[1] == " pad ")
        #expect(read[1].1[2] == "'=1" && CSVField.unguardFormula(read[1].1[2]) == "=1")
    }
}

@Suite("Option letters")
struct OptionLetterTests {
    @Test("a choice's indices, its first option out of range and its letters agree with the index form")
    func choiceAndLetters() throws {
        let chosen = try #require(OptionLetter.choice("c; A,e"))
        #expect(chosen.indices == [0, 2, 4])
        #expect(OptionLetter.encode(chosen) == "a;c;e")
        #expect(OptionLetter.encode(chosen) == OptionLetter.encode(chosen.indices))
        #expect(OptionLetter.encode(OptionChoice([3])) == "d")
        #expect(chosen.first(atLeast: 3) == 4)
        #expect(chosen.first(atLeast: 5) == nil)
        #expect(chosen.first(atLeast: 0) == 0)
        #expect(chosen.first(atLeast: 64) == nil)
        #expect(OptionChoice([63]).indices == [63])
        #expect(OptionLetter.choice("a1") == nil)
        #expect(OptionLetter.choice(" ; ") == nil)
    }
}
