import CLibPQ
import Foundation
import Testing
import TestSupport
@testable import Results

/// libpq is loaded on demand (LibPQ.swift): what a machine without it, or with another library under
/// its name, is told; and that the loaded functions are the real ones.
@Suite struct LibPQTests {
    /// A library that is not there: the message says what to install, with the loader's reason.
    @Test func aMissingLibraryIsAnErrorSayingWhatToInstall() {
        let name = "libpq-katch-test-missing.so.5"
        do {
            _ = try LibPQ(library: name)
            Issue.record("\(name) loaded")
        } catch {
            #expect(error == .libraryMissing(library: name, reason: reason(of: error)))
            #expect(error.description.hasPrefix("PostgreSQL's client library (\(name)) is not installed: apt-get install libpq5 ("), "\(error)")
            #expect(reason(of: error).contains(name), "dlerror names the file: \(error)")
        }
    }

    /// A library without one of the functions (here the C library): the message names the function.
    @Test func aMissingFunctionIsAnErrorNamingIt() throws {
        let handle = try LibPQ.open("libc.so.6")
        do {
            let _: @convention(c) () -> Void = try LibPQ.function("PQkatchNoSuchFunction", in: handle, of: "libc.so.6")
            Issue.record("PQkatchNoSuchFunction found")
        } catch {
            #expect(error == .functionMissing(name: "PQkatchNoSuchFunction", library: "libc.so.6", reason: reason(of: error)))
            #expect(error.description.hasPrefix("PostgreSQL's client library (libc.so.6) has no function PQkatchNoSuchFunction:"), "\(error)")
            #expect(error.description.contains("apt-get install libpq5"))
            #expect(reason(of: error).contains("PQkatchNoSuchFunction"), "dlerror names the symbol: \(error)")
        }
    }

    /// The installed libpq loads, and calls through its pointers reach libpq: its answers for no
    /// connection and no result (no server needed).
    @Test func theInstalledLibraryLoadsAndAnswers() throws {
        let pq = try LibPQ.load()
        #expect(pq.status(nil) == CONNECTION_BAD)
        #expect(pq.resultStatus(nil) == PGRES_FATAL_ERROR)
        #expect(pq.ntuples(nil) == 0)
        #expect(pq.errorMessage(nil).map { String(cString: $0) }?.contains("NULL") == true)
    }

    /// Each pointer's type is its C declaration's — a wrong one would call libpq wrongly at run time,
    /// which nothing else would catch: a file that assigns every libpq function, as CLibPQ declares
    /// it, to the `LibPQ` property looked up under its name is type-checked (nothing is linked).
    @Test func everyPointerHasItsDeclarationsType() throws {
        let source = repositoryRoot.appendingPathComponent("Sources/Results/LibPQ.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        let pairs = text.matches(of: #/(\w+) = try f\("(PQ\w+)"\)/#).map { (property: String($0.1), function: String($0.2)) }
        #expect(pairs.count == 21, "\(pairs)")
        let check = "import CLibPQ\nfunc check(_ pq: LibPQ) {\n"
            + pairs.map { "    var \($0.property) = pq.\($0.property); \($0.property) = \($0.function); _ = \($0.property)\n" }.joined() + "}\n"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-libpq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let checkFile = dir.appendingPathComponent("check.swift")
        try Data(check.utf8).write(to: checkFile)
        let include = repositoryRoot.appendingPathComponent("Sources/CLibPQ").path
        let r = try Subprocess.run(
            "/usr/bin/env", ["swiftc", "-typecheck", "-swift-version", "6", "-I", include, source.path, checkFile.path], timeout: 300)
        #expect(r.status == 0, "\(r.output)")
    }

    private func reason(of error: LibPQError) -> String {
        switch error {
        case .libraryMissing(_, let reason), .functionMissing(_, _, let reason): return reason
        }
    }
}
