import Foundation

/// Byte-wise substring search. Foundation's `contains`/`range(of:)` on `String` go through
/// locale-aware CFString search, which dominated the load time of the course.
extension StringProtocol {
    /// Whether `needle` occurs, compared as UTF-8 bytes.
    func containsBytes(_ needle: String) -> Bool { rangeOfBytes(needle) != nil }

    /// The first range of `needle`, compared as UTF-8 bytes.
    func rangeOfBytes(_ needle: String) -> Range<Index>? {
        var needle = needle
        let length = needle.utf8.count
        guard length > 0 else { return nil }
        // The needle's own bytes (no array made per call: this runs on every text of the course), over
        // the contiguous bytes of the text (a copy only for one that has none, e.g. bridged from NSString).
        let found = needle.withUTF8 { n in
            utf8.withContiguousStorageIfAvailable { FastSearch.firstOffset(of: n, in: $0) } ?? {
                var copy = String(self)
                return copy.withUTF8 { FastSearch.firstOffset(of: n, in: $0) }
            }()
        }
        guard let offset = found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: length)
    }

    /// Whether the byte `byte` occurs (`memchr` over the contiguous bytes).
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in bytes.baseAddress.map { memchr($0, Int32(byte), bytes.count) != nil } ?? false }
            ?? utf8.contains(byte)
    }

    /// The text without Foundation's `.whitespaces` (Unicode spaces and tab) at either end, exactly as
    /// `trimmingCharacters(in: .whitespaces)` (which also trims scalar by scalar), without its copy
    /// through NSString: table cells are trimmed on both sides, so the Foundation call made a tenth of
    /// reading a table. Spaces and tabs are compared as they are; only a non-ASCII end asks
    /// `CharacterSet` (no other ASCII character is in `.whitespaces`).
    func trimmingSpaces() -> String {
        let scalars = Substring(self).unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, Self.isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, Self.isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(Substring(scalars[start..<end]))
    }

    /// Whether `scalar` is in Foundation's `CharacterSet.whitespaces`.
    @inline(__always) static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
    }
}

/// The byte search under ``StringProtocol/rangeOfBytes(_:)``.
enum FastSearch {
    /// The offset of the first occurrence of `needle` in `hay`: `memchr` finds each candidate first byte.
    static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let head = needle.first, hay.count >= needle.count, let base = hay.baseAddress else { return nil }
        let last = hay.count - needle.count
        var i = 0
        while i <= last {
            guard let hit = memchr(base + i, Int32(head), last - i + 1) else { return nil }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = 1
            while k < needle.count, hay[i + k] == needle[k] { k += 1 }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }
}
