/// Evaluating exclusion and "disabled" rules on source objects.
extension AttributeRule {
    /// Whether any value of the attribute satisfies the rule. Text
    /// comparisons ignore case, like LDAP's caseIgnoreMatch.
    public func matches(_ object: SourceObject) -> Bool {
        // Evaluated for every user of every run: presence without making
        // strings of the values.
        if self.operator == .present { return object.hasValue(attribute) }
        let values = object.values(attribute)
        switch self.operator {
        case .present:
            return !values.isEmpty
        case .bitsSet:
            let masks = self.values.compactMap { UInt64($0) }
            return values.contains { value in
                // AD stores userAccountControl as a signed 32-bit decimal.
                guard let number = Int64(value) else { return false }
                let bits = UInt64(bitPattern: number)
                return masks.contains { bits & $0 == $0 }
            }
        case .matches:
            let patterns = self.values.compactMap { try? Regex($0).ignoresCase() }
            return values.contains { value in patterns.contains { value.contains($0) } }
        case .equals, .startsWith, .endsWith, .contains:
            let wanted = self.values.map { $0.lowercased() }
            return values.contains { raw in
                let value = raw.lowercased()
                return wanted.contains { candidate in
                    switch self.operator {
                    case .equals: value == candidate
                    case .startsWith: value.hasPrefix(candidate)
                    case .endsWith: value.hasSuffix(candidate)
                    default: value.contains(candidate)
                    }
                }
            }
        }
    }
}
