import Foundation
import Testing
@testable import CourseModel
@testable import SiteBuilder

/// Content fixes of issue 14 that a later edit could undo.
@Suite struct CourseContentFixesTests {
    let course = CourseLoader.load(root: repositoryRoot).course

    func visibleText(_ id: String, _ edition: Edition = .trainer) throws -> String {
        let page = try #require(course.page(id), "\(id)")
        return EditionText.visible(page.blocks, in: edition).joined(separator: " ")
    }

    @Test func appendixFourFormHasANotesLineUnderEachScoredItem() throws {
        let participant = SiteBuilder(course: course).build(.participant)
        let form = text(participant, "screening-appendix-4.html")
        let tool = try #require(course.page("screening-appendix-4")?.screeningTools.first)
        let scored = tool.allItems.filter { $0.type == .scale }.count
        #expect(scored == 13)
        #expect(form.components(separatedBy: "<div class=\"item-notes\">Ескертпелер: <span class=\"line\"></span></div>").count - 1 == scored)
        // The child screening tool's paper form has no such lines.
        #expect(!text(participant, "screening-child.html").contains("item-notes"))
    }

    @Test func sourceErrorsTaughtOnAPageCarryATrainerNote() throws {
        let notes = [
            ("m2-part-4", "D11"), ("m4b-part-2", "D39"), ("m4c-part-4", "D39"), ("m4d1-part-4", "D39"), ("m4d2-part-2", "D22"),
        ]
        for (id, defect) in notes {
            let page = try #require(course.page(id))
            let trainerNotes = page.blocks.compactMap { block -> String? in
                guard case .callout(let c) = block.kind, c.kind == .trainer else { return nil }
                return c.title.plainText
            }
            // The note names its errata entry as a link to the errata page («түзету D11»).
            #expect(trainerNotes.contains { $0.contains("түзету \(defect)") }, "\(id) has no trainer note on \(defect)")
        }
        #expect(try visibleText("m4b-part-2").contains("көпсалалы"))
    }

    @Test func discussionOneNamesOnlyTheScenariosCountries() throws {
        let text = try visibleText("discussion-1", .participant)
        #expect(!text.contains("В\u{00A0}еліндегі адам") && !text.contains("В еліндегі адам"))
        #expect(text.contains("Б\u{00A0}еліндегі адам"))
    }

    @Test func errataNoLongerCallsThePreTestLost() throws {
        let errata = try visibleText("errata")
        #expect(!errata.contains("PDF-тен алу кезінде жоғалған"))
        #expect(!errata.contains("Пациенттен сұрау"))
        #expect(errata.components(separatedBy: "ақау емес").count - 1 >= 3)  // the legend, D41, D42
    }
}
