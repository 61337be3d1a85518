import Instruments
import Foundation
import Testing
import TestSupport
@testable import QuizRunner
@testable import Results
@testable import Terminal

/// Drives the interactive quiz through tmux: a real pseudo-terminal, real keys.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed")) struct TerminalTests {
    func quizCommand(_ db: TempDB, _ phase: String, env: String = "") throws -> String {
        "\(env) \(try katchBinary()) quiz \(phase) --training t1 --db \(db.path) --course \(fixtureCourse)"
    }

    @Test func wholePreAndPostWithArrowKeysBackAndReview() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre"))
        try s.waitFor("Enter")
        try s.send("Enter")  // new participant
        try s.waitFor("Аты-жөні")
        try s.type("Гүлнар Қасымова")
        try s.send("Enter")
        try s.waitFor("Өңір")
        try s.send("Down", "Enter")  // Түркістан облысы
        try s.waitFor("Мекеме")
        try s.send("c")  // Басқа → text
        try s.waitFor("Басқа (көрсетіңіз)")
        try s.type("ҮЕҰ")
        try s.send("Enter")
        try s.waitFor("Жынысы")
        try s.send("Enter")
        try s.waitFor("Байланыс")
        try s.send("Enter")
        let codeScreen = try s.waitFor("кодыңыз")
        try s.send("Enter")
        // q1: move down twice, up once → option b, Enter; then go back and change to a.
        try s.waitFor("Сұрақ 1 / 4")
        try s.send("Down", "Down", "Up", "Enter")
        try s.waitFor("Сұрақ 2 / 4")
        try s.send("Left")
        let back = try s.waitFor("Сұрақ 1 / 4")
        #expect(back.contains("(•) Тек жыныстық"))
        try s.send("k", "Enter")  // from b up to a
        try s.waitFor("Сұрақ 2 / 4")
        try s.send("2")
        try s.waitFor("Сұрақ 3 / 4")
        try s.send("Space", "Down", "Space", "Enter")
        try s.waitFor("Сұрақ 4 / 4")
        try s.type("Бірінші жол")
        try s.send("Enter")
        try s.type("екінші жол")
        try s.send("Enter", "Enter")
        let review = try s.waitFor("Тапсыру алдында тексеру")
        #expect(review.contains("Барлық сұрақтарға жауап берілді"))
        try s.send("Enter")
        try s.waitFor("Тапсырасыз ба")
        try s.send("Enter")
        try s.waitFor("тапсырылды")
        try s.send("Enter")
        try s.waitFor("EXIT=0")

        let store = try db.store()
        let p = try #require(try store.participants(training: "t1").first)
        #expect(codeScreen.contains(p.code))
        #expect(p.region == "turkestan" && p.agency == "other" && p.agencyOther == "ҮЕҰ")
        let a = try #require(try store.attempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test"))
        #expect(a.isSubmitted)
        let answers = try store.responses(attempt: a.rowID)
        #expect(answers["q1"]?.choice == "a")
        #expect(answers["q2"]?.choice == "b")
        #expect(answers["q3"]?.choice == "a;b")
        #expect(answers["q10"]?.text == "Бірінші жол\nекінші жол")

        // Post-test by code, with the feedback survey, then own scores.
        let post = try TmuxSession(try quizCommand(db, "post"))
        try post.waitFor("кодыңызды")
        try post.type(p.code.lowercased())
        try post.send("Enter")
        try answerChoicesWithA(post)
        try post.send("C-d")
        try post.waitFor("Тапсыру алдында")
        try post.send("Enter")
        try post.waitFor("Тапсырасыз ба")
        try post.send("Enter")
        try post.waitFor("Кері байланыс")
        try post.send("5")
        try post.waitFor("Не ұнады")
        try post.type("Бәрі <жақсы> & «нақты»")
        try post.send("C-d")
        try post.waitFor("Тапсыру алдында")
        try post.send("Enter")
        try post.waitFor("Тапсырасыз ба")
        try post.send("Enter")
        let scores = try post.waitFor("нәтижелеріңіз")
        #expect(scores.contains("100%"))
        // Post: q1 right, q2 and q3 wrong, q10 left empty (0 of its 2 points): 1 of 5, as the report counts it.
        #expect(scores.contains("20%"))
        try post.send("Enter")
        try post.waitFor("EXIT=0")
        let fb = try #require(try store.attempt(participant: p.rowID, phase: .feedback, instrument: "feedback-form"))
        #expect(try store.responses(attempt: fb.rowID)["f3"]?.text == "Бәрі <жақсы> & «нақты»")
    }

    /// Text fields are edited like a line editor: arrows, Home/End, Delete and Backspace change the
    /// text at the cursor (← no longer leaves the field), Up/Down move between lines of a long answer.
    @Test func textFieldsEditAtTheCursor() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre"))
        try s.waitFor("Enter")
        try s.send("Enter")
        try s.waitFor("Аты-жөні")
        try s.type("Гүлнр")
        try s.send("Left")
        try s.type("а")  // Гүлнар
        try s.send("Home", "DC")  // deletes Г
        try s.type("Г")
        try s.send("End")
        try s.type(" Қасымоваx")
        try s.send("BSpace")
        try s.waitFor("Гүлнар Қасымова▏")
        try s.send("Enter")
        try s.waitFor("Өңір")
        try s.send("Enter", "Enter", "Enter", "Enter")
        try s.waitFor("кодыңыз")
        try s.send("Enter")
        try answerChoicesWithA(s)
        try s.type("Бірінші жол")
        try s.send("Enter")
        try s.type("екінші")
        try s.send("Up", "End")
        try s.type("!")
        try s.send("Down", "End")
        try s.type(" жол")
        try s.send("Enter", "Enter")
        try s.waitFor("Тапсыру алдында тексеру")
        try s.send("C-c")
        try s.waitFor("EXIT=130")

        let store = try db.store()
        #expect(try store.participants(training: "t1", name: "Гүлнар Қасымова").count == 1)
        let p = try #require(try store.participants(training: "t1").first)
        let a = try #require(try store.attempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test"))
        #expect(try store.responses(attempt: a.rowID)["q10"]?.text == "Бірінші жол!\nекінші жол")
    }

    /// A long answer in a small terminal: the field scrolls with the cursor, up to the first line.
    @Test func longAnswerFieldFollowsTheCursor() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre"), columns: 40, rows: 12)
        try registerNewParticipant(s, name: "Ұзақ Жауап")
        try answerChoicesWithA(s)
        for i in 1...8 {
            try s.type("Жол \(i)")
            try s.send("Enter")
        }
        let bottom = try s.waitFor("Жол 8")
        #expect(!bottom.contains("Жол 1"))
        for _ in 1...8 { try s.send("Up") }
        try s.type("X")
        let top = try s.waitFor("X▏Жол 1")
        #expect(top.contains("Сұрақ 4 / 4"), "title stays on screen")
        #expect(!top.contains("Жол 8"))
        try s.send("C-c")
        try s.waitFor("EXIT=130")
    }

    /// The real course's ten agency groups in a 14-row terminal: the list scrolls with the cursor and
    /// the screen's title stays in view.
    @Test func longOptionListFollowsTheCursor() throws {
        let db = try TempDB()
        let command = "\(try katchBinary()) quiz pre --training t1 --db \(db.path) --course \(repositoryRoot.path)"
        let s = try TmuxSession(command, columns: 50, rows: 14)
        try s.waitFor("Enter")
        try s.send("Enter")
        try s.waitFor("Аты-жөні")
        try s.type("Тізім Тексеру")
        try s.send("Enter")
        try s.waitFor("Өңір")
        try s.send("Enter")
        let first = try s.waitFor("Мекеме")
        #expect(!first.contains("Басқа"), "the list is longer than the screen")
        try s.send("Up")  // wraps to the last option
        let last = try s.waitFor("Басқа")
        #expect(last.contains("Мекеме") && last.contains("↑"))
        try s.send("Enter")
        try s.waitFor("көрсетіңіз")
        try s.send("C-c")
        try s.waitFor("EXIT=130")
    }

    /// The terminal window is closed mid-test: katch ends (no process left spinning on a dead
    /// terminal, also when the hang-up signal never arrives) and every answer given so far is kept.
    @Test(arguments: [false, true]) func closedTerminalEndsTheQuizAndKeepsAnswers(blockHangup: Bool) throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre"), blockHangup: blockHangup)
        try registerNewParticipant(s, name: "Айгүл Серікова")
        try s.send("b")
        try s.waitFor("Сұрақ 2 / 4")
        try closeTerminal(s, "on a question")

        let store = try db.store()
        let p = try #require(try store.participants(training: "t1").first)
        let a = try #require(try store.attempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test"))
        #expect(!a.isSubmitted)
        #expect(try store.responses(attempt: a.rowID)["q1"]?.choice == "b")

        // A required text field that is still empty when the terminal goes.
        let next = try TmuxSession(try quizCommand(db, "pre"), blockHangup: blockHangup)
        try next.waitFor("Enter")
        try next.send("Enter")
        try next.waitFor("Аты-жөні")
        try closeTerminal(next, "on an empty required field")
        #expect(try store.participants(training: "t1").count == 1)
    }

    /// New participant on the fixture's form: `name`, first region and agency, second gender, no contact;
    /// leaves the participant at question 1.
    func registerNewParticipant(_ s: TmuxSession, name: String) throws {
        try s.waitFor("Enter")
        try s.send("Enter")
        try s.waitFor("Аты-жөні")
        try s.type(name)
        try s.send("Enter", "Enter", "Enter", "Down")
        try s.waitFor("Жынысы")
        try s.send("Down", "Enter")
        try s.waitFor("Байланыс")
        try s.send("Enter")
        try s.waitFor("кодыңыз")
        try s.send("Enter")
        try s.waitFor("Сұрақ 1 / 4")
    }

    /// Answers the fixture's three choice questions with «a»; leaves the participant at question 4.
    func answerChoicesWithA(_ s: TmuxSession) throws {
        try s.waitFor("Сұрақ 1 / 4")
        try s.send("a")
        try s.waitFor("Сұрақ 2 / 4")
        try s.send("a")
        try s.waitFor("Сұрақ 3 / 4")
        try s.send("a", "Enter")
        try s.waitFor("Сұрақ 4 / 4")
    }

    func closeTerminal(_ s: TmuxSession, _ context: String) throws {
        let pid = try #require(try s.katchPID())
        try s.tmux(["kill-server"])
        let deadline = Date().addingTimeInterval(10)
        while !TmuxSession.hasEnded(pid) && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let ended = TmuxSession.hasEnded(pid)
        if !ended { kill(pid, SIGKILL) }
        #expect(ended, "katch kept running after its terminal closed \(context)")
    }

    @Test(arguments: StoreKind.allCases) func killedWithSIGKILLLosesNothingAndOffersResume(store kind: StoreKind) throws {
        let db = try TempDB(kind)
        let s = try TmuxSession(try quizCommand(db, "pre"))
        try registerNewParticipant(s, name: "Ерлан Нұрланов")
        try s.send("c")
        try s.waitFor("Сұрақ 2 / 4")
        try s.send("b")
        try s.waitFor("Сұрақ 3 / 4")
        let pid = try #require(try s.katchPID())
        #expect(kill(pid, SIGKILL) == 0)
        try s.waitFor("EXIT=137")

        let store = try db.store()
        let p = try #require(try store.participants(training: "t1").first)
        let a = try #require(try store.attempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test"))
        #expect(!a.isSubmitted)
        let saved = try store.responses(attempt: a.rowID)
        #expect(saved["q1"]?.choice == "c")
        #expect(saved["q2"]?.choice == "b")

        let again = try TmuxSession(try quizCommand(db, "pre"))
        try again.waitFor("Enter")
        try again.type(p.code)
        try again.send("Enter")
        let offer = try again.waitFor("Жалғастырасыз ба")
        #expect(offer.contains("2 жауап"))
        try again.send("Enter")
        try again.waitFor("Сұрақ 3 / 4")
        try again.send("C-c")
        try again.waitFor("EXIT=130")
        #expect(try store.responses(attempt: a.rowID).count == 2)
    }

    /// A save held up by another writer (here a write transaction kept open for 3 s; on a central
    /// server, a large import): the screen says the answer is being saved, and the keys pressed
    /// meanwhile must not answer the questions after it. They are dropped with a notice, and the
    /// next question waits for its own key.
    @Test func keysPressedWhileASaveWaitsAreDropped() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre"))
        try registerNewParticipant(s, name: "Гүлнар Сейітова")
        let store = try db.store()
        let holding = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? store.backend.write(retry: false) { _ in
                holding.signal()
                Thread.sleep(forTimeInterval: 3)
            }
            released.signal()
        }
        holding.wait()
        try s.send("a")  // answers question 1; its save waits for the lock
        // The screen says the answer is being saved (still question 1).
        let waiting = try s.waitFor("Жауап сақталуда", timeout: 2.5)
        #expect(waiting.contains("Сұрақ 1 / 4"))
        try s.send("b", "b", "b")  // typed ahead while the screen is still question 1
        released.wait()
        let screen = try s.waitFor("пернелер есепке алынбады")
        #expect(screen.contains("Сұрақ 2 / 4"))
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try s.screen().contains("Сұрақ 2 / 4"), "the keys typed ahead answered nothing")
        let p = try #require(try store.participants(training: "t1").first)
        let a = try #require(try store.attempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test"))
        let saved = try store.responses(attempt: a.rowID)
        #expect(saved["q1"]?.choice == "a")
        #expect(saved.count == 1)
        try s.send("b")
        try s.waitFor("Сұрақ 3 / 4")
        #expect(try store.responses(attempt: a.rowID)["q2"]?.choice == "b")
    }

    @Test func longCaseTextPagesInASmallTerminal() throws {
        let db = try TempDB()
        let s = try TmuxSession("\(try katchBinary()) practice exercise-4a --db \(db.path) --course \(repositoryRoot.path)", columns: 80, rows: 20)
        let first = try s.waitFor("PgUp/PgDn")
        #expect(first.contains("↓"))
        #expect(!first.contains("Сұрақ 1 /"))
        // The header stays on one line and the screen never scrolls its top away.
        #expect(first.split(separator: "\n").first?.hasPrefix("Жаттығу") == true)
        try s.send("NPage")
        let paged = try s.waitFor("↑")
        #expect(paged != first)
        var screen = paged
        for _ in 0..<20 where !screen.contains("Сұрақ 1 / 5") {
            try s.send("Enter")
            screen = try s.screen()
        }
        #expect(screen.contains("Сұрақ 1 / 5"))
        try s.send("C-c")
        try s.waitFor("EXIT=130")
    }

    @Test func noColorAndNarrowTerminal() throws {
        let db = try TempDB()
        let s = try TmuxSession(try quizCommand(db, "pre", env: "NO_COLOR=1"), columns: 40, rows: 20)
        try s.waitFor("Enter")
        let raw = try s.tmux(["capture-pane", "-t", s.name, "-p", "-e"])
        #expect(!raw.contains("\u{1B}[1m"))
        for line in try s.screen().split(separator: "\n") { #expect(TextLayout.width(String(line)) <= 40) }
        try s.send("C-c")
        try s.waitFor("EXIT=130")
    }
}

@Suite struct TextLayoutTests {
    @Test func wrapsKazakhWordsWhole() {
        let text = "Қазақстанның балалар саудасына қарсы іс-қимылы жобасы өңірлерде өткізіледі"
        let lines = TextLayout.wrap(text, columns: 20)
        #expect(lines.allSatisfy { TextLayout.width($0) <= 20 })
        #expect(lines.joined(separator: " ") == text)
        #expect(lines.first == "Қазақстанның балалар")
    }

    @Test func splitsOverlongWords() {
        let lines = TextLayout.wrap(String(repeating: "ә", count: 45), columns: 20)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 20 })
    }

    @Test func truncatesAtAWholeWord() {
        let prompt = "Адам саудасы кезінде балаларды қанаудың қандай түрлері кездеседі?"
        #expect(TextLayout.truncate(prompt, columns: 30) == "Адам саудасы кезінде балалард…")
        #expect(TextLayout.truncate(prompt, columns: 30, atWord: true) == "Адам саудасы кезінде…")
        #expect(TextLayout.truncate("Қысқа", columns: 30, atWord: true) == "Қысқа")
        #expect(TextLayout.truncate(String(repeating: "ә", count: 40), columns: 10, atWord: true).count == 10)
    }

    @Test func progressBar() {
        #expect(TextLayout.progressBar(done: 5, total: 10, width: 10) == "█████░░░░░")
        #expect(TextLayout.progressBar(done: 0, total: 10, width: 4) == "░░░░")
    }

    @Test func optionInput() {
        #expect(OptionInput.index("2", count: 3) == 1)
        #expect(OptionInput.index("C", count: 3) == 2)
        #expect(OptionInput.index("4", count: 3) == nil)
        #expect(OptionInput.index("d", count: 3) == nil)
        #expect(OptionInput.indices("1 3", count: 3) == [0, 2])
        #expect(OptionInput.indices("a,c", count: 3) == [0, 2])
        #expect(OptionInput.indices("ac", count: 3) == [0, 2])
        #expect(OptionInput.indices("1 9", count: 3) == nil)
    }

    @Test func noColorDisablesEscapes() {
        #expect(Style(enabled: true, environment: ["NO_COLOR": "1"]).bold("x") == "x")
        #expect(Style(enabled: true, environment: [:]).bold("x") == "\u{1B}[1mx\u{1B}[0m")
    }
}
