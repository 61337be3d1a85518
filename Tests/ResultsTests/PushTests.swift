import Foundation
import Instruments
import Statistics
import Testing
import TestSupport
@testable import Results

/// `katch results push`: a laptop's SQLite store into the central PostgreSQL store (issue 17, item 4).
@Suite struct PushTests {
    func export(_ s: ResultsStore) throws -> [UInt8] {
        let k = keys()
        return try s.exportCSV(format: .long, quiz: k.quiz, survey: k.survey)
    }

    func identities(_ s: ResultsStore) throws -> Int {
        try s.read { c in try c.one("SELECT COUNT(*) FROM participant_identity")?[0] ?? -1 }
    }

    @Test func aSecondPushChangesNothingAndNamesStayOnTheLaptop() throws {
        let laptop = try filledStore(.sqlite)
        let central = try TempStore(.postgres)
        let first = try laptop.store.push(to: central.store, withNames: false)
        #expect(first.trainings == 1 && first.participants == 4 && first.identities == 0)
        #expect(first.attempts == 8, "pre, post and feedback attempts (one not submitted yet); practice stays on the laptop")
        #expect(try export(central.store) == export(laptop.store))
        #expect(try results(central.store) == results(laptop.store).filter { !$0.contains("|practice|") })
        #expect(try identities(central.store) == 0, "no name or contact left the laptop")

        let before = try export(central.store)
        let second = try laptop.store.push(to: central.store, withNames: false)
        #expect(second.changedNothing, "\(second)")
        #expect(try export(central.store) == before)

        // A score given on the laptop after the push goes up with the next push; the rest stays.
        let snap = try laptop.store.snapshot()
        let open = try #require(snap.responses.first { $0.response.questionID == "q10" && $0.response.score == nil })
        try laptop.store.setScore(Fraction(1), maximum: 2, attempt: open.attemptID, question: "q10")
        let third = try laptop.store.push(to: central.store, withNames: false)
        #expect(third.answersUpdated == 1 && third.answers == 0 && third.participants == 0, "\(third)")
        #expect(try export(central.store) == export(laptop.store))
    }

    @Test func namesGoOnlyWithWithNames() throws {
        let laptop = try filledStore(.sqlite)
        let central = try TempStore(.postgres)
        let s = try laptop.store.push(to: central.store, withNames: true)
        #expect(s.identities == 4)
        #expect(try identities(central.store) == 4)
        let p = try #require(try laptop.store.participants(training: "t-1", name: secretName).first)
        #expect(try central.store.participants(training: "t-1", name: secretName).map(\.code) == [p.code])
    }

    @Test func aTrainingThatDiffersIsRefusedNamingWhatDiffers() throws {
        let laptop = try filledStore(.sqlite)
        let central = try TempStore(.postgres)
        try central.store.addTraining(Training(id: "t-1", title: "Шымкент", place: "Шымкент"))
        do {
            _ = try laptop.store.push(to: central.store, withNames: true)
            Issue.record("a differing training was pushed")
        } catch {
            #expect(error.description.contains("training 't-1' differs: title 'Түркістан' here, 'Шымкент' there, place '' here, 'Шымкент' there"), "\(error.description)")
            #expect(error.description.hasSuffix("nothing was pushed"))
            #expect(!error.description.contains(secretName) && !error.description.contains("aibope"))
        }
        #expect(try central.store.participants(training: "t-1").isEmpty, "nothing was pushed")
    }

    @Test func aParticipantOrSubmittedAnswerThatDiffersIsRefused() throws {
        let laptop = try filledStore(.sqlite)
        let central = try TempStore(.postgres)
        _ = try laptop.store.push(to: central.store, withNames: false)
        let p = try #require(try laptop.store.participants(training: "t-1").first)
        let there = try #require(try central.store.participant(training: "t-1", code: p.code))
        let a = try #require(try central.store.attempt(participant: there.rowID, phase: .pre, instrument: "pre-post-test"))
        let last = try #require(try laptop.store.participants(training: "t-1").last)
        _ = try central.store.write { c in try c.execute("UPDATE response SET choice = 'c' WHERE attempt_id = ? AND question_id = 'q1'", [a.rowID]) }
        _ = try central.store.write { c in try c.execute("UPDATE participant SET gender = 'x' WHERE code = ?", [last.code]) }
        let before = try export(central.store)
        do {
            _ = try laptop.store.push(to: central.store, withNames: false)
            Issue.record("a differing answer was pushed over")
        } catch {
            #expect(error.description.contains("participant \(p.code) of 't-1', pre pre-post-test, q1: the answer differs"), "\(error.description)")
            #expect(error.description.contains("is registered differently: gender"), "\(error.description)")
        }
        #expect(try export(central.store) == before)
    }
}
