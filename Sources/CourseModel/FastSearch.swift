/// Byte-wise substring search. Foundation's `contains`/`range(of:)` on `String` go through
/// locale-aware CFString search, which dominated the load time of the course.
extension StringProtocol {
    /// Whether `needle` occurs, compared as UTF-8 bytes.
    func containsBytes(_ needle: String) -> Bool { rangeOfBytes(needle) != nil }

    /// The first range of `needle`, compared as UTF-8 bytes.
    func rangeOfBytes(_ needle: String) -> Range<Index>? {
        let n = Array(needle.utf8)
        guard let first = n.first else { return nil }
        let u = utf8
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == first {
                var j = i
                var k = 0
                while k < n.count, j != u.endIndex, u[j] == n[k] {
                    j = u.index(after: j)
                    k += 1
                }
                if k == n.count { return i..<j }
            }
            i = u.index(after: i)
        }
        return nil
    }
}
