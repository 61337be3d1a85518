/// The order in which a practice question shows its options.
///
/// Authors write the correct options first more often than not; shown in that order, the position of an
/// option gives the answer away. Practice questions (questions outside the pre/post test and the feedback
/// form) are therefore shown in a shuffled order that is seeded by the question's id, so every build and
/// every run of `katch practice` shows the same order and the same letters (the paper form, the site and
/// the terminal agree). An author keeps the written order with `shuffle=false` on the question's heading.
public enum OptionOrder {
    /// FNV-1a (64-bit) of the UTF-8 bytes of `text`: a stable hash (Swift's `Hasher` is seeded per process).
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The shown order of options whose correctness is `correct`, for the question `id`: element `k` is the
    /// index (in the written order) of the option shown `k`-th. A Fisher–Yates shuffle driven by SplitMix64
    /// seeded with ``fnv1a(_:)`` of the id; if it puts exactly the correct options first and that can be
    /// avoided (some option is not correct), it is rotated by one until it does not.
    public static func shuffled(id: String, correct: [Bool]) -> [Int] {
        var order = Array(correct.indices)
        var state = fnv1a(id)
        func next() -> UInt64 {
            state = state &+ 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        if order.count > 1 {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        var rotations = 0
        while correctFirst(order.map { correct[$0] }) && rotations < order.count {
            order.append(order.removeFirst())
            rotations += 1
        }
        return order
    }

    /// Whether two or more correct options (`shown[k]` is whether the `k`-th shown option is correct)
    /// occupy exactly the first positions while some option is not correct — the order that gives the
    /// answer away («a–c answer all three questions»).
    ///
    /// A question with one correct option is left as the seeded shuffle puts it: its answer stands
    /// first in about 1 of n questions, as in any fair order. Never letting it stand first would
    /// itself give answers away (option a would never be right, and in two-option questions the
    /// answer would always be b).
    public static func correctFirst(_ shown: [Bool]) -> Bool {
        let count = shown.filter { $0 }.count
        guard count > 1, count < shown.count else { return false }
        return shown.prefix(count).allSatisfy { $0 }
    }
}
