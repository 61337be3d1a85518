import CourseModel
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
}
