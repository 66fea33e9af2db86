/// The `path` of a PATCH operation: `PATH = attrPath / valuePath [subAttr]`
/// (RFC 7644 §3.5.2).
///
/// `emails[type eq "work"].value` is `attribute` = `emails.value` with
/// `valueFilter` = `type eq "work"`: the filter always applies to the values
/// of `attribute.parent`, and the sub-attribute (if any) is then taken from
/// each matching value.
public struct SCIMPatchPath: Sendable, Hashable, CustomStringConvertible {
    public var attribute: SCIMAttributePath
    public var valueFilter: SCIMFilter?

    public init(attribute: SCIMAttributePath, valueFilter: SCIMFilter? = nil) {
        self.attribute = attribute
        self.valueFilter = valueFilter
    }

    /// Parses a PATCH path. `knownSchemas` are the URNs that name a whole
    /// extension rather than `schema:attribute`; a server passes all of its
    /// schemas, including an organization's custom-field extension.
    /// Errors outside the brackets are `invalidPath`, inside `invalidFilter`.
    public init(parsing text: String, knownSchemas: [String] = SCIMSchemaURN.wellKnown, limits: SCIMFilter.Limits = .default) throws(SCIMSyntaxError) {
        var parser = SCIMExpressionParser(text, context: .path, limits: limits, knownSchemas: knownSchemas)
        self = try parser.parseWholePatchPath()
    }

    public var description: String {
        guard let valueFilter else { return attribute.description }
        var text = attribute.parent.description + "[" + valueFilter.description + "]"
        if let sub = attribute.subAttribute { text += "." + sub }
        return text
    }
}
