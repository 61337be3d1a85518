import Statistics
import Instruments
import CourseModel
import Evaluation
import Foundation
import Results

/// The repository root (the real KATCH course).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The real course, loaded once.
let realCourse: Course = CourseLoader.load(root: repositoryRoot).course

/// A name and a contact that must never appear in a report or export.
let secretName = "Зейнеп Құдайбергенқызы-Секретова"
let secretContact = "+7 701 555 0199 zeinep.secret@example.kz"
/// Free text that must be escaped.
let hostileText = "<script>alert(\"x\")</script> & 'бірлесіп' Қазақстан <b>жұмыс</b>"

/// A temporary folder removed by the caller.
func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-eval-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// A realistic database built through the public ResultsStore API: two trainings, pre and post
/// tests, open answers (some scored), feedback, an unmatched and an unsubmitted participant.
struct FixtureDB {
    let store: ResultsStore
    let dir: URL
    /// Codes of the participants, by training.
    var codes: [String: [String]] = [:]

    /// pre/post answers: letters for q1–q9 per participant (a = right for q1,q3,q4,q5,q6; c for q2; b for q7).
    static let key = ["a", "c", "a", "a", "a", "a", "b", "a", "a"]

    init() throws {
        dir = try temporaryDirectory()
        store = try ResultsStore(path: dir.appendingPathComponent("results.sqlite").path)
        let quiz = try require(realCourse.pages.first { $0.kind == .quiz })
        let survey = try require(realCourse.pages.first { $0.kind == .survey })
        let key = quiz.questions.filter { $0.type == .single || $0.type == .multiple }.map { q in
            OptionLetter.encode(q.correctIndices)
        }
        try store.addTraining(Training(id: "shymkent-2026-03", title: "Шымкент, наурыз", place: "Шымкент", startDate: "2026-03-10", endDate: "2026-03-12", trainer: "Т. Тренер"))
        try store.addTraining(Training(id: "almaty-2026-05", title: "Алматы, мамыр", place: "Алматы", startDate: "2026-05-04", endDate: "2026-05-06", trainer: "Т. Тренер"))
        let regions = ["shymkent-city", "turkistan-region", "almaty-city"]
        let agencies = ["police", "education", "other"]
        func answers(right: Int, seed: Int) -> [String] {
            // The first `right` questions (rotated by seed) are right, the others wrong.
            (0..<key.count).map { k in
                let isRight = ((k + seed) % key.count) < right
                if isRight { return key[k] }
                return key[k] == "a" ? "b" : "a"
            }
        }
        for (t, training) in ["shymkent-2026-03", "almaty-2026-05"].enumerated() {
            let n = t == 0 ? 12 : 6
            for i in 0..<n {
                let name = (t == 0 && i == 0) ? secretName : "Қатысушы \(t)-\(i)"
                let contact = (t == 0 && i == 0) ? secretContact : ""
                let p = try store.register(
                    Registration(
                        name: name, region: regions[i % 3], agency: agencies[i % 3], agencyOther: i % 3 == 2 ? "ҮЕҰ «Сенім»" : "",
                        gender: i % 2 == 0 ? "f" : "m", contact: contact), training: training)
                codes[training, default: []].append(p.code)
                let preRight = 3 + (i % 4)
                let postRight = Swift.min(9, preRight + 2 + (i % 3) - (i == 5 ? 4 : 0))
                let hasPre = !(t == 0 && i == 11)  // post only
                let hasPost = !(t == 0 && i == 10)  // pre only
                for (phase, right, present) in [(Phase.pre, preRight, hasPre), (Phase.post, postRight, hasPost)] where present {
                    let a = try store.startAttempt(participant: p.rowID, phase: phase, instrument: quiz.id, contentHash: "h")
                    for (k, letters) in answers(right: right, seed: i).enumerated() {
                        let q = quiz.questions[k]
                        let chosen = try require(OptionLetter.decode(letters))
                        try store.save(
                            Response(questionID: q.id, choice: letters, correct: q.isCorrect(Set(chosen)), score: q.isCorrect(Set(chosen)) ? 1 : 0),
                            attempt: a.rowID, position: k)
                    }
                    let text = i == 0 ? hostileText : "Ведомствоаралық ынтымақтастық, \(phase.rawValue) \(i)"
                    try store.save(Response(questionID: "q10", text: text, maxScore: 2), attempt: a.rowID, position: 9)
                    // Practice attempts must never be counted or exported.
                    if i == 1 && phase == .pre {
                        let practice = try store.startAttempt(participant: p.rowID, phase: .practice, instrument: "exercise-1", contentHash: "h")
                        try store.save(Response(questionID: "ex1-s1-acts", choice: "a", correct: true, score: 1), attempt: practice.rowID, position: 0)
                        try store.submit(attempt: practice.rowID)
                    }
                    if !(t == 1 && i == 3 && phase == .post) { try store.submit(attempt: a.rowID) }  // one unsubmitted post
                    if i % 2 == 0 || phase == .pre { try store.setScore(Fraction(i % 3), maximum: 2, attempt: a.rowID, question: "q10") }
                }
                if hasPost {
                    let f = try store.startAttempt(participant: p.rowID, phase: .feedback, instrument: survey.id, contentHash: "h")
                    try store.save(Response(questionID: "f1", choice: "\(3 + i % 3)", maxScore: 0), attempt: f.rowID, position: 0)
                    try store.save(Response(questionID: "f2", choice: "\(4 + i % 2)", maxScore: 0), attempt: f.rowID, position: 1)
                    try store.save(Response(questionID: "f3", text: i == 0 ? hostileText : "Рөлдік ойындар \(i)", maxScore: 0), attempt: f.rowID, position: 2)
                    try store.submit(attempt: f.rowID)
                }
            }
        }
        _ = key
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}

/// `#require` outside a test body.
func require<T>(_ value: T?, _ message: String = "missing value") throws -> T {
    guard let value else { throw FixtureError(message) }
    return value
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
