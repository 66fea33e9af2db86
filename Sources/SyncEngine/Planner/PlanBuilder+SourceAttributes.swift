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
                for attribute in field.sources
                where !known.contains(attribute.lowercased()) && reported.insert("\(section) \(attribute.lowercased())").inserted {
                    records.append(ConditionRecord(
                        .fieldUnknown, kind: kind, attribute: attribute,
                        detail: "mapping.\(section).\(field.target) reads the attribute \(attribute), which the source \(names.source) "
                            + "does not have (it is not in \(names.origin)); the field gets no value from it until the mapping is fixed"))
                }
            }
        }
        return records
    }

    /// The fields no user is written without.
    static let keyFields: Set<String> = ["userName", "emails"]
}
