import Foundation
import Markdown
import Yams

/// Turns Yams errors into a line (1-based, within the YAML text) and a readable message.
enum YAMLErrors {
    static func describe(_ error: any Error) -> (line: Int, message: String) {
        if let y = error as? YamlError {
            switch y {
            case .scanner(let context, let problem, let mark, _),
                .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                let where_ = context.map { " \($0.text)" } ?? ""
                return (mark.line, "malformed YAML: \(problem)\(where_)")
            case .reader(let problem, _, _, _):
                return (1, "unreadable YAML: \(problem)")
            default:
                return (1, "malformed YAML: \(y)")
            }
        }
        if let d = error as? DecodingError {
            switch d {
            case .dataCorrupted(let ctx):
                if let underlying = ctx.underlyingError { return describe(underlying) }
                return (1, "\(ctx.debugDescription) at \(path(ctx.codingPath))")
            case .keyNotFound(let key, let ctx):
                return (1, "missing key '\(key.stringValue)' at \(path(ctx.codingPath))")
            case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
                return (1, "wrong type at \(path(ctx.codingPath)): \(ctx.debugDescription)")
            @unknown default:
                return (1, "\(d)")
            }
        }
        return (1, "\(error)")
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// Reads typed values out of a composed YAML node, reporting problems with file and line.
struct YAMLReader {
    let file: String
    /// Lines before the YAML text in its file.
    let lineOffset: Int
    var diagnostics: DiagnosticBag

    func position(_ node: Node?) -> SourcePosition {
        guard let mark = node?.mark else { return SourcePosition(line: lineOffset + 1, column: 1) }
        return SourcePosition(line: mark.line + lineOffset, column: mark.column)
    }

    mutating func string(_ node: Node?, key: String, required: Bool = false, in parent: Node? = nil) -> String? {
        guard let value = node?[key] else {
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
        guard let value = node?[key] else { return nil }
        guard let i = value.int else {
            diagnostics.error(file, position(value), "'\(key)' must be a whole number", code: "bad-value")
            return nil
        }
        return i
    }

    mutating func bool(_ node: Node?, key: String) -> Bool? {
        guard let value = node?[key] else { return nil }
        guard let b = value.bool else {
            diagnostics.error(file, position(value), "'\(key)' must be true or false", code: "bad-value")
            return nil
        }
        return b
    }

    mutating func minutes(_ node: Node?, key: String) -> Minutes? {
        guard let value = node?[key] else { return nil }
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
        guard let value = node?[key] else { return [] }
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
