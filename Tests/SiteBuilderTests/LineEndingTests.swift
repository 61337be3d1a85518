import Foundation
import Testing
@testable import CourseModel
@testable import SiteBuilder

/// Issue 13: a course saved on Windows (every file CRLF, some with a UTF-8 BOM) builds the same
/// bytes as the LF copy.
@Suite struct LineEndingTests {
    @Test func crlfCourseBuildsByteIdenticalSite() throws {
        let source = repositoryRoot.appendingPathComponent("Tests/Fixtures/mini-course")
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("katch-crlf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let lf = base.appendingPathComponent("lf")
        let crlf = base.appendingPathComponent("crlf")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: lf)
        try FileManager.default.copyItem(at: source, to: crlf)
        var converted = 0
        let enumerator = try #require(FileManager.default.enumerator(at: crlf, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where ["md", "yml"].contains(url.pathExtension) {
            let text = try String(contentsOf: url, encoding: .utf8)
            let windows = (converted % 2 == 0 ? "\u{FEFF}" : "") + text.replacingOccurrences(of: "\n", with: "\r\n")
            try Data(windows.utf8).write(to: url)
            converted += 1
        }
        #expect(converted > 10)
        let a = CourseLoader.load(root: lf)
        let b = CourseLoader.load(root: crlf)
        #expect(a.diagnostics.isEmpty, "\(a.diagnostics)")
        #expect(b.diagnostics.isEmpty, "\(b.diagnostics)")
        let outA = try SiteBuilder(course: a.course).buildAll()
        let outB = try SiteBuilder(course: b.course).buildAll()
        #expect(outA.count == outB.count)
        for (x, y) in zip(outA, outB) {
            #expect(x.files.keys.sorted() == y.files.keys.sorted())
            for (path, bytes) in x.files where y.files[path] != bytes {
                Issue.record("\(x.edition) \(path) differs between the LF and the CRLF course")
            }
        }
    }
}
