import Foundation
import Testing
import TestSupport
@testable import QuizRunner
@testable import Results
@testable import Terminal

/// Issue 12: the quiz taken as participants take it — pasting, Esc, Ctrl-C, kill, Ctrl-D in plain
/// mode, resizing, mistyped codes. (In `TerminalTests`, so these tmux tests run one at a time too.)
extension TerminalTests {
    func preAttempt(_ db: TempDB, name: String? = nil) throws -> (Participant, Attempt, [String: Response]) {
        let store = try db.store()
        let candidates = try name.map { try store.participants(training: "t1", name: $0) } ?? store.participants(training: "t1")
        let p = try #require(candidates.first)
        let a = try #require(try store.attempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test"))
        return (p, a, try store.responses(attempt: a.rowID))
    }

    /// 1. A pasted multi-paragraph answer stays text: its blank lines neither finish the answer nor
    /// choose «Тапсыру» and «Иә»; a paste into a choice screen chooses nothing.
    @Test func pasteIsTextNeverKeys() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre"))
        try registerNewParticipant(s, name: "Мәтін Қоюшы")
        try s.paste("b\n\n\n")
        let choice = try s.waitFor("қоюға болмайды")
        #expect(choice.contains("Сұрақ 1 / 4"))
        try answerChoicesWithA(s)
        let answer = "Бірінші абзац: полиция.\n\nЕкінші абзац: әлеуметтік қызмет.\n\n\nҮшінші абзац."
        try s.paste(answer + "\n\n\n")
        let pasted = try s.waitFor("Үшінші абзац.")
        #expect(pasted.contains("Сұрақ 4 / 4"), "the paste's blank lines finished the answer")
        try s.send("C-d")
        try s.waitFor("Тапсыру алдында тексеру")
        try s.send("C-c")
        try s.waitFor("EXIT=130")
        let (_, a, saved) = try preAttempt(db)
        #expect(!a.isSubmitted)
        #expect(saved["q1"]?.choice == "a")
        #expect(saved["q10"]?.text == answer)
    }

    /// 1. A terminal without bracketed paste: the paste's line breaks arrive as Enter keys, all at
    /// once; while more input is waiting they stay line breaks, so the blank lines submit nothing.
    @Test func unbracketedPasteSubmitsNothing() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre"))
        try registerNewParticipant(s, name: "Ескі Терминал")
        try answerChoicesWithA(s)
        try s.paste("Бірінші абзац.\n\nЕкінші абзац.\n\n\n\n", bracketed: false)
        let review = try s.waitFor("Тапсыру алдында тексеру")
        #expect(!review.contains("Тапсырасыз ба"))
        try s.send("C-c")
        try s.waitFor("EXIT=130")
        let (_, a, saved) = try preAttempt(db)
        #expect(!a.isSubmitted)
        #expect(saved["q10"]?.text == "Бірінші абзац.\n\nЕкінші абзац.")
    }

    /// 1. The same paste into the feedback form's open question stays in that one answer.
    @Test func pasteIntoTheFeedbackFormStaysInOneAnswer() throws {
        let db = try TempDB()
        #expect(try runKatch(["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse], input: prePlainScript(name: "Кері Байланыс")).status == 0)
        let (p, _, _) = try preAttempt(db)
        let s = try TmuxSession(try quizCommand(db, "post"))
        try s.waitFor("кодыңызды")
        try s.type(p.code)
        try s.send("Enter")
        try answerChoicesWithA(s)
        try s.send("C-d")
        try s.waitFor("Тапсыру алдында")
        try s.send("Enter")
        try s.waitFor("Тапсырасыз ба")
        try s.send("Enter")
        try s.waitFor("Кері байланыс")
        try s.send("4")
        try s.waitFor("Не ұнады")
        let comment = "Ойындар ұнады.\n\nКейстер нақты болды.\n\nҮзіліс аз болды."
        try s.paste(comment + "\n\n")
        let screen = try s.waitFor("Үзіліс аз болды.")
        #expect(screen.contains("Не ұнады") && !screen.contains("Тапсыру алдында"))
        try s.send("C-c")
        try s.waitFor("EXIT=130")
        let store = try db.store()
        let fb = try #require(try store.attempt(participant: p.rowID, phase: .feedback, instrument: "feedback-form"))
        #expect(!fb.isSubmitted)
        #expect(try store.responses(attempt: fb.rowID)["f3"]?.text == comment)
    }

    /// 2. Esc in an open answer goes back and keeps the text (saved as the answer); Esc on the name
    /// goes back to the code screen and keeps the name; Esc on the first screen asks before leaving.
    @Test func escNeverThrowsTextAwayAndAsksBeforeLeaving() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre"))
        try s.waitFor("Жаңа қатысушы")
        try s.send("Escape")
        try s.waitFor("Шығасыз ба")
        try s.send("Enter")  // the cursor starts on «Жоқ»: stay
        try s.waitFor("Жаңа қатысушы")
        try s.send("Enter")
        try s.waitFor("Аты-жөні")
        try s.type("Эск Басушы")
        try s.send("Escape")
        try s.waitFor("Жаңа қатысушы")
        try s.send("Enter")
        try s.waitFor("Эск Басушы▏")
        try s.send("Enter", "Enter", "Enter", "Down")
        try s.waitFor("Жынысы")
        try s.send("Down", "Enter")
        try s.waitFor("Байланыс")
        try s.send("Enter")
        try s.waitFor("кодыңыз")
        try s.send("Enter")
        try answerChoicesWithA(s)
        try s.type("Ұзын жауаптың басы")
        try s.send("Escape")
        try s.waitFor("Сұрақ 3 / 4")
        try s.send("Enter")
        try s.waitFor("Ұзын жауаптың басы▏")
        try s.type(" және соңы")
        try s.send("C-c")  // Ctrl-C in the middle of the answer keeps it too
        try s.waitFor("EXIT=130")
        let (_, _, saved) = try preAttempt(db, name: "Эск Басушы")
        #expect(saved["q10"]?.text == "Ұзын жауаптың басы және соңы")

        // Leaving from the first screen: asked, then exit code 130 with nothing saved.
        let leave = try TmuxSession(try quizCommand(db, "pre"))
        try leave.waitFor("Жаңа қатысушы")
        try leave.send("Escape")
        try leave.waitFor("Шығасыз ба")
        try leave.send("Up", "Enter")
        let end = try leave.waitFor("EXIT=130")
        #expect(end.contains("ештеңе сақталған жоқ"))
        #expect(try db.store().participants(training: "t1").count == 1)
    }

    /// 2. (the same kind) Options marked on a multiple-answer question and left with ← are kept.
    @Test func markedOptionsSurviveGoingBack() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre"))
        try registerNewParticipant(s, name: "Белгі Қоюшы")
        try s.send("a")
        try s.waitFor("Сұрақ 2 / 4")
        try s.send("a")
        try s.waitFor("Сұрақ 3 / 4")
        try s.send("Space", "Down", "Space", "Left")
        try s.waitFor("Сұрақ 2 / 4")
        try s.send("Enter")
        let back = try s.waitFor("Сұрақ 3 / 4")
        #expect(back.contains("[x] Полиция") && back.contains("[x] Әлеуметтік"))
        try s.send("C-c")
        try s.waitFor("EXIT=130")
        #expect(try preAttempt(db).2["q3"]?.choice == "a;b")
    }

    /// 3. «Answers saved» and the participant code stay on the terminal after the full screen ends:
    /// after Ctrl-C and after a kill (SIGTERM).
    @Test func savedAndCodeOutliveTheFullScreen() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre"))
        try registerNewParticipant(s, name: "Код Сақтаушы")
        try s.send("b")
        try s.waitFor("Сұрақ 2 / 4")
        try s.send("C-c")
        let end = try s.waitFor("EXIT=130")
        let (p, _, _) = try preAttempt(db)
        #expect(end.contains("Сіздің қатысушы кодыңыз: \(p.code)"))
        #expect(end.contains("Жауаптарыңыз сақталды"))

        let again = try TmuxSession(try quizCommand(db, "pre"))
        try again.waitFor("Жаңа қатысушы")
        try again.type(p.code)
        try again.send("Enter")
        try again.waitFor("Жалғастырасыз ба")
        try again.send("Enter")
        try again.waitFor("Сұрақ 2 / 4")
        let pid = try #require(try again.katchPID())
        #expect(kill(pid, SIGTERM) == 0)
        let killed = try again.waitFor("EXIT=143")
        #expect(killed.contains("Сіздің қатысушы кодыңыз: \(p.code)"))
        #expect(!killed.contains("Сұрақ 2 / 4"), "the shell's screen is back")

        // Ctrl-C on the screen that gives the code: registered, so the code is repeated (not «nothing saved»).
        let fresh = try TmuxSession(try quizCommand(db, "pre"))
        try fresh.waitFor("Жаңа қатысушы")
        try fresh.send("Enter")
        try fresh.waitFor("Аты-жөні")
        try fresh.type("Жаңа Тіркелген")
        try fresh.send("Enter", "Enter", "Enter", "Down")
        try fresh.waitFor("Жынысы")
        try fresh.send("Enter")
        try fresh.waitFor("Байланыс")
        try fresh.send("Enter")
        try fresh.waitFor("кодыңыз")
        try fresh.send("C-c")
        let stopped = try fresh.waitFor("EXIT=130")
        let registered = try #require(try db.store().participants(training: "t1", name: "Жаңа Тіркелген").first)
        #expect(stopped.contains("Сіздің қатысушы кодыңыз: \(registered.code)") && !stopped.contains("ештеңе сақталған жоқ"))
    }

    /// 4 and 8. Plain mode on a terminal: Ctrl-D in the middle of an open answer saves the lines
    /// typed, then exits with 3; the screen holds text only (no bar glyphs, no escape codes).
    @Test func plainModeOnATerminalKeepsTypedLinesOnCtrlD() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre") + " --plain")
        try s.waitFor("Жаңа қатысушы")
        for line in ["", "Жай Режим", "1", "1", "1", "", "1", "2", "1 2", "Бірінші жол", "Екінші жол"] {
            if !line.isEmpty { try s.type(line) }
            try s.send("Enter")
        }
        try s.waitFor("Сұрақ 4 / 4")
        try s.send("C-d")
        try s.waitFor("EXIT=3")
        let (_, a, saved) = try preAttempt(db)
        #expect(!a.isSubmitted)
        #expect(saved["q10"]?.text == "Бірінші жол\nЕкінші жол")
        let all = try s.tmux(["capture-pane", "-t", s.name, "-p", "-e", "-S", "-300"])
        #expect(all.contains("Сұрақ 3 / 4"))
        #expect(!all.contains("░") && !all.contains("█"), "no progress bar glyphs")
        #expect(!all.contains("\u{1B}["), "no escape codes")
    }

    /// 5. A resized window is redrawn at once; at 40×12 a long option can be read to its end and
    /// PgDn pages the option list.
    @Test func resizeRedrawsAndEverythingIsReachableAt40x12() throws {
        let db = try TempDB()
        let s = try TmuxSession("\(try katchBinary()) quiz pre --training t1 --db \(db.path) --course \(repositoryRoot.path)", columns: 80, rows: 24)
        try s.waitFor("Жаңа қатысушы")
        try s.send("Enter")
        try s.waitFor("Аты-жөні")
        try s.type("Кіші Экран")
        try s.send("Enter", "Enter", "Enter", "Enter")
        try s.waitFor("Байланыс")
        try s.send("Enter")
        try s.waitFor("кодыңыз")
        try s.send("Enter")
        try s.waitFor("Сұрақ 1 / 10")
        try s.resize(columns: 40, rows: 12)
        // No key pressed: redrawn for the new size (the option list now needs a window), the header
        // on top and option a to its last word.
        let small = try s.waitFor("1–6/10")
        #expect(small.contains("түрлеріне"))
        let lines = small.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("Сұрақ 1 / 10") == true, "\(small)")
        for line in lines { #expect(TextLayout.width(String(line)) <= 40) }
        #expect(!small.contains("қайыр сұрау"))
        try s.send("NPage")
        let paged = try s.waitFor("қайыр сұрау")
        #expect(paged.contains("Адам саудасына анықтама"), "the title stays")
        try s.send("NPage", "PPage", "PPage")
        try s.waitFor("түрлеріне")
        try s.send("C-c")
        try s.waitFor("EXIT=130")
    }

    /// 5 and 7. The review screen lists every answer (shortened); at 40×12 PgDn pages it without
    /// skipping a line; choosing a question goes back to it.
    @Test func reviewShowsAnswersAndPagesWithoutSkipping() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre"), columns: 40, rows: 12)
        try registerNewParticipant(s, name: "Шолу Экраны")
        try answerChoicesWithA(s)
        try s.type("Жауап мәтіні")
        try s.send("C-d")
        var seen = try s.waitFor("Тапсыру алдында")
        var previous = seen
        for _ in 0..<6 {
            try s.send("NPage")
            // Up to two seconds for the redraw (a busy machine); an unchanged screen is the last page.
            var screen = try s.screen()
            let deadline = Date().addingTimeInterval(2)
            while screen == previous && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.1)
                screen = try s.screen()
            }
            if screen == previous { break }
            previous = screen
            seen += screen
        }
        for expected in ["0) ( ) Тапсыру", "1) ( ) Адам", "Адамдарды", "2) ( ) Балалар", "Иә", "3) ( ) Қай", "Полиция", "4) ( ) Ынтымақ", "мәтіні"] {
            #expect(seen.contains(expected), "review never showed «\(expected)»:\n\(seen)")
        }
        try s.send("1")  // typing a question's number goes to it
        try s.waitFor("Сұрақ 1 / 4")
        try s.send("a", "a", "Enter")  // q1 and q2 again, q3's marks confirmed
        try s.waitFor("Жауап мәтіні▏")
        #expect(try s.screen().contains("Сұрақ 4 / 4"))
        try s.send("C-c")
        try s.waitFor("EXIT=130")
    }

    /// 6. At the post-test a code typed with Cyrillic look-alikes, in lower case and with a hyphen is
    /// found; a code not found does not register anybody on Enter; a participant without a
    /// submitted pre-test is warned.
    @Test func postTestForgivesCodesAndNeverRegistersByDefault() throws {
        let db = try TempDB()
        let quiz = ["quiz", "pre", "--training", "t1", "--db", db.path, "--course", fixtureCourse]
        #expect(try runKatch(quiz, input: prePlainScript(name: "Толық Тапсырған")).status == 0)
        #expect(try runKatch(quiz, input: ["", "Тапсырмаған Адам", "1", "1", "1", ""].joined(separator: "\n") + "\n").status == 3)
        let store = try db.store()
        let done = try #require(try store.participants(training: "t1", name: "Толық Тапсырған").first)
        let notDone = try #require(try store.participants(training: "t1", name: "Тапсырмаған Адам").first)
        let cyrillic: [Character: String] = ["A": "а", "B": "в", "E": "е", "K": "к", "M": "м", "H": "н", "P": "р", "C": "с", "T": "т", "X": "х", "Y": "у"]
        var typed = done.code.map { cyrillic[$0] ?? $0.lowercased() }
        typed.insert("-", at: 3)

        let s = try TmuxSession(try quizCommand(db, "post"))
        try s.waitFor("кодыңызды")
        try s.type("ZZ-ZZZ2")
        try s.send("Enter")
        try s.waitFor("табылмады")
        try s.send("Enter")  // the cursor starts on «Жоқ»
        try s.waitFor("кодыңызды")
        try s.type(notDone.code)
        try s.send("Enter")
        try s.waitFor("тренингке дейінгі тест табылмады")
        try s.send("Enter")  // «Жоқ»: back to the code
        try s.waitFor("кодыңызды")
        try s.type(typed.joined())
        try s.send("Enter")
        try s.waitFor("Сұрақ 1 / 4")
        try s.send("C-c")
        try s.waitFor("EXIT=130")
        #expect(try store.participants(training: "t1").count == 2)
        #expect(try store.attempt(participant: done.rowID, phase: .post, instrument: "pre-post-test") != nil)
        #expect(try store.attempt(participant: notDone.rowID, phase: .post, instrument: "pre-post-test") == nil)
    }

    /// Presses Enter until the screen shows `text` (a long text pages down first).
    func enterUntil(_ s: TmuxSession, _ text: String) throws -> String {
        for _ in 0..<20 {
            let screen = try s.screen()
            if screen.contains(text) { return screen }
            try s.send("Enter")
        }
        return try s.waitFor(text)
    }

    /// 10. The screening interview shows the read-aloud texts (intro, before C and E), enforces E1's
    /// 0 or 3, shows the totals before the final judgement and the judgement question itself.
    @Test func screeningInterviewReadsAloudEnforcesValuesAndTotalsFirst() throws {
        let db = try TempDB()
        let form = db.dir.appendingPathComponent("form.md").path
        let s = try TmuxSession(
            "\(try katchBinary()) practice screening-appendix-4 --form-out \(form) --db \(db.path) --course \(repositoryRoot.path)",
            columns: 100, rows: 40)
        try s.waitFor("деректерін енгізбеңіз")
        try s.send("Enter")
        try s.waitFor("Бұл сұхбат сізді")  // the introduction, read aloud
        _ = try enterUntil(s, "A1. Жасы")
        for id in ["A2", "A3", "A4", "A5", "A6"] {
            try s.send("Enter")
            try s.waitFor(id + ".")
        }
        try s.send("Enter")
        try s.waitFor("Бұл бөлім осы сұхбатқа қолданыла ма")
        try s.send("2")  // section B does not apply
        try s.waitFor("жұмыс жағдайларына қатысты")  // the work definition before section C
        _ = try enterUntil(s, "C1.")
        for (id, next) in zip(["C1", "C2", "C3", "C4", "D1", "D2"], ["C2", "C3", "C4", "D1", "D2", "D3"]) {
            try s.send(id.hasPrefix("C") ? "1" : "0")
            try s.waitFor(id + ": ")  // the note
            try s.send("Enter")
            try s.waitFor(next + ".")
        }
        // ← goes back to the previous item with its recorded value marked, then on again.
        try s.send("Left")
        let previous = try s.waitFor("D2.")
        #expect(previous.contains("› 0) (•)"), "\(previous)")
        try s.send("Enter")
        try s.waitFor("D2: ")
        try s.send("Enter")
        try s.waitFor("D3.")
        try s.send("0", "Enter")
        try s.waitFor("жыныстық іс-әрекеттің орнына")  // the definition before section E
        let e1 = try enterUntil(s, "E1.")
        #expect(e1.contains("тек мына мәндер: 0, 3"))
        try s.send("2")
        try s.waitFor("мыналардың бірін енгізіңіз: 0, 3")
        try s.send("3", "Enter")
        try s.waitFor("E2.")
        try s.send("2", "Enter")
        try s.waitFor("E3.")
        try s.send("Enter", "Enter")
        try s.waitFor("N1.")
        try s.send("Enter")
        try s.waitFor("T1.")
        try s.send("Enter", "Enter")
        let judgement = try s.waitFor("Сіз бұл адамды адам саудасының құрбаны деп санайсыз ба")
        #expect(judgement.contains("ҚР резиденттері): 9 / 27"), "\(judgement)")  // C 4×1, D 0, E 3+2
        try s.send("2")
        try s.waitFor("нысан сақталды")
        try s.send("Enter")
        try s.waitFor("EXIT=0")
        let md = try String(contentsOfFile: form, encoding: .utf8)
        #expect(md.contains("| E1 |") && md.contains("**Жалпы балл (B бөлімі енгізілмесе — ҚР резиденттері): 9 / 27**"))
    }
}

@Suite struct ParticipantInputTests {
    @Test func codesAreFoldedForgivingly() {
        #expect(CodeInput.normalized("т7м-2qх") == "T7M2QX")
        #expect(CodeInput.normalized(" K7M 2QX ") == "K7M2QX")
        #expect(CodeInput.normalized("КВН–РСА") == "KBHPCA")
        #expect(CodeInput.looksLikeCode("т7м-2qх"))
        #expect(!CodeInput.looksLikeCode("Айгүл Сәрсенова"))
    }

    @Test func pastedBytesBecomeText() {
        #expect(RawTerminal.pastedText(Array("a\r\nb\rc\n\td\u{07}".utf8)) == "a\nb\nc\n d")
        #expect(RawTerminal.pastedText([0x41, 0xFF, 0x42]) == "AB", "invalid UTF-8 is dropped")
    }
}
