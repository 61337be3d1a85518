import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
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

    /// Connects to 127.0.0.1:`port`; nil when nothing listens.
    func connectSocket(_ port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var time = timeval(tv_sec: 8, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Sends `request` as it is (no client library to tidy it up) and reads the whole answer, until
    /// the server closes the connection (it answers once per connection) or 8 s pass; `clean` tells
    /// whether the connection ended with the server's close rather than a reset, a timeout or an error.
    func exchange(_ port: Int, _ request: [UInt8]) -> (answer: String, clean: Bool) {
        guard let fd = connectSocket(port) else { return ("", false) }
        defer { close(fd) }
        var offset = 0
        while offset < request.count {
            let sent = request[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { break }
            offset += sent
        }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return (String(decoding: answer, as: UTF8.self), count == 0 && offset == request.count) }
            answer += chunk[..<count]
        }
    }

    func raw(_ port: Int, _ request: [UInt8]) -> String { exchange(port, request).answer }

    func raw(_ port: Int, _ request: String) -> String { raw(port, Array(request.utf8)) }

    /// The head of an answer (status line and headers) and its body.
    func split(_ answer: String) -> (head: String, body: String) {
        guard let end = answer.range(of: "\r\n\r\n") else { return (answer, "") }
        return (String(answer[..<end.lowerBound]), String(answer[end.upperBound...]))
    }

    /// The server is katch's own (no HTTP package): what a sloppy one would get wrong, over raw sockets.
    @Test func answersHTTPStrictlyAndNeverWaitsOnASilentClient() throws {
        let port = 19_000 + Int(getpid() % 1000)
        let server = try Subprocess(try katchBinary(), ["serve", "--course", fixtureCourse, "--port", "\(port)"])
        _ = eventually(port, "/trainer/index.html") { $0.contains("<main") }

        // Clients that connect and say nothing, or half a request, hold no one else up.
        let silent = (0..<8).compactMap { _ in connectSocket(port) }
        defer { silent.forEach { close($0) } }
        let half = try #require(connectSocket(port))
        defer { close(half) }
        _ = Array("GET /trainer/index.html HTTP/1.1\r\nHost: 127".utf8).withUnsafeBytes { send(half, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        let started = Date()
        let page = split(raw(port, "GET /trainer/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
        #expect(Date().timeIntervalSince(started) < 2, "served at once beside \(silent.count + 1) silent connections")
        #expect(page.head.hasPrefix("HTTP/1.1 200 OK\r\n") && page.body.contains("<main"))
        #expect(page.head.contains("\r\nContent-Type: text/html; charset=utf-8\r\n") && page.head.contains("\r\nCache-Control: no-store\r\n"))
        #expect(page.head.contains("\r\nContent-Length: \(page.body.utf8.count)\r\n"), "\(page.head)")

        // HEAD: the same headers, the length of the body it leaves out.
        let head = raw(port, "HEAD /trainer/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n") && head.hasSuffix("\r\n\r\n"), "no body after the head: \(head)")
        #expect(head.contains("\r\nContent-Length: \(page.body.utf8.count)\r\n"), "\(head)")

        // Other methods: 405 with Allow. The body is read and dropped: a server that closed with it
        // unread would reset the connection (the client's send or read then fails).
        let post = exchange(port, Array("POST /trainer/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 300000\r\n\r\n".utf8)
            + [UInt8](repeating: 97, count: 300_000))
        #expect(post.answer.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n") && post.answer.contains("\r\nAllow: GET, HEAD\r\n"), "\(post.answer.prefix(200))")
        #expect(post.clean, "the whole body was sent and the connection ended with the server's close, not a reset")

        // Malformed heads: 400; HTTP/2 on this socket: 505; a head over 16 KB: 431.
        for request in [
            "GET /trainer/index.html\r\n\r\n",  // no version
            "GET  /trainer/index.html HTTP/1.1\r\nHost: x\r\n\r\n",  // two spaces
            "GET trainer/index.html HTTP/1.1\r\nHost: x\r\n\r\n",  // not origin-form
            "GET /trainer/index.html HTTP/1.1\r\n\r\n",  // HTTP/1.1 without Host
            "GET /trainer/index.html HTTP/1.1\r\nHost : x\r\n\r\n",  // space before the colon
            "GET /trainer/index.html HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",  // obsolete line folding
            "\u{1}\u{2}\r\n\r\n",
        ] {
            let answer = raw(port, request)
            #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(request.debugDescription) → \(answer.prefix(80))")
        }
        #expect(raw(port, "GET /trainer/index.html HTTP/2.0\r\nHost: x\r\n\r\n").hasPrefix("HTTP/1.1 505 "))
        let big = raw(port, "GET /trainer/index.html HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 20_000) + "\r\n\r\n")
        #expect(big.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "\(big.prefix(80))")

        // Only the built pages are served: `..`, encoded or not, finds nothing on disk.
        for path in ["/../course.yml", "/trainer/../../course.yml", "/trainer/%2E%2E/%2E%2E/course.yml", "/%2e%2e%2fcourse.yml"] {
            let answer = raw(port, "GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 404 Not Found\r\n") && !answer.contains("title:"), "\(path) → \(answer.prefix(80))")
        }
        // A percent-encoded Kazakh path is decoded (and escaped on the page that says it is missing).
        let kazakh = raw(port, "GET /trainer/%D2%9B%D0%B0%D0%B7%D0%B0%D2%9B%3Cb%3E.html?q=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(kazakh.hasPrefix("HTTP/1.1 404 Not Found\r\n") && kazakh.contains("No such page: trainer/қазақ&lt;b&gt;.html"), "\(kazakh)")

        // The port is taken: a second server says so and ends with 1.
        let second = try Subprocess(try katchBinary(), ["serve", "--course", fixtureCourse, "--port", "\(port)"])
        let refused = try second.wait(timeout: 10)
        #expect(refused.status == 1)
        #expect(refused.output.contains("error: cannot serve on 127.0.0.1:\(port): port \(port) on 127.0.0.1 is in use"), "\(refused.output)")

        kill(server.pid, SIGTERM)
        #expect(try server.wait(timeout: 10).status == 0)
    }
}
