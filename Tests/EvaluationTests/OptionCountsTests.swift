import Instruments
import HTMLText
import Statistics
import Testing

@testable import Evaluation

@Suite struct OptionCountsTests {
    /// The bit-mask tally used for speed gives exactly what `Options.counts` gives.
    @Test func tallyEqualsTheStatisticsLibrary() {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1
            return Int((seed >> 33) % UInt64(n))
        }
        let letters = ["a", "b", "c", "d", "e", "f"]
        for optionCount in [2, 3, 4] {
            var masks: [Int32?] = []
            for _ in 0..<500 {
                switch next(10) {
                case 0: masks.append(nil)
                default:
                    var m: Int32 = 0
                    for _ in 0...next(2) { m |= 1 << Int32(next(optionCount + 2)) }  // sometimes beyond the options
                    masks.append(m)
                }
            }
            let fast = PreparedData.optionCounts(masks, optionCount: optionCount)
            let selections: [[String]?] = masks.map { m in m.map { m in (0..<26).filter { m & (1 << Int32($0)) != 0 }.map { letters[$0] } } }
            let reference = Options.counts(selections: selections, options: Array(letters.prefix(optionCount)))
            #expect(fast == reference)
            let singles = masks.map { m -> String? in m.map { letters[Int($0.trailingZeroBitCount)] } }
            let singleMasks = singles.map { s -> Int32? in s.map { Int32(1) << Int32(letters.firstIndex(of: $0) ?? 0) } }
            #expect(PreparedData.optionCounts(singleMasks, optionCount: optionCount) == Options.counts(singles, options: Array(letters.prefix(optionCount))))
        }
    }

    @Test func escapesEveryHTMLSpecialCharacter() {
        #expect(HTML.escape("<>&\"'") == "&lt;&gt;&amp;&quot;&#39;")
        #expect(HTML.escape("Қазақстан — әйел, ұл, үй, і") == "Қазақстан — әйел, ұл, үй, і")
        #expect(HTML.escape("a\u{301}") == "a\u{301}")
    }
}
