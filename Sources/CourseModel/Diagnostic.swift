import Markdown

/// One problem found in the course: printed as `path:line:column: error|warning: message [code]`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    /// Error or warning.
    public var severity: Severity
    /// The file, relative to the course root.
    public var file: String
    /// Where in the file.
    public var position: SourcePosition
    /// What is wrong, in one line.
    public var message: String
    /// A stable identifier of the rule, e.g. `duplicate-id`.
    public var code: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ file: String, _ position: SourcePosition, _ message: String, code: String) {
        self.severity = severity
        self.file = file
        self.position = position
        self.message = message
        self.code = code
    }

    public var description: String {
        "\(file):\(position.line):\(position.column): \(severity.rawValue): \(message) [\(code)]"
    }
}

/// Collects diagnostics while a course is loaded and checked.
public struct DiagnosticBag: Sendable {
    /// Everything reported so far, in report order.
    public private(set) var all: [Diagnostic] = []

    /// Creates an empty bag.
    public init() {}

    /// Reports an error.
    public mutating func error(_ file: String, _ at: SourcePosition, _ message: String, code: String) {
        all.append(Diagnostic(.error, file, at, message, code: code))
    }

    /// Reports a warning.
    public mutating func warning(_ file: String, _ at: SourcePosition, _ message: String, code: String) {
        all.append(Diagnostic(.warning, file, at, message, code: code))
    }

    /// Adds diagnostics from elsewhere.
    public mutating func append(contentsOf other: [Diagnostic]) { all += other }

    /// Adds `suffix` to the message of the first error reported for `file`.
    mutating func annotateFirstError(in file: String, _ suffix: String) {
        guard let i = all.firstIndex(where: { $0.file == file && $0.severity == .error }) else { return }
        all[i].message += suffix
    }

    /// Whether any error was reported.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Diagnostics sorted by file, line and column.
    public var sorted: [Diagnostic] {
        all.sorted {
            ($0.file, $0.position.line, $0.position.column) < ($1.file, $1.position.line, $1.position.column)
        }
    }
}
