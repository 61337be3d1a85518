/// A structured screening instrument (```` ```screening ```` block, YAML body).
public struct ScreeningTool: Sendable, Hashable, Codable {
    /// A point of a scale or a judgement.
    public struct Level: Sendable, Hashable, Codable {
        /// The score.
        public var value: Int
        /// Its printed label.
        public var label: String
        /// Creates a level.
        public init(value: Int, label: String) {
            self.value = value
            self.label = label
        }
    }

    /// How an item is answered.
    public enum ItemType: String, Sendable, Hashable, Codable {
        /// Evidence score on the tool's scale (0–3).
        case scale
        /// Yes / no.
        case yesno
        /// Free text.
        case text
        /// One of several options (`options`).
        case choice
        /// Any number of the options.
        case multiple
    }

    /// One item (question) of a section.
    public struct Item: Sendable, Hashable, Codable {
        /// Item code, e.g. `A1`.
        public var id: String
        /// The question as read to the person.
        public var text: String
        /// How it is answered.
        public var type: ItemType
        /// Options of a choice item.
        public var options: [String]?
        /// Follow-ups, coding instructions.
        public var note: String?
        /// The scale values this scale item allows, when not all of them (`[0, 3]`: yes scores 3,
        /// no scores 0); nil for the whole scale.
        public var values: [Int]?

        /// Creates an item.
        public init(id: String, text: String, type: ItemType, options: [String]? = nil, note: String? = nil, values: [Int]? = nil) {
            self.id = id
            self.text = text
            self.type = type
            self.options = options
            self.note = note
            self.values = values
        }

        /// The scale levels this item allows, in the scale's order.
        public func levels(of scale: [Level]) -> [Level] {
            guard let values else { return scale }
            return scale.filter { values.contains($0.value) }
        }
    }

    /// A section of the instrument.
    public struct Section: Sendable, Hashable, Codable {
        /// Section code, e.g. `A`.
        public var id: String
        /// Printed title.
        public var title: String
        /// Applicability and instructions.
        public var note: String?
        /// Asked only in some cases (e.g. non-citizens).
        public var optional: Bool?
        /// What the interviewer reads aloud before the section's items: the title of a heading on the
        /// same page (its text is read), or else the text itself.
        public var read: String?
        /// Items in order.
        public var items: [Item]

        /// Creates a section.
        public init(id: String, title: String, note: String? = nil, optional: Bool? = nil, read: String? = nil, items: [Item]) {
            self.id = id
            self.title = title
            self.note = note
            self.optional = optional
            self.read = read
            self.items = items
        }

        /// Maximum score of the section on a scale whose top value is `top` (an item allowing only
        /// some values counts its highest).
        public func maxScore(top: Int) -> Int {
            items.filter { $0.type == .scale }.map { $0.values?.max() ?? top }.reduce(0, +)
        }
    }

    /// A total over some sections.
    public struct Total: Sendable, Hashable, Codable {
        /// Printed label.
        public var label: String
        /// Section codes summed.
        public var sections: [String]
        /// The printed maximum.
        public var max: Int

        /// Creates a total.
        public init(label: String, sections: [String], max: Int) {
            self.label = label
            self.sections = sections
            self.max = max
        }
    }

    /// Optional title of the instrument.
    public var title: String?
    /// Evidence scale (empty for yes/no tools).
    public var scale: [Level]?
    /// Sections in order.
    public var sections: [Section]
    /// Totals with their maxima.
    public var totals: [Total]?
    /// Options of the final judgement.
    public var judgement: [Level]?
    /// `itemNotes: true`: the printed form has a notes line («Ескертпелер: ___») under each scored item,
    /// as the paper instrument does for the interviewer's notes.
    public var itemNotes: Bool?
    /// The final judgement's question as put to the interviewer.
    public var judgementQuestion: String?
    /// What the interviewer reads aloud before the first section (like ``Section/read``).
    public var read: String?

    enum CodingKeys: String, CodingKey {
        case title, scale, sections, totals, judgement, itemNotes, read
        case judgementQuestion = "judgement-question"
    }

    /// Creates a tool.
    public init(
        title: String? = nil, scale: [Level]? = nil, sections: [Section], totals: [Total]? = nil, judgement: [Level]? = nil,
        itemNotes: Bool? = nil, judgementQuestion: String? = nil, read: String? = nil
    ) {
        self.title = title
        self.scale = scale
        self.sections = sections
        self.totals = totals
        self.judgement = judgement
        self.itemNotes = itemNotes
        self.judgementQuestion = judgementQuestion
        self.read = read
    }

    /// The top value of the scale (3 for 0–3), 0 when there is no scale.
    public var scaleTop: Int { scale?.map(\.value).max() ?? 0 }

    /// All items of all sections, in order.
    public var allItems: [Item] { sections.flatMap(\.items) }

    /// Plain text of the whole tool.
    public var plainText: String {
        var parts: [String] = [title ?? ""]
        parts += (scale ?? []).map(\.label)
        for s in sections {
            parts.append(s.title)
            if let n = s.note { parts.append(n) }
            for i in s.items {
                parts.append(i.text)
                parts += i.options ?? []
                if let n = i.note { parts.append(n) }
            }
        }
        parts += (totals ?? []).map(\.label)
        if let q = judgementQuestion { parts.append(q) }
        parts += (judgement ?? []).map(\.label)
        return parts.joined(separator: "\n")
    }
}
