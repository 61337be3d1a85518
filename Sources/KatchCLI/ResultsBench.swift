import Instruments
import ArgumentParser
import CourseModel
import Dispatch
import Evaluation
import Foundation
import Results

/// `katch results bench`: import and report times for a large synthetic training.
struct ResultsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the CSV import and the report on synthetic results (default 100,000 participants, ~2 million answers).")

    @OptionGroup var course: CourseOptions

    @Option(help: "Participants to generate (each with a pre- and a post-test).")
    var participants: Int = 100_000

    @Option(help: "Trainings to spread them over.")
    var trainings: Int = 1

    @Flag(help: "Keep the temporary folder (CSV, database, reports) and print its path.")
    var keep = false

    @Option(help: "Benchmark this store instead of a new SQLite file in the temporary folder: an empty PostgreSQL database, postgres://USER[:PASSWORD]@HOST[:PORT]/DB (its bench trainings are removed afterwards unless --keep).")
    var db: String?

    func validate() throws {
        guard participants >= 1, participants <= 5_000_000 else { throw ValidationError("--participants must be 1…5000000") }
        guard trainings >= 1, trainings <= 10_000 else { throw ValidationError("--trainings must be 1…10000") }
    }

    func run() throws {
        let loaded = CourseLoader.load(root: course.root)
        if loaded.hasErrors {
            printDiagnostics(loaded.diagnostics.filter { $0.severity == .error })
            throw ExitCode(1)
        }
        let keys = (quiz: loaded.course.quiz, survey: loaded.course.survey)
        guard let quiz = keys.quiz else {
            printError("the course has no quiz")
            throw ExitCode(1)
        }
        let input: EvaluationInput
        do { input = try EvaluationInput(course: loaded.course) } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(at: dir) } }

        func seconds(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        func fmt(_ x: Double) -> String { String(format: "%.2f s", x) }
        let loadBefore = LoadAverage.current
        let cpuBefore = ProcessCPU.seconds

        // 1. The long CSV.
        var t0 = DispatchTime.now().uptimeNanoseconds
        let csv = Self.makeCSV(participants: participants, trainings: trainings, quiz: quiz, registration: loaded.course.config.registration)
        let csvFile = dir.appendingPathComponent("results-long.csv")
        try Data(csv).write(to: csvFile)
        let generate = seconds(t0)

        // 2. Import into an empty database.
        let store: ResultsStore
        let summary: CSVImportSummary
        t0 = DispatchTime.now().uptimeNanoseconds
        do {
            store = try ResultsStore(path: db ?? dir.appendingPathComponent("bench.sqlite").path)
            guard try store.trainings().isEmpty else { throw ResultsError("\(store.path) already holds trainings: the bench needs an empty database") }
            let bytes = try [UInt8](Data(contentsOf: csvFile))
            summary = try store.importCSV(
                bytes, options: CSVImportOptions(createTrainings: true, quiz: keys.quiz, survey: keys.survey, fileName: csvFile.path))
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        let importTime = seconds(t0)

        // 3. Report: read and evaluate (the answers indexed on another core while they are read), then render JSON and HTML.
        t0 = DispatchTime.now().uptimeNanoseconds
        let report: EvaluationReport
        do { report = try Evaluator.evaluate(store: store, trainings: nil, input: input).report } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        let evaluateTime = seconds(t0)
        var t1 = DispatchTime.now().uptimeNanoseconds
        t1 = DispatchTime.now().uptimeNanoseconds
        let json = report.rendered(as: .json)
        try Data(json).write(to: dir.appendingPathComponent("report.json"))
        let jsonTime = seconds(t1)
        t1 = DispatchTime.now().uptimeNanoseconds
        let html = report.rendered(as: .html)
        try Data(html).write(to: dir.appendingPathComponent("report.html"))
        let htmlTime = seconds(t1)

        print("load average before   \(loadBefore) (1, 5, 15 min); after \(LoadAverage.current)")
        let cpu = ProcessCPU.seconds.flatMap { after in cpuBefore.map { fmt(after - $0) } } ?? "unknown"
        print("CPU time (all steps)  \(cpu) on \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("participants          \(participants) in \(trainings) training(s)")
        print("answers               \(summary.responses) (\(summary.rows) CSV rows, \(csv.count / 1_000_000) MB)")
        print("generate CSV          \(fmt(generate))")
        print("import (parse+write)  \(fmt(importTime))   target < 15 s")
        print("report: read + statistics \(fmt(evaluateTime))  (answers indexed while read)")
        print("report: JSON          \(fmt(jsonTime))  (\(json.count / 1000) kB)")
        print("report: HTML          \(fmt(htmlTime))  (\(html.count / 1000) kB)")
        print("report total (JSON+HTML) \(fmt(evaluateTime + jsonTime + htmlTime))   target < 3 s")
        print("matched pairs \(report.overall.counts.matchedPairs)")
        print("store                 \(store.path)")
        if keep { print("kept in \(dir.path)") }
        if db != nil && !keep {
            do { try store.removeTrainings(summary.trainingsCreated) } catch {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }

    /// A long CSV: every participant answers q1…q10 before and after; learning is simulated so that
    /// post scores are higher on average. Deterministic (a fixed linear congruential generator).
    static func makeCSV(participants: Int, trainings: Int, quiz: InstrumentSpec, registration: RegistrationForm) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(participants * 2 * quiz.questions.count * 60)
        out.append(contentsOf: "training_id,participant_id,region,agency,gender,phase,question_id,response,correct,score\r\n".utf8)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(seed >> 11) / Double(1 << 53)
        }
        let regions = registration.regions.map(\.id).isEmpty ? ["r"] : registration.regions.map(\.id)
        let agencies = registration.agencies.map(\.id).isEmpty ? ["a"] : registration.agencies.map(\.id)
        let genders = registration.genders.map(\.id).isEmpty ? ["f"] : registration.genders.map(\.id)
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789".utf8)
        for i in 0..<participants {
            let training = Array("bench-\(i % trainings + 1)".utf8)
            var code = [UInt8]()
            var n = i
            for _ in 0..<6 {
                code.append(alphabet[n % alphabet.count])
                n /= alphabet.count
            }
            let prefix = training + [44] + code + [44] + Array(regions[i % regions.count].utf8) + [44]
                + Array(agencies[(i / 7) % agencies.count].utf8) + [44] + Array(genders[(i / 3) % genders.count].utf8) + [44]
            let ability = next()
            for (phase, boost) in [("pre", 0.0), ("post", 0.25)] {
                for q in quiz.questions {
                    out.append(contentsOf: prefix)
                    out.append(contentsOf: phase.utf8)
                    out.append(44)
                    out.append(contentsOf: q.id.utf8)
                    out.append(44)
                    switch q.kind {
                    case .open:
                        out.append(contentsOf: "\"Ведомствоаралық ынтымақтастық, ақпарат алмасу\",,".utf8)
                        out.append(contentsOf: String(Int(next() * 3)).utf8)
                    default:
                        let right = next() < 0.3 + 0.4 * ability + boost
                        let correctIndex = q.correct.min() ?? 0
                        let index = right ? correctIndex : (correctIndex + 1) % Swift.max(q.options.count, 2)
                        out.append(97 + UInt8(index))
                        out.append(contentsOf: (right ? ",1,1" : ",0,0").utf8)
                    }
                    out.append(13)
                    out.append(10)
                }
            }
        }
        return out
    }
}
