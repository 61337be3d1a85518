/// "Did you mean …?" for names an author mistyped: ids, keys, kinds, materials, tracks, types.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo
    /// (at most a third of the word's length, at least one edit, at most three).
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let w = Array(word.lowercased())
        guard !w.isEmpty else { return nil }
        let limit = max(1, min(3, w.count / 3))
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let c = Array(candidate.lowercased())
            if abs(c.count - w.count) > limit { continue }
            let d = distance(w, c, limit: limit)
            if d <= limit, d < (best?.1 ?? Int.max) || (d == best?.1 && candidate < best!.0) { best = (candidate, d) }
        }
        return best?.0
    }

    /// ` (did you mean 'x'?)` or an empty text.
    public static func hint(for word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Optimal string alignment distance (Levenshtein with transpositions), stopped early above `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, previous2[j - 2] + 1) }
                current[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
