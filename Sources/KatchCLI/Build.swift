import ArgumentParser
import CourseModel
import Foundation
import SiteBuilder

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
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
            let outputs = try SiteBuilder(course: result.course).buildAll()
            let dir = URL(fileURLWithPath: out).standardizedFileURL
            try SiteBuilder.write(outputs, to: dir)
            let elapsed = Date().timeIntervalSince(started)
            for o in outputs {
                print("\(o.edition.rawValue): \(o.pageCount) pages, \(o.files.count) files, \(o.byteCount) bytes → \(dir.appendingPathComponent(o.edition.rawValue).path)")
            }
            print(String(format: "built in %.0f ms", elapsed * 1000))
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}
