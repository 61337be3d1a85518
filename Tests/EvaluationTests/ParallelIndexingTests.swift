import CourseModel
import Foundation
import Results
import Testing

@testable import Evaluation

/// The stored answers are indexed in parts on every core: any number of parts gives the report
/// one pass gives, to the byte.
struct ParallelIndexingTests {
    @Test func partsGiveTheSameReport() throws {
        let fixture = try FixtureDB()
        defer { fixture.remove() }
        let input = try EvaluationInput(course: realCourse)
        let snapshot = try fixture.store.snapshot()
        var options = EvaluationOptions()
        options.answerParts = 1
        let one = try Evaluator.evaluate(snapshot, input: input, options: options).rendered(as: .json)
        for parts in [2, 3, 7, snapshot.responses.count + 5] {
            options.answerParts = parts
            let split = try Evaluator.evaluate(snapshot, input: input, options: options).rendered(as: .json)
            #expect(split == one, "\(parts) parts")
        }
        #expect(snapshot.responses.count > 100)
    }

    /// A whole report written with its arrays in slices (every array of the top three levels, at
    /// the smallest thresholds) is Foundation's JSON, to the byte.
    @Test func aReportWrittenInSlicesIsTheSame() throws {
        let fixture = try FixtureDB()
        defer { fixture.remove() }
        let report = try Evaluator.evaluate(try fixture.store.snapshot(), input: try EvaluationInput(course: realCourse))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let oracle = Array(try encoder.encode(report))
        for splitAt in [1, 2, 5, Int.max] {
            let (json, split) = try SortedJSONEncoder.encodeCountingSplits(report, splitAt: splitAt)
            #expect(json == oracle, "split at \(splitAt)")
            if splitAt == 1 && ProcessInfo.processInfo.activeProcessorCount > 1 { #expect(split > 5) }
        }
    }

    /// Reading and indexing at once, in batches of any size, gives the report of the snapshot.
    @Test func streamedAnswersGiveTheSameReport() throws {
        let fixture = try FixtureDB()
        defer { fixture.remove() }
        let input = try EvaluationInput(course: realCourse)
        let expected = try Evaluator.evaluate(try fixture.store.snapshot(), input: input).rendered(as: .json)
        for size in [1, 7, 100_000] {
            var options = EvaluationOptions()
            options.answerBatchSize = size
            let (trainings, report) = try Evaluator.evaluate(store: fixture.store, trainings: nil, input: input, options: options)
            #expect(report.rendered(as: .json) == expected, "batches of \(size)")
            #expect(trainings.count == 2)
        }
        let one = try Evaluator.evaluate(store: fixture.store, trainings: ["almaty-2026-05"], input: input)
        #expect(one.trainings.map(\.id) == ["almaty-2026-05"])
        #expect(throws: ResultsError.self) { try Evaluator.evaluate(store: fixture.store, trainings: ["nowhere"], input: input) }
    }

    /// Report numbers are printed by the C library's `%.*f`, as `String(format:)` prints them
    /// (halves, binary neighbours of halves, negatives rounding to zero, large values).
    @Test func numbersPrintAsStringFormat() {
        var values: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 0.35, 2.5, -0.04, -0.05, 1e15 + 0.5, 59.25, 74.05, 99.95, 1.0 / 3, -12.345, .infinity, .nan]
        values += [0.0005, 0.0015, 0.0025, 1e-300, 5e-324, -5e-324, 999.9995, 123456789.0125, 0.125, 0.375, 1.005, 2.675, 1e14 + 0.25]
        var generator = SystemRandomNumberGenerator()
        values += (0..<3000).map { i in
            // Percentages, gains and halves of thousandths, where rounding is decided.
            switch i % 3 {
            case 0: return Double.random(in: -100...100, using: &generator)
            case 1: return Double(Int.random(in: -200_000...200_000, using: &generator)) / 2000
            default: return Double(Int.random(in: 0...1000, using: &generator)) / 3
            }
        }
        for x in values {
            for digits in 0...3 {
                var expected = String(format: "%.\(digits)f", x)
                if ["-0.0", "-0.00", "-0.000", "-0"].contains(expected) { expected.removeFirst() }
                #expect(ReportText.number(x, digits) == expected, "\(x) \(digits)")
            }
        }
    }

    @Test func rowIDIndexDenseAndSparse() {
        var dense = RowIDIndex<String>(ids: [7, 3, 5])
        dense[3] = "c"
        dense[7] = "g"
        #expect(dense[3] == "c" && dense[7] == "g" && dense[5] == nil && dense[2] == nil && dense[8] == nil)
        var sparse = RowIDIndex<String>(ids: [1, Int64.max, Int64.min])
        sparse[Int64.max] = "max"
        sparse[Int64.min] = "min"
        #expect(sparse[Int64.max] == "max" && sparse[Int64.min] == "min" && sparse[1] == nil)
        let empty = RowIDIndex<Int>(ids: [])
        #expect(empty[0] == nil)
    }
}
