/// Participant codes as participants really type them: in lower case, with a Cyrillic keyboard
/// layout left on (Т, В, К … look like T, B, K), with spaces or a hyphen in the middle.
enum CodeInput {
    /// Cyrillic letters (Russian and Kazakh) that look like the Latin letters and digits of codes.
    static let lookAlikes: [Character: Character] = [
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
        "Т": "T", "Х": "X", "У": "Y", "Ү": "Y", "З": "3", "Ѕ": "S", "І": "I", "Ј": "J",
    ]

    /// `typed` folded to the form codes are stored in: upper case, look-alikes replaced, spaces,
    /// hyphens and dashes removed. (`«т7м-2qх»` → `T7M2QX`.)
    static func normalized(_ typed: String) -> String {
        var out = ""
        for ch in typed.uppercased() {
            if ch.isWhitespace || "-‐‑–—_.".contains(ch) { continue }
            out.append(lookAlikes[ch] ?? ch)
        }
        return out
    }

    /// Whether `typed` can only be meant as a code (6 letters and digits once folded), not a name.
    static func looksLikeCode(_ typed: String) -> Bool {
        let n = normalized(typed)
        return n.count == 6 && n.allSatisfy { ($0.isASCII && $0.isLetter) || $0.isNumber }
    }
}
