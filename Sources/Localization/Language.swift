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
            text = KazakhNumber.fillCases(text, index: index + 1, argument: argument.description)
            text = text.replacingOccurrences(of: "%\(index + 1)", with: argument.description)
        }
        return text
    }
}

