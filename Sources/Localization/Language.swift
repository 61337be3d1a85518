import Foundation

/// A user-interface language. Content is Kazakh; the interface can be Kazakh, Russian or English.
public enum Language: String, Sendable, CaseIterable, Codable {
    case kk, ru, en

    /// The BCP 47 tag used in `lang` attributes.
    public var tag: String { rawValue }
}

/// Looks up interface strings in the one catalogue (``UIString``).
public struct Localizer: Sendable {
    /// The language strings are returned in.
    public var language: Language

    /// Creates a localizer for `language`.
    public init(_ language: Language) { self.language = language }

    /// The string for `key` in this localizer's language.
    public func callAsFunction(_ key: UIString) -> String {
        let entry = key.translations
        switch language {
        case .kk: return entry.kk
        case .ru: return entry.ru
        case .en: return entry.en
        }
    }

    /// The string for `key` with `%1`, `%2`, … replaced by `arguments` in order. A Kazakh string may ask for a
    /// number with its case ending: `%1{dative}` gives «5-ке», `%1{ablative}` «5-тен» (``KazakhNumber``).
    public func callAsFunction(_ key: UIString, _ arguments: CustomStringConvertible...) -> String {
        var text = self(key)
        for (index, argument) in arguments.enumerated().reversed() {
            let value = argument.description
            text = KazakhNumber.fillCases(text, index: index + 1, argument: value)
            text = Self.replacing("%\(index + 1)", with: value, in: text)
        }
        return text
    }

    /// Whether the ASCII `placeholder` occurs in `text`, compared byte by byte.
    static func occurs(_ placeholder: String, in text: String) -> Bool {
        let needle = Array(placeholder.utf8), bytes = Array(text.utf8)
        guard !needle.isEmpty, needle.count <= bytes.count else { return needle.isEmpty }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// `text` with every occurrence of the ASCII `placeholder` replaced by `value`, left to right,
    /// compared byte by byte. Foundation's `replacingOccurrences` goes through `NSString` and took most
    /// of the time of the agenda pages (a duration per session); a placeholder is ASCII, so its bytes
    /// match exactly where its characters do.
    static func replacing(_ placeholder: String, with value: String, in text: String) -> String {
        let needle = Array(placeholder.utf8), bytes = Array(text.utf8)
        guard let first = needle.first else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + value.utf8.count)
        var replaced = false
        var i = 0
        while i < bytes.count {
            if bytes[i] == first, i + needle.count <= bytes.count, bytes[i..<(i + needle.count)].elementsEqual(needle) {
                out += value.utf8
                i += needle.count
                replaced = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return replaced ? String(decoding: out, as: UTF8.self) : text
    }
}

