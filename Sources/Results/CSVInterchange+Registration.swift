import Instruments
import Foundation

/// The registration lists of a course (`registration:` in `course.yml`), as an import needs them to
/// check the `region`, `agency`, `agency_other` and `gender` columns.
///
/// A value is accepted when it is an id of the list or one of its labels (labels and ids are matched
/// case-insensitively after trimming white space and NFC normalisation); the id is what is stored.
/// An empty value is always accepted (paper forms have blanks). A list that is empty in `course.yml`
/// is not checked.
public struct RegistrationKey: Sendable, Hashable {
    /// One entry of a list: the stored id and the printed label.
    public struct Option: Sendable, Hashable {
        /// Stable id (stored in the database).
        public var id: String
        /// Printed label (accepted on import instead of the id).
        public var label: String

        /// Creates an entry.
        public init(id: String, label: String) {
            self.id = id
            self.label = label
        }
    }

    /// The agency id that stands for «other» (with its text in `agency_other`).
    public static let otherAgencyID = "other"

    /// Regions and cities.
    public var regions: [Option]
    /// Agency groups (without «other»).
    public var agencies: [Option]
    /// Whether the course offers «other» with a text for the agency (`other_agency`).
    public var otherAgency: Bool
    /// Labels that mean «other» in the agency column (e.g. «Басқа», «Другое», «Other»); the id `other` is always accepted.
    public var otherAgencyLabels: [String]
    /// Genders.
    public var genders: [Option]

    /// Creates the lists.
    public init(regions: [Option], agencies: [Option], otherAgency: Bool, otherAgencyLabels: [String] = [], genders: [Option]) {
        self.regions = regions
        self.agencies = agencies
        self.otherAgency = otherAgency
        self.otherAgencyLabels = otherAgencyLabels
        self.genders = genders
    }

    /// The form a value is compared in: trimmed (Unicode white space), NFC, lower case.
    static func folded(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping.lowercased()
    }
}

/// A registration column checked against one list of the course.
struct RegistrationColumn {
    /// Column name used in messages (`region`, `gender`).
    var name: String
    /// Ids in course order (for messages).
    var ids: [String]
    /// Folded id or label → id.
    var lookup: [String: String]
    /// Whether the course has a list for this column (an empty list is not checked).
    var isChecked: Bool

    init(name: String, options: [RegistrationKey.Option], extra: [(key: String, id: String)] = []) {
        self.name = name
        isChecked = !options.isEmpty
        ids = options.map(\.id) + extra.map(\.id).filter { id in !options.contains { $0.id == id } }.uniqued()
        var lookup: [String: String] = [:]
        // Ids win over labels when a label happens to equal another option's id.
        for o in options { lookup[RegistrationKey.folded(o.label)] = o.id }
        for e in extra { lookup[RegistrationKey.folded(e.key)] = e.id }
        for o in options { lookup[RegistrationKey.folded(o.id)] = o.id }
        lookup.removeValue(forKey: "")
        self.lookup = lookup
    }

    /// The id of `value` (empty stays empty), or nil when it is neither an id nor a label.
    func resolve(_ value: String) -> String? {
        if value.isEmpty || !isChecked { return value }
        if ids.contains(value) { return value }
        let key = RegistrationKey.folded(value)
        if key.isEmpty { return "" }
        return lookup[key]
    }

    /// `region 'nowhere' is not in the course's list (ids: a, b; labels are accepted too)`.
    func refusal(_ value: String) -> String {
        "\(name) '\(value)' is not in the course's list of \(name == "agency" ? "agencies" : name + "s") (ids: \(ids.joined(separator: ", ")); their labels are accepted too)"
    }
}

/// Checks and normalises the registration cells of import rows against a course's lists.
struct RegistrationResolver {
    var region: RegistrationColumn
    var agency: RegistrationColumn
    var gender: RegistrationColumn
    var otherAgency: Bool

    init(_ key: RegistrationKey) {
        region = RegistrationColumn(name: "region", options: key.regions)
        gender = RegistrationColumn(name: "gender", options: key.genders)
        var extra: [(key: String, id: String)] = []
        if key.otherAgency {
            extra = [(RegistrationKey.otherAgencyID, RegistrationKey.otherAgencyID)] + key.otherAgencyLabels.map { ($0, RegistrationKey.otherAgencyID) }
        }
        agency = RegistrationColumn(name: "agency", options: key.agencies, extra: extra)
        otherAgency = key.otherAgency
    }

    /// The stored values of one row's cells; a refused value is reported with `fail` and becomes empty.
    func resolve(region rawRegion: String, agency rawAgency: String, agencyOther: String, gender rawGender: String, fail: (String) -> Void)
        -> (region: String, agency: String, agencyOther: String, gender: String)
    {
        func one(_ column: RegistrationColumn, _ value: String) -> String {
            if let id = column.resolve(value) { return id }
            fail(column.refusal(value))
            return ""
        }
        let region = one(region, rawRegion)
        var agency = one(agency, rawAgency)
        var other = agencyOther
        if !other.isEmpty {
            if !otherAgency {
                fail("agency_other '\(other)' is given but the course offers no «other» agency (other_agency: false); choose one of: \(self.agency.ids.joined(separator: ", "))")
                other = ""
            } else if rawAgency.isEmpty {
                // Only the text of «other» was typed: that is the «other» agency.
                agency = RegistrationKey.otherAgencyID
            } else if !agency.isEmpty && agency != RegistrationKey.otherAgencyID {
                fail("agency_other '\(other)' is only for agency '\(RegistrationKey.otherAgencyID)', but agency is '\(rawAgency)'; leave agency_other empty or set agency to '\(RegistrationKey.otherAgencyID)'")
                other = ""
            }
        }
        let gender = one(gender, rawGender)
        return (region, agency, other, gender)
    }
}

extension Array where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
