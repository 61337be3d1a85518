import ArgumentParser
import Dispatch
import Foundation
import Preview

/// `katch serve`: a local preview for authors.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the course on http://127.0.0.1:PORT (trainer edition under /trainer/, participant edition under /participant/), rebuilt when a file changes.",
        discussion: """
            Open pages reload themselves after each rebuild. A build that fails is shown on every page and \
            here, while the last good build keeps being served. Only this computer can connect (127.0.0.1). \
            Ctrl-C stops it.
            """)

    @OptionGroup var options: CourseOptions

    @Option(help: "Port on 127.0.0.1.")
    var port: UInt16 = 8000

    func run() throws {
        let preview = PreviewServer(root: options.root) { message in
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        do {
            try preview.start(port: port)
        } catch {
            FileHandle.standardError.write(Data("error: cannot serve on 127.0.0.1:\(port): \(error)\n".utf8))
            throw ExitCode(1)
        }
        FileHandle.standardOutput.write(
            Data("serving http://127.0.0.1:\(port)/trainer/ and http://127.0.0.1:\(port)/participant/ — Ctrl-C stops\n".utf8))
        // Ctrl-C (and a polite kill) stop the server and end with 0.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            source.setEventHandler {
                // Ending the process closes the sockets; a request being answered is cut short.
                FileHandle.standardOutput.write(Data("\nstopped\n".utf8))
                Foundation.exit(0)
            }
            source.resume()
            sources.append(source)
        }
        withExtendedLifetime(sources) { dispatchMain() }
    }
}
