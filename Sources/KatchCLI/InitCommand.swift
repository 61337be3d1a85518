import ArgumentParser
import CourseModel
import Foundation

/// `katch init [DIR]`: start a new course from a small complete example.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a small complete course to start from (two modules, an icebreaker, a case, a test, a feedback form, an agenda).",
        discussion: """
            DIR (default: the current folder) must be empty or not exist yet: nothing is ever overwritten. \
            The course checks clean with 'katch check --strict', builds, and its test can be taken with 'katch quiz'.
            """)

    @Argument(help: "The folder to write the course into (created if missing; must be empty).")
    var directory: String = "."

    func run() throws {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: directory).standardizedFileURL
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
