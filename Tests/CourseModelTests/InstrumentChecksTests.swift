import Foundation
import Testing
@testable import CourseModel

/// An open question of the test without `max=` could never be scored (stored with maximum 0,
/// reported as waiting for `katch score`, which had nothing to score): `katch check` refuses it.
@Suite struct InstrumentChecksTests {
    @Test func anOpenTestQuestionNeedsPoints() throws {
        let quiz = "## Түсіндіріңіз {#q1 type=open}\n\n> [!ANSWER]\n> Критерийлер.\n"
        let c = try TempCourse(files: ["exercises/quiz.md": page("quiz", kind: "quiz", extra: "phases: [pre, post]\n", body: quiz)])
        let found = c.diagnostics("open-without-max")
        #expect(found.count == 1)
        #expect(found.first?.position.line == 7, "the question's own line")
        #expect(found.first?.message.contains("max=") == true)
        // A survey's open question is a comment and needs none; a test question with max=2 is fine.
        let ok = try TempCourse(files: [
            "exercises/quiz.md": page("quiz", kind: "quiz", extra: "phases: [pre, post]\n", body: "## Т {#q1 type=open max=2}\n\n> [!ANSWER]\n> К.\n"),
            "exercises/survey.md": page("survey", kind: "survey", body: "## Пікір {#f1 type=open}\n"),
        ])
        #expect(ok.diagnostics("open-without-max").isEmpty)
    }
}
