import Foundation
import Testing

/// Issue 13: `katch init` writes a course that checks clean with --strict, builds, and whose test
/// can be taken in plain mode through to a report.
@Suite struct InitTests {
    /// `katch init --theme` copies the default theme out to be changed; a second run keeps the
    /// course's own files; the build then uses them.
    @Test func initThemeCopiesTheDefaultsOutAndTheBuildUsesThem() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("katch-theme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let course = base.appendingPathComponent("course")
        #expect(try runKatch(["init", course.path], input: "").status == 0)
        let first = try runKatch(["init", "--theme", course.path], input: "")
        #expect(first.status == 0 && first.output.contains("wrote site/page.html, site/search.js, site/style.css"), "\(first.output)")
        let css = course.appendingPathComponent("site/style.css")
        let defaults = try Data(contentsOf: repositoryRoot.appendingPathComponent("site/style.css"))
        #expect(try Data(contentsOf: css) == defaults)
        try Data("body { color: rebeccapurple; }\n".utf8).write(to: css)
        let second = try runKatch(["init", "--theme", course.path], input: "")
        #expect(second.output.contains("wrote nothing") && second.output.contains("kept your own"), "\(second.output)")
        let out = base.appendingPathComponent("site-out")
        #expect(try runKatch(["build", "--course", course.path, "--out", out.path], input: "").status == 0)
        let built = try String(contentsOf: out.appendingPathComponent("participant/assets/style.css"), encoding: .utf8)
        #expect(built == "body { color: rebeccapurple; }\n")
    }

    @Test func initCourseChecksBuildsAndRunsToAReport() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("katch-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let course = base.appendingPathComponent("course").path
        let made = try runKatch(["init", course], input: "")
        #expect(made.status == 0, "\(made.output)")

        let check = try runKatch(["check", "--strict", "--course", course], input: "")
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("0 errors, 0 warnings"))

        let site = base.appendingPathComponent("site")
        let build = try runKatch(["build", "--course", course, "--out", site.path], input: "")
        #expect(build.status == 0, "\(build.output)")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("participant/case-1.html").path))

        let db = base.appendingPathComponent("results.sqlite").path
        #expect(try runKatch(["training", "add", "demo", "--title", "Demo", "--db", db], input: "").status == 0)
        let quiz = { (phase: String) in ["quiz", phase, "--training", "demo", "--plain", "--course", course, "--db", db] }
        // Code (Enter: new), name, region, agency, gender, contact, three answers, submit, confirm.
        let pre = ["", "Aidana Bekova", "1", "1", "1", "", "1", "1", "Ask what he does.", ".", "1", "1"]
        let preRun = try runKatch(quiz("pre"), input: pre.joined(separator: "\n") + "\n")
        #expect(preRun.status == 0, "\(preRun.output)")
        // Found by name and confirmed with the region and agency given at registration, three answers,
        // submit, then the feedback form.
        let post = ["aidana bekova", "1", "1", "2", "1 2", "Make him safe, call social services.", ".", "1", "1", "4", "5", "More cases.", ".", "1", "1"]
        let postRun = try runKatch(quiz("post"), input: post.joined(separator: "\n") + "\n")
        #expect(postRun.status == 0, "\(postRun.output)")
        #expect(postRun.output.contains("To confirm that it is you"), "\(postRun.output)")
        #expect(postRun.output.contains("Before the training"), "\(postRun.output)")

        let practice = try runKatch(["practice", "case-1", "--course", course, "--db", db], input: "1\n1\nKeep him safe.\n.\n")
        #expect(practice.status == 0, "\(practice.output)")
        #expect(practice.output.contains("Model answer"))

        let report = try runKatch(["report", "--training", "demo", "--format", "md", "--course", course, "--db", db], input: "")
        #expect(report.status == 0, "\(report.output)")
        #expect(report.output.contains("Which are warning signs?"), "\(report.output.prefix(2000))")

        // Never over someone's files.
        let again = try runKatch(["init", course], input: "")
        #expect(again.status == 1)
        #expect(again.output.contains("not empty"))
    }
}
