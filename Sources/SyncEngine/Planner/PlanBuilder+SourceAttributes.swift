/// `field-unknown` for the source side of a mapping: an attribute it reads
/// that a source does not have (not in an LDAP server's schema, not a
/// column of a CSV file). A typo there leaves the field empty on every
/// object, or makes every user `invalid-email`, with no other sign.
extension PlanBuilder {
    mutating func checkSourceAttributes() {
        plan.conditions += read.attributeNames.flatMap(settings.mapping.unknownSourceAttributes(in:))
    }
}

extension MappingConfiguration {
    /// One condition per attribute (and kind) the mapping reads that
    /// `names` lacks, in the mapping's order; `dsync check` shows them too.
    /// The mapping still runs: the field is written from what the object has.
    public func unknownSourceAttributes(in names: SourceAttributeNames) -> [ConditionRecord] {
        var records: [ConditionRecord] = []
        var reported: Set<String> = []
        for (kind, fields) in [(ObjectKind.user, users), (.group, groups)] {
            let known = kind == .user ? names.users : names.groups
            let section = kind == .user ? "users" : "groups"
            let defaults = Set((kind == .user ? names.defaults?.users : names.defaults?.groups) ?? [])
            for field in fields where !defaults.contains(field) || Self.keyFields.contains(field.target) {
                // An attribute description's options (`cn;lang-de`, RFC 4512
                // §2.5) are not part of the type's name.
                for attribute in field.sources
                where !known.contains(Self.typeName(attribute)) && reported.insert("\(section) \(attribute.lowercased())").inserted {
                    records.append(ConditionRecord(
                        .fieldUnknown, kind: kind, attribute: attribute,
                        detail: "mapping.\(section).\(field.target)\(ConditionRecord.readsAttribute)\(attribute), which the source \(names.source) "
                            + "does not have (it is not in \(names.origin)); the field gets no value from it until the mapping is fixed"))
                }
            }
        }
        return records
    }

    /// An attribute description's type, lowercased, without its options.
    static func typeName(_ description: String) -> String {
        String(description.split(separator: ";", maxSplits: 1).first ?? "").lowercased()
    }

    /// The fields no user is written without.
    static let keyFields: Set<String> = ["userName", "emails"]
}

extension ConditionRecord {
    static let readsAttribute = " reads the attribute "

    /// A `field-unknown` about a source attribute (fixed in the mapping's
    /// `from`), not a target field (which `dsync mapping prune` removes).
    public var isUnknownSourceAttribute: Bool {
        code == .fieldUnknown && detail.contains(Self.readsAttribute)
    }
}
