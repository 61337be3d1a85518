import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `katch serve` end to end: start it on a free port, fetch a page, change a file and see the new
/// text, break a file and see the error on the page (the last good build still served), fix it, and
/// stop it with Ctrl-C (exit 0).
@Suite(.serialized) struct ServeTests {
    /// GET on 127.0.0.1 with a short timeout: status and body (0 when nothing answered).
    func get(_ port: Int, _ path: String) -> (status: Int, body: String) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return (0, "") }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result = (0, "")
        var request = URLRequest(url: url)
        request.timeoutInterval = 3
        URLSession.shared.dataTask(with: request) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? 0, data.map { String(decoding: $0, as: UTF8.self) } ?? "")
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 5)
        return result
    }

    /// Polls until `check` holds for the page (rebuilds are checked every 300 ms).
    func eventually(_ port: Int, _ path: String, _ check: (String) -> Bool) -> String {
        var last = ""
        for _ in 0..<40 {
            let r = get(port, path)
            last = r.body
            if r.status != 0 && check(r.body) { return last }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return last
    }

    @Test func servesRebuildsShowsErrorsAndStopsCleanly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("katch-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let course = dir.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: fixtureCourse), to: course)
        let port = 18_000 + Int(getpid() % 1000)
        let server = try Subprocess(try katchBinary(), ["serve", "--course", course.path, "--port", "\(port)"])

        let first = eventually(port, "/trainer/exercise-1.html") { $0.contains("<main") }
        #expect(first.contains("<main") && first.contains("/__katch/version"), "the trainer edition is served with the reload script")
        #expect(get(port, "/participant/index.html").status == 200)
        #expect(get(port, "/participant/m1-part-1.html").status == 404, "a trainer page is not in the participant edition")

        let page = course.appendingPathComponent("exercises/exercise-1.md")
        let original = try String(contentsOf: page, encoding: .utf8)
        try Data((original + "\nЖаңа жолдың мәтіні.\n").utf8).write(to: page)
        let edited = eventually(port, "/participant/exercise-1.html") { $0.contains("Жаңа жолдың мәтіні") }
        #expect(edited.contains("Жаңа жолдың мәтіні"), "the edit is served after the rebuild")

        try Data((original + "\n[сілтеме](id:no-such-page)\n").utf8).write(to: page)
        let broken = eventually(port, "/participant/exercise-1.html") { $0.contains("katch-build-error") }
        #expect(broken.contains("katch-build-error") && broken.contains("no-such-page"), "the error is on the page")
        #expect(broken.contains("Жаңа жолдың мәтіні"), "the last good build is still served")

        try Data(original.utf8).write(to: page)
        let fixed = eventually(port, "/participant/exercise-1.html") { !$0.contains("katch-build-error") && !$0.contains("Жаңа жолдың мәтіні") }
        #expect(!fixed.contains("katch-build-error"))

        kill(server.pid, SIGINT)
        let end = try server.wait(timeout: 10)
        #expect(end.status == 0, "\(end.output)")
        #expect(end.output.contains("dangling reference 'id:no-such-page'"), "the error is shown in the terminal too")
    }
}
