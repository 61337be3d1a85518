import Foundation
import Markdown
import Yams

/// Turns Yams errors into a position (1-based, within the YAML text) and a message in plain words
/// with a hint for the common causes: a tab, an unquoted colon, indentation, an unclosed bracket or quote.
enum YAMLErrors {
    /// `lineOffset`: lines before the YAML text in its file (for line numbers named in the message).
    static func describe(_ error: any Error, yaml: String? = nil, lineOffset: Int = 0) -> (line: Int, column: Int, message: String) {
        if let y = error as? YamlError {
            switch y {
            case .scanner(let context, let problem, let mark, _),
                .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                let contextText = context?.text ?? ""
                return (mark.line, max(1, mark.column), plain(problem: problem, context: contextText, line: mark.line, column: mark.column, yaml: yaml))
            case .duplicatedKeysInMapping(let duplicates, let context):
                let key = duplicates.sorted().first ?? "?"
                let lines = (yaml ?? "").split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.element.drop(while: { $0 == " " }).hasPrefix(key + ":") }.map { $0.offset + 1 }
                let line = lines.count > 1 ? lines[1] : context.mark.line
                let first = lines.first.map { " (first on line \($0 + lineOffset))" } ?? ""
                return (line, 1, "key '\(key)' is written twice\(first): only one of the values could be used — keep one")
            case .reader(let problem, _, _, _):
                return (1, 1, "the YAML cannot be read: \(problem)")
            default:
                return (1, 1, "the YAML cannot be read: \(y)")
            }
        }
        if let d = error as? DecodingError {
            switch d {
            case .dataCorrupted(let ctx):
                if let underlying = ctx.underlyingError { return describe(underlying, yaml: yaml, lineOffset: lineOffset) }
                return (1, 1, "\(ctx.debugDescription) at \(path(ctx.codingPath))")
            case .keyNotFound(let key, let ctx):
                return (1, 1, "missing key '\(key.stringValue)' at \(path(ctx.codingPath))")
            case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
                return (1, 1, "wrong type at \(path(ctx.codingPath)): \(ctx.debugDescription)")
            @unknown default:
                return (1, 1, "\(d)")
            }
        }
        return (1, 1, "\(error)")
    }

    /// The parser's problem said in plain words, with the likely fix.
    static func plain(problem: String, context: String, line: Int, column: Int, yaml: String?) -> String {
        let lines = yaml.map { $0.split(separator: "\n", omittingEmptySubsequences: false) } ?? []
        let text = line >= 1 && line <= lines.count ? String(lines[line - 1]) : ""
        let previous = line >= 2 && line - 1 <= lines.count ? String(lines[line - 2]) : ""
        let all = problem + " " + context
        if text.contains("\t") || (all.contains("cannot start any token") && previous.contains("\t")) || all.contains("found a tab") {
            return "YAML error: this line holds a tab character; YAML indents with spaces only — replace the tab with spaces"
        }
        if all.contains("mapping values are not allowed") {
            return "YAML error: a second ': ' on one line — a value that holds a colon followed by a space must be in quotes, e.g. title: \"Part 1: the basics\""
        }
        if all.contains("cannot start any token") {
            let c = column >= 1 && column <= text.count ? String(text[text.index(text.startIndex, offsetBy: column - 1)]) : ""
            let what = c.isEmpty ? "a character" : "'\(c)'"
            return "YAML error: a value cannot start with \(what) — put the value in quotes, e.g. title: \"\(c)…\""
        }
        if all.contains("end of stream") || all.contains("expected ',' or") || all.contains("quoted scalar") || all.contains("flow") {
            return "YAML error: a bracket [ {, or a quote \" ', opened here or above is not closed — close it on the same line, or quote the whole value"
        }
        if all.contains("could not find expected ':'") {
            return "YAML error: a line that is not 'key: value' — a key needs a colon and a space after it, and a text that runs on to the next line must be in quotes"
        }
        if all.contains("did not find expected key") || all.contains("expected '-' indicator") || all.contains("block end") || all.contains("indentation") || all.contains("block mapping") || all.contains("block collection") {
            return "YAML error: the indentation does not line up — keys of one list or mapping must start in the same column (spaces only), and a key's value one level deeper; check this line and the one above"
        }
        return "YAML error: \(problem)\(context.isEmpty ? "" : " " + context) — check the quotes, colons and indentation of this line and the one above"
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// The text encoding Yams parses with, chosen once per process.
///
/// Yams's `Parser.Encoding.default` is computed on every call: it reads the whole process
/// environment (for `YAMS_DEFAULT_ENCODING`), which cost as much as parsing a page's front matter.
/// Asked once here, it gives every parser the same answer as before.
enum YAMLEncoding {
    private static let name = Parser.Encoding.default.rawValue
    /// `Parser.Encoding.default` as it was on first use.
    static var chosen: Parser.Encoding { Parser.Encoding(rawValue: name) ?? .utf8 }

    /// `Yams.compose(yaml:)` with the encoding chosen once and ``resolver``.
    static func compose(yaml: String) throws -> Node? { try Yams.compose(yaml: yaml, resolver, .default, chosen) }

    /// The tags katch tells plain scalars apart by: booleans (`Node.bool` is nil for a scalar resolved
    /// as a string) and null. Yams's default resolver also tries int, float, merge, timestamp and
    /// value — seven regular expressions for every plain key and value it compares or hashes (each
    /// mapping's keys are hashed for the duplicate check), a twentieth of `katch check`. katch reads
    /// numbers, minutes and dates from the scalar's text, never from its tag, and compares keys by
    /// their text: the other five change nothing it reads.
    static let resolver = Resolver.basic.appending(.bool).appending(.null)

    /// A page's front matter composed with no tag rules at all (every plain scalar a string): its
    /// keys are read as text, and its values as text, whole numbers and minutes, all from the text
    /// (``Page/frontMatterKeys`` holds no boolean). Without rules, no regular expression runs for the
    /// duplicate check's hashing of the keys, which was half of composing front matter.
    static func composeFrontMatter(yaml: String) throws -> Node? { try Yams.compose(yaml: yaml, .basic, .default, chosen) }
}

/// Reads typed values out of a composed YAML node, reporting problems with file and line.
struct YAMLReader {
    let file: String
    /// Lines before the YAML text in its file.
    let lineOffset: Int
    var diagnostics: DiagnosticBag

    /// Per mapping read (by where it starts in the text: two mappings of one document never start at
    /// one place), its plain word keys and their values, so that the second and later lookups in it
    /// find a key at once. A page's front matter is looked up about thirty times; going through
    /// every key each time (copying each pair) was a tenth of `katch check`.
    var indexes: [Position: [String: Node]] = [:]
    struct Position: Hashable { let line: Int, column: Int }

    /// The value of `key` in the mapping `node`: `node[key: key]`, through ``indexes``.
    mutating func value(_ node: Node?, _ key: String) -> Node? {
        guard let node, case .mapping(let mapping) = node, Node.isWord(key), let mark = mapping.mark else { return node?[key: key] }
        let at = Position(line: mark.line, column: mark.column)
        if let index = indexes[at] { return index[key] }
        // The rule of `node[key:]` for a word: a key of that text resolved as a string, the last one.
        var index: [String: Node] = [:]
        for (candidate, value) in mapping {
            if let text = candidate.string, candidate.tag.description == Tag.Name.str.rawValue { index[text] = value }
        }
        indexes[at] = index
        return index[key]
    }

    func position(_ node: Node?) -> SourcePosition {
        guard let mark = node?.mark else { return SourcePosition(line: lineOffset + 1, column: 1) }
        return SourcePosition(line: mark.line + lineOffset, column: mark.column)
    }

    mutating func string(_ node: Node?, key: String, required: Bool = false, in parent: Node? = nil) -> String? {
        guard let value = value(node, key) else {
            if required {
                diagnostics.error(file, position(parent ?? node), "missing required key '\(key)'", code: "missing-key")
            }
            return nil
        }
        guard case .scalar(let scalar) = value else {
            diagnostics.error(file, position(value), "'\(key)' must be a text value", code: "bad-value")
            return nil
        }
        return scalar.string
    }

    mutating func int(_ node: Node?, key: String) -> Int? {
        guard let value = value(node, key) else { return nil }
        guard let i = value.int else {
            diagnostics.error(file, position(value), "'\(key)' must be a whole number", code: "bad-value")
            return nil
        }
        return i
    }

    mutating func bool(_ node: Node?, key: String) -> Bool? {
        guard let value = value(node, key) else { return nil }
        guard let b = value.bool else {
            diagnostics.error(file, position(value), "'\(key)' must be true or false", code: "bad-value")
            return nil
        }
        return b
    }

    mutating func minutes(_ node: Node?, key: String) -> Minutes? {
        guard let value = value(node, key) else { return nil }
        guard let text = value.string, let m = Minutes(parsing: text) else {
            if let text = value.string, Minutes.isNegative(text) {
                diagnostics.error(
                    file, position(value), "'\(key)' must not be negative (got \(text)); give minutes (45) or a range (\"5-10\")",
                    code: "bad-duration")
            } else {
                diagnostics.error(
                    file, position(value), "'\(key)' must be minutes (45) or a range (\"5-10\")", code: "bad-duration")
            }
            return nil
        }
        if m.high == 0 {
            diagnostics.error(file, position(value), "'\(key)' is 0 minutes; give the time it takes", code: "bad-duration")
            return nil
        }
        return m
    }

    /// A list of strings; a single string is accepted as a list of one.
    mutating func strings(_ node: Node?, key: String) -> [(String, SourcePosition)] {
        guard let value = value(node, key) else { return [] }
        switch value {
        case .scalar(let s): return s.string.isEmpty ? [] : [(s.string, position(value))]
        case .sequence(let seq):
            return seq.compactMap { item in
                guard case .scalar(let s) = item else {
                    diagnostics.error(file, position(item), "'\(key)' must be a list of texts", code: "bad-value")
                    return nil
                }
                return (s.string, position(item))
            }
        default:
            diagnostics.error(file, position(value), "'\(key)' must be a list", code: "bad-value")
            return []
        }
    }
}

extension Node {
    /// The value of `key` in a mapping: Yams's `node[key]`, found faster.
    ///
    /// Yams makes a node of `key`, resolves its tag through the resolver's regular expressions and
    /// compares it with every key of the mapping, which made reading front matter a tenth of `katch
    /// check`. Here only keys of the same text are compared, and a key that is a plain word (``isWord(_:)``)
    /// is known to resolve to `str` without running a regular expression — the same answer (the last
    /// equal key wins, as in Yams).
    subscript(key key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return self[key] }
        let probe = Self.isWord(key) ? nil : Node(key, tag.copy(with: .implicit))
        var found: Node?
        for (candidate, value) in mapping where candidate.string == key {
            let equal = probe.map { candidate == $0 } ?? (candidate.tag.description == Tag.Name.str.rawValue)
            if equal { found = value }
        }
        return found
    }

    /// Whether the resolver makes `key` a string: lowercase ASCII letters, `-` and `_`,
    /// starting with a letter, and not one of the words it reads as a boolean or null. (katch composes
    /// all its YAML with ``YAMLEncoding/resolver``, which is the default resolver's boolean and null
    /// rules.)
    static func isWord(_ key: String) -> Bool {
        guard let first = key.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        guard key.utf8.allSatisfy({ ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
        else { return false }
        return !["yes", "no", "true", "false", "on", "off", "null"].contains(key)
    }
}
