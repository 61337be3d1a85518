import Foundation
import Testing
import TestSupport

/// The katch binary allocates through mimalloc (Package.swift, `CMimalloc`): the dynamic loader's
/// own log of symbol bindings (`LD_DEBUG=bindings`, on standard error) of a run of the real binary
/// says where each library's `malloc` and `free` went.
@Suite struct AllocatorTests {
    @Test func mallocAndFreeAreMimallocsInTheWholeProcess() throws {
        let r = try runKatch(["check", "--course", fixtureCourse], input: "", environment: ["LD_DEBUG": "bindings"])
        #expect(r.status == 0, "\(r.output.suffix(2_000))")
        let bindings = r.output.components(separatedBy: "\n").filter { $0.contains("normal symbol `malloc'") || $0.contains("normal symbol `free'") }
        #expect(!bindings.isEmpty, "the loader's log is missing, so it proves nothing: \(r.output.prefix(2_000))")
        let elsewhere = bindings.filter { !$0.contains("libmimalloc") }
        #expect(elsewhere.isEmpty, "\(elsewhere.prefix(5))")
    }
}
