import SCIM

/// Applies a mapping to one source object and validates the result with the
/// shared `FieldValidator`, so an object that would be refused is reported
/// (with the field and value) before anything is sent.
///
/// A class: the planner consults one of two mappers for every object of a
/// run, and a struct of arrays, sets and dictionaries was copied (a
/// reference count each) every time.
final class ObjectMapper {
    let fields: [FieldMapping]
    let rules: [FieldRule]
    /// Normalized DN → anchor of the users in scope, for `dnToReference`
    /// (filled by the planner once an object has a DN to resolve).
    var dnIndex: [String: Anchor]
    /// The mapped name → the name written (`MappingCheck.resolved`); a name
    /// not in it is written as mapped.
    let names: [String: String]
    /// The verified domains `emails` must be in, when the target tells.
    let verifiedDomains: Set<String>?
    /// The `dnToReference` fields, in mapping order (asked about for every
    /// object of every run).
    let referenceFields: [FieldMapping]
    /// The attributes they read, or nil when a default gives one a value
    /// whatever the object holds.
    private let referenceSources: [String]?
    /// What an object without reference values gives (most objects; made
    /// once, not per object).
    let noReferenceValues: [[String]]
    let noReferenceAnchors: [Anchor?]
    /// Per mapped field, in mapping order: the name written, the target's
    /// rule for it and whether it takes several values (the same for every
    /// object: looked up once, not per object and field).
    private let targets: [(name: String, rule: FieldRule?, multiValued: Bool)]
    /// The target's required fields no mapping writes.
    private let unmappedRequired: [FieldRule]
    /// The fields written as userName or emails: a user's unique keys.
    private let keyFields: [Int]

    init(
        fields: [FieldMapping], rules: [FieldRule], dnIndex: [String: Anchor], names: [String: String] = [:],
        verifiedDomains: Set<String>? = nil
    ) {
        self.fields = fields
        self.rules = rules
        self.dnIndex = dnIndex
        self.names = names
        self.verifiedDomains = verifiedDomains
        self.referenceFields = fields.filter(\.isReference)
        let hasDefault = referenceFields.contains { field in
            field.transforms.contains { if case .default = $0 { true } else { false } }
        }
        self.referenceSources = hasDefault ? nil : referenceFields.flatMap(\.sources)
        self.noReferenceValues = Array(repeating: [], count: referenceFields.count)
        self.noReferenceAnchors = Array(repeating: nil, count: referenceFields.count)
        // The name a mapped field is written (and its rule looked up) under.
        let written = fields.map { names[$0.target] ?? $0.target }
        self.targets = written.map { name in
            let rule = rules.first { $0.name.lowercased() == name.lowercased() }
            return (name, rule, rule?.multiValued ?? Self.multiValuedFields.contains(name))
        }
        let writtenKeys = Set(written.map { $0.lowercased() })
        self.unmappedRequired = rules.filter { $0.required && !writtenKeys.contains($0.name.lowercased()) }
        self.keyFields = written.indices.filter { written[$0] == "userName" || written[$0] == "emails" }
    }

    /// The fields to write, or the conditions that keep the object from
    /// being written.
    func map(_ object: SourceObject) -> (fields: [FieldAssignment], problems: [ConditionRecord]) {
        var assignments: [FieldAssignment] = []
        var problems: [ConditionRecord] = []
        func problem(_ code: ConditionCode, _ field: String, _ value: String?, _ detail: String) {
            problems.append(ConditionRecord(code, anchor: object.anchor, kind: object.kind, attribute: field, value: value, detail: detail))
        }
        for index in fields.indices {
            if let assignment = assignment(index, of: object, problem: problem) { assignments.append(assignment) }
        }
        // Rules for fields the mapping does not write: a required one is missing.
        for rule in unmappedRequired {
            let code: ConditionCode = rule.kind == .email ? .invalidEmail : .mandatoryMissing
            problem(code, rule.name, nil, "no mapping gives this required field a value")
        }
        return (assignments, problems)
    }

    /// The keys two users may not share (`PlanBuilder.duplicateKeys`),
    /// from its key fields alone: what its full `map` gives whenever that
    /// has no problem, since each field is mapped on its own.
    func uniqueKeys(_ object: SourceObject) -> [String] {
        var assignments: [FieldAssignment] = []
        for index in keyFields {
            if let assignment = assignment(index, of: object, problem: { _, _, _, _ in }) { assignments.append(assignment) }
        }
        return PlanBuilder.duplicateKeys(assignments).map(\.key)
    }

    /// One mapped field's assignment: nil when it has no value, or when
    /// its value is refused (told to `problem`: code, field, value, detail;
    /// the detail names the source attributes read, which is what the
    /// administrator corrects).
    private func assignment(
        _ index: Int, of object: SourceObject, problem report: (ConditionCode, String, String?, String) -> Void
    ) -> FieldAssignment? {
        let mapping = fields[index]
        let (name, rule, multiValued) = targets[index]
        func problem(_ code: ConditionCode, _ field: String, _ value: String?, _ detail: String) {
            // A password is never shown or stored (RFC 7643 §4.1.1: writeOnly).
            let value = field.lowercased() == "password" ? nil : value
            report(code, field, value, mapping.sources.isEmpty ? detail : "\(detail) (read from \(mapping.sources.joined(separator: ", ")))")
        }
        let values = self.values(of: mapping, in: object) { value in
            problem(.invalidValue, mapping.target, value, "\"\(value)\" is not an LDAP GeneralizedTime")
        }
        if mapping.isReference {
            // A manager outside the synced scope is left out, not an error.
            return reference(values).map { FieldAssignment(name, .reference($0)) }
        }
        var json: JSON?
        if multiValued {
            json = values.isEmpty ? nil : .array(values.map(JSON.string))
        } else if values.count > 1 {
            problem(.invalidValue, mapping.target, values.joined(separator: "; "),
                "\(values.count) values for a single-valued field; add the `first` transform")
            return nil
        } else {
            json = values.first.map(JSON.string)
        }
        if let rule {
            do throws(FieldViolation) {
                json = try FieldValidator.validate(json, against: rule)
            } catch {
                problem(Self.code(for: error, rule: rule), mapping.target, json.map(Self.text), error.detail)
                return nil
            }
        }
        // The directory's rule, with its code (VerifiedDomains).
        if let verifiedDomains, name == "emails", let json,
           let found = VerifiedDomains.violation(in: json.arrayValue?.compactMap(\.stringValue) ?? [], verified: verifiedDomains)
        {
            problem(.domainNotVerified, mapping.target, found.address, found.violation.detail)
            return nil
        }
        return json.map { FieldAssignment(name, .json($0)) }
    }

    /// The source values of a mapped field after its transforms; a value
    /// that is not a GeneralizedTime where one is expected goes to `invalid`.
    func values(of mapping: FieldMapping, in object: SourceObject, invalid: (String) -> Void = { _ in }) -> [String] {
        var values = mapping.sources.count == 1
            ? object.values(mapping.sources[0]) : mapping.sources.compactMap { object.values($0).first }
        for transform in mapping.transforms {
            switch transform {
            case .join(let separator): values = values.isEmpty ? [] : [values.joined(separator: separator)]
            case .lower: values = values.map { $0.lowercased() }
            case .upper: values = values.map { $0.uppercased() }
            case .replaceDomain(let domain):
                values = values.map { value in
                    guard let at = value.lastIndex(of: "@") else { return value }
                    return value[...at] + domain
                }
            case .default(let value): if values.isEmpty { values = [value] }
            case .first: values = Array(values.prefix(1))
            case .dnToReference: break
            case .generalizedTimeToDate(let dateOnly):
                var converted: [String] = []
                for value in values {
                    guard let time = GeneralizedTime.rfc3339(value, dateOnly: dateOnly) else {
                        invalid(value)
                        continue
                    }
                    converted.append(time)
                }
                values = converted
            }
        }
        return values
    }

    /// The values of each reference field, in mapping order (empty when
    /// the object has none; the planner builds `dnIndex` once one has).
    func referenceValues(_ object: SourceObject) -> [[String]] {
        // Read for every object of every run: without a default, no source
        // value means none, told without making strings.
        if let referenceSources, !referenceSources.contains(where: object.hasValue) { return noReferenceValues }
        return referenceFields.map { values(of: $0, in: object) }
    }

    /// What each reference field resolves to (nil: no synced user).
    func referenceAnchors(_ values: [[String]]) -> [Anchor?] {
        values.allSatisfy(\.isEmpty) ? noReferenceAnchors : values.map(reference)
    }

    /// The synced user the first of the DNs names, if any.
    func reference(_ dns: [String]) -> Anchor? {
        dns.lazy.compactMap { self.dnIndex[Self.normalizedDN($0)] }.first
    }

    /// SCIM's multi-valued attributes among the standard targets (RFC 7643 §4.1.2).
    static let multiValuedFields: Set<String> = ["emails", "phoneNumbers", "addresses", "ims", "photos", "entitlements", "roles", "x509Certificates"]

    /// A missing email is `invalid-email` (conditions.md: "no email address
    /// in the source, or not a valid address"); other reasons keep the
    /// directory's code.
    static func code(for violation: FieldViolation, rule: FieldRule) -> ConditionCode {
        if violation.reason == .mandatoryMissing, rule.kind == .email { return .invalidEmail }
        return ConditionCatalogue.code(for: violation.reason) ?? .invalidValue
    }

    static func text(_ json: JSON) -> String {
        if case .string(let text) = json { return text }
        return json.serializedString()
    }

    /// DNs compare case-insensitively and without the spaces around `,`
    /// and `=` that tools add; enough for references read from one server.
    static func normalizedDN(_ dn: String) -> String {
        // Most DNs have no space to drop: lower-casing is all.
        if !dn.utf8.contains(UInt8(ascii: " ")) { return dn.lowercased() }
        return dn.split(separator: ",").map { rdn in
            rdn.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces().lowercased() }.joined(separator: "=")
        }.joined(separator: ",")
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
