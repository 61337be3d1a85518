import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The statuses `katch serve` answers with, each with its reason phrase.
enum HTTPStatus: Int, Sendable {
    case ok = 200
    case badRequest = 400
    case notFound = 404
    case methodNotAllowed = 405
    case requestTimeout = 408
    case requestHeaderFieldsTooLarge = 431
    case httpVersionNotSupported = 505

    var reason: String {
        switch self {
        case .ok: "OK"
        case .badRequest: "Bad Request"
        case .notFound: "Not Found"
        case .methodNotAllowed: "Method Not Allowed"
        case .requestTimeout: "Request Timeout"
        case .requestHeaderFieldsTooLarge: "Request Header Fields Too Large"
        case .httpVersionNotSupported: "HTTP Version Not Supported"
        }
    }
}

/// What a handler gives back for a request: the body is left out of the answer to HEAD.
struct HTTPResponse: Sendable {
    var status: HTTPStatus
    var contentType: String
    var body: [UInt8]
}

/// Why `katch serve` cannot listen on its port.
public struct ListenError: Error, CustomStringConvertible, Sendable {
    /// The port asked for on 127.0.0.1.
    public var port: UInt16
    /// The system call that failed.
    public var call: String
    /// Its `errno`.
    public var code: Int32

    public var description: String {
        switch code {
        case EADDRINUSE: "port \(port) on 127.0.0.1 is in use"
        case EACCES: "port \(port) on 127.0.0.1 needs privileges this user does not have"
        default: "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// A request head that cannot be served, and the status that says why.
struct RequestRejected: Error {
    var status: HTTPStatus
}

/// The parts of a request head `katch serve` looks at.
struct HTTPRequestHead: Equatable {
    var method: String
    /// The origin-form target as sent, query included (``PreviewServer/respond(to:)`` strips it).
    var target: String

    /// The most a request head may take, request line and headers with their final empty line.
    static let limit = 16 * 1024

    /// Parses the bytes before the empty line that ends a head (without it). Strict where a lenient
    /// reading could be taken two ways: one space between the parts of the request line, no space
    /// before a header's colon, no folded header lines, and the `Host` header HTTP/1.1 requires.
    init(parsing head: ArraySlice<UInt8>) throws(RequestRejected) {
        guard let text = String(validating: head, as: UTF8.self) else { throw RequestRejected(status: .badRequest) }
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let requestLine = lines.first else { throw RequestRejected(status: .badRequest) }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].unicodeScalars.allSatisfy(Self.isTokenCharacter),
            parts[1].first == "/", parts[1].unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { throw RequestRejected(status: .badRequest) }
        let version = parts[2]
        guard version.count == 8, version.hasPrefix("HTTP/"),
            let major = version.dropFirst(5).first?.wholeNumberValue, version.dropFirst(6).first == ".",
            version.dropFirst(7).first?.wholeNumberValue != nil
        else { throw RequestRejected(status: .badRequest) }
        guard major == 1 else { throw RequestRejected(status: .httpVersionNotSupported) }
        var host = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw RequestRejected(status: .badRequest) }
            let name = line[..<colon]
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isTokenCharacter) else {
                throw RequestRejected(status: .badRequest)
            }
            if name.lowercased() == "host" {
                guard !host else { throw RequestRejected(status: .badRequest) }
                host = true
            }
        }
        guard host || version == "HTTP/1.0" else { throw RequestRejected(status: .badRequest) }
        method = String(parts[0])
        target = String(parts[1])
    }

    /// RFC 9110's `tchar`: what a method or a header name is made of.
    static func isTokenCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9": true
        case "!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~": true
        default: false
        }
    }
}

/// The HTTP/1.1 server behind `katch serve`: GET and HEAD on 127.0.0.1, one answer per connection.
///
/// Written on the system's sockets rather than taken from a package: the package used before
/// (FlyingFox) pulled in FoundationNetworking, and with it libcurl and the libraries it loads (TLS,
/// HTTP/2, SSH, RTMP, compression…), loaded and initialised by every `katch` process whatever the
/// command — an empty C program linked with libcurl starts in 5.6 ms instead of 0.7 ms. A preview
/// for one author's browser needs none of that.
///
/// Every connection gets a thread of its own, so a client that connects and says nothing (browsers
/// open connections ahead of need) never holds up another; it is dropped after ``readTimeout``.
/// Each answer ends with `Connection: close`: no keep-alive, no pipelining, no request body to
/// frame — a request's body is read and thrown away.
final class LocalHTTPServer: Sendable {
    typealias Handler = @Sendable (_ target: String) -> HTTPResponse

    /// How long a client may stay silent while its request is awaited, or refuse to read its answer.
    static let readTimeout = 5
    /// Connections served at once; more wait in the listen queue.
    static let maxConnections = 64

    private let listener: Int32
    private let handler: Handler

    /// Binds 127.0.0.1:`port` and listens; nothing is accepted before ``start()``, so requests that
    /// arrive meanwhile wait in the listen queue.
    init(port: UInt16, handler: @escaping Handler) throws(ListenError) {
        let fd = socket(AF_INET, Self.streamType, 0)
        guard fd >= 0 else { throw ListenError(port: port, call: "socket", code: errno) }
        var on: Int32 = 1
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        // 127.0.0.1 (INADDR_LOOPBACK is a cast macro, which Swift does not import).
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        func fail(_ call: String) -> ListenError {
            let code = errno
            close(fd)
            return ListenError(port: port, call: call, code: code)
        }
        guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size)) == 0 else { throw fail("setsockopt") }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw fail("bind") }
        guard listen(fd, 128) == 0 else { throw fail("listen") }
        listener = fd
        self.handler = handler
    }

    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let streamType = SOCK_STREAM
    private static let sendFlags: Int32 = 0
    #endif

    /// Accepts connections on a thread of its own until the process ends.
    func start() {
        #if !canImport(Glibc)
        // Where send has no MSG_NOSIGNAL, a client gone mid-answer must not end the process.
        signal(SIGPIPE, SIG_IGN)
        #endif
        let slots = DispatchSemaphore(value: Self.maxConnections)
        Thread.detachNewThread { [self] in
            while true {
                slots.wait()
                let client = accept(listener, nil, nil)
                guard client >= 0 else {
                    slots.signal()
                    switch errno {
                    case EBADF, EINVAL, ENOTSOCK: return  // the listener is gone
                    case EMFILE, ENFILE, ENOBUFS, ENOMEM: usleep(100_000)  // out of descriptors: let some close
                    default: break  // the client gave up before it was accepted, or a signal came
                    }
                    continue
                }
                Thread.detachNewThread { [self] in
                    serve(client)
                    close(client)
                    slots.signal()
                }
            }
        }
    }

    /// Reads one request head from `client` and answers it.
    private func serve(_ client: Int32) {
        setTimeout(client, SO_RCVTIMEO, seconds: Self.readTimeout)
        setTimeout(client, SO_SNDTIMEO, seconds: Self.readTimeout)
        var head: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var end: Int?
        while end == nil {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                // A client that sent part of a head and then nothing is told; one that never spoke,
                // or hung up, is just dropped.
                if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && !head.isEmpty { reject(client, .requestTimeout) }
                return
            }
            let searchFrom = max(0, head.count - 3)
            head += chunk[..<count]
            end = Self.endOfHead(head, from: searchFrom)
            if (end ?? head.count) > HTTPRequestHead.limit { return reject(client, .requestHeaderFieldsTooLarge) }
        }
        guard let end else { return }
        let request: HTTPRequestHead
        do {
            request = try HTTPRequestHead(parsing: head[..<end])
        } catch {
            return reject(client, error.status)
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            return reject(client, .methodNotAllowed, extra: "Allow: GET, HEAD\r\n")
        }
        let response = handler(request.target)
        answer(client, response, extra: "", withBody: request.method == "GET")
    }

    /// The index of the `\r\n\r\n` that ends a head, searched from `start`.
    static func endOfHead(_ bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var i = start
        while i + 3 < bytes.count {
            if bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }

    private func reject(_ client: Int32, _ status: HTTPStatus, extra: String = "") {
        let body = Array((status.reason + "\n").utf8)
        answer(client, HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: body), extra: extra, withBody: true)
    }

    /// Writes the answer, then waits for the client to close its side: closing a socket with
    /// unread bytes in it (a request body) resets the connection, and the client may lose the answer.
    private func answer(_ client: Int32, _ response: HTTPResponse, extra: String, withBody: Bool) {
        let headText = "HTTP/1.1 \(response.status.rawValue) \(response.status.reason)\r\n"
            + "Content-Type: \(response.contentType)\r\n"
            + "Content-Length: \(response.body.count)\r\n"
            + "Cache-Control: no-store\r\n"
            + "Connection: close\r\n" + extra + "\r\n"
        // One buffer, one write: a second small write would wait for the first one's
        // acknowledgement (Nagle's algorithm against delayed ACKs).
        var bytes = Array(headText.utf8)
        if withBody { bytes += response.body }
        guard writeAll(client, bytes) else { return }
        shutdown(client, Int32(SHUT_WR))
        setTimeout(client, SO_RCVTIMEO, seconds: 1)
        var drained = 0
        var chunk = [UInt8](repeating: 0, count: 4096)
        while drained < 1 << 20 {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            drained += count
        }
    }

    /// Sends every byte, over partial writes and interruptions; false when the client is gone or
    /// stopped reading for longer than ``readTimeout``.
    private func writeAll(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(client, buffer.baseAddress?.advanced(by: offset), buffer.count - offset, Self.sendFlags)
                if sent < 0 && errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    private func setTimeout(_ fd: Int32, _ option: Int32, seconds: Int) {
        var time = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, option, &time, socklen_t(MemoryLayout<timeval>.size))
    }
}
