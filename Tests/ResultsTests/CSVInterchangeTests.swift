import CourseModel
import Instruments
import Statistics
import Foundation
import Results
import Testing
import TestSupport

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let course = CourseLoader.load(root: repositoryRoot).course

/// The quiz and survey of the real course (as `katch results` reads them).
func keys() -> (quiz: InstrumentSpec, survey: InstrumentSpec) {
    (course.quiz!, course.survey!)
}

/// The registration lists of the real course (as `katch results import` builds them).
func registration(otherAgency: Bool? = nil) -> RegistrationKey {
    let form = course.config.registration
    func options(_ list: [LabeledOption]) -> [RegistrationKey.Option] { list.map { .init(id: $0.id, label: $0.label) } }
    return RegistrationKey(
        regions: options(form.regions), agencies: options(form.agencies), otherAgency: otherAgency ?? form.otherAgency,
        otherAgencyLabels: ["Басқа", "Другое", "Other"], genders: options(form.genders))
}

/// An empty store of `kind` (a file in a temporary folder, or a new database on the test server).
final class TempStore {
    let dir: URL
    let store: ResultsStore
    init(_ kind: StoreKind = .sqlite) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-results-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = try ResultsStore(path: try newStoreLocation(kind, in: dir, name: "r.sqlite"))
    }
    deinit { try? FileManager.default.removeItem(at: dir) }
}

let secretName = "Айбөпе Тестқызы-Құпиябекова"
let secretContact = "aibope.secret@example.kz +7 702 111 2233"

/// A small database filled through the public API: 3 participants, pre, post, feedback, practice.
func filledStore(_ kind: StoreKind = .sqlite) throws -> TempStore {
    let t = try TempStore(kind)
    let s = t.store
    let quiz = course.pages.first { $0.kind == .quiz }!
    try s.addTraining(Training(id: "t-1", title: "Түркістан"))
    for i in 0..<3 {
        let p = try s.register(
            Registration(name: i == 0 ? secretName : "Қатысушы \(i)", region: "turkistan-region", agency: i == 2 ? "other" : "police",
                         agencyOther: i == 2 ? "ҮЕҰ, «Сенім»" : "", gender: i % 2 == 0 ? "f" : "m", contact: i == 0 ? secretContact : ""), training: "t-1")
        for phase in [Phase.pre, .post] where !(i == 2 && phase == .post) {
            let a = try s.startAttempt(participant: p.rowID, phase: phase, instrument: quiz.id, contentHash: "h")
            for (k, q) in quiz.questions.enumerated() where q.type != .open {
                let choice = (k + i + (phase == .post ? 1 : 0)) % 2 == 0 ? OptionLetter.encode(q.correctIndices) : "b"
                let chosen = Set(OptionLetter.decode(choice)!)
                try s.save(Response(questionID: q.id, choice: choice, correct: q.isCorrect(chosen), score: q.isCorrect(chosen) ? 1 : 0), attempt: a.rowID, position: k)
            }
            let open = i == 1 ? "=1+1 деп жазды, формула емес" : "Бірлесіп, \"ақпарат\" алмасу;\nекінші жол"
            try s.save(Response(questionID: "q10", text: open, maxScore: 2), attempt: a.rowID, position: 9)
            if i == 0 { try s.setScore(Fraction(3, 2), maximum: 2, attempt: a.rowID, question: "q10") }
            try s.submit(attempt: a.rowID)
        }
        if i < 2 {
            let f = try s.startAttempt(participant: p.rowID, phase: .feedback, instrument: "feedback-form", contentHash: "h")
            try s.save(Response(questionID: "f1", choice: "\(4 + i)", maxScore: 0), attempt: f.rowID, position: 0)
            try s.save(Response(questionID: "f3", text: "Жақсы <өтті> & т.б.", maxScore: 0), attempt: f.rowID, position: 2)
            try s.submit(attempt: f.rowID)
        }
        let practice = try s.startAttempt(participant: p.rowID, phase: .practice, instrument: "exercise-1", contentHash: "h")
        try s.save(Response(questionID: "ex1-s1-acts", choice: "a"), attempt: practice.rowID, position: 0)
        try s.submit(attempt: practice.rowID)
    }
    // An unsubmitted attempt is not exported.
    let p = try s.register(Registration(name: "Тапсырмаған", region: "almaty-city", agency: "police", gender: "m"), training: "t-1")
    let a = try s.startAttempt(participant: p.rowID, phase: .pre, instrument: "pre-post-test", contentHash: "h")
    try s.save(Response(questionID: "q1", choice: "a", correct: true, score: 1), attempt: a.rowID, position: 0)
    return t
}

/// Every submitted answer of the database, as comparable text lines (no row ids, no times).
func results(_ s: ResultsStore) throws -> [String] {
    let snap = try s.snapshot()
    var lines: [String] = []
    for p in snap.participants {
        for a in snap.attempts where a.participantID == p.rowID && a.isSubmitted {
            for r in snap.responses where r.attemptID == a.rowID {
                let x = r.response
                lines.append([p.trainingID, p.code, p.region, p.agency, p.agencyOther, p.gender, a.phase.rawValue, a.instrumentID, x.questionID,
                              x.choice ?? "-", x.text ?? "-", x.correct.map { "\($0)" } ?? "-", x.score.map { "\($0)" } ?? "-", "\(x.maxScore)"].joined(separator: "|"))
            }
        }
    }
    return lines.sorted()
}

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

@Suite struct CSVInterchangeTests {
    @Test(arguments: StoreKind.allCases) func exportLongHasBOMCRLFAndNoPersonalData(store kind: StoreKind) throws {
        let t = try filledStore(kind)
        let k = keys()
        let bytes = try t.store.exportCSV(format: .long, quiz: k.quiz, survey: k.survey)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let csv = text(Array(bytes.dropFirst(3)))
        #expect(csv.hasPrefix("training_id,participant_id,region,agency,gender,phase,question_id,response,correct,score"))
        #expect(csv.contains("\r\n"))
        #expect(!csv.contains("Құпиябекова") && !csv.contains("Айбөпе") && !csv.contains("aibope.secret") && !csv.contains("2233"))
        #expect(!csv.contains("Тапсырмаған"))
        #expect(!csv.contains("ex1-s1-acts"), "practice answers are never exported")
        #expect(!csv.contains(",practice,"))
        #expect(csv.contains("\"Бірлесіп, \"\"ақпарат\"\" алмасу;\nекінші жол\""))
        #expect(csv.contains(",feedback,f1,4,,"))
        for format in CSVFormat.allCases {
            let all = text(try t.store.exportCSV(format: format, quiz: k.quiz, survey: k.survey))
            #expect(!all.contains("Құпиябекова") && !all.contains("aibope"))
        }
    }

    @Test(arguments: CSVFormat.allCases, StoreKind.allCases) func roundTripIntoEmptyDatabase(format: CSVFormat, store kind: StoreKind) throws {
        let t = try filledStore(kind)
        let k = keys()
        let bytes = try t.store.exportCSV(format: format, quiz: k.quiz, survey: k.survey)
        let u = try TempStore(kind)
        let summary = try u.store.importCSV(
            bytes, options: CSVImportOptions(createTrainings: true, quiz: k.quiz, survey: k.survey, registration: registration(), fileName: "x.csv"))
        #expect(summary.format == format)
        #expect(summary.participantsCreated == 3)
        #expect(summary.trainingsCreated == ["t-1"])
        #expect(try results(u.store) == results(t.store).filter { !$0.contains("|practice|") })
        // A text a spreadsheet would run as a formula is exported as text and comes back unchanged.
        #expect(text(bytes).contains("'=1+1 деп жазды"))
        // Exporting again gives the same file.
        #expect(try u.store.exportCSV(format: format, quiz: k.quiz, survey: k.survey) == bytes)
    }

    @Test func roundTripWithoutCourseKeepsTheFile() throws {
        let t = try filledStore()
        let bytes = try t.store.exportCSV(format: .long)
        let u = try TempStore()
        _ = try u.store.importCSV(bytes, options: CSVImportOptions(createTrainings: true))
        let a = try results(u.store).map { $0.split(separator: "|", omittingEmptySubsequences: false).dropLast().joined(separator: "|") }
        let b = try results(t.store).map { $0.split(separator: "|", omittingEmptySubsequences: false).dropLast().joined(separator: "|") }
        #expect(a == b)
    }

    @Test func acceptsSemicolonsCRLFQuotesAndNoBOM() throws {
        let k = keys()
        let csv = "participant_id;phase;q1;q2;q3;q4;q5;q6;q7;q8;q9;q10;q10_score\r\n"
            + "abc234;pre;a;c;A;b;a;a;b;c;c;\"Бір; екі \"\"үш\"\"\r\nтөрт\";2\r\n"
            + "ABC234;post;a;c;a;a;a;a;b;c;c;жауап;\r\n"
        let t = try TempStore()
        try t.store.addTraining(Training(id: "t-2", title: "T"))
        let s = try t.store.importCSV(Array(csv.utf8), options: CSVImportOptions(training: "t-2", quiz: k.quiz, survey: k.survey, fileName: "paper.csv"))
        #expect(s.format == .wide)
        #expect(s.responses == 20)
        let snap = try t.store.snapshot()
        #expect(snap.participants.map(\.code) == ["ABC234"])
        let q10 = snap.responses.first { $0.response.questionID == "q10" && $0.response.score != nil }
        // A line break inside an answer is stored as the quiz stores it: LF (CR is a control character).
        #expect(q10?.response.text == "Бір; екі \"үш\"\nтөрт")
        #expect(q10?.response.score == 2)
        // q4 = b is wrong, recomputed from the key whatever the file says.
        let q4 = snap.responses.filter { $0.response.questionID == "q4" }.map { $0.response.correct }
        #expect(q4.contains(false) && q4.contains(true))
        #expect(snap.attempts.allSatisfy { $0.isSubmitted })
    }

    /// An import large enough that PostgreSQL copies participants and attempts with ids reserved
    /// from their sequences (1,000 rows and more): the same answers as SQLite's, the ids of the
    /// sequences taken (a participant registered afterwards gets a new id), and a second import
    /// after it.
    @Test(arguments: StoreKind.allCases) func largeImportKeepsEveryAnswerAndTheIdsAfterIt(store kind: StoreKind) throws {
        let k = keys()
        let letters = Array("ABCDEFGHJKMNPQRSTUVWXYZ")
        func csv(_ training: String, _ count: Int) -> [UInt8] {
            var text = "training_id,participant_id,region,agency,gender,phase,q1,q2,q10,q10_score\n"
            for i in 0..<count {
                let code = String([letters[i / 529 % 23], letters[i / 23 % 23], letters[i % 23]]) + "234"
                text += "\(training),\(code),turkistan-region,police,\(i % 2 == 0 ? "f" : "m"),pre,a,b,жауап \(i),\(i % 3)\n"
                text += "\(training),\(code),turkistan-region,police,\(i % 2 == 0 ? "f" : "m"),post,b,c,,\n"
            }
            return Array(text.utf8)
        }
        let options = CSVImportOptions(createTrainings: true, quiz: k.quiz, survey: k.survey, registration: registration(), fileName: "big.csv")
        let t = try TempStore(kind)
        let first = try t.store.importCSV(csv("t-big", 1_200), options: options)
        #expect(first.participantsCreated == 1_200 && first.attempts == 2_400 && first.responses == 1_200 * 5, "pre: q1, q2, q10; post: q1, q2")
        let reference = try TempStore(.sqlite)
        _ = try reference.store.importCSV(csv("t-big", 1_200), options: options)
        #expect(try results(t.store) == results(reference.store))
        // Each answer belongs to its participant's attempt (the ids handed out are the ones stored).
        let snap = try t.store.snapshot()
        let codeOf = Dictionary(uniqueKeysWithValues: snap.participants.map { ($0.rowID, $0.code) })
        let attemptOwner = Dictionary(uniqueKeysWithValues: snap.attempts.map { ($0.rowID, codeOf[$0.participantID]) })
        for r in snap.responses where r.response.questionID == "q10" && r.response.text?.isEmpty == false {
            let i = Int(r.response.text?.split(separator: " ").last ?? "") ?? -1
            let code = String([letters[i / 529 % 23], letters[i / 23 % 23], letters[i % 23]]) + "234"
            #expect(attemptOwner[r.attemptID] == code)
        }
        try t.store.addTraining(Training(id: "t-later", title: "T"))
        let later = try t.store.register(Registration(name: "Кейін", region: "almaty-city", agency: "police", gender: "m"), training: "t-later")
        #expect(!snap.participants.contains { $0.rowID == later.rowID })
        let second = try t.store.importCSV(csv("t-big-2", 1_100), options: options)
        #expect(second.participantsCreated == 1_100)
        #expect(try t.store.snapshot().participants.count == 1_200 + 1 + 1_100)
    }

    /// A paper form where the trainer wrote a score on the open question but nobody typed its text:
    /// the score is kept (text empty), in the wide and the long layout.
    @Test func scoreWithoutTextIsKept() throws {
        let k = keys()
        let wide = "participant_id,phase,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q10_score\n"
            + "ABC234,pre,a,c,a,a,a,a,b,c,c,,2\n"
        let long = "participant_id,phase,question_id,response,correct,score\n"
            + "DEF567,pre,q1,a,,\n"
            + "DEF567,pre,q10,,,1.5\n"
        for csv in [wide, long] {
            let t = try TempStore()
            try t.store.addTraining(Training(id: "t-2", title: "T"))
            _ = try t.store.importCSV(Array(csv.utf8), options: CSVImportOptions(training: "t-2", quiz: k.quiz, survey: k.survey, fileName: "paper.csv"))
            let q10 = try #require(try t.store.snapshot().responses.first { $0.response.questionID == "q10" })
            #expect(q10.response.text == "")
            #expect(q10.response.score == (csv == wide ? 2 : 1.5))
        }
    }

    @Test(arguments: StoreKind.allCases) func badRowsNameTheirLineAndImportNothing(store kind: StoreKind) throws {
        let k = keys()
        let t = try TempStore(kind)
        try t.store.addTraining(Training(id: "t-1", title: "T"))
        let csv = """
            \u{FEFF}training_id,participant_id,region,agency,gender,phase,question_id,response,correct,score
            t-1,AAA222,almaty-city,police,f,pre,q1,a,1,1
            t-1,AAA222,almaty-city,police,f,pre,q2,z,,
            t-1,AAA222,almaty-city,police,f,during,q3,a,,
            t-1,AAA222,almaty-city,police,f,pre,q99,a,,
            t-1,AAA222,almaty-city,police,f,pre,q10,text,,7
            t-1,AAA222,almaty-city,police,f,pre,q1,b,,
            t-1,AAA222,almaty-city,police,f,practice,q1,b,,
            t-1,AAA222,almaty-city,police,f,feedback,f1,9,,

            """
        #expect(throws: CSVImportError.self) {
            _ = try t.store.importCSV(Array(csv.utf8), options: CSVImportOptions(quiz: k.quiz, survey: k.survey, fileName: "bad.csv"))
        }
        do {
            _ = try t.store.importCSV(Array(csv.utf8), options: CSVImportOptions(quiz: k.quiz, survey: k.survey, fileName: "bad.csv"))
        } catch {
            let lines = error.problems.map(\.line)
            #expect(lines == [3, 4, 5, 6, 7, 8, 9])
            #expect(error.description.contains("bad.csv:3: error: q2 has options a–c; 'z' is not one"))
            #expect(error.description.contains("bad.csv:7: error: duplicate answer of AAA222 to q1"))
            #expect(error.description.contains("bad.csv:6: error: score 7 of q10 is above its maximum 2"))
            #expect(error.description.hasSuffix("nothing was imported"))
        }
        #expect(try t.store.snapshot().participants.isEmpty)
        #expect(try t.store.snapshot().attempts.isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func refusesDuplicatesUnknownTrainingsAndInvalidUTF8(store kind: StoreKind) throws {
        let k = keys()
        let t = try filledStore(kind)
        let opts = CSVImportOptions(quiz: k.quiz, survey: k.survey, fileName: "again.csv")
        let bytes = try t.store.exportCSV(format: .long, quiz: k.quiz, survey: k.survey)
        let before = try results(t.store)
        // Importing the same answers again is refused, nothing changes.
        do {
            _ = try t.store.importCSV(bytes, options: opts)
            Issue.record("duplicate import was accepted")
        } catch {
            #expect(error.description.contains("already has pre answers in the database"))
        }
        #expect(try results(t.store) == before)
        // Unknown training without --create-trainings.
        let other = "training_id,participant_id,region,agency,gender,phase,question_id,response,correct,score\nnew-training,BBB333,,,,pre,q1,a,,\n"
        do {
            _ = try t.store.importCSV(Array(other.utf8), options: opts)
            Issue.record("unknown training was accepted")
        } catch {
            #expect(error.description.contains("again.csv:2: error: no training 'new-training'"))
        }
        #expect(try !t.store.hasTraining("new-training"))
        let created = try t.store.importCSV(Array(other.utf8), options: CSVImportOptions(createTrainings: true, quiz: k.quiz, survey: k.survey))
        #expect(created.trainingsCreated == ["new-training"])
        // Invalid UTF-8 names its line.
        var bad = Array("participant_id,phase,q1\nAAA,pre,a\nBBB,pre,".utf8)
        bad += [0xC3, 0x28, 10]
        do {
            _ = try t.store.importCSV(bad, options: CSVImportOptions(training: "t-1", quiz: k.quiz, survey: k.survey, fileName: "latin1.csv"))
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect(error.problems.first?.line == 3)
            #expect(error.description.contains("latin1.csv:3: error: the file is not valid UTF-8"))
        }
        // An unknown header.
        do {
            _ = try t.store.importCSV(Array("name,score\nx,1\n".utf8), options: opts)
            Issue.record("unknown header accepted")
        } catch {
            #expect(error.problems.first?.line == 1)
        }
    }

    @Test(arguments: CSVFormat.allCases) func registrationLabelsAreStoredAsIds(format: CSVFormat) throws {
        let k = keys()
        let t = try TempStore()
        try t.store.addTraining(Training(id: "t-1", title: "T"))
        // A label (any case, padded, decomposed й), an id in capitals, «Басқа» with its text, only the text of «other», blanks.
        let decomposedWoman = "А\u{0438}\u{0306}ел".replacingOccurrences(of: "А", with: "Ә")
        let csv: String
        switch format {
        case .long:
            csv = """
                training_id,participant_id,region,agency,gender,phase,question_id,response,correct,score,agency_other
                t-1,AAA222,Алматы қаласы,Полиция департаменті,\(decomposedWoman),pre,q1,a,,,
                t-1,AAA222,almaty-city,police,f,pre,q2,a,,,
                t-1,BBB222," алматы ҚАЛАСЫ ",басқа,ЕР АДАМ,pre,q1,a,,,Әкімдік
                t-1,CCC222,Almaty-City,,M,pre,q1,a,,,Әкімдік
                t-1,DDD222,,,,pre,q1,a,,,

                """
        case .wide:
            csv = """
                training_id,participant_id,region,agency,agency_other,gender,phase,q1,q2
                t-1,AAA222,Алматы қаласы,Полиция департаменті,,\(decomposedWoman),pre,a,a
                t-1,AAA222,almaty-city,police,,f,post,a,a
                t-1,BBB222," алматы ҚАЛАСЫ ",басқа,Әкімдік,ЕР АДАМ,pre,a,
                t-1,CCC222,Almaty-City,,Әкімдік,M,pre,a,
                t-1,DDD222,,,,,pre,a,

                """
        }
        let summary = try t.store.importCSV(
            Array(csv.utf8), options: CSVImportOptions(quiz: k.quiz, survey: k.survey, registration: registration(), fileName: "labels.csv"))
        #expect(summary.participantsCreated == 4)
        let stored = try t.store.snapshot().participants.map { [$0.code, $0.region, $0.agency, $0.agencyOther, $0.gender].joined(separator: "|") }
        #expect(stored.sorted() == [
            "AAA222|almaty-city|police||f",
            "BBB222|almaty-city|other|Әкімдік|m",
            "CCC222|almaty-city|other|Әкімдік|m",
            "DDD222||||",
        ])
    }

    @Test(arguments: CSVFormat.allCases) func refusesRegistrationValuesNotInTheCourse(format: CSVFormat) throws {
        let k = keys()
        let t = try TempStore()
        try t.store.addTraining(Training(id: "t-1", title: "T"))
        let csv: String
        switch format {
        case .long:
            csv = """
                training_id,participant_id,region,agency,gender,phase,question_id,response,correct,score,agency_other
                t-1,AAA222,almaty-city,police,f,pre,q1,a,,,
                t-1,BBB222,nowhere,nonsense-agency,x,pre,q1,a,,,
                t-1,BBB222,nowhere,nonsense-agency,x,pre,q2,a,,,
                t-1,CCC222,almaty-city,police,Әйелдер,pre,q1,a,,,Әкімдік

                """
        case .wide:
            csv = """
                training_id,participant_id,region,agency,agency_other,gender,phase,q1,q2
                t-1,AAA222,almaty-city,police,,f,pre,a,
                t-1,BBB222,nowhere,nonsense-agency,,x,pre,a,
                t-1,BBB222,nowhere,nonsense-agency,,x,post,a,a
                t-1,CCC222,almaty-city,police,Әкімдік,Әйелдер,pre,a,

                """
        }
        let options = CSVImportOptions(quiz: k.quiz, survey: k.survey, registration: registration(), fileName: "reg.csv")
        do {
            _ = try t.store.importCSV(Array(csv.utf8), options: options)
            Issue.record("values outside the course's registration lists were accepted")
        } catch {
            let d = error.description
            #expect(d.contains("reg.csv:3: error: region 'nowhere' is not in the course's list of regions (ids: turkistan-region, "))
            #expect(d.contains("reg.csv:3: error: agency 'nonsense-agency' is not in the course's list of agencies (ids: child-ombudsman, "))
            #expect(d.contains("survivor-advisory-group, other;"), "«other» is one of the agency ids")
            #expect(d.contains("reg.csv:3: error: gender 'x' is not in the course's list of genders (ids: m, f;"))
            #expect(d.contains("reg.csv:5: error: gender 'Әйелдер'"))
            #expect(d.contains("reg.csv:5: error: agency_other 'Әкімдік' is only for agency 'other', but agency is 'police'"))
            // Each bad cell of a participant once, not once per answer row.
            #expect(error.problems.map(\.line) == [3, 3, 3, 5, 5])
        }
        #expect(try t.store.snapshot().participants.isEmpty)
        #expect(try t.store.snapshot().attempts.isEmpty)
        // Without the course the values are kept as typed (nothing to check against).
        let kept = try t.store.importCSV(Array(csv.utf8), options: CSVImportOptions(fileName: "reg.csv"))
        #expect(kept.participantsCreated == 3)
        #expect(try t.store.snapshot().participants.contains { $0.region == "nowhere" && $0.gender == "x" })
    }

    @Test func otherAgencyIsRefusedWhenTheCourseHasNone() throws {
        let t = try TempStore()
        try t.store.addTraining(Training(id: "t-1", title: "T"))
        let csv = """
            training_id,participant_id,region,agency,gender,phase,question_id,response,correct,score,agency_other
            t-1,AAA222,,other,,pre,q1,a,,,
            t-1,BBB222,,,,pre,q1,a,,,Әкімдік

            """
        do {
            _ = try t.store.importCSV(Array(csv.utf8), options: CSVImportOptions(registration: registration(otherAgency: false), fileName: "o.csv"))
            Issue.record("«other» accepted by a course without other_agency")
        } catch {
            #expect(error.description.contains("o.csv:2: error: agency 'other' is not in the course's list of agencies (ids: child-ombudsman, "))
            #expect(!error.description.contains("survivor-advisory-group, other;"))
            #expect(error.description.contains("o.csv:3: error: agency_other 'Әкімдік' is given but the course offers no «other» agency"))
        }
        #expect(try t.store.snapshot().participants.isEmpty)
    }
}
