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
            let problems = LinkChecker.check(output, siblings: outputs.filter { $0.edition != output.edition })
            #expect(problems.isEmpty, "\(output.edition): \(problems.prefix(10))")
            for (path, bytes) in output.files where path.hasSuffix(".html") {
                let skips = HeadingOrder.skips(String(decoding: bytes, as: UTF8.self))
                #expect(skips.isEmpty, "\(output.edition) \(path): heading levels skip \(skips)")
            }
        }
    }
}

@Suite struct RealCourseAnswersTests {
    /// Every practice or quiz explanation of the real course is in the trainer edition and in no
    /// participant file; no participant file marks a correct option.
    @Test func participantEditionHoldsNoAnswers() throws {
        let course = CourseLoader.load(root: repositoryRoot).course
        let outputs = try SiteBuilder(course: course).buildAll()
        let participant = try #require(outputs.first { $0.edition == .participant })
        let trainer = try #require(outputs.first { $0.edition == .trainer })
        let participantText = participant.files.values.map { LeakDetector.textOfMarkup(String(decoding: $0, as: UTF8.self)) }.joined(separator: "\n")
        let trainerText = trainer.files.values.map { LeakDetector.textOfMarkup(String(decoding: $0, as: UTF8.self)) }.joined(separator: "\n")
        var checked = 0
        for page in course.pages where page.audience == .all {
            for q in page.questions {
                guard let explanation = q.explanation?.body.map(\.plainText).joined(separator: " "), explanation.count > 40 else { continue }
                let probe = String(explanation.prefix(60))
                if participantVisible(probe, course: course) { continue }
                #expect(trainerText.contains(probe), "\(q.id) explanation missing from the trainer edition")
                #expect(!participantText.contains(probe), "\(q.id) explanation leaked into the participant edition")
                checked += 1
            }
        }
        #expect(checked > 40)
        for (path, bytes) in participant.files where path.hasSuffix(".html") {
            #expect(!String(decoding: bytes, as: UTF8.self).contains("class=\"correct\""), "\(path) marks a correct option")
        }
    }

    func participantVisible(_ text: String, course: Course) -> Bool {
        course.pages.filter { $0.audience == .all }.contains { EditionText.visible($0.blocks, in: .participant).joined(separator: " ").contains(text) }
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

/// Module overviews list each of their pages once: the overview's own links stay, the generated
/// contents add only what they do not link (the parts), with links.
@Suite struct ModuleOverviewTests {
    @Test func eachActivityIsListedOnce() throws {
        let loaded = CourseLoader.load(root: repositoryRoot)
        let trainer = SiteBuilder(course: loaded.course).build(.trainer)
        for module in loaded.course.pages where module.kind == .module {
            let html = String(decoding: trainer.files[module.id + ".html"] ?? [], as: UTF8.self)
            guard let start = html.range(of: "<article>"), let end = html.range(of: "</article>") else {
                Issue.record("\(module.id): no article")
                continue
            }
            let article = String(html[start.upperBound..<end.lowerBound])
            for child in loaded.course.pages where child.module == module.id && child.id != module.id {
                let links = article.components(separatedBy: "href=\"\(child.id).html\"").count - 1
                #expect(links == 1, "\(module.id) links \(child.id) \(links) times")
            }
        }
    }
}

/// The feedback form's rating hint names the scale's own top and is not printed under a question
/// that already says it (issue 15: question 1 repeated its instruction).
@Suite struct RatingHintTests {
    @Test func theHintIsNotRepeated() throws {
        let loaded = CourseLoader.load(root: repositoryRoot)
        let page = String(decoding: SiteBuilder(course: loaded.course).build(.participant).files["feedback-form.html"] ?? [], as: UTF8.self)
        let survey = try #require(loaded.course.page("feedback-form"))
        for q in survey.questions where q.type == .rating {
            guard let start = page.range(of: "id=\"\(q.id)\"") else { Issue.record("no \(q.id)"); continue }
            let section = page[start.upperBound...].prefix { $0 != "§" }.components(separatedBy: "</section>").first ?? ""
            let times = (q.prompt + section).components(separatedBy: "1-ден 5-ке дейін").count - 1
            #expect(times <= 2 && section.components(separatedBy: "1-ден 5-ке дейін").count - 1 <= 1)
            if q.prompt.contains("1-ден 5-ке дейін") { #expect(!section.contains("<p class=\"hint\">"), "\(q.id) repeats its instruction") }
        }
    }
}
