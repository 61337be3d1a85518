import HTMLText
import Foundation
import Testing
@testable import CourseModel
@testable import SiteBuilder

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixtureCourse() throws -> Course {
    let result = CourseLoader.load(root: repositoryRoot.appendingPathComponent("Tests/Fixtures/mini-course"))
    #expect(!result.hasErrors, "\(result.diagnostics)")
    return result.course
}

func text(_ output: EditionOutput, _ path: String) -> String {
    String(decoding: output.files[path] ?? [], as: UTF8.self)
}

@Suite struct SiteTests {
    @Test func bothEditionsHaveEveryKindOfPage() throws {
        let outputs = try SiteBuilder(course: fixtureCourse()).buildAll()
        let trainer = try #require(outputs.first { $0.edition == .trainer })
        let participant = try #require(outputs.first { $0.edition == .participant })
        for path in ["index.html", "agenda.html", "agenda-day-1.html", "agenda-day-3-4a.html", "activities.html", "print.html",
                     "search.html", "assets/search-index.js", "assets/style.css", "exercise-1.html", "pre-post-test.html",
                     "feedback-form.html", "screening-child.html", "downloads/exercise-1-data.csv"] {
            #expect(trainer.files[path] != nil, "trainer misses \(path)")
            #expect(participant.files[path] != nil, "participant misses \(path)")
        }
        #expect(trainer.files["trainer-notes.html"] != nil)
        #expect(trainer.files["m1-part-1.html"] != nil)
        #expect(participant.files["trainer-notes.html"] == nil)
        #expect(participant.files["m1-part-1.html"] == nil)
    }

    /// `katch build` writes each file as it is made: the same bytes as the edition built in memory,
    /// and a build that fails (here on an unusable page frame) leaves the last site as it was.
    @Test func buildingIntoAFolderWritesTheSameFilesAndFailsWithoutHarm() throws {
        let fm = FileManager.default
        let course = try fixtureCourse()
        let dir = fm.temporaryDirectory.appendingPathComponent("katch-into-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        let written = try SiteBuilder(course: course).build(into: dir)
        for output in try SiteBuilder(course: course).buildAll() {
            let report = try #require(written.first { $0.edition == output.edition })
            #expect(report.fileCount == output.files.count)
            #expect(report.pageCount == output.pageCount)
            #expect(report.byteCount == output.byteCount)
            for (path, bytes) in output.files {
                #expect(fm.contents(atPath: report.folder.appendingPathComponent(path).path) == Data(bytes), "\(path)")
            }
        }
        let before = try #require(fm.contents(atPath: dir.appendingPathComponent("trainer/index.html").path))
        let (broken, root) = try fixtureCourse(replacing: [:])
        defer { try? fm.removeItem(at: root) }
        try fm.createDirectory(at: root.appendingPathComponent("site"), withIntermediateDirectories: true)
        try Data("<html>{{nonsense}}</html>".utf8).write(to: root.appendingPathComponent("site/page.html"))
        #expect(throws: SiteError.self) { try SiteBuilder(course: broken).build(into: dir) }
        #expect(fm.contents(atPath: dir.appendingPathComponent("trainer/index.html").path) == before)
        #expect(try fm.contentsOfDirectory(atPath: dir.path).sorted() == ["participant", "trainer"])
    }

    /// The edition a build replaces is kept as a hidden spare whose files the next build writes over
    /// (the same inodes): what the spare held and the build does not make is gone, a file standing
    /// where a folder goes (and a folder where a file goes) is replaced, and the site is the same,
    /// byte for byte, as the one built in memory.
    @Test func aSecondBuildWritesOverTheSpareAndLeavesNothingOfIt() throws {
        let fm = FileManager.default
        let course = try fixtureCourse()
        let dir = fm.temporaryDirectory.appendingPathComponent("katch-spare-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        _ = try SiteBuilder(course: course).build(into: dir)
        #expect(try fm.contentsOfDirectory(atPath: dir.path).sorted() == ["participant", "trainer"], "no spare after a first build")
        _ = try SiteBuilder(course: course).build(into: dir)
        #expect(
            try fm.contentsOfDirectory(atPath: dir.path).sorted() == [".participant.katch-spare", ".trainer.katch-spare", "participant", "trainer"])
        func inode(_ path: String) throws -> UInt64 {
            try #require(fm.attributesOfItem(atPath: dir.appendingPathComponent(path).path)[.systemFileNumber] as? UInt64)
        }
        let spareIndex = try inode(".trainer.katch-spare/index.html")
        // What an older build or a hand left in the spare.
        try Data("stale".utf8).write(to: dir.appendingPathComponent(".trainer.katch-spare/stale.html"))
        try fm.createDirectory(at: dir.appendingPathComponent(".trainer.katch-spare/old/deeper"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: dir.appendingPathComponent(".trainer.katch-spare/old/deeper/x.css"))
        let assets = try #require(try fm.contentsOfDirectory(atPath: dir.appendingPathComponent("participant/assets").path).sorted().first)
        try fm.removeItem(at: dir.appendingPathComponent(".participant.katch-spare/assets"))
        try Data("a file where a folder goes".utf8).write(to: dir.appendingPathComponent(".participant.katch-spare/assets"))
        try fm.removeItem(at: dir.appendingPathComponent(".participant.katch-spare/index.html"))
        try fm.createDirectory(at: dir.appendingPathComponent(".participant.katch-spare/index.html/x"), withIntermediateDirectories: true)
        let written = try SiteBuilder(course: course).build(into: dir)

        #expect(try inode("trainer/index.html") == spareIndex, "the spare's file is written over, not made anew")
        for output in try SiteBuilder(course: course).buildAll() {
            let folder = try #require(written.first { $0.edition == output.edition }).folder
            var onDisk: [String] = []
            let walker = try #require(fm.enumerator(atPath: folder.path))
            while let path = walker.nextObject() as? String {
                var isFolder: ObjCBool = false
                if fm.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue { onDisk.append(path) }
            }
            #expect(onDisk.sorted() == (Array(output.files.keys) + [".katch-site"]).sorted(), "\(output.edition): exactly the files of the build")
            for (path, bytes) in output.files {
                #expect(fm.contents(atPath: folder.appendingPathComponent(path).path) == Data(bytes), "\(path)")
            }
        }
        #expect(fm.fileExists(atPath: dir.appendingPathComponent("participant/assets/\(assets)").path))
    }

    @Test func participantEditionHoldsNoTrainerText() throws {
        let course = try fixtureCourse()
        let participant = SiteBuilder(course: course).build(.participant)
        let trainer = SiteBuilder(course: course).build(.trainer)
        let secrets = [
            "құпия нұсқаулық мәтіні", "Құпия тақырып", "тек жаттықтырушы нұсқасында бар", "бес минут уақыт беріңіз",
            "жалған жұмыс ұсынысымен", "жаттықтырушы түсіндірмесімен", "кемінде екі мекеме", "Талқылаудың күтілетін нәтижесі",
            "I.A бөлімінде", "кестеден тыс қысқа үзіліс жасаңыз", "тіркеуге он бес минут қосып",
        ]
        for secret in secrets {
            let inTrainer = trainer.files.values.contains { String(decoding: $0, as: UTF8.self).contains(secret) }
            #expect(inTrainer, "trainer edition should contain «\(secret)»")
            for (path, bytes) in participant.files {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(secret), "«\(secret)» leaked into participant \(path)")
            }
        }
        // The answer key is not marked in the participant form, and is in the trainer's.
        #expect(!text(participant, "pre-post-test.html").contains("class=\"correct\""))
        #expect(text(trainer, "pre-post-test.html").contains("class=\"correct\""))
        #expect(LeakCheck(course: course).check(participant).isEmpty)
    }

    @Test func leakCheckCatchesTrainerTextInPagesIndexAndPrint() throws {
        let course = try fixtureCourse()
        let clean = SiteBuilder(course: course).build(.participant)
        let leaked = "Бұл жаттықтырушыға арналған құпия нұсқаулық мәтіні, қатысушылар оны ешқашан көрмеуі керек."
        for path in ["introduction.html", "assets/search-index.js", "print.html", "downloads/exercise-1-data.csv"] {
            var output = clean
            output.files[path] = (output.files[path] ?? []) + Array(("<p>" + leaked + "</p>").utf8)
            let leaks = LeakCheck(course: course).check(output)
            #expect(leaks.contains { $0.hasPrefix(path + ":") }, "leak in \(path) not found")
        }
        var agenda = clean
        agenda.files["agenda-day-1.html"] = (agenda.files["agenda-day-1.html"] ?? []) + Array("<p>Бірінші күні тіркеуге он бес минут қосып қойыңыз.</p>".utf8)
        #expect(LeakCheck(course: course).check(agenda).contains { $0.hasPrefix("agenda-day-1.html:") && $0.contains("course.yml") })
        var keyed = clean
        keyed.files["pre-post-test.html"] = (keyed.files["pre-post-test.html"] ?? []) + Array("<li class=\"correct\">x</li>".utf8)
        #expect(!LeakCheck(course: course).check(keyed).isEmpty)
    }

    @Test func leakingFixtureFailsTheBuild() throws {
        // A participant page that links to a heading inside a TRAINER callout would show its title in
        // the outline if headings were not filtered by edition; the fixture's introduction has one.
        // A builder that renders trainer-only content must fail: simulate by building the trainer
        // edition under the participant's name.
        let course = try fixtureCourse()
        var wrong = SiteBuilder(course: course).build(.trainer)
        wrong.edition = .participant
        #expect(!LeakCheck(course: course).check(wrong).isEmpty)
        // And the real build of a course whose participant page repeats nothing secret succeeds.
        #expect(throws: Never.self) { try SiteBuilder(course: course).buildAll() }
    }

    @Test func buildIsDeterministic() throws {
        let course = try fixtureCourse()
        let a = try SiteBuilder(course: course).buildAll()
        let b = try SiteBuilder(course: CourseLoader.load(root: course.root).course).buildAll()
        for (x, y) in zip(a, b) {
            #expect(x.files.keys.sorted() == y.files.keys.sorted())
            for key in x.files.keys { #expect(x.files[key] == y.files[key], "\(key) differs") }
        }
    }

    @Test func everyInternalLinkAndAnchorResolves() throws {
        let outputs = try SiteBuilder(course: fixtureCourse()).buildAll()
        for output in outputs {
            let problems = LinkChecker.check(output, siblings: outputs.filter { $0.edition != output.edition })
            #expect(problems.isEmpty, "\(output.edition): \(problems.prefix(10))")
        }
    }

    @Test func pagesAreSemanticOfflineAndKazakh() throws {
        for output in try SiteBuilder(course: fixtureCourse()).buildAll() {
            for (path, bytes) in output.files where path.hasSuffix(".html") {
                let html = String(decoding: bytes, as: UTF8.self)
                #expect(html.contains("<html lang=\"kk\">"), "\(path)")
                #expect(html.components(separatedBy: "<h1").count == 2, "\(path) must have one h1")
                for landmark in ["<header", "<nav", "<main", "<footer", "name=\"viewport\""] {
                    #expect(html.contains(landmark), "\(path) lacks \(landmark)")
                }
                for external in ["src=\"http", "href=\"//", "@import", "<link rel=\"stylesheet\" href=\"http"] {
                    #expect(!html.contains(external), "\(path) loads from the network: \(external)")
                }
            }
        }
    }

    @Test func agendaHasClockTimesTotalsAndMaterials() throws {
        let trainer = SiteBuilder(course: try fixtureCourse()).build(.trainer)
        let overview = text(trainer, "agenda.html")
        #expect(overview.contains("<th scope=\"col\">Күн</th>"), "the day column has a proper heading")
        #expect(overview.contains("Топ шаршаса") && overview.contains("callout-trainer"))
        let day1 = text(trainer, "agenda-day-1.html")
        // Each session from its start to its end; after a session of 5–10 minutes the end is a range
        // (earliest/latest), explained under the table — a dash always joins a start and an end.
        #expect(day1.contains(">09:00–09:30<"))
        #expect(day1.contains(">09:30–11:00<"))
        #expect(day1.contains(">11:00–12:00<"))
        #expect(day1.contains(">12:00–12:05/12:10<"))
        #expect(day1.contains("ең ерте және ең кеш уақыт"))
        #expect(day1.contains("185–190 мин"))
        #expect(day1.contains("90 мин (1.5 сағ)"))
        #expect(day1.contains("60 мин (1 сағ)"))
        #expect(day1.contains("Флипчарт тақтасы"))
        #expect(!day1.contains("Пост-тест сауалнамасы"), "the pre-test session names its copies; the quiz page's post-test is not needed on day 1")
        #expect(day1.contains("Доп"))
        let track = text(trainer, "agenda-day-3-4a.html")
        #expect(track.contains("Бірлескен бөлім"))
        #expect(track.contains("65 мин"))
        #expect(trainer.files["agenda-day-3-joint.html"] == nil)
    }

    @Test func csvDownloadIsExcelFriendly() throws {
        let out = SiteBuilder(course: try fixtureCourse()).build(.participant)
        let csv = try #require(out.files["downloads/exercise-1-data.csv"])
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: csv.dropFirst(3), as: UTF8.self) == "Жыл,Барлығы\r\n2019,15\r\n2020,22\r\n")
    }

    @Test func searchIndexHoldsKazakhTextFoldableByCase() throws {
        let out = SiteBuilder(course: try fixtureCourse()).build(.participant)
        let index = text(out, "assets/search-index.js")
        #expect(index.hasPrefix("window.KATCH_SEARCH = ["))
        #expect(index.contains("ӘЛЕУМЕТТІК ҚОРҒАУ"))
        #expect("ӘҒҚҢӨҰҮҺІ".lowercased() == "әғқңөұүһі")
        #expect(!index.contains("құпия"))
    }

    @Test func languageComesFromCourseYML() throws {
        var course = try fixtureCourse()
        course.config.language = "en"
        let html = text(SiteBuilder(course: course).build(.participant), "index.html")
        #expect(html.contains(">Agenda<"))
        #expect(html.contains("<html lang=\"en\">"))
    }

    @Test func escapingOfText() {
        #expect(HTML.escape("<b>&\"'") == "&lt;b&gt;&amp;&quot;&#39;")
        #expect(HTML.safeURL("javascript:alert(1)") == "#")
        #expect(HTML.safeURL("https://example.org/a") == "https://example.org/a")
        #expect(HTML.safeURL("page.html#x") == "page.html#x")
    }
}
