import CourseModel
import Foundation
import Instruments
import SiteBuilder
import Testing

/// The site's table downloads go through the one CSV writer: a cell a spreadsheet would run as a
/// formula is written as text (issue 11, item 8).
@Suite struct DownloadGuardTests {
    @Test func tableDownloadsGuardFormulas() throws {
        let source = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/mini-course/exercises/exercise-1.md"), encoding: .utf8)
        let planted = source.replacingOccurrences(of: "| 2019 | 15 |", with: "| =HYPERLINK(\"http://x.example\") | @SUM(A1) |")
            .replacingOccurrences(of: "| 2020 | 22 |", with: "| +cmd | -2+3 |")
        #expect(planted != source)
        let (course, dir) = try fixtureCourse(replacing: ["exercises/exercise-1.md": planted])
        defer { try? FileManager.default.removeItem(at: dir) }
        for edition in [Edition.participant, .trainer] {
            let csv = try #require(SiteBuilder(course: course).build(edition).files["downloads/exercise-1-data.csv"])
            var cells: [String] = []
            CSVReader.parse(Array(csv.dropFirst(3)), separator: UInt8(ascii: ",")) { _, fields in cells += fields }
            #expect(cells == ["Жыл", "Барлығы", "'=HYPERLINK(\"http://x.example\")", "'@SUM(A1)", "'+cmd", "'-2+3"], "\(edition): \(cells)")
        }
    }
}
