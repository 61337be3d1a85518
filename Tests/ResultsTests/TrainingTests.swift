import Instruments
import Foundation
import Results
import Testing

/// Trainings are stored only with a valid id and real, ordered dates.
@Suite struct TrainingTests {
    @Test(arguments: [
        ("2026-13-45", "2025-01-01", "start date '2026-13-45' is not a valid date: there is no month 13"),
        ("2026-02-29", "", "start date '2026-02-29' is not a valid date: month 02 of 2026 has days 01–28"),
        ("2026-04-31", "", "month 04 of 2026 has days 01–30"),
        ("2026-03-00", "", "month 03 of 2026 has days 01–31"),
        ("2026-3-10", "", "start date '2026-3-10' is not a valid date: it is not of the form YYYY-MM-DD"),
        ("March", "", "it is not of the form YYYY-MM-DD"),
        ("+2026-03-10", "", "it is not of the form YYYY-MM-DD"),
        ("2026-03-10", "2025-01-01", "end date 2025-01-01 is before start date 2026-03-10"),
        ("2026-03-10", "2026-03-32", "end date '2026-03-32' is not a valid date"),
    ])
    func impossibleDatesAreRefusedAndNothingIsStored(start: String, end: String, message: String) throws {
        let t = try TempStore()
        do {
            try t.store.addTraining(Training(id: "t-9", title: "T", startDate: start, endDate: end))
            Issue.record("training with start \(start), end \(end) was stored")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
        #expect(try t.store.trainings().isEmpty)
    }

    @Test func validDatesAreStored() throws {
        let t = try TempStore()
        try t.store.addTraining(Training(id: "leap", title: "T", startDate: "2024-02-29", endDate: "2024-03-01"))
        try t.store.addTraining(Training(id: "one-day", title: "T", startDate: "2026-12-31", endDate: "2026-12-31"))
        try t.store.addTraining(Training(id: "no-dates", title: "T"))
        #expect(try t.store.trainings().map(\.id).sorted() == ["leap", "no-dates", "one-day"])
        #expect(try t.store.training("leap")?.endDate == "2024-03-01")
    }

    @Test func badIDIsRefused() throws {
        let t = try TempStore()
        #expect(throws: ResultsError.self) { try t.store.addTraining(Training(id: "a b", title: "T")) }
        #expect(throws: ResultsError.self) { try Training(id: "", title: "T").validate() }
        #expect(try t.store.trainings().isEmpty)
    }
}
