import Foundation
import Testing
@testable import CourseModel
@testable import SiteBuilder

/// The real KATCH course in this repository: checks clean, builds, links resolve, no leaks.
@Suite struct RealCourseTests {
    @Test func realCourseIsCleanAndBuilds() throws {
        let result = CourseLoader.load(root: repositoryRoot)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(10).map(\.description))")
        let outputs = try SiteBuilder(course: result.course).buildAll()
        for output in outputs {
            let problems = LinkChecker.check(output)
            #expect(problems.isEmpty, "\(output.edition): \(problems.prefix(10))")
        }
    }
}
