import ArgumentParser
import CourseModel
import Foundation
import SiteBuilder

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the trainer and participant editions of the course site into DIR/trainer and DIR/participant.")

    @OptionGroup var options: CourseOptions

    @Option(name: .shortAndLong, help: "Output folder (relative to the current folder).")
    var out: String = "_site"

    func run() throws {
        let started = Date()
        let result = CourseLoader.load(root: options.root)
        printDiagnostics(result.diagnostics)
        if result.hasErrors {
            printError("the course has errors; nothing was built (run 'katch check' for the list)")
            throw ExitCode(1)
        }
        do {
            let dir = URL(fileURLWithPath: out).standardizedFileURL
            let written = try SiteBuilder(course: result.course).build(into: dir)
            let elapsed = Date().timeIntervalSince(started)
            for o in written {
                print("\(o.edition.rawValue): \(o.pageCount) pages, \(o.fileCount) files, \(o.byteCount) bytes → \(o.folder.path)")
            }
            print(String(format: "built in %.0f ms", elapsed * 1000))
            endProcess(0, keeping: result)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}
