import Foundation

/// Compact JSON with the keys of every object sorted, written straight into bytes.
///
/// The report's JSON for 100,000 participants is about 44 MB; Foundation's `JSONEncoder` builds a
/// tree of boxed values for it and took a third of the report's time. This encoder keeps one
/// buffer per *open* container: a value is encoded when its parent asks for it, its container
/// is closed as soon as control returns to the parent, and only then are its keys sorted and
/// its bytes appended to the parent. Leaves (numbers, strings) are formatted in place.
///
/// The output is byte for byte what `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`
/// writes (a test compares the two on whole reports): keys in byte order, doubles are written by `description` without a trailing `.0`, and a non-finite double
/// is an error, as there.
struct SortedJSONEncoder {

    /// A value JSON cannot hold (a NaN or infinite double), with where it was.
    struct Failure: Error, CustomStringConvertible {
        let codingPath: String
        let value: Double
        var description: String { "\(value) at \(codingPath.isEmpty ? "the top" : codingPath) cannot be written as JSON" }
    }

    /// Arrays of at least this many items, near the top of the document, are written on every core.
    static let splitThreshold = 4096

    /// The JSON of `value`.
    ///
    /// Large arrays near the top (a report's participants, open answers, trainings and comparison
    /// rows: most of its 49 MB) are not written in place: each leaves a marker in its parent and is
    /// written afterwards in slices, one encoder per slice, on every core; the slices are then put
    /// in the markers' places. Each slice's values see their full coding path, and an error is the
    /// first in the order a single pass would meet it, so the output and the errors are the same as
    /// writing everything in order.
    /// `value` is `Sendable`, so the arrays in it may be written on other threads.
    /// - Parameter splitAt: the smallest array written in slices (tests lower it).
    static func encode<T: Encodable & Sendable>(_ value: T, splitAt: Int = splitThreshold) throws -> [UInt8] {
        try encodeCountingSplits(value, splitAt: splitAt).json
    }

    /// ``encode(_:splitAt:)``, and how many arrays were written in slices (for the tests).
    static func encodeCountingSplits<T: Encodable & Sendable>(_ value: T, splitAt: Int) throws -> (json: [UInt8], split: Int) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let stack = JSONFrames(splitAt: cores > 1 ? splitAt : nil)
        stack.open(.slot, attach: .top)
        do {
            try encodeValue(value, stack: stack, frame: 0, attach: .top)
        } catch {
            // Arrays set aside came before the failing value: an error in one of them is met first.
            for array in stack.setAside { _ = try array.slice(0..<array.items.jsonItemCount) }
            throw error
        }
        let main = stack.finish()
        let split = stack.setAside.count
        return (split == 0 ? main : try splice(main, stack.setAside, cores: cores), split)
    }

    /// `main` with each marker replaced by its array, the arrays' slices written on `cores` cores.
    private static func splice(_ main: [UInt8], _ arrays: [JSONFrames.SetAside], cores: Int) throws -> [UInt8] {
        var list: [(array: Int, range: Range<Int>)] = []
        for (a, array) in arrays.enumerated() {
            let count = array.items.jsonItemCount
            let parts = Swift.max(1, Swift.min(cores * 4, count / 1024))
            for p in 0..<parts { list.append((a, count * p / parts..<count * (p + 1) / parts)) }
        }
        let slices = list
        let written = [Result<[UInt8], any Error>](unsafeUninitializedCapacity: slices.count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            // Each iteration initializes its own slot only.
            nonisolated(unsafe) let slots = base
            DispatchQueue.concurrentPerform(iterations: slices.count) { i in
                let s = slices[i]
                (slots + i).initialize(to: Result { try arrays[s.array].slice(s.range) })
            }
            initialized = slices.count
        }
        // The first error in slice order is the first a single pass would meet.
        var parts = [[[UInt8]]](repeating: [], count: arrays.count)
        var total = main.count
        for (s, result) in zip(slices, written) {
            let bytes = try result.get()
            total += bytes.count + 1
            parts[s.array].append(bytes)
        }
        var out: [UInt8] = []
        out.reserveCapacity(total + 2 * arrays.count)
        var i = 0
        while i < main.count {
            guard main[i] == JSONFrames.marker else {
                // Copy up to the next marker.
                var j = i + 1
                while j < main.count && main[j] != JSONFrames.marker { j += 1 }
                out.append(contentsOf: main[i..<j])
                i = j
                continue
            }
            var index = 0
            i += 1
            while main[i] != JSONFrames.markerEnd {
                index = index * 10 + Int(main[i] - 0x30)
                i += 1
            }
            i += 1
            out.append(0x5B)
            var first = true
            for bytes in parts[index] where !bytes.isEmpty {
                if !first { out.append(0x2C) }
                out.append(contentsOf: bytes)
                first = false
            }
            out.append(0x5D)
        }
        return out
    }
}

/// An array whose items can be written in slices by separate encoders.
protocol JSONSplittableArray {
    var jsonItemCount: Int { get }
    /// Writes items `range` as items of frame 0 of `stack`.
    func encodeJSONItems(_ range: Range<Int>, into stack: JSONFrames) throws
}

extension Array: JSONSplittableArray where Element: Encodable {
    var jsonItemCount: Int { count }

    func encodeJSONItems(_ range: Range<Int>, into stack: JSONFrames) throws {
        // What `Array.encode(to:)` does, item by item.
        for i in range { try encodeValue(self[i], stack: stack, frame: 0, attach: .item) }
    }
}

/// The open containers of one encoding, innermost last.
///
/// Each open container has one byte buffer: an array's items joined by commas, or an object's
/// members `"key":value` joined by commas, with where each member starts. Leaves are written
/// straight into the buffer; a closed container is written into its parent's buffer (its
/// members reordered by key if they were not encoded in order). Buffers are reused by the next
/// container at the same depth, so a report of 200,000 answers allocates a few dozen buffers.
final class JSONFrames {

    /// A large array left for later: its items and its coding path.
    struct SetAside: @unchecked Sendable {
        // The path's keys are ``PathKey`` values (immutable), and the items are part of the
        // `Sendable` value given to ``SortedJSONEncoder/encode(_:splitAt:)``.
        let items: any JSONSplittableArray
        let path: [any CodingKey]

        /// Items `range` as JSON, joined by commas, without brackets.
        func slice(_ range: Range<Int>) throws -> [UInt8] {
            let stack = JSONFrames(splitAt: nil, basePath: path, baseIndex: range.lowerBound)
            stack.open(.array, attach: .top)
            try items.encodeJSONItems(range, into: stack)
            return stack.finishItems()
        }
    }

    /// Stands for a set-aside array in its parent's bytes, followed by the array's number in
    /// decimal and ``markerEnd``. JSON text written here never holds a byte below 0x20 (strings
    /// escape them), so the marker cannot be confused with content.
    static let marker: UInt8 = 0x01
    static let markerEnd: UInt8 = 0x02

    /// The smallest array set aside (nil: none; a slice's encoder sets none aside).
    let splitAt: Int?
    /// Only frames this shallow set arrays aside: that is where a report's large arrays are, and
    /// it keeps the type check off the millions of values below them.
    static let splitDepth = 3
    private(set) var setAside: [SetAside] = []
    /// The coding path above frame 0 and the index of frame 0's first item (a slice's encoder).
    private let basePath: [any CodingKey]
    private let baseIndex: Int

    init(splitAt: Int? = nil, basePath: [any CodingKey] = [], baseIndex: Int = 0) {
        self.splitAt = splitAt
        self.basePath = basePath
        self.baseIndex = baseIndex
    }

    /// Leaves a marker for `items` as `attach` in frame `index` when the array is large enough to
    /// be written in slices; false (nothing written) otherwise.
    func setAside<T: Encodable>(_ value: T, as attach: Attach, in index: Int) -> Bool {
        guard let splitAt, index < Self.splitDepth, let items = value as? any JSONSplittableArray,
            items.jsonItemCount >= splitAt
        else { return false }
        let number = setAside.count
        setAside.append(SetAside(items: items, path: path(through: index, then: attach)))
        leaf(attach, in: index) { out in
            out.append(Self.marker)
            out.append(contentsOf: String(number).utf8)
            out.append(Self.markerEnd)
        }
        return true
    }

    enum Kind { case slot, object, array }
    /// Where a closed frame's bytes go in the frame below it.
    enum Attach { case top, key(String), item }

    struct Frame {
        var kind: Kind = .slot
        var attach: Attach = .top
        var bytes: [UInt8] = []
        /// Object members: the key and where the member's value starts and ends in ``bytes``.
        var members: [(key: String, start: Int, end: Int)] = []
        var count = 0
        /// Its place in the array below it, when it is an item (for the coding path).
        var itemIndex = 0
    }

    // Only this class touches its frames, one call at a time: Swift's run-time exclusivity checks on
    // them were a sixth of the encoding time.
    @exclusivity(unchecked) private var frames: [Frame] = []
    /// Open frames: `frames[0..<depth]`; the rest are buffers kept for reuse.
    @exclusivity(unchecked) private var depth = 0
    /// The key order of the last object sorted at each depth and its sorted permutation: objects of
    /// one type come one after another with the same keys, which are then sorted once.
    @exclusivity(unchecked) private var sortedOrders: [(keys: [String], order: [Int])] = []

    func open(_ kind: Kind, attach: Attach) {
        if depth == frames.count { frames.append(Frame()) }
        frames[depth].itemIndex = depth > 0 ? frames[depth - 1].count : 0
        frames[depth].kind = kind
        frames[depth].attach = attach
        frames[depth].bytes.removeAll(keepingCapacity: true)
        frames[depth].members.removeAll(keepingCapacity: true)
        frames[depth].count = 0
        depth += 1
    }

    /// Makes an untouched slot an object or an array (a value asked for its container).
    func become(_ kind: Kind, at index: Int) {
        if frames[index].kind == .slot && frames[index].bytes.isEmpty { frames[index].kind = kind }
    }

    var count: Int { depth }

    /// The coding path of frame `index` (with `attach` below it when given): made only when asked
    /// for — an error, or a value that reads its encoder's path — never per value.
    func path(through index: Int, then attach: Attach? = nil) -> [any CodingKey] {
        var keys = basePath
        if index >= 1 {
            for i in 1...index {
                switch frames[i].attach {
                case .top: continue
                case .key(let k): keys.append(PathKey(k))
                case .item: keys.append(PathKey(frames[i].itemIndex + (i == 1 ? baseIndex : 0)))
                }
            }
        }
        switch attach {
        case .key(let k)?: keys.append(PathKey(k))
        case .item?: keys.append(PathKey(frames[index].count + (index == 0 ? baseIndex : 0)))
        case .top?, nil: break
        }
        return keys
    }

    func itemCount(_ index: Int) -> Int { frames[index].count }

    /// Closes every frame above `index` (finished children), innermost first, writing each into the one below.
    func close(above index: Int) {
        while depth > index + 1 {
            depth -= 1
            let child = frames[depth]
            let parent = depth - 1
            begin(child.attach, in: parent)
            write(child, depth: depth, to: &frames[parent].bytes)
            end(child.attach, in: parent)
        }
    }

    /// The finished top-level value (after ``close(above:)`` of frame 0).
    func finish() -> [UInt8] {
        close(above: 0)
        depth = 0
        // A top-level value already written whole into the slot is handed over as it is (a report's
        // 44 MB are not copied once more).
        if frames[0].kind == .slot && !frames[0].bytes.isEmpty {
            defer { frames[0].bytes = [] }
            return frames[0].bytes
        }
        var out: [UInt8] = []
        write(frames[0], depth: 0, to: &out)
        return out
    }

    /// The items written into frame 0, an array, joined by commas without its brackets.
    func finishItems() -> [UInt8] {
        close(above: 0)
        depth = 0
        defer { frames[0].bytes = [] }
        return frames[0].bytes
    }

    /// Starts a value in frame `index`: the comma and key of a member or the comma of an item.
    /// A slot (single value) is emptied.
    func begin(_ attach: Attach, in index: Int) {
        switch attach {
        case .top:
            frames[index].bytes.removeAll(keepingCapacity: true)
        case .key(let key):
            if frames[index].count > 0 { frames[index].bytes.append(0x2C) }
            Self.appendString(key, to: &frames[index].bytes)
            frames[index].bytes.append(0x3A)
            frames[index].members.append((key, frames[index].bytes.count, 0))
        case .item:
            if frames[index].count > 0 { frames[index].bytes.append(0x2C) }
        }
    }

    /// Ends the value begun by ``begin(_:in:)``.
    func end(_ attach: Attach, in index: Int) {
        switch attach {
        case .top: break
        case .key:
            let last = frames[index].members.count - 1
            frames[index].members[last].end = frames[index].bytes.count
            frames[index].count += 1
        case .item:
            frames[index].count += 1
        }
    }

    /// Writes one leaf (already JSON) as `attach` into frame `index`.
    func leaf(_ attach: Attach, in index: Int, _ write: (inout [UInt8]) -> Void) {
        close(above: index)
        begin(attach, in: index)
        write(&frames[index].bytes)
        end(attach, in: index)
    }

    private func write(_ frame: Frame, depth: Int, to out: inout [UInt8]) {
        switch frame.kind {
        case .slot:
            if frame.bytes.isEmpty { out.append(contentsOf: [0x7B, 0x7D]) } else { out.append(contentsOf: frame.bytes) }
        case .array:
            out.append(0x5B)
            out.append(contentsOf: frame.bytes)
            out.append(0x5D)
        case .object:
            out.append(0x7B)
            let m = frame.members
            let order = sortedOrder(m, depth: depth)
            if order.isEmpty {
                out.append(contentsOf: frame.bytes)
            } else {
                for (n, i) in order.enumerated() {
                    if n > 0 { out.append(0x2C) }
                    Self.appendString(m[i].key, to: &out)
                    out.append(0x3A)
                    out.append(contentsOf: frame.bytes[m[i].start..<m[i].end])
                }
            }
            out.append(0x7D)
        }
    }

    /// The members' indices in key order, or empty when they are in order already.
    private func sortedOrder(_ m: [(key: String, start: Int, end: Int)], depth: Int) -> [Int] {
        while sortedOrders.count <= depth { sortedOrders.append(([], [])) }
        let cached = sortedOrders[depth]
        if cached.keys.count == m.count && zip(cached.keys, m).allSatisfy({ $0 == $1.key }) { return cached.order }
        var order: [Int] = []
        if !zip(m, m.dropFirst()).allSatisfy({ !Self.keyPrecedes($1.key, $0.key) }) {
            order = m.indices.sorted { Self.keyPrecedes(m[$0].key, m[$1].key) || (m[$0].key == m[$1].key && $0 < $1) }
        }
        sortedOrders[depth] = (m.map(\.key), order)
        return order
    }

    /// Keys in UTF-8 byte order: for the report's keys (ASCII identifiers and codes) the order
    /// Foundation's `.sortedKeys` gives, which the oracle test checks.
    static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Appends `s` as a JSON string: runs that need no escape are copied whole.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            var run = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                run = i + 1
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0x08: out.append(contentsOf: [0x5C, 0x62])
                case 0x0C: out.append(contentsOf: [0x5C, 0x66])
                default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(0x22)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Refuses a NaN or an infinity, which JSON cannot hold (as Foundation does).
    static func checkFinite<F: BinaryFloatingPoint>(_ x: F, path: @autoclosure () -> [any CodingKey]) throws(SortedJSONEncoder.Failure) {
        guard x.isFinite else { throw SortedJSONEncoder.Failure(codingPath: path().map(\.stringValue).joined(separator: "."), value: Double(x)) }
    }

    /// Appends a finite number as Foundation writes it: `description`, without a trailing `.0`.
    static func appendNumber<F: BinaryFloatingPoint & CustomStringConvertible>(_ x: F, to out: inout [UInt8]) {
        out.append(contentsOf: x.description.utf8)
        if out.count >= 2 && out[out.count - 2] == 0x2E && out[out.count - 1] == 0x30 { out.removeLast(2) }
    }
}

/// A key of a coding path: a member's name or an item's index.
struct PathKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(_ name: String) { (stringValue, intValue) = (name, nil) }
    init(_ index: Int) { (stringValue, intValue) = ("\(index)", index) }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}

/// The `Encoder` handed to each value: it fills the frame at `frame` (a slot until the value asks for a container).
struct FrameEncoder: Encoder {
    let stack: JSONFrames
    let frame: Int
    var codingPath: [any CodingKey] { stack.path(through: frame) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        stack.become(.object, at: frame)
        return KeyedEncodingContainer(KeyedFrame<Key>(stack: stack, frame: frame))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        stack.become(.array, at: frame)
        return UnkeyedFrame(stack: stack, frame: frame)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleFrame(stack: stack, frame: frame)
    }
}

/// Writes a leaf: a string, a number or a boolean (nil for any other value).
private func leafWriter<T: Encodable>(_ value: T, codingPath: @autoclosure () -> [any CodingKey]) throws -> ((inout [UInt8]) -> Void)? {
    switch value {
    case let s as String: return { JSONFrames.appendString(s, to: &$0) }
    case let x as Double:
        try JSONFrames.checkFinite(x, path: codingPath())
        return { JSONFrames.appendNumber(x, to: &$0) }
    case let x as Float:
        try JSONFrames.checkFinite(x, path: codingPath())
        return { JSONFrames.appendNumber(x, to: &$0) }
    case let x as Bool: return { $0.append(contentsOf: (x ? "true" : "false").utf8) }
    case let x as any BinaryInteger: return { $0.append(contentsOf: x.description.utf8) }
    default: return nil
    }
}

/// Encodes a leaf or a nested value into frame `frame` as `attach`.
private func encodeValue<T: Encodable>(_ value: T, stack: JSONFrames, frame: Int, attach: JSONFrames.Attach) throws {
    if let write = try leafWriter(value, codingPath: stack.path(through: frame, then: attach)) {
        stack.leaf(attach, in: frame, write)
        return
    }
    if stack.setAside(value, as: attach, in: frame) { return }
    stack.close(above: frame)
    stack.open(.slot, attach: attach)
    try value.encode(to: FrameEncoder(stack: stack, frame: stack.count - 1))
    stack.close(above: frame)
}

private struct KeyedFrame<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let stack: JSONFrames
    let frame: Int
    var codingPath: [any CodingKey] { stack.path(through: frame) }

    mutating func encodeNil(forKey key: Key) throws {
        stack.leaf(.key(key.stringValue), in: frame) { $0.append(contentsOf: "null".utf8) }
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeValue(value, stack: stack, frame: frame, attach: .key(key.stringValue))
    }

    // The leaves the report is made of, without the generic path's dynamic casts.
    mutating func encode(_ value: String, forKey key: Key) throws {
        stack.leaf(.key(key.stringValue), in: frame) { JSONFrames.appendString(value, to: &$0) }
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        stack.leaf(.key(key.stringValue), in: frame) { $0.append(contentsOf: value.description.utf8) }
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        stack.leaf(.key(key.stringValue), in: frame) { $0.append(contentsOf: (value ? "true" : "false").utf8) }
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        try JSONFrames.checkFinite(value, path: stack.path(through: frame, then: .key(key.stringValue)))
        stack.leaf(.key(key.stringValue), in: frame) { JSONFrames.appendNumber(value, to: &$0) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        stack.close(above: frame)
        stack.open(.object, attach: .key(key.stringValue))
        return KeyedEncodingContainer(KeyedFrame<NestedKey>(stack: stack, frame: stack.count - 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        stack.close(above: frame)
        stack.open(.array, attach: .key(key.stringValue))
        return UnkeyedFrame(stack: stack, frame: stack.count - 1)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        stack.close(above: frame)
        stack.open(.slot, attach: .key(name))
        return FrameEncoder(stack: stack, frame: stack.count - 1)
    }
}

private struct UnkeyedFrame: UnkeyedEncodingContainer {
    let stack: JSONFrames
    let frame: Int
    var codingPath: [any CodingKey] { stack.path(through: frame) }
    var count: Int { stack.itemCount(frame) }

    mutating func encodeNil() throws {
        stack.leaf(.item, in: frame) { $0.append(contentsOf: "null".utf8) }
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, stack: stack, frame: frame, attach: .item)
    }

    mutating func encode(_ value: String) throws {
        stack.leaf(.item, in: frame) { JSONFrames.appendString(value, to: &$0) }
    }

    mutating func encode(_ value: Int) throws {
        stack.leaf(.item, in: frame) { $0.append(contentsOf: value.description.utf8) }
    }

    mutating func encode(_ value: Double) throws {
        try JSONFrames.checkFinite(value, path: stack.path(through: frame, then: .item))
        stack.leaf(.item, in: frame) { JSONFrames.appendNumber(value, to: &$0) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        stack.close(above: frame)
        stack.open(.object, attach: .item)
        return KeyedEncodingContainer(KeyedFrame<NestedKey>(stack: stack, frame: stack.count - 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        stack.close(above: frame)
        stack.open(.array, attach: .item)
        return UnkeyedFrame(stack: stack, frame: stack.count - 1)
    }

    mutating func superEncoder() -> any Encoder {
        stack.close(above: frame)
        stack.open(.slot, attach: .item)
        return FrameEncoder(stack: stack, frame: stack.count - 1)
    }
}

private struct SingleFrame: SingleValueEncodingContainer {
    let stack: JSONFrames
    let frame: Int
    var codingPath: [any CodingKey] { stack.path(through: frame) }

    mutating func encodeNil() throws {
        stack.leaf(.top, in: frame) { $0.append(contentsOf: "null".utf8) }
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, stack: stack, frame: frame, attach: .top)
    }
}
