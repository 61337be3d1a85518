import Instruments
import Foundation

/// A training (one run of the course in a place, on dates, by a trainer).
public struct Training: Sendable, Hashable, Codable {
    /// Short id chosen by the trainer (`shymkent-2026-03`).
    public var id: String
    /// Title.
    public var title: String
    /// Place.
    public var place: String
    /// First day (`YYYY-MM-DD`).
    public var startDate: String
    /// Last day (`YYYY-MM-DD`).
    public var endDate: String
    /// Trainer name(s).
    public var trainer: String

    /// Creates a training.
    public init(id: String, title: String, place: String = "", startDate: String = "", endDate: String = "", trainer: String = "") {
        self.id = id
        self.title = title
        self.place = place
        self.startDate = startDate
        self.endDate = endDate
        self.trainer = trainer
    }
}

extension Training {
    /// Checks what a training must be before it is stored: the id is letters, digits, `-`, `_` or `.`;
    /// each date, when given, is a real calendar date written `YYYY-MM-DD`; the last day is not before the first.
    /// - Throws: ``ResultsError`` naming every problem found.
    public func validate() throws(ResultsError) {
        var problems: [String] = []
        if id.isEmpty || !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) {
            problems.append("training id '\(id)' must be letters, digits, '-', '_' or '.'")
        }
        // The input policy of every text katch stores (as the quiz's fields): no control characters, a length cap.
        for (name, value, cap) in [("title", title, TextPolicy.codeEntryMaxLength), ("place", place, TextPolicy.fieldMaxLength), ("trainer", trainer, TextPolicy.fieldMaxLength)] {
            if let p = TextPolicy.problem(value, multiline: false, maxLength: cap) { problems.append("the training's \(name) \(p)") }
        }
        var valid: [String] = []
        for (name, value) in [("start", startDate), ("end", endDate)] where !value.isEmpty {
            if let why = Self.dateProblem(value) {
                problems.append("\(name) date '\(value)' is not a valid date: \(why) (write YYYY-MM-DD, e.g. 2026-03-10)")
            } else {
                valid.append(value)
            }
        }
        // Zero-padded YYYY-MM-DD dates compare as text in calendar order.
        if valid.count == 2, endDate < startDate {
            problems.append("end date \(endDate) is before start date \(startDate)")
        }
        if !problems.isEmpty { throw ResultsError(problems.joined(separator: "; ")) }
    }

    /// Why `text` is not a `YYYY-MM-DD` date of the Gregorian calendar, or nil when it is one.
    static func dateProblem(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return "it is not of the form YYYY-MM-DD" }
        guard year >= 1 else { return "there is no year \(parts[0])" }
        guard (1...12).contains(month) else { return "there is no month \(parts[1])" }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return "month \(parts[1]) of \(parts[0]) has days 01–\(days)" }
        return nil
    }
}

/// Who the participant is, as on the paper form. The name and contact are personal data: they are
/// stored apart and never leave the database (no export, report or log shows them).
public struct Registration: Sendable, Hashable {
    /// Full name (personal).
    public var name: String
    /// Region id from course.yml.
    public var region: String
    /// Agency group id from course.yml, or `other`.
    public var agency: String
    /// The text given with «other».
    public var agencyOther: String
    /// Gender id from course.yml.
    public var gender: String
    /// Optional contact (personal).
    public var contact: String

    /// Creates a registration.
    public init(name: String, region: String, agency: String, agencyOther: String = "", gender: String, contact: String = "") {
        self.name = name
        self.region = region
        self.agency = agency
        self.agencyOther = agencyOther
        self.gender = gender
        self.contact = contact
    }
}

/// A registered participant, known outside the database by a pseudonymous code.
public struct Participant: Sendable, Hashable {
    /// Row id.
    public var rowID: Int64
    /// The training.
    public var trainingID: String
    /// Pseudonymous code the participant keeps (e.g. `K7M2QX`).
    public var code: String
    /// Region id.
    public var region: String
    /// Agency id.
    public var agency: String
    /// «Other» agency text.
    public var agencyOther: String
    /// Gender id.
    public var gender: String

    /// Creates a participant value.
    public init(rowID: Int64, trainingID: String, code: String, region: String, agency: String, agencyOther: String, gender: String) {
        self.rowID = rowID
        self.trainingID = trainingID
        self.code = code
        self.region = region
        self.agency = agency
        self.agencyOther = agencyOther
        self.gender = gender
    }
}

/// One sitting of an instrument by a participant.
public struct Attempt: Sendable, Hashable {
    /// Row id.
    public var rowID: Int64
    /// Participant row id.
    public var participantID: Int64
    /// Phase.
    public var phase: Phase
    /// Quiz or survey id (`pre-post-test`).
    public var instrumentID: String
    /// Hash of the instrument's questions when the attempt started.
    public var contentHash: String
    /// When it started (ISO 8601).
    public var startedAt: String
    /// When it was submitted, nil while in progress.
    public var submittedAt: String?
    /// Index of the question the participant was on (for resuming).
    public var position: Int

    /// Creates an attempt value.
    public init(rowID: Int64, participantID: Int64, phase: Phase, instrumentID: String, contentHash: String, startedAt: String, submittedAt: String?, position: Int) {
        self.rowID = rowID
        self.participantID = participantID
        self.phase = phase
        self.instrumentID = instrumentID
        self.contentHash = contentHash
        self.startedAt = startedAt
        self.submittedAt = submittedAt
        self.position = position
    }

    /// Whether it was submitted.
    public var isSubmitted: Bool { submittedAt != nil }
}

/// An answer to one question.
public struct Response: Sendable, Hashable {
    /// Question id.
    public var questionID: String
    /// Chosen option letters for choice questions (`a`, `a;c`), the value for ratings (`4`), or nil.
    public var choice: String?
    /// Free text of an open question.
    public var text: String?
    /// Whether a choice answer is right (nil for open questions and ratings).
    public var correct: Bool?
    /// Score: 0/1 for choice questions, the trainer's score for open ones (nil until scored).
    public var score: Double?
    /// Maximum score.
    public var maxScore: Double

    /// Creates a response.
    public init(questionID: String, choice: String? = nil, text: String? = nil, correct: Bool? = nil, score: Double? = nil, maxScore: Double = 1) {
        self.questionID = questionID
        self.choice = choice
        self.text = text
        self.correct = correct
        self.score = score
        self.maxScore = maxScore
    }
}

/// Errors of the results database, with what to do about them.
public struct ResultsError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
