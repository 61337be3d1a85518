import ArgumentParser
import CourseModel
import Foundation
import Preview

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time whole katch processes building synthetic courses of 1×, 10× and 100× the course, beside cmark and Hugo.",
        discussion: """
            Writes each synthetic course to disk (copies of the course's pages with their ids renamed), then runs the \
            katch binary itself as a child process: `katch build` (both editions, search index, print pages, leak check) \
            and `katch check`. Prints the median wall time of the runs and the child's peak memory (maximum resident \
            set), next to the time `cmark` (Debian package cmark) takes to turn the same Markdown into HTML, and the \
            time and peak memory of Hugo (Debian package hugo) building the same pages into one bare edition (each page \
            inside its <main>, and a list page per folder). Then, in \
            this process, what `katch serve` does: a first build, and the rebuild after a one-file edit (the median of \
            the runs). Build with -c release for real figures, and note the load average it prints.
            """)

    @OptionGroup var options: CourseOptions

    @Option(help: "Comma-separated size factors.")
    var sizes: String = "1,10,100"

    @Option(help: "Runs per size and command; the median is reported.")
    var runs: Int = 3

    @Option(help: "The katch binary to time (default: this one), e.g. an older build to compare with.")
    var katch: String?

    @Option(help: "Folder for the synthetic courses and their sites, kept afterwards (default: a temporary folder, removed).")
    var work: String?

    func run() throws {
        let factors = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 }
        guard !factors.isEmpty else { throw ValidationError("--sizes needs at least one positive whole number, e.g. 1,10,100") }
        let binary = try katch.map { try ChildProcess.executable($0) } ?? ChildProcess.currentExecutable()
        let cmark = ChildProcess.findInPath("cmark")
        let dir = work.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("katch-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { if work == nil { try? FileManager.default.removeItem(at: dir) } }
        let source = try SyntheticCourse(root: options.root)
        print("katch: \(binary)")
        print("course: \(source.pages.count) pages, \(source.markdownBytes) bytes of Markdown; \(max(1, runs)) runs each, median")
        print("cmark: " + (cmark ?? "not installed — install the Debian package cmark (apt-get install cmark) for its column"))
        let hugo = ChildProcess.findInPath("hugo")
        print("hugo: " + (hugo ?? "not installed — install the Debian package hugo (apt-get install hugo) for its columns"))
        print("load average before: \(LoadAverage.current)")
        print("size   pages   markdown(B)  build(ms)  peak(MB)  check(ms)  peak(MB)  cmark(ms)  build/cmark   hugo(ms)  peak(MB)  build/hugo")
        for factor in factors {
            let course = dir.appendingPathComponent("course-\(factor)x")
            let site = dir.appendingPathComponent("site-\(factor)x")
            let written = try source.write(copies: factor, to: course)
            let build = try ChildProcess.median(runs) {
                try ChildProcess.run(binary, ["build", "--course", course.path, "--out", site.path])
            }
            let check = try ChildProcess.median(runs) { try ChildProcess.run(binary, ["check", "--course", course.path]) }
            var cmarkColumns = "        —            —"
            if let cmark {
                let all = dir.appendingPathComponent("all-\(factor)x.md")
                try source.concatenate(course: course, into: all)
                let parse = try ChildProcess.median(runs) { try ChildProcess.run(cmark, [all.path]) }
                try? FileManager.default.removeItem(at: all)
                cmarkColumns = String(format: "%9.1f  %10.1f×", parse.seconds * 1000, build.seconds / parse.seconds)
            }
            var hugoColumns = "         —         —           —"
            if let hugo {
                let project = dir.appendingPathComponent("hugo-\(factor)x")
                try source.hugoProject(course: course, into: project)
                let out = dir.appendingPathComponent("hugo-site-\(factor)x")
                let timed = try ChildProcess.median(runs) {
                    try ChildProcess.run(hugo, ["--quiet", "--source", project.path, "--destination", out.path])
                }
                if work == nil {
                    try? FileManager.default.removeItem(at: project)
                    try? FileManager.default.removeItem(at: out)
                }
                hugoColumns = String(format: "  %9.1f  %8.1f  %10.2f×", timed.seconds * 1000, timed.peakMB, build.seconds / timed.seconds)
            }
            print(
                String(
                    format: "%4d×  %6d  %12d  %9.1f  %8.1f  %9.1f  %8.1f  ", factor, written.pages, written.bytes, build.seconds * 1000,
                    build.peakMB, check.seconds * 1000, check.peakMB) + cmarkColumns + hugoColumns)
            let serve = try ServeBench.measure(course: course, edit: source.editedPage, runs: runs)
            print(
                String(
                    format: "       serve: first build %.1f ms; after an edit of %@, rebuilt in %.1f ms (%d pages rendered again)",
                    serve.first * 1000, source.editedPage, serve.edit * 1000, serve.rendered))
            if work == nil {
                try? FileManager.default.removeItem(at: course)
                try? FileManager.default.removeItem(at: site)
            }
        }
        print("load average after: \(LoadAverage.current)")
    }
}

/// The 1-, 5- and 15-minute load averages of the machine, for printing beside timings.
enum LoadAverage {
    static var current: String {
        var loads = [Double](repeating: 0, count: 3)
        guard getloadavg(&loads, 3) == 3 else { return "unknown" }
        return loads.map { String(format: "%.2f", $0) }.joined(separator: " ")
    }
}

/// CPU time (user and system) this process has used so far: beside wall times on a busy machine.
enum ProcessCPU {
    /// Seconds so far, nil when the system does not say.
    static var seconds: Double? {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return nil }
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}

/// What `katch serve` does after an edit, timed in this process: the first build of a course, then
/// the rebuild after a paragraph is added to one file (each run adds another), through the same
/// ``PreviewServer`` and its cache.
enum ServeBench {
    /// The first build's time, the median time of `runs` rebuilds after an edit of `edit` (relative
    /// to `course`), and how many pages the last rebuild rendered; the file is put back afterwards.
    static func measure(course: URL, edit: String, runs: Int) throws(BenchError) -> (first: Double, edit: Double, rendered: Int) {
        let preview = PreviewServer(root: course) { _ in }
        let first = try timed(preview)
        let file = course.appendingPathComponent(edit)
        guard let original = FileManager.default.contents(atPath: file.path) else { throw BenchError("cannot read \(file.path)") }
        defer { _ = FileManager.default.createFile(atPath: file.path, contents: original) }
        var times: [Double] = []
        for run in 0..<max(1, runs) {
            let edited = original + Data("\nA paragraph added by katch bench, run \(run + 1).\n".utf8)
            guard FileManager.default.createFile(atPath: file.path, contents: edited) else { throw BenchError("cannot write \(file.path)") }
            times.append(try timed(preview))
        }
        times.sort()
        return (first, times[times.count / 2], preview.renderedPages)
    }

    /// The wall time of one rebuild; fails when the build does.
    static func timed(_ preview: PreviewServer) throws(BenchError) -> Double {
        let started = ContinuousClock.now
        if let error = preview.rebuild() { throw BenchError("the preview build failed:\n\(error)") }
        let elapsed = started.duration(to: .now)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// A course on disk made of copies of a real one, so a whole `katch build` can be timed at any size.
///
/// Copy 0 is the course as it is; copy `k` of every page gets `-xk` after its page id, its module
/// and every explicit heading id (`{#id`), and after its download file names, so the copies pass
/// `katch check` side by side (references keep pointing at copy 0, which exists). A course has one
/// test and one feedback form, so their copies become pages of kind `page` (their questions stay
/// questions: they have ids).
struct SyntheticCourse {
    /// The course folder.
    let root: URL
    /// The Markdown files (relative paths) and their text.
    let pages: [(file: String, text: String)]

    /// Bytes of Markdown of one copy.
    var markdownBytes: Int { pages.map(\.text.utf8.count).reduce(0, +) }

    /// The file the serve row edits: the middle one by path of the pages for everyone (shown in both
    /// editions, so both are rebuilt and the leak check sees it), else the middle one of all.
    var editedPage: String {
        let forEveryone = pages.filter { $0.text.contains("\naudience: all\n") }
        let list = forEveryone.isEmpty ? pages : forEveryone
        return list[list.count / 2].file
    }

    /// Reads the Markdown files of the course in `root`.
    init(root: URL) throws(BenchError) {
        self.root = root
        var pages: [(String, String)] = []
        for folder in ["modules", "exercises"] {
            let dir = root.appendingPathComponent(folder)
            guard let enumerator = FileManager.default.enumerator(atPath: dir.path) else { continue }
            for case let relative as String in enumerator where relative.hasSuffix(".md") {
                let file = folder + "/" + relative
                guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else {
                    throw BenchError("cannot read \(root.appendingPathComponent(file).path) as UTF-8 text")
                }
                pages.append((file, text))
            }
        }
        guard !pages.isEmpty else { throw BenchError("\(root.path) has no Markdown files under modules/ or exercises/") }
        self.pages = pages.sorted { $0.0 < $1.0 }
    }

    /// Writes `copies` copies of the course into `dir` (replacing it); returns the pages and bytes written.
    func write(copies: Int, to dir: URL) throws(BenchError) -> (pages: Int, bytes: Int) {
        let fm = FileManager.default
        var bytes = 0
        do {
            try? fm.removeItem(at: dir)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            for name in ["course.yml", "site"] where fm.fileExists(atPath: root.appendingPathComponent(name).path) {
                try fm.copyItem(at: root.appendingPathComponent(name), to: dir.appendingPathComponent(name))
            }
            for copy in 0..<copies {
                for (file, text) in pages {
                    let out = Self.renamed(text, copy: copy)
                    let target = dir.appendingPathComponent(copy == 0 ? file : Self.copyPath(file, copy: copy))
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(out.utf8).write(to: target)
                    bytes += out.utf8.count
                }
            }
        } catch {
            throw BenchError("cannot write the synthetic course \(dir.path): \(error.localizedDescription)")
        }
        return (pages.count * copies, bytes)
    }

    /// All Markdown files of the course in `dir` one after another, for cmark.
    func concatenate(course dir: URL, into file: URL) throws(BenchError) {
        guard let enumerator = FileManager.default.enumerator(atPath: dir.path) else { throw BenchError("cannot list \(dir.path)") }
        var all = Data()
        for case let relative as String in enumerator where relative.hasSuffix(".md") {
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(relative).path) else {
                throw BenchError("cannot read \(dir.appendingPathComponent(relative).path)")
            }
            all.append(data)
            all.append(contentsOf: [0x0A])
        }
        do { try all.write(to: file) } catch { throw BenchError("cannot write \(file.path): \(error.localizedDescription)") }
    }

    /// A Hugo project of the synthetic course's pages in `project`: every page under `content/` at
    /// its path, with a bare layout (the page's HTML in `<main>`, a list of links per folder).
    /// `index.md` becomes `_index.md`: in Hugo a folder with an `index.md` is one page whose other
    /// files are its resources, and the pages beside it would not be built.
    func hugoProject(course dir: URL, into project: URL) throws(BenchError) {
        let fm = FileManager.default
        try? fm.removeItem(at: project)
        guard let enumerator = fm.enumerator(atPath: dir.path) else { throw BenchError("cannot list \(dir.path)") }
        do {
            let layouts = project.appendingPathComponent("layouts/_default")
            try fm.createDirectory(at: layouts, withIntermediateDirectories: true)
            let head = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body>"
            try Data((head + "<main>{{ .Content }}</main></body></html>\n").utf8).write(to: layouts.appendingPathComponent("single.html"))
            try Data((head + "<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n").utf8)
                .write(to: layouts.appendingPathComponent("list.html"))
            try Data("baseURL = \"http://example.org/\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n".utf8)
                .write(to: project.appendingPathComponent("config.toml"))
            for case let relative as String in enumerator where relative.hasSuffix(".md") && !relative.hasPrefix("site/") {
                var target = project.appendingPathComponent("content").appendingPathComponent(relative)
                if target.lastPathComponent == "index.md" { target = target.deletingLastPathComponent().appendingPathComponent("_index.md") }
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.copyItem(at: dir.appendingPathComponent(relative), to: target)
            }
        } catch {
            throw BenchError("cannot write the Hugo project \(project.path): \(error.localizedDescription)")
        }
    }

    /// `modules/m1/a.md` → `modules/m1/x3/a.md`: each copy in a folder of its own beside the original
    /// (so copies of the appendix stay in the appendix).
    static func copyPath(_ file: String, copy: Int) -> String {
        var parts = file.split(separator: "/").map(String.init)
        parts.insert("x\(copy)", at: parts.count - 1)
        return parts.joined(separator: "/")
    }

    /// The text of copy `copy` of a page (copy 0 unchanged).
    static func renamed(_ text: String, copy: Int) -> String {
        guard copy > 0 else { return text }
        let suffix = "-x\(copy)"
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var inFrontMatter = lines.first == "---"
        for i in lines.indices {
            if i > 0 && inFrontMatter && lines[i] == "---" {
                inFrontMatter = false
                continue
            }
            if inFrontMatter {
                for key in ["id: ", "module: "] where lines[i].hasPrefix(key) {
                    let value = lines[i].dropFirst(key.count)
                    lines[i] = value.hasSuffix("\"") ? key + value.dropLast() + suffix + "\"" : lines[i] + suffix
                }
                if lines[i].hasPrefix("title: ") {
                    let value = lines[i].dropFirst(7)
                    let mark = " (\(copy + 1))"
                    lines[i] = value.hasSuffix("\"") || value.hasSuffix("'") ? "title: " + value.dropLast() + mark + String(value.suffix(1)) : lines[i] + mark
                }
                if lines[i] == "kind: quiz" || lines[i] == "kind: survey" { lines[i] = "kind: page" }
            } else {
                lines[i] = renameIDs(in: lines[i], suffix: suffix)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `{#id` → `{#id-xk`, `download=a.csv` → `download=a-xk.csv`.
    static func renameIDs(in line: String, suffix: String) -> String {
        guard line.contains("{#") || line.contains("download=") else { return line }
        var out = ""
        var rest = Substring(line)
        while let open = rest.range(of: "{#") {
            out += rest[..<open.upperBound]
            let after = rest[open.upperBound...]
            let id = after.prefix { !$0.isWhitespace && $0 != "}" }
            out += id + suffix
            rest = after.dropFirst(id.count)
        }
        out += rest
        return out.contains("download=") ? out.replacingOccurrences(of: ".csv", with: suffix + ".csv") : out
    }
}

/// A bench failure, with what went wrong.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs programs as child processes and measures them as a whole: wall time and peak memory.
enum ChildProcess {
    /// One finished run.
    struct Measurement {
        /// Wall time from spawn to exit.
        var seconds: Double
        /// The child's maximum resident set size, in MB (10⁶ bytes).
        var peakMB: Double
    }

    /// The median wall time of `runs` runs (at least one), with the largest peak memory of them.
    static func median(_ runs: Int, _ body: () throws -> Measurement) throws -> Measurement {
        var results: [Measurement] = []
        for _ in 0..<max(1, runs) { results.append(try body()) }
        let times = results.map(\.seconds).sorted()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        return Measurement(seconds: median, peakMB: results.map(\.peakMB).max() ?? 0)
    }

    /// Runs `executable` with `arguments`, standard output discarded; fails when it exits other than 0,
    /// quoting the end of its standard error.
    static func run(_ executable: String, _ arguments: [String]) throws(BenchError) -> Measurement {
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("katch-bench-stderr-\(getpid())").path
        defer { unlink(errorFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid = pid_t()
        let started = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("waiting for \(executable) failed: \(String(cString: strerror(errno)))") }
        }
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // Exited normally with 0: the low 7 bits (the signal) and the exit code are all zero.
        guard status == 0 else {
            let message = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
            throw BenchError(
                "\(([executable] + arguments).joined(separator: " ")) failed (wait status \(status)):\n" + message.suffix(2000))
        }
        #if canImport(Darwin)
            let peak = Double(usage.ru_maxrss) / 1e6  // bytes on macOS
        #else
            let peak = Double(usage.ru_maxrss) * 1024 / 1e6  // kilobytes on Linux
        #endif
        return Measurement(seconds: seconds, peakMB: peak)
    }

    /// The path of the running executable.
    static func currentExecutable() throws(BenchError) -> String {
        #if os(Linux)
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return try executable(CommandLine.arguments[0])
    }

    /// `path` as an absolute path to an executable file (looked up in PATH when it has no slash).
    static func executable(_ path: String) throws(BenchError) -> String {
        if !path.contains("/"), let found = findInPath(path) { return found }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: absolute) else { throw BenchError("\(path) is not an executable file") }
        return absolute
    }

    /// The first executable called `name` in PATH.
    static func findInPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { String($0) + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
