import ArgumentParser
import CourseModel
import Foundation
import Markdown
import SiteBuilder

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark the site build on synthetic courses of 1×, 10× and 100× the size of the course.",
        discussion: "Prints pages, bytes, wall time and pages/s per size, and the time of the Markdown (libcmark) step alone. Build with -c release for real figures.")

    @OptionGroup var options: CourseOptions

    @Option(help: "Comma-separated size factors.")
    var sizes: String = "1,10,100"

    @Option(help: "Runs per size; the best time is reported.")
    var runs: Int = 3

    func run() throws {
        let result = CourseLoader.load(root: options.root)
        if result.hasErrors {
            printDiagnostics(result.diagnostics)
            throw ExitCode(1)
        }
        let base = result.course
        let sources = try CourseLoaderSources.read(base)
        let sourceBytes = sources.map(\.utf8.count).reduce(0, +)
        print("course: \(base.pages.count) pages, \(sourceBytes) bytes of Markdown")
        print("size  pages  html-pages  bytes       build(ms)  write(ms)  pages/s   markdown(ms)  MB/s")
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("katch-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        for factor in sizes.split(separator: ",").compactMap({ Int($0) }) where factor > 0 {
            let course = Synthetic.scale(base, by: factor)
            var bestBuild = Double.infinity, bestWrite = Double.infinity, bestParse = Double.infinity
            var outputs: [EditionOutput] = []
            for _ in 0..<max(1, runs) {
                let t0 = Date()
                outputs = try SiteBuilder(course: course).buildAll()
                let t1 = Date()
                try SiteBuilder.write(outputs, to: tmp)
                let t2 = Date()
                for _ in 0..<factor {
                    for s in sources { _ = try MarkdownParser.parse(s) }
                }
                let t3 = Date()
                bestBuild = min(bestBuild, t1.timeIntervalSince(t0))
                bestWrite = min(bestWrite, t2.timeIntervalSince(t1))
                bestParse = min(bestParse, t3.timeIntervalSince(t2))
            }
            let b = SiteBuilder(course: course)
            let p0 = Date()
            _ = b.build(.trainer)
            let p1 = Date()
            let part = b.build(.participant)
            let p2 = Date()
            _ = LeakCheck(course: course).check(part)
            let p3 = Date()
            let phases = String(
                format: "      phases: trainer %.1f ms, participant %.1f ms, leak check %.1f ms", p1.timeIntervalSince(p0) * 1000,
                p2.timeIntervalSince(p1) * 1000, p3.timeIntervalSince(p2) * 1000)
            let files = outputs.map(\.files.count).reduce(0, +)
            let pages = outputs.map(\.pageCount).reduce(0, +)
            let bytes = outputs.map(\.byteCount).reduce(0, +)
            let total = bestBuild + bestWrite
            let mb = Double(sourceBytes * factor) / 1_000_000
            print(
                String(
                    format: "%3d×  %5d  %10d  %10d  %9.1f  %9.1f  %7.0f  %12.1f  %5.0f", factor, course.pages.count, pages, bytes,
                    bestBuild * 1000, bestWrite * 1000, Double(pages) / total, bestParse * 1000, mb / bestParse))
            _ = files
            print(phases)
        }
    }
}

/// Reads the Markdown sources of a course again (for timing the parser alone).
enum CourseLoaderSources {
    static func read(_ course: Course) throws -> [String] {
        try course.pages.map { try String(contentsOf: course.root.appendingPathComponent($0.file), encoding: .utf8) }
    }
}

/// Synthetic courses made of copies of a real one.
enum Synthetic {
    static func scale(_ course: Course, by factor: Int) -> Course {
        guard factor > 1 else { return course }
        var pages: [Page] = []
        for copy in 0..<factor {
            for var page in course.pages {
                if copy > 0 {
                    page.id += "-x\(copy)"
                    page.module = page.module.map { $0 + "-x\(copy)" }
                    page.title += " (\(copy + 1))"
                }
                pages.append(page)
            }
        }
        return Course(root: course.root, config: course.config, pages: pages)
    }
}
