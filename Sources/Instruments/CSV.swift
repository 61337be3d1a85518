/// The one CSV codec of katch: results import and export, the report's CSV and the site's table
/// downloads all read and write through it.
///
/// Written files are what Excel opens correctly with Kazakh text: UTF-8 with a byte-order mark,
/// CRLF line ends, fields quoted when they hold a separator, quote or line break (or begin or end
/// with a space), and a text a spreadsheet would run as a formula guarded with a leading `'`.
public struct CSVWriter: Sendable {
    /// The bytes written so far (starting with the BOM).
    public private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Starts a file.
    public init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity + 3)
    }

    /// Appends one record.
    public mutating func row(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendField(f, to: &bytes)
        }
        bytes.append(13)
        bytes.append(10)
    }

    /// Appends an empty line (separates blocks of the report's CSV).
    public mutating func blankLine() {
        bytes.append(13)
        bytes.append(10)
    }

    /// A whole file of rows.
    public static func file(_ rows: [[String]]) -> [UInt8] {
        var w = CSVWriter()
        for r in rows { w.row(r) }
        return w.bytes
    }

    static func appendField(_ raw: String, to out: inout [UInt8]) {
        let s = CSVField.guardFormula(raw)
        if CSVField.needsQuotes(s) {
            out.append(UInt8(ascii: "\""))
            for b in s.utf8 {
                if b == UInt8(ascii: "\"") { out.append(b) }
                out.append(b)
            }
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: s.utf8)
        }
    }
}

/// Rules for one CSV field.
public enum CSVField {
    /// Whether the field must be quoted.
    public static func needsQuotes(_ s: String) -> Bool {
        for b in s.utf8 {
            switch b {
            case 44, 59, 34, 10, 13: return true
            default: continue
            }
        }
        return s.utf8.first == 32 || s.utf8.last == 32 || s.utf8.first == 9
    }

    /// Whether a spreadsheet would run the text as a formula: after any leading spaces, tabs or
    /// line breaks it starts with `=`, `+`, `@`, or a `-` that does not start a number (a tab or
    /// CR at the very start is itself a known injection vector).
    public static func looksLikeFormula(_ s: String) -> Bool {
        let u = s.utf8
        guard let first = u.first else { return false }
        if first == 9 || first == 13 { return true }
        var i = u.startIndex
        while i < u.endIndex, u[i] == 32 || u[i] == 10 { i = u.index(after: i) }
        guard i < u.endIndex else { return false }
        switch u[i] {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"): return true
        case UInt8(ascii: "-"): return Double(String(s[i...]).trimmingASCIIWhitespace) == nil
        default: return false
        }
    }

    /// The text with a leading `'` when ``looksLikeFormula(_:)``; Excel shows it as text.
    public static func guardFormula(_ s: String) -> String { looksLikeFormula(s) ? "'" + s : s }

    /// Reverses ``guardFormula(_:)`` on import.
    public static func unguardFormula(_ s: String) -> String {
        guard s.utf8.first == UInt8(ascii: "'") else { return s }
        let rest = String(s.dropFirst())
        return looksLikeFormula(rest) ? rest : s
    }
}

/// A small, fast RFC 4180 reader over bytes: quoted fields with `""`, CR, LF or CRLF line ends,
/// line breaks inside quotes. Reports each record with the line it starts on.
public enum CSVReader {
    /// Calls `record(line, fields)` for each record.
    public static func parse(_ data: [UInt8], separator: UInt8, _ record: (Int, [String]) -> Void) {
        data.withUnsafeBufferPointer { buf in
            let n = buf.count
            var i = 0
            var line = 1
            var fields: [String] = []
            fields.reserveCapacity(16)
            var scratch: [UInt8] = []
            while i < n {
                let recordLine = line
                fields.removeAll(keepingCapacity: true)
                var endOfRecord = false
                while !endOfRecord {
                    if i < n && buf[i] == UInt8(ascii: "\"") {
                        i += 1
                        scratch.removeAll(keepingCapacity: true)
                        while i < n {
                            let b = buf[i]
                            if b == UInt8(ascii: "\"") {
                                if i + 1 < n && buf[i + 1] == UInt8(ascii: "\"") {
                                    scratch.append(b)
                                    i += 2
                                    continue
                                }
                                i += 1
                                break
                            }
                            if b == 10 { line += 1 }
                            scratch.append(b)
                            i += 1
                        }
                        // Anything up to the separator after the closing quote is kept as text.
                        while i < n && buf[i] != separator && buf[i] != 10 && buf[i] != 13 {
                            scratch.append(buf[i])
                            i += 1
                        }
                        fields.append(String(decoding: scratch, as: UTF8.self))
                    } else {
                        let start = i
                        while i < n && buf[i] != separator && buf[i] != 10 && buf[i] != 13 { i += 1 }
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self))
                    }
                    if i >= n {
                        endOfRecord = true
                    } else if buf[i] == separator {
                        i += 1
                        if i >= n { fields.append(""); endOfRecord = true }
                    } else {
                        if buf[i] == 13 { i += 1 }
                        if i < n && buf[i] == 10 { i += 1 }
                        line += 1
                        endOfRecord = true
                    }
                }
                record(recordLine, fields)
            }
        }
    }
}
