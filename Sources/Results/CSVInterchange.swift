import Statistics
import Instruments
import Foundation

// MARK: Formats and keys

/// The two CSV layouts of results.
///
/// - **long**: one row per answer, `training_id,participant_id,region,agency,gender,phase,question_id,response,correct,score`
///   (plus `agency_other` at the end on export). Feedback answers are rows with phase `feedback`.
/// - **wide**: one row per participant per phase, `training_id,participant_id,region,agency,agency_other,gender,phase`
///   then one column per question (the answer letter(s), the rating or the open text) and `<question>_score` columns
///   for the trainer's scores of open quiz questions.
public enum CSVFormat: String, Sendable, CaseIterable {
    /// One row per answer.
    case long
    /// One row per participant per phase, one column per question.
    case wide
}

/// A CSV import that was refused: every problem with its line, nothing imported.
public struct CSVImportError: Error, Sendable, CustomStringConvertible {
    /// One problem.
    public struct Problem: Sendable, Hashable {
        /// 1-based line of the file (0: the file as a whole).
        public var line: Int
        /// What is wrong.
        public var message: String
    }
    /// The file name used in messages.
    public var file: String
    /// The problems, in line order.
    public var problems: [Problem]

    /// `file:line: error: message` lines (at most 50, then a count), and that nothing was imported.
    public var description: String {
        // Messages quote the file's cells: shown on a terminal, their control characters are made visible.
        let file = TextPolicy.terminalSafe(file, keepLineBreaks: false)
        var lines = problems.prefix(50).map { p in
            let message = TextPolicy.terminalSafe(p.message, keepLineBreaks: false)
            return p.line > 0 ? "\(file):\(p.line): error: \(message)" : "\(file): error: \(message)"
        }
        if problems.count > 50 { lines.append("\(file): error: … and \(problems.count - 50) more problems") }
        lines.append("\(file): nothing was imported")
        return lines.joined(separator: "\n")
    }
}

/// What an import did.
public struct CSVImportSummary: Sendable, Hashable {
    /// The layout detected from the header.
    public var format: CSVFormat
    /// Data rows read.
    public var rows: Int
    /// Trainings created (`--create-trainings`).
    public var trainingsCreated: [String]
    /// Participants created.
    public var participantsCreated: Int
    /// Participants that already existed and got new attempts.
    public var participantsExisting: Int
    /// Attempts created (all submitted).
    public var attempts: Int
    /// Answers stored.
    public var responses: Int
}

/// Options of an import.
public struct CSVImportOptions: Sendable {
    /// Training for rows without a `training_id` (and the only training allowed when given).
    public var training: String?
    /// Create unknown trainings instead of refusing them.
    public var createTrainings: Bool
    /// The quiz key (recomputes correctness; checks question ids, letters, score ranges). Nil: trust the file.
    public var quiz: InstrumentSpec?
    /// The survey key.
    public var survey: InstrumentSpec?
    /// The course's registration lists: `region`, `agency` (with `agency_other`) and `gender` must be
    /// an id or a label of them (the id is stored) or empty. Nil: the file's values are kept as they are.
    public var registration: RegistrationKey?
    /// The name used in error messages.
    public var fileName: String

    /// Creates options.
    public init(
        training: String? = nil, createTrainings: Bool = false, quiz: InstrumentSpec? = nil, survey: InstrumentSpec? = nil,
        registration: RegistrationKey? = nil, fileName: String = "input.csv"
    ) {
        self.training = training
        self.createTrainings = createTrainings
        self.quiz = quiz
        self.survey = survey
        self.registration = registration
        self.fileName = fileName
    }

    var quizID: String { quiz?.id ?? "pre-post-test" }
    var surveyID: String { survey?.id ?? "feedback-form" }
}

// MARK: Export

extension ResultsStore {
    /// Exports the submitted pre, post and feedback answers as CSV (UTF-8 with BOM, CRLF).
    /// Practice attempts, unsubmitted attempts, names and contacts are never exported.
    /// - Parameters:
    ///   - format: long or wide.
    ///   - trainings: the trainings (all when nil or empty).
    ///   - quiz: the quiz key (orders questions; nil: question ids in natural order).
    ///   - survey: the survey key.
    /// - Returns: the file's bytes.
    public func exportCSV(format: CSVFormat, trainings: [String]? = nil, quiz: InstrumentSpec? = nil, survey: InstrumentSpec? = nil) throws(ResultsError) -> [UInt8] {
        let snap = try snapshot(trainings: trainings)
        var byAttempt: [Int64: [Response]] = [:]
        for r in snap.responses { byAttempt[r.attemptID, default: []].append(r.response) }
        var order: [String: Int] = [:]
        for (i, q) in ((quiz?.questions ?? []) + (survey?.questions ?? [])).enumerated() where order[q.id] == nil { order[q.id] = i }
        func sortKey(_ id: String) -> (Int, Int, String) {
            if let i = order[id] { return (0, i, "") }
            let digits = Int(id.filter(\.isNumber)) ?? 0
            return (1, digits, id)
        }
        var attemptsByParticipant: [Int64: [Attempt]] = [:]
        for a in snap.attempts where a.isSubmitted && a.phase != .practice { attemptsByParticipant[a.participantID, default: []].append(a) }
        let phaseOrder: [Phase: Int] = [.pre: 0, .post: 1, .feedback: 2]

        var writer = CSVWriter(reservingCapacity: snap.responses.count * 60)
        func row(_ fields: [String]) { writer.row(fields) }
        switch format {
        case .long:
            row(["training_id", "participant_id", "region", "agency", "gender", "phase", "question_id", "response", "correct", "score", "agency_other"])
            for p in snap.participants {
                let attempts = (attemptsByParticipant[p.rowID] ?? []).sorted { (phaseOrder[$0.phase] ?? 3) < (phaseOrder[$1.phase] ?? 3) }
                for a in attempts {
                    let responses = (byAttempt[a.rowID] ?? []).sorted { sortKey($0.questionID) < sortKey($1.questionID) }
                    for r in responses {
                        row([
                            p.trainingID, p.code, p.region, p.agency, p.gender, a.phase.rawValue, r.questionID, r.choice ?? r.text ?? "",
                            r.correct.map { $0 ? "1" : "0" } ?? "", r.score.map(CSVText.number) ?? "", p.agencyOther,
                        ])
                    }
                }
            }
        case .wide:
            var columns: [String] = (quiz?.questions.map(\.id) ?? []) + (survey?.questions.map(\.id) ?? [])
            var seen = Set(columns)
            for r in snap.responses.map(\.response.questionID).sorted(by: { sortKey($0) < sortKey($1) }) where seen.insert(r).inserted {
                columns.append(r)
            }
            var openQuiz = quiz?.questions.filter { $0.kind == .open }.map(\.id) ?? []
            if quiz == nil {
                // Without the key: every question that has a trainer's score on an open answer.
                var s = Set<String>()
                for r in snap.responses where r.response.text != nil && r.response.correct == nil && r.response.maxScore > 0 { s.insert(r.response.questionID) }
                openQuiz = columns.filter { s.contains($0) }
            }
            row(["training_id", "participant_id", "region", "agency", "agency_other", "gender", "phase"] + columns + openQuiz.map { "\($0)_score" })
            var index: [String: Int] = [:]
            for (i, c) in columns.enumerated() { index[c] = i }
            for p in snap.participants {
                let attempts = (attemptsByParticipant[p.rowID] ?? []).sorted { (phaseOrder[$0.phase] ?? 3) < (phaseOrder[$1.phase] ?? 3) }
                for a in attempts {
                    var cells = [String](repeating: "", count: columns.count)
                    var scores = [String](repeating: "", count: openQuiz.count)
                    for r in byAttempt[a.rowID] ?? [] {
                        if let i = index[r.questionID] { cells[i] = r.choice ?? r.text ?? "" }
                        if let j = openQuiz.firstIndex(of: r.questionID), a.phase != .feedback { scores[j] = r.score.map(CSVText.number) ?? "" }
                    }
                    row([p.trainingID, p.code, p.region, p.agency, p.agencyOther, p.gender, a.phase.rawValue] + cells + scores)
                }
            }
        }
        return writer.bytes
    }
}

// MARK: Import

extension ResultsStore {
    /// Imports a long or wide results CSV (detected by its header), all or nothing, in one transaction.
    ///
    /// Accepts UTF-8 with or without BOM, comma or semicolon separators, CRLF or LF, quoted fields
    /// (with `""` and line breaks inside). Every bad row is reported with its line number and nothing
    /// is imported. Existing answers are never overwritten: a participant who already has an attempt
    /// of the same phase is refused. Imported attempts are stored as submitted.
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - options: training, keys, file name.
    /// - Returns: what was imported.
    public func importCSV(_ bytes: [UInt8], options: CSVImportOptions) throws(CSVImportError) -> CSVImportSummary {
        var plan = try CSVImportPlan.make(bytes, options: options)
        try plan.apply(to: self, options: options)
        return plan.summary
    }
}

/// CSV text helpers.
enum CSVText {

    /// `1` for 1.0, `1.5` for 1.5.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    /// The byte offset of the first invalid UTF-8 sequence, or nil when valid.
    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            var need = 0
            var min: UInt32 = 0
            var cp: UInt32 = 0
            if c & 0xE0 == 0xC0 {
                need = 1; min = 0x80; cp = UInt32(c & 0x1F)
            } else if c & 0xF0 == 0xE0 {
                need = 2; min = 0x800; cp = UInt32(c & 0x0F)
            } else if c & 0xF8 == 0xF0 {
                need = 3; min = 0x10000; cp = UInt32(c & 0x07)
            } else {
                return i
            }
            guard i + need < n else { return i }
            for k in 1...need {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                cp = (cp << 6) | UInt32(cc & 0x3F)
            }
            if cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return i }
            i += need + 1
        }
        return nil
    }
}

/// One parsed answer waiting to be stored.
struct PendingResponse {
    var question: String
    var choice: String?
    var text: String?
    var correct: Bool?
    var score: Double?
    var maxScore: Double
    var line: Int
}

struct PendingParticipant {
    var training: String
    var code: String
    var region: String
    var agency: String
    var agencyOther: String
    var gender: String
    var line: Int
    /// The registration cells as last read for this participant (to check only changed cells again).
    var raw: RawRegistration
}

/// The registration cells of one row, as typed.
struct RawRegistration: Equatable {
    var region: String
    var agency: String
    var agencyOther: String
    var gender: String
}

struct PendingAttempt {
    var participant: Int
    var phase: Phase
    var line: Int
    var responses: [PendingResponse]
}

/// A validated import, ready to write.
struct CSVImportPlan {
    var format: CSVFormat = .long
    var rows = 0
    var participants: [PendingParticipant] = []
    var attempts: [PendingAttempt] = []
    var summary = CSVImportSummary(format: .long, rows: 0, trainingsCreated: [], participantsCreated: 0, participantsExisting: 0, attempts: 0, responses: 0)

    static let meta: Set<String> = ["training_id", "participant_id", "region", "agency", "agency_other", "gender", "phase"]

    static func make(_ input: [UInt8], options: CSVImportOptions) throws(CSVImportError) -> CSVImportPlan {
        var problems: [CSVImportError.Problem] = []
        func fail(_ line: Int, _ message: String) { problems.append(.init(line: line, message: message)) }
        var plan = CSVImportPlan()
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let data = Array(bytes)
        if let bad = data.withUnsafeBufferPointer({ CSVText.firstInvalidUTF8($0) }) {
            let line = 1 + data[..<bad].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            throw CSVImportError(file: options.fileName, problems: [.init(line: line, message: "the file is not valid UTF-8 (save it as «CSV UTF-8»)")])
        }
        guard data.contains(where: { $0 != 10 && $0 != 13 && $0 != 32 }) else {
            throw CSVImportError(file: options.fileName, problems: [.init(line: 0, message: "the file is empty")])
        }
        // Separator: the more frequent of ',' and ';' in the header line (outside quotes).
        var commas = 0
        var semicolons = 0
        var quoted = false
        for b in data {
            if b == UInt8(ascii: "\"") { quoted.toggle() } else if !quoted {
                if b == 10 { break }
                if b == UInt8(ascii: ",") { commas += 1 } else if b == UInt8(ascii: ";") { semicolons += 1 }
            }
        }
        let separator = semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")

        var header: [String] = []
        var column: [String: Int] = [:]
        var questionColumns: [(index: Int, id: String)] = []
        var scoreColumns: [String: Int] = [:]
        var participantIndex: [String: Int] = [:]
        var attemptIndex: [Int: Int] = [:]
        let quizQuestions = Dictionary((options.quiz?.questions ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let surveyQuestions = Dictionary((options.survey?.questions ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var fatal = false
        /// Columns holding answers (open answers may span lines); every other cell is one line.
        var multilineColumns = Set<Int>()
        var lastParticipant: Int?
        let resolver = options.registration.map(RegistrationResolver.init)

        struct Columns {
            var training_id, participant_id, region, agency, agency_other, gender, phase, question_id, response, correct, score: Int?
        }
        var cols = Columns()
        func cell(_ fields: [String], _ index: Int?) -> String {
            guard let i = index, i < fields.count else { return "" }
            return CSVField.unguardFormula(fields[i].trimmingASCIIWhitespace)
        }

        /// Adds one answer of a participant at a phase.
        func add(line: Int, training: String, code: String, fields: [String], phase: Phase, question: String, response: String, correctText: String, scoreText: String) {
            let pIndex: Int
            let raw = RawRegistration(
                region: cell(fields, cols.region), agency: cell(fields, cols.agency), agencyOther: cell(fields, cols.agency_other),
                gender: cell(fields, cols.gender))
            /// The stored values of the row's registration cells (checked against the course's lists when known).
            func resolved() -> RawRegistration {
                guard let resolver else { return raw }
                let r = resolver.resolve(region: raw.region, agency: raw.agency, agencyOther: raw.agencyOther, gender: raw.gender) { fail(line, $0) }
                return RawRegistration(region: r.region, agency: r.agency, agencyOther: r.agencyOther, gender: r.gender)
            }
            let cached = lastParticipant.map { plan.participants[$0].code == code && plan.participants[$0].training == training } ?? false
            let pkey = cached ? "" : training + "\u{0}" + code
            if let i = cached ? lastParticipant : participantIndex[pkey] {
                pIndex = i
                // Rows of a participant usually repeat the same cells: only other cells are checked again.
                if plan.participants[i].raw != raw {
                    plan.participants[i].raw = raw
                    let new = resolved()
                    let p = plan.participants[i]
                    for (name, old, value) in [("region", p.region, new.region), ("agency", p.agency, new.agency), ("gender", p.gender, new.gender)]
                    where !value.isEmpty && !old.isEmpty && old != value {
                        fail(line, "participant \(code) has \(name) '\(value)' here but '\(old)' on line \(p.line)")
                    }
                    if p.region.isEmpty { plan.participants[i].region = new.region }
                    if p.agency.isEmpty { plan.participants[i].agency = new.agency }
                    if p.gender.isEmpty { plan.participants[i].gender = new.gender }
                    if p.agencyOther.isEmpty { plan.participants[i].agencyOther = new.agencyOther }
                }
            } else {
                guard code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), code.count <= 40 else {
                    fail(line, "participant_id '\(code)' must be a participant code (letters and digits), never a name")
                    return
                }
                let new = resolved()
                pIndex = plan.participants.count
                participantIndex[pkey] = pIndex
                plan.participants.append(
                    PendingParticipant(
                        training: training, code: code, region: new.region, agency: new.agency, agencyOther: new.agencyOther, gender: new.gender,
                        line: line, raw: raw))
            }
            lastParticipant = pIndex
            let akey = pIndex * 4 + (phase == .pre ? 0 : phase == .post ? 1 : 2)
            let aIndex: Int
            if let i = attemptIndex[akey] {
                aIndex = i
            } else {
                aIndex = plan.attempts.count
                attemptIndex[akey] = aIndex
                plan.attempts.append(PendingAttempt(participant: pIndex, phase: phase, line: line, responses: []))
            }
            // An empty answer is no answer — unless the trainer gave it a score (a paper form whose text was not typed).
            if response.isEmpty && scoreText.isEmpty { return }
            if let earlier = plan.attempts[aIndex].responses.first(where: { $0.question == question }) {
                fail(line, "duplicate answer of \(code) to \(question) at the \(phase.rawValue) phase (also on line \(earlier.line))")
                return
            }
            guard let r = Self.response(line: line, phase: phase, question: question, response: response, correctText: correctText,
                scoreText: scoreText, quiz: options.quiz == nil ? nil : quizQuestions, survey: options.survey == nil ? nil : surveyQuestions, fail: fail)
            else { return }
            plan.attempts[aIndex].responses.append(r)
        }

        /// The row's cells by the input policy of the quiz (``TextPolicy``): no control characters
        /// (a NUL included), a tab anywhere and line breaks only in answers, the quiz's length caps.
        /// Line breaks in answers become LF, as the quiz stores them. Nil (with the problems
        /// reported at the line of the character) when a cell breaks the policy.
        func checkedFields(_ row: [String], line: Int) -> [String]? {
            var fields = row
            var ok = true
            var linesBefore = 0
            for i in fields.indices {
                // Fast path (nearly every cell): short, and no byte that can start a control character or a line break.
                let plain = fields[i].utf8.withContiguousStorageIfAvailable { bytes in
                    bytes.count <= TextPolicy.fieldMaxLength && !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF })
                }
                if plain == true { continue }
                let multiline = multilineColumns.contains(i)
                let cap = multiline ? TextPolicy.openAnswerMaxLength : TextPolicy.fieldMaxLength
                if multiline && fields[i].utf8.contains(13) {
                    fields[i] = fields[i].replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                }
                let value = CSVField.unguardFormula(multiline ? fields[i] : fields[i].trimmingASCIIWhitespace)
                if let p = TextPolicy.problem(value, multiline: multiline, maxLength: cap) {
                    var at = line + linesBefore
                    if case .controlCharacter(let bad, _) = p {
                        // The line the character is on: count the line breaks before it in the raw cell.
                        for s in fields[i].unicodeScalars {
                            if s == bad { break }
                            if s == "\n" { at += 1 }
                        }
                    }
                    let name = i < header.count && !header[i].isEmpty ? header[i] : "field \(i + 1)"
                    fail(at, "\(name) \(p)")
                    ok = false
                }
                linesBefore += fields[i].utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            }
            return ok ? fields : nil
        }

        func identity(_ fields: [String], line: Int) -> (String, String)? {
            var training = cell(fields, cols.training_id)
            if let t = options.training {
                if training.isEmpty { training = t } else if training != t {
                    fail(line, "training_id '\(training)' differs from --training \(t)")
                    return nil
                }
            }
            guard !training.isEmpty else {
                fail(line, "no training_id (add the column or give --training ID)")
                return nil
            }
            let rawCode = cell(fields, cols.participant_id)
            let code = rawCode.utf8.contains(where: { $0 >= 97 && $0 <= 122 }) ? rawCode.uppercased() : rawCode
            guard !code.isEmpty else {
                fail(line, "participant_id (the participant code) is empty")
                return nil
            }
            return (training, code)
        }

        func phase(_ fields: [String], line: Int) -> Phase? {
            let rawPhase = cell(fields, cols.phase)
            switch rawPhase {
            case "pre": return .pre
            case "post": return .post
            case "feedback": return .feedback
            default: break
            }
            let text = rawPhase.lowercased()
            switch text {
            case "pre", "post", "feedback": return Phase(rawValue: text)
            case "practice":
                fail(line, "practice answers are not results and cannot be imported")
            case "":
                fail(line, "phase is empty (pre, post or feedback)")
            default:
                fail(line, "unknown phase '\(text)' (pre, post or feedback)")
            }
            return nil
        }

        CSVReader.parse(data, separator: separator) { line, fields in
            if fatal { return }
            if header.isEmpty {
                for (i, f) in fields.enumerated() {
                    if let p = TextPolicy.problem(f.trimmingASCIIWhitespace, multiline: false, maxLength: TextPolicy.codeEntryMaxLength) {
                        fail(line, "header column \(i + 1) \(p)")
                        fatal = true
                    }
                }
                if fatal {
                    header = ["-"]
                    return
                }
                header = fields.map { $0.trimmingASCIIWhitespace.lowercased() }
                for (i, h) in header.enumerated() where !h.isEmpty {
                    if column[h] != nil {
                        fail(line, "column '\(h)' appears twice in the header")
                        fatal = true
                    }
                    column[h] = i
                }
                cols = Columns(
                    training_id: column["training_id"], participant_id: column["participant_id"], region: column["region"], agency: column["agency"],
                    agency_other: column["agency_other"], gender: column["gender"], phase: column["phase"], question_id: column["question_id"],
                    response: column["response"], correct: column["correct"], score: column["score"])
                if column["question_id"] != nil && column["response"] != nil {
                    plan.format = .long
                    for required in ["participant_id", "phase"] where column[required] == nil {
                        fail(line, "the long format needs a '\(required)' column")
                        fatal = true
                    }
                } else if column["participant_id"] != nil && column["phase"] != nil {
                    plan.format = .wide
                    for (i, h) in header.enumerated() where !h.isEmpty && !meta.contains(h) {
                        if h.hasSuffix("_score") { scoreColumns[String(h.dropLast(6))] = i } else { questionColumns.append((i, h)) }
                    }
                    for (i, h) in header.enumerated() where !h.isEmpty && !meta.contains(h) && !h.hasSuffix("_score") {
                        if (options.quiz != nil || options.survey != nil), quizQuestions[h] == nil, surveyQuestions[h] == nil {
                            fail(line, "column \(i + 1) '\(h)' is not a question of the quiz or the survey")
                        }
                    }
                    if questionColumns.isEmpty {
                        fail(line, "the wide format needs one column per question (q1, q2 …)")
                        fatal = true
                    }
                } else {
                    fail(line, "unrecognised header: a long CSV has training_id,participant_id,…,phase,question_id,response,correct,score; a wide CSV has participant_id, phase and one column per question")
                    fatal = true
                }
                return
            }
            if fields.count == 1 && fields[0].trimmingASCIIWhitespace.isEmpty { return }  // blank line
            plan.rows += 1
            if multilineColumns.isEmpty {
                multilineColumns = plan.format == .long ? Set(column["response"].map { [$0] } ?? []) : Set(questionColumns.map(\.index))
            }
            guard let fields = checkedFields(fields, line: line) else { return }
            if fields.count > header.count, fields[header.count...].contains(where: { !$0.trimmingASCIIWhitespace.isEmpty }) {
                fail(line, "\(fields.count) fields but the header has \(header.count) (a separator inside an unquoted field?)")
                return
            }
            guard let (training, code) = identity(fields, line: line), let ph = phase(fields, line: line) else { return }
            switch plan.format {
            case .long:
                let question = cell(fields, cols.question_id)
                guard !question.isEmpty else {
                    fail(line, "question_id is empty")
                    return
                }
                let raw = column["response"].flatMap { $0 < fields.count ? fields[$0] : nil } ?? ""
                let response = raw.trimmingASCIIWhitespace.isEmpty ? "" : CSVField.unguardFormula(raw)
                add(line: line, training: training, code: code, fields: fields, phase: ph, question: question, response: response,
                    correctText: cell(fields, cols.correct), scoreText: cell(fields, cols.score))
            case .wide:
                var any = false
                for (i, q) in questionColumns {
                    let raw = i < fields.count ? fields[i] : ""
                    let value = raw.trimmingASCIIWhitespace.isEmpty ? "" : CSVField.unguardFormula(raw)
                    let score = scoreColumns[q].flatMap { $0 < fields.count ? fields[$0].trimmingASCIIWhitespace : nil } ?? ""
                    // A trainer's score with no typed text (the paper form's answer was not transcribed) is still an answer.
                    if value.isEmpty && score.isEmpty { continue }
                    let isQuiz = ph != .feedback
                    if options.quiz != nil || options.survey != nil {
                        if isQuiz && quizQuestions[q] == nil { continue }
                        if !isQuiz && surveyQuestions[q] == nil { continue }
                    }
                    any = true
                    add(line: line, training: training, code: code, fields: fields, phase: ph, question: q, response: value, correctText: "", scoreText: score)
                }
                let pkey = training + "\u{0}" + code
                let akey = (participantIndex[pkey] ?? -1) * 4 + (ph == .pre ? 0 : ph == .post ? 1 : 2)
                if !any {
                    fail(line, "no answers for \(code) at the \(ph.rawValue) phase")
                } else if let a = attemptIndex[akey], plan.attempts[a].line != line {
                    fail(line, "a second \(ph.rawValue) row for \(code) (first on line \(plan.attempts[a].line))")
                }
            }
        }
        if header.isEmpty { fail(0, "the file has no header line") }
        if !problems.isEmpty {
            throw CSVImportError(file: options.fileName, problems: problems.sorted { $0.line < $1.line })
        }
        plan.summary.format = plan.format
        plan.summary.rows = plan.rows
        return plan
    }

    /// Validates and converts one answer.
    static func response(
        line: Int, phase: Phase, question: String, response: String, correctText: String, scoreText: String,
        quiz: [String: QuestionSpec]?, survey: [String: QuestionSpec]?, fail: (Int, String) -> Void
    ) -> PendingResponse? {
        var score: Double?
        if !scoreText.isEmpty {
            guard let s = Double(scoreText) ?? Double(scoreText.replacingOccurrences(of: ",", with: ".")), s.isFinite, s >= 0,
                Fraction(decimal: s) != nil
            else {
                fail(line, "score '\(scoreText)' is not a number ≥ 0 with at most 3 decimals")
                return nil
            }
            score = s
        }
        var correct: Bool?
        switch correctText.count > 1 ? correctText.lowercased() : correctText {
        case "": correct = nil
        case "1", "true", "yes": correct = true
        case "0", "false", "no": correct = false
        default:
            fail(line, "correct must be 1, 0 or empty (got '\(correctText)')")
            return nil
        }
        let keys = phase == .feedback ? survey : quiz
        guard let keys else {
            // No course: keep what the file says.
            if phase == .feedback {
                if let v = Int(response.trimmingASCIIWhitespace) { return PendingResponse(question: question, choice: String(v), line: line, maxScore: 0) }
                return PendingResponse(question: question, text: response, line: line, maxScore: 0)
            }
            if let correct {
                guard let letters = OptionLetter.decode(response.trimmingASCIIWhitespace), !letters.isEmpty else {
                    fail(line, "answer '\(response)' of \(question) is not option letters (a, b, a;c)")
                    return nil
                }
                return PendingResponse(question: question, choice: OptionLetter.encode(letters), correct: correct, score: score ?? (correct ? 1 : 0), line: line, maxScore: 1)
            }
            return PendingResponse(question: question, text: response, score: score, line: line, maxScore: Swift.max(1, score ?? 1))
        }
        guard let q = keys[question] else {
            let known = keys.keys.sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }.joined(separator: ", ")
            fail(line, "unknown question '\(question)' for the \(phase.rawValue) phase (known: \(known))")
            return nil
        }
        let trimmed = response.trimmingASCIIWhitespace
        switch q.kind {
        case .single, .multiple:
            // On the bit set of the choice, not an array of indices: two million answers per import.
            guard let chosen = OptionLetter.choice(trimmed) else {
                fail(line, "answer '\(response)' of \(question) is not option letters (a, b, a;c)")
                return nil
            }
            if let bad = chosen.first(atLeast: q.options.count) {
                fail(line, "\(question) has options a–\(OptionLetter.letter(q.options.count - 1)); '\(OptionLetter.letter(bad))' is not one")
                return nil
            }
            if q.kind == .single && chosen.count > 1 {
                fail(line, "\(question) takes one answer; got '\(response)'")
                return nil
            }
            let isRight = q.isRight(chosen)
            return PendingResponse(question: question, choice: OptionLetter.encode(chosen), correct: isRight, score: isRight ? 1 : 0, line: line, maxScore: 1)
        case .rating:
            guard let v = Int(trimmed), v >= 1, v <= Swift.max(q.options.count, 1) else {
                fail(line, "rating \(question) must be a whole number from 1 to \(q.options.count) (got '\(response)')")
                return nil
            }
            return PendingResponse(question: question, choice: String(v), line: line, maxScore: 0)
        case .open:
            if let s = score, let exact = Fraction(decimal: s), exact > q.maximum, q.maximum > .zero {
                fail(line, "score \(CSVText.number(s)) of \(question) is above its maximum \(CSVText.number(q.maximum.doubleValue))")
                return nil
            }
            if score != nil && q.maximum == .zero {
                fail(line, "\(question) is not scored; leave its score empty")
                return nil
            }
            return PendingResponse(question: question, text: response, score: score, line: line, maxScore: q.maximum.doubleValue)
        }
    }

    /// Writes the plan in one immediate transaction; any conflict rolls everything back. New rows
    /// go in with ``SQLConnection/insertRows(prefix:row:count:returningID:values:)``: a cached
    /// statement per row on SQLite, thousands of rows per statement on PostgreSQL.
    mutating func apply(to store: ResultsStore, options: CSVImportOptions) throws(CSVImportError) {
        var problems: [CSVImportError.Problem] = []
        struct Refused: Error {}
        let now = ResultsStore.now()
        var summary = self.summary
        let participants = self.participants
        let attempts = self.attempts
        let initialSummary = summary
        do {
            try store.backend.write(retry: true) { db in
                // Run again from the start if PostgreSQL asks to (a concurrent writer won).
                problems = []
                summary = initialSummary
                // Trainings.
                var trainingLine: [String: Int] = [:]
                for p in participants where trainingLine[p.training] == nil { trainingLine[p.training] = p.line }
                for (t, line) in trainingLine.sorted(by: { $0.value < $1.value }) {
                    if try db.exists("SELECT 1 FROM training WHERE id = ?", [t]) { continue }
                    guard options.createTrainings else {
                        problems.append(.init(line: line, message: "no training '\(t)' in the database (add it with 'katch training add', or import with --create-trainings)"))
                        continue
                    }
                    guard t.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
                        problems.append(.init(line: line, message: "training id '\(t)' must be letters, digits, '-', '_' or '.'"))
                        continue
                    }
                    try db.execute("INSERT INTO training (id, title, created_at) VALUES (?, ?, ?)", [t, t, now])
                    summary.trainingsCreated.append(t)
                }
                if !problems.isEmpty { throw Refused() }
                // Existing participants and attempts of those trainings.
                var existing: [String: (id: Int64, region: String, agency: String, gender: String)] = [:]
                for t in trainingLine.keys {
                    try db.forEach("SELECT id, code, region, agency, gender FROM participant WHERE training_id = ?", [.text(t)]) { r in
                        let code: String = try r[1]
                        existing[t + "\u{0}" + code] = (try r[0], try r[2], try r[3], try r[4])
                    }
                }
                var existingAttempts = Set<String>()
                if !existing.isEmpty {
                    let ids = Set(existing.values.map(\.id))
                    try db.forEach("SELECT participant_id, phase, instrument_id FROM attempt", []) { r in
                        let pid: Int64 = try r[0]
                        guard ids.contains(pid) else { return }
                        let phase: String = try r[1]
                        let instrument: String = try r[2]
                        existingAttempts.insert("\(pid)\u{0}\(phase)\u{0}\(instrument)")
                    }
                }
                var rowIDs = [Int64](repeating: 0, count: participants.count)
                var newParticipants: [Int] = []
                for (i, p) in participants.enumerated() {
                    if let e = existing[p.training + "\u{0}" + p.code] {
                        rowIDs[i] = e.id
                        summary.participantsExisting += 1
                        for (name, old, new) in [("region", e.region, p.region), ("agency", e.agency, p.agency), ("gender", e.gender, p.gender)]
                        where !new.isEmpty && old != new {
                            problems.append(.init(line: p.line, message: "participant \(p.code) of \(p.training) is registered with \(name) '\(old)', not '\(new)'"))
                        }
                    } else {
                        newParticipants.append(i)
                    }
                }
                let newIDs = try db.insertRows(
                    prefix: "INSERT INTO participant (training_id, code, region, agency, agency_other, gender, created_at) VALUES",
                    row: "(?,?,?,?,?,?,?)", count: newParticipants.count, returningID: true
                ) { k, v in
                    let p = participants[newParticipants[k]]
                    v += [.text(p.training), .text(p.code), .text(p.region), .text(p.agency), .text(p.agencyOther), .text(p.gender), .text(now)]
                }
                for (k, i) in newParticipants.enumerated() { rowIDs[i] = newIDs[k] }
                summary.participantsCreated += newParticipants.count
                var newAttempts: [Int] = []
                for (k, a) in attempts.enumerated() {
                    let pid = rowIDs[a.participant]
                    let instrument = a.phase == .feedback ? options.surveyID : options.quizID
                    if existingAttempts.contains("\(pid)\u{0}\(a.phase.rawValue)\u{0}\(instrument)") {
                        let p = participants[a.participant]
                        problems.append(.init(
                            line: a.line,
                            message: "participant \(p.code) of \(p.training) already has \(a.phase.rawValue) answers in the database; existing answers are never overwritten"))
                        continue
                    }
                    newAttempts.append(k)
                }
                if !problems.isEmpty { throw Refused() }
                let attemptIDs = try db.insertRows(
                    prefix: "INSERT INTO attempt (participant_id, phase, instrument_id, content_hash, started_at, submitted_at, position) VALUES",
                    row: "(?,?,?,?,?,?,?)", count: newAttempts.count, returningID: true
                ) { k, v in
                    let a = attempts[newAttempts[k]]
                    v += [.integer(rowIDs[a.participant]), .text(a.phase.rawValue), .text(a.phase == .feedback ? options.surveyID : options.quizID),
                          .text("imported"), .text(now), .text(now), .integer(0)]
                }
                summary.attempts += newAttempts.count
                // The answers in attempt order: (attempt index in attemptIDs, answer index).
                var answers: [(attempt: Int, response: Int)] = []
                answers.reserveCapacity(newAttempts.reduce(0) { $0 + attempts[$1].responses.count })
                for (k, a) in newAttempts.enumerated() {
                    for r in attempts[a].responses.indices { answers.append((k, r)) }
                }
                _ = try db.insertRows(
                    prefix: "INSERT INTO response (attempt_id, question_id, choice, text, correct, score, max_score, answered_at, scored_at) VALUES",
                    row: "(?,?,?,?,?,?,?,?,?)", count: answers.count, returningID: false
                ) { k, v in
                    let (attempt, index) = answers[k]
                    let r = attempts[newAttempts[attempt]].responses[index]
                    v += [.integer(attemptIDs[attempt]), .text(r.question), r.choice.sqlValue, r.text.sqlValue, r.correct.sqlValue, r.score.sqlValue,
                          .real(r.maxScore), .text(now), r.score == nil ? .null : .text(now)]
                }
                summary.responses += answers.count
            }
        } catch is Refused {
            throw CSVImportError(file: options.fileName, problems: problems.sorted { $0.line < $1.line })
        } catch {
            throw CSVImportError(file: options.fileName, problems: [.init(line: 0, message: "database write failed: \(error)")])
        }
        self.summary = summary
    }
}

extension PendingResponse {
    init(question: String, choice: String? = nil, text: String? = nil, correct: Bool? = nil, score: Double? = nil, line: Int, maxScore: Double) {
        self.init(question: question, choice: choice, text: text, correct: correct, score: score, maxScore: maxScore, line: line)
    }
}
