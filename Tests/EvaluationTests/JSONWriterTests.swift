import Foundation
import Testing

@testable import Evaluation

/// ``SortedJSONEncoder`` against Foundation's `JSONEncoder` (sorted keys, unescaped slashes) as the
/// oracle, on the shapes a report does not have yet: keys encoded out of order, dictionaries,
/// nested and super encoders, nulls in arrays, every escape, integers of other widths, floats.
struct JSONWriterTests {
    struct Inner: Codable, Equatable {
        var zeta: Int
        var alpha: String?
        var list: [Double?]
    }

    /// Encodes its keys in reverse order and through nested and super encoders.
    struct Manual: Encodable {
        enum Keys: String, CodingKey { case z, m, a, nested, arr, sup }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode("last", forKey: .z)
            try c.encode(Int64.max, forKey: .m)
            try c.encodeNil(forKey: .a)
            var n = c.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try n.encode(UInt8(7), forKey: .z)
            try n.encode(Float(0.1), forKey: .a)
            var u = c.nestedUnkeyedContainer(forKey: .arr)
            try u.encode(1)
            var uu = u.nestedUnkeyedContainer()
            try uu.encode("x")
            try uu.encodeNil()
            try u.encode(Inner(zeta: 3, alpha: nil, list: [nil, 2.5]))
            try Inner(zeta: -1, alpha: "b", list: []).encode(to: c.superEncoder(forKey: .sup))
        }
    }

    struct Everything: Encodable {
        var text = "quote \" backslash \\ slash / tab \t newline \n return \r bell \u{07} nul \u{0} Қазақстан 🇰🇿"
        var numbers: [Double] = [0, -0.0, 1, 100, 0.1, 1e-7, 1e21, 123456789.125, -2.5, Double.leastNonzeroMagnitude]
        var map: [String: Int] = Dictionary(uniqueKeysWithValues: (0..<40).map { ("k\($0 * 7 % 40)", $0) })
        var nested: [String: Inner] = ["b": Inner(zeta: 1, alpha: "a", list: [1, nil]), "a": Inner(zeta: 2, alpha: nil, list: [])]
        var manual = Manual()
        var empty: [Int] = []
        var emptyMap: [String: Int] = [:]
        var flag = true
        var optionalMissing: Int? = nil
    }

    @Test func sameBytesAsFoundation() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let oracle = Array(try encoder.encode(Everything()))
        let ours = try SortedJSONEncoder.encode(Everything())
        #expect(String(decoding: ours, as: UTF8.self) == String(decoding: oracle, as: UTF8.self))
        #expect(try SortedJSONEncoder.encode([3, 1, 2]) == Array("[3,1,2]".utf8))
        #expect(try SortedJSONEncoder.encode("top") == Array(#""top""#.utf8))
    }

    @Test func nonFiniteNumberIsAnErrorNamingItsPlace() throws {
        let error = #expect(throws: SortedJSONEncoder.Failure.self) { try SortedJSONEncoder.encode(Inner(zeta: 0, alpha: nil, list: [1, .nan])) }
        #expect(error?.description.contains("list") == true)
    }

    /// The paths values reported; values in slices report from several threads at once.
    final class PathBox: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [String] = []
        var paths: [String] { lock.withLock { recorded } }
        func append(_ path: String) { lock.withLock { recorded.append(path) } }
    }

    /// Records the coding path its encoder reports.
    struct PathProbe: Encodable {
        let box: PathBox
        func encode(to encoder: any Encoder) throws {
            box.append(encoder.codingPath.map(\.stringValue).joined(separator: "."))
            var c = encoder.singleValueContainer()
            try c.encode(1)
        }
    }

    @Test func valuesSeeTheirCodingPath() throws {
        let box = PathBox()
        let json = try SortedJSONEncoder.encode(["a": [PathProbe(box: box), PathProbe(box: box)], "b": [PathProbe(box: box)]])
        #expect(String(decoding: json, as: UTF8.self) == #"{"a":[1,1],"b":[1]}"#)
        #expect(box.paths.sorted() == ["a.0", "a.1", "b.0"])
    }

    /// Large arrays at the top levels, and one too deep to be split.
    struct Large: Encodable {
        var items: [Inner] = (0..<5000).map { Inner(zeta: $0, alpha: $0 % 3 == 0 ? nil : "a\($0) \"q\"", list: [Double($0) / 7, nil]) }
        var texts: [String] = (0..<3000).map { "Қазақ \($0)\n" }
        var empty: [Int] = []
        var nested: [String: [[Int]]] = ["z": (0..<2000).map { [$0, -$0] }, "a": [[1]]]
        var deep: [String: [String: [String: [Int]]]] = ["x": ["y": ["z": Array(0..<3000)]]]
        var after = "after"
    }

    @Test func largeArraysWrittenInSlicesGiveTheSameBytes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let oracle = Array(try encoder.encode(Large()))
        for splitAt in [1, 100, 4096, Int.max] {
            let (ours, split) = try SortedJSONEncoder.encodeCountingSplits(Large(), splitAt: splitAt)
            #expect(ours == oracle, "split at \(splitAt)")
            if ProcessInfo.processInfo.activeProcessorCount > 1 {
                // items, texts, nested.z (and at 1 nested.a; an empty array never); never an array
                // inside a slice, nor deep.x.y.z (depth 3).
                let expected = splitAt == 1 ? 4 : splitAt == 100 ? 3 : splitAt == 4096 ? 1 : 0
                #expect(split == expected, "split at \(splitAt)")
            }
        }
    }

    @Test func valuesInSlicesSeeTheirCodingPath() throws {
        let box = PathBox()
        let json = try SortedJSONEncoder.encode(["a": (0..<3000).map { _ in PathProbe(box: box) }], splitAt: 10)
        #expect(json == Array(("{\"a\":[" + Array(repeating: "1", count: 3000).joined(separator: ",") + "]}").utf8))
        #expect(box.paths.sorted() == (0..<3000).map { "a.\($0)" }.sorted())
    }

    struct Failing: Encodable {
        var before: Double
        var list: [Double]
        var after: Double
    }

    @Test func anErrorInASliceIsTheFirstASinglePassMeets() throws {
        let list = (0..<5000).map { $0 == 2500 || $0 == 4000 ? Double.nan : Double($0) }
        for splitAt in [10, Int.max] {
            let inList = #expect(throws: SortedJSONEncoder.Failure.self) { try SortedJSONEncoder.encode(Failing(before: 1, list: list, after: .infinity), splitAt: splitAt) }
            #expect(inList?.codingPath == "list.2500")
            let before = #expect(throws: SortedJSONEncoder.Failure.self) { try SortedJSONEncoder.encode(Failing(before: .nan, list: list, after: 1), splitAt: splitAt) }
            #expect(before?.codingPath == "before")
            let after = #expect(throws: SortedJSONEncoder.Failure.self) { try SortedJSONEncoder.encode(Failing(before: 1, list: [1, 2, 3], after: .nan), splitAt: splitAt) }
            #expect(after?.codingPath == "after")
        }
    }
}
