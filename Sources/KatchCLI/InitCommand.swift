import ArgumentParser
import CourseModel
import Foundation
import SiteBuilder

/// `katch init [DIR]`: start a new course from a small complete example.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a small complete course to start from (two modules, an icebreaker, a case, a test, a feedback form, an agenda).",
        discussion: """
            DIR (default: the current folder) must be empty or not exist yet: nothing is ever overwritten. \
            The course checks clean with 'katch check --strict', builds, and its test can be taken with 'katch quiz'.
            """)

    @Argument(help: "The folder to write the course into (created if missing; must be empty).")
    var directory: String = "."

    @Flag(help: "Instead of a course, copy the default theme (stylesheet, search script) into DIR/site/ to change it; existing files are kept.")
    var theme = false

    func run() throws {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        if theme {
            let site = root.appendingPathComponent("site")
            var written: [String] = []
            var kept: [String] = []
            do {
                try fm.createDirectory(at: site, withIntermediateDirectories: true)
                for (name, bytes) in Theme.defaultFiles.sorted(by: { $0.key < $1.key }) {
                    let url = site.appendingPathComponent(name)
                    if fm.fileExists(atPath: url.path) { kept.append(name); continue }
                    try Data(bytes).write(to: url, options: .withoutOverwriting)
                    written.append(name)
                }
            } catch {
                printError("cannot write the theme into \(site.path): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            print(written.isEmpty ? "wrote nothing" : "wrote " + written.map { "site/" + $0 }.joined(separator: ", "))
            if !kept.isEmpty { print("kept your own \(kept.map { "site/" + $0 }.joined(separator: ", ")) (not overwritten)") }
            print("edit them and run katch build: a course's site/ files replace the defaults; course.yml theme: sets logo, accent and footer")
            return
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: root.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                printError("\(directory) is a file, not a folder")
                throw ExitCode(1)
            }
            // A fresh `git init` is fine; anything else could be someone's work.
            let entries = ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0 != ".git" }
            if !entries.isEmpty {
                printError(
                    "\(directory) is not empty (\(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")): katch init writes only into an empty or new folder, so that nothing is overwritten")
                throw ExitCode(1)
            }
        }
        do {
            for (path, text) in InitTemplate.files {
                let url = root.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            printError("cannot write the course into \(directory): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        let result = CourseLoader.load(root: root)
        printDiagnostics(result.diagnostics)
        let shown = directory == "." ? "" : " --course \(directory)"
        print(
            """
            wrote a course of \(result.course.pages.count) pages in \(root.path):
            \(InitTemplate.files.map { "  " + $0.path }.joined(separator: "\n"))
            next:
              katch check --strict\(shown)
              katch build\(shown)
              katch training add demo --title "Demo training"
              katch quiz pre --training demo\(shown)
            """)
        if result.hasErrors { throw ExitCode(1) }
    }
}
