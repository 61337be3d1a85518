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
            for (path, bytes) in output.files where path.hasSuffix(".html") {
                let skips = HeadingOrder.skips(String(decoding: bytes, as: UTF8.self))
                #expect(skips.isEmpty, "\(output.edition) \(path): heading levels skip \(skips)")
            }
        }
    }
}

/// Heading levels inside <main> that skip a level going down (h2 → h4).
enum HeadingOrder {
    static func skips(_ html: String) -> [String] {
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>") else { return [] }
        var previous = 1
        var result: [String] = []
        var rest = html[start.upperBound..<end.lowerBound]
        while let r = rest.range(of: "<h") {
            let after = rest[r.upperBound...]
            if let c = after.first, let level = Int(String(c)) {
                if level > previous + 1 { result.append("h\(previous)→h\(level)") }
                previous = level
            }
            rest = after
        }
        return result
    }
}
