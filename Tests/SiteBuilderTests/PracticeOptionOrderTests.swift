import Foundation
import HTMLText
import Instruments
import Testing
@testable import CourseModel
@testable import SiteBuilder

/// Practice questions of the real course: no answer given away by the order of the options (issue 14), and
/// the site shows the order of the model (which `katch practice` also reads), in both editions.
@Suite struct PracticeOptionOrderTests {
    let course = CourseLoader.load(root: repositoryRoot).course

    /// Choice questions outside the pre/post test and the feedback form.
    var practice: [(page: Page, question: Question)] {
        course.pages.filter { $0.kind != .quiz && $0.kind != .survey }.flatMap { page in
            page.questions.filter { $0.type == .single || $0.type == .multiple }.map { (page, $0) }
        }
    }

    @Test func noPracticeQuestionShowsItsCorrectOptionsFirst() {
        #expect(practice.count >= 40)
        for (page, q) in practice {
            let shown = q.options.map(\.isCorrect)
            #expect(!OptionOrder.correctFirst(shown), "\(page.id) \(q.id): \(shown)")
        }
        // Among them the 25 multiple-answer questions.
        #expect(practice.filter { $0.question.type == .multiple }.count >= 25)
        // A single answer stands anywhere, first included: no position is a pattern to learn.
        let positions = practice.filter { $0.question.type == .single }.compactMap { $0.question.options.firstIndex(where: \.isCorrect) }
        #expect(Set(positions).count >= 3, "\(positions)")
        #expect(positions.contains(0), "\(positions)")
    }

    @Test func theTestKeepsTheManualsOrder() throws {
        let quiz = try #require(course.page("pre-post-test"))
        let q1 = try #require(quiz.questions.first)
        // The manual's (and the paper form's) order: the definition first, and it is the right answer.
        #expect(q1.options.first?.isCorrect == true)
        #expect(q1.options.first?.spans.plainText.hasPrefix("бұл адамдарды алдау") == true)
    }

    @Test func bothEditionsShowTheModelsOrder() throws {
        var checked = 0
        for output in try SiteBuilder(course: course).buildAll() {
            for (page, q) in practice where page.isVisible(in: output.edition) {
                let html = text(output, page.id + ".html")
                let start = try #require(html.range(of: "id=\"\(q.id)\""), "\(output.edition) \(page.id) \(q.id)")
                let list = try #require(html.range(of: "<ol class=\"options\"", range: start.upperBound..<html.endIndex))
                let end = try #require(html.range(of: "</ol>", range: list.upperBound..<html.endIndex))
                let shown = try Self.options(in: String(html[list.lowerBound..<end.lowerBound]))
                let expected = q.options.enumerated().map { i, option in
                    OptionLetter.letter(i) + ") " + option.spans.plainText.html
                }
                #expect(shown == expected, "\(output.edition) \(page.id) \(q.id)")
                checked += 1
            }
        }
        #expect(checked >= 80)
    }

    /// «a) text» of every option of an options list, tags removed, the trainer's tick and key mark dropped.
    static func options(in html: String) throws -> [String] {
        let item = try NSRegularExpression(pattern: "<li[^>]*>(.*?)</li>", options: [.dotMatchesLineSeparators])
        let tag = try NSRegularExpression(pattern: "<[^>]+>")
        return item.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { m in
            guard let r = Range(m.range(at: 1), in: html) else { return nil }
            var li = String(html[r])
            if let key = li.range(of: " <strong class=\"key\">") { li = String(li[..<key.lowerBound]) }
            let plain = tag.stringByReplacingMatches(in: li, range: NSRange(li.startIndex..., in: li), withTemplate: "")
            // The trainer edition ticks the box of a correct option.
            return plain.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "✓ ", with: "")
        }
    }
}
