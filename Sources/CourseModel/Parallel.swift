import Dispatch

/// Work spread over the machine's cores, with results in the order of the input.
public enum Parallel {
    /// `transform` applied to every element of `items`, several at once; the results in the order of
    /// `items`, so what is built from them is the same whatever order the work finished in.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            // Each iteration initializes its own slot only.
            nonisolated(unsafe) let slots = base
            DispatchQueue.concurrentPerform(iterations: items.count) { i in (slots + i).initialize(to: transform(items[i])) }
            initialized = items.count
        }
    }

    /// `a` and `b` at once (one on another thread); both results. Neither should use ``map(_:_:)``:
    /// libdispatch runs a `concurrentPerform` nested in another on one thread.
    public static func pair<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        nonisolated(unsafe) var first: A?
        nonisolated(unsafe) var second: B?
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { first = a() } else { second = b() }
        }
        guard let first, let second else { return (a(), b()) }
        return (first, second)
    }
}
