import Foundation
import Testing
@testable import CourseModel

/// `katch practice` numbers the options in the order of the model, which is the order (and, as letters,
/// the naming) of both editions of the site: the shuffled practice order of issue 14.
@Suite struct PracticeOptionOrderTerminalTests {
    @Test func terminalShowsTheModelsOrder() throws {
        let course = CourseLoader.load(root: repositoryRoot).course
        var checked = 0
        for page in course.pages where page.kind != .quiz && page.kind != .survey {
            let choice = page.questions.filter { $0.type == .single || $0.type == .multiple }
            guard !choice.isEmpty else { continue }
            let db = try TempDB()
            // Empty lines skip every question.
            let input = String(repeating: "\n", count: page.questions.count * 3 + 5)
            let r = try runKatch(
                ["practice", page.id, "--plain", "--feedback", "end", "--db", db.path, "--course", repositoryRoot.path],
                input: input, environment: ["COLUMNS": "1000"])
            #expect(r.status == 0, "\(page.id): \(r.output.suffix(500))")
            for q in choice {
                let block = q.options.enumerated().map { " \($0 + 1)) " + $1.spans.plainText }.joined(separator: "\n")
                #expect(r.output.contains(block + "\n"), "\(page.id) \(q.id)")
                checked += 1
            }
        }
        #expect(checked >= 40)
    }
}
