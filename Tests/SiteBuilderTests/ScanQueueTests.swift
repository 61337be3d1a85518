import Dispatch
import Foundation
import Testing

@testable import SiteBuilder

/// The leak check's files are shared by a build's two threads (``ScanQueue``): every file submitted
/// is found by the scans, whether the other thread helps from the start or part way, and whether
/// the queue holds them all, some or none (then the participant thread scans them itself); what the
/// scans found is the same as scanning the files one by one.
@Suite struct ScanQueueTests {
    /// A scanner that knows one secret sentence of a trainer page.
    func scanner() -> LeakScanner {
        let scanner = LeakScanner()
        let secret = "құпия нұсқаулық мәтіні тек жаттықтырушыға арналған сөйлем"
        scanner.add(LeakCheck.secretFragments([secret]), of: "modules/trainer.md") { _ in false }
        return scanner
    }

    /// File `i`: every third holds the secret; the last ones are long (they take a while to scan,
    /// so the other thread may still be scanning one when the participant thread finishes).
    func file(_ i: Int) -> (String, [UInt8]) {
        let text = i % 3 == 0 ? "<p>Кіріспе. Құпия нұсқаулық мәтіні тек жаттықтырушыға арналған сөйлем.</p>" : "<p>Қатысушыға арналған мәтін \(i).</p>"
        let filler = i >= 995 ? String(repeating: "<p>Ұзын мәтін бөлігі, оқуға уақыт алады.</p>\n", count: 3_000) : ""
        return ("page-\(i).html", Array(("<html><body>" + filler + text + "</body></html>").utf8))
    }

    @Test(arguments: [0, 100, 2_000], [0, 2_000, 16 << 20])
    func everyFileIsScannedWhenTheOtherThreadHelpsAfter(helpAfter: Int, limit: Int) {
        let files = (0..<1_000).map(file)
        let alone = scanner()
        for (path, bytes) in files { alone.scan(path, bytes) }

        let shared = scanner(), queue = ScanQueue(limit: limit)
        let started = DispatchSemaphore(value: 0)
        // What the participant thread reads right after `finish`, as a build does.
        nonisolated(unsafe) var found: [String] = []
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            if thread == 0 {
                // The trainer thread: busy with its own edition for a while, then helping.
                started.wait()
                if helpAfter > 0 { Thread.sleep(forTimeInterval: Double(helpAfter) / 1_000_000) }
                queue.help()
            } else {
                queue.start(shared)
                started.signal()
                for (i, (path, bytes)) in files.enumerated() {
                    queue.submit(path, bytes, with: shared)
                    if i % 100 == 0 { Thread.sleep(forTimeInterval: 0.0005) }
                }
                queue.finish(with: shared)
                found = shared.leaks
            }
        }
        let missing = Set(alone.leaks).subtracting(found).sorted()
        #expect(missing.isEmpty && found == alone.leaks, "\(missing.count) files' leaks missing, e.g. \(missing.prefix(2))")
        #expect(found.count == 334)
    }
}
