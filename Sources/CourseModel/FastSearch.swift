import Foundation

/// Byte-wise substring search. Foundation's `contains`/`range(of:)` on `String` go through
/// locale-aware CFString search, which dominated the load time of the course.
extension StringProtocol {
    /// Whether `needle` occurs, compared as UTF-8 bytes.
    func containsBytes(_ needle: String) -> Bool { rangeOfBytes(needle) != nil }

    /// The first range of `needle`, compared as UTF-8 bytes.
    func rangeOfBytes(_ needle: String) -> Range<Index>? {
        let n = Array(needle.utf8)
        guard !n.isEmpty else { return nil }
        func search(_ hay: UnsafeBufferPointer<UInt8>) -> Int? {
            guard hay.count >= n.count else { return nil }
            let head = n[0]
            var i = 0
            let last = hay.count - n.count
            while i <= last {
                if hay[i] == head {
                    var k = 1
                    while k < n.count, hay[i + k] == n[k] { k += 1 }
                    if k == n.count { return i }
                }
                i += 1
            }
            return nil
        }
        // Over the contiguous bytes (a copy only for a string that has none, e.g. bridged from NSString).
        let found = utf8.withContiguousStorageIfAvailable(search) ?? {
            var copy = String(self)
            return copy.withUTF8(search)
        }()
        guard let offset = found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: n.count)
    }

    /// Whether the byte `byte` occurs (`memchr` over the contiguous bytes).
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in bytes.baseAddress.map { memchr($0, Int32(byte), bytes.count) != nil } ?? false }
            ?? utf8.contains(byte)
    }

    /// The text without Foundation's `.whitespaces` (Unicode spaces and tab) at either end, exactly as
    /// `trimmingCharacters(in: .whitespaces)`, which is only called when an end is white space: most
    /// table cells and lines have none, and the Foundation call copies through NSString.
    func trimmingSpaces() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        if !CharacterSet.whitespaces.contains(first) && !CharacterSet.whitespaces.contains(last) { return String(self) }
        return trimmingCharacters(in: .whitespaces)
    }
}
