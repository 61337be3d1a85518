import Statistics

/// The options a participant chose, as a set of indices 0…63 held in one word (no allocation:
/// reports read millions of them).
public struct OptionChoice: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// Bit `i` is set when option `i` was chosen.
    public var mask: UInt64

    /// The choice of these option indices (indices outside 0…63 are not representable and ignored;
    /// ``OptionLetter/decode(_:)`` yields 0…25).
    public init<S: Sequence>(_ indices: S) where S.Element == Int {
        mask = 0
        for i in indices where i >= 0 && i < 64 { mask |= 1 << UInt64(i) }
    }

    public init(arrayLiteral elements: Int...) { self.init(elements) }

    /// The chosen indices, ascending.
    public var indices: [Int] {
        var out: [Int] = []
        out.reserveCapacity(mask.nonzeroBitCount)
        var rest = mask
        while rest != 0 {
            out.append(rest.trailingZeroBitCount)
            rest &= rest - 1
        }
        return out
    }
    /// The lowest chosen index that is `limit` or more (an option the question does not have), if any.
    public func first(atLeast limit: Int) -> Int? {
        guard limit < 64 else { return nil }
        let high = mask >> UInt64(Swift.max(limit, 0))
        return high == 0 ? nil : high.trailingZeroBitCount + Swift.max(limit, 0)
    }
    /// How many options were chosen.
    public var count: Int { mask.nonzeroBitCount }
    /// Whether nothing was chosen.
    public var isEmpty: Bool { mask == 0 }
    /// Whether option `i` was chosen.
    public func contains(_ i: Int) -> Bool { i >= 0 && i < 64 && mask & (1 << UInt64(i)) != 0 }
}

/// A participant's answer to one question, typed by what it is.
public enum Answer: Sendable, Hashable {
    /// Chosen options (a single-choice answer has one).
    case choice(OptionChoice)
    /// A rating on the question's scale (1…n).
    case rating(Int)
    /// Free text, with the trainer's score once given (open quiz questions).
    case text(String, score: Fraction?)
}

/// Why a stored or imported answer could not be understood. Never replaced by a default: the
/// caller names the row or line.
public struct AnswerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the question.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

extension Answer {
    /// Reads an answer in its one storage encoding: `choice` holds option letters (`a;c`) for a
    /// choice question or the number for a rating, `text` the open text, `score` the trainer's
    /// score (at most three decimals).
    /// - Throws: ``AnswerError`` naming the question when the stored value does not fit its kind.
    public init(kind: QuestionKind, question: String, choice: String?, text: String?, score: Double?) throws(AnswerError) {
        switch kind {
        case .single, .multiple:
            guard let choice, let chosen = OptionLetter.choice(choice) else {
                throw AnswerError("answer to \(question) is '\(choice ?? text ?? "")', not option letters")
            }
            self = .choice(chosen)
        case .rating:
            guard let value = (choice ?? text).flatMap({ Int($0.trimmingASCIIWhitespace) }) else {
                throw AnswerError("rating \(question) is '\(choice ?? text ?? "")', not a whole number")
            }
            self = .rating(value)
        case .open:
            var exact: Fraction?
            if let score {
                guard let s = Fraction(decimal: score), s >= .zero else {
                    throw AnswerError("score \(score) of \(question) is not a number ≥ 0 with at most 3 decimals")
                }
                exact = s
            }
            self = .text(text ?? choice ?? "", score: exact)
        }
    }

    /// The `choice` column: option letters or the rating; nil for text.
    public var storedChoice: String? {
        switch self {
        case .choice(let chosen): return OptionLetter.encode(chosen.indices)
        case .rating(let v): return String(v)
        case .text: return nil
        }
    }

    /// The `text` column.
    public var storedText: String? {
        if case .text(let t, _) = self { return t }
        return nil
    }

    /// The `response` cell of a CSV: letters, the rating or the text.
    public var csvResponse: String { storedChoice ?? storedText ?? "" }
}

extension String {
    /// Without leading and trailing ASCII spaces, tabs and line breaks.
    public var trimmingASCIIWhitespace: String {
        let u = utf8
        func ws(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        // Nearly every cell of an import has nothing to trim: decided on the contiguous bytes.
        let clean = u.withContiguousStorageIfAvailable { b in b.isEmpty || !(ws(b[0]) || ws(b[b.count - 1])) }
        if clean == true { return self }
        guard let f = u.first, let l = u.last, ws(f) || ws(l) else { return self }
        var start = u.startIndex
        var end = u.endIndex
        while start < end && ws(u[start]) { start = u.index(after: start) }
        while end > start && ws(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(self[start..<end])
    }
}

/// Option letters, the one naming of options on paper forms, in the terminal, the database and
/// CSV files: 0 → a, 1 → b …
public enum OptionLetter {
    static let letters: [String] = "abcdefghijklmnopqrstuvwxyz".map { String($0) }

    /// The letter of option `index` (beyond z: its number).
    public static func letter(_ index: Int) -> String {
        index >= 0 && index < letters.count ? letters[index] : "\(index + 1)"
    }

    /// The index of a letter (`a` or `A` → 0), nil when it is not one.
    public static func index(_ letter: String) -> Int? {
        let u = Array(letter.utf8)
        guard u.count == 1 else { return nil }
        switch u[0] {
        case 97...122: return Int(u[0]) - 97
        case 65...90: return Int(u[0]) - 65
        default: return nil
        }
    }

    /// `a;c` for indices [0, 2].
    public static func encode(_ indices: [Int]) -> String { indices.sorted().map(letter).joined(separator: ";") }

    /// `a;c` for the choice of options 0 and 2 (the same text as ``encode(_:)-([Int])`` of its indices).
    public static func encode(_ chosen: OptionChoice) -> String {
        if chosen.count == 1 { return letter(chosen.mask.trailingZeroBitCount) }
        return encode(chosen.indices)
    }

    /// Sorted indices of `a;c`, `a,c`, `A C` or `ac`; nil when something else is there.
    public static func decode(_ text: String) -> [Int]? { choice(text)?.indices }

    /// The options named by `a;c`, `a,c`, `A C` or `ac`; nil when something else is there or nothing is named.
    public static func choice(_ text: String) -> OptionChoice? {
        var chosen = OptionChoice([])
        for b in text.utf8 {
            switch b {
            case 97...122: chosen.mask |= 1 << UInt64(b - 97)
            case 65...90: chosen.mask |= 1 << UInt64(b - 65)
            case 59, 44, 32, 9: continue
            default: return nil
            }
        }
        return chosen.isEmpty ? nil : chosen
    }
}

/// The phase of an attempt.
public enum Phase: String, Sendable, Hashable, Codable, CaseIterable {
    /// The test before the training.
    case pre
    /// The same test after it.
    case post
    /// The feedback form.
    case feedback
    /// Practice exercises (never results).
    case practice
}
