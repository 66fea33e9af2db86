/// `attrPath = [URI ":"] ATTRNAME *1subAttr` (RFC 7644 §3.4.2.2, §3.10):
/// an attribute, optionally qualified by its schema URN, optionally with one
/// sub-attribute.
///
/// Names compare and hash ASCII case-insensitively (RFC 7643 §2.1); the
/// spelling a client used is kept for messages and `description`.
///
/// A path that names a whole schema extension (PATCH `remove` of
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`) has that URN
/// as its `name` and no `schema`: the extension's members sit under that key
/// in the resource's JSON (RFC 7643 §3.3), so it behaves like a complex
/// attribute.
public struct SCIMAttributePath: Sendable, CustomStringConvertible {
    /// The schema URN, when the path was qualified with one.
    public var schema: String?
    public var name: String
    public var subAttribute: String?

    public init(schema: String? = nil, _ name: String, subAttribute: String? = nil) {
        self.schema = schema
        self.name = name
        self.subAttribute = subAttribute
    }

    /// `schema:name.sub`, as written.
    public var description: String {
        var text = schema.map { $0 + ":" } ?? ""
        text += name
        if let subAttribute { text += "." + subAttribute }
        return text
    }

    /// The same path without its sub-attribute.
    public var parent: SCIMAttributePath {
        SCIMAttributePath(schema: schema, name, subAttribute: nil)
    }

    /// The path of sub-attribute `sub` of this (parent) attribute.
    public func appending(_ sub: String) -> SCIMAttributePath {
        SCIMAttributePath(schema: schema, name, subAttribute: sub)
    }

    /// Whether the attribute (ignoring schema and sub-attribute) is `name`.
    public func isAttribute(_ name: String) -> Bool {
        ASCIICaseInsensitive.equal(self.name, name)
    }
}

extension SCIMAttributePath: Hashable {
    public static func == (lhs: SCIMAttributePath, rhs: SCIMAttributePath) -> Bool {
        optionalEqual(lhs.schema, rhs.schema) && ASCIICaseInsensitive.equal(lhs.name, rhs.name)
            && optionalEqual(lhs.subAttribute, rhs.subAttribute)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(schema.map(ASCIICaseInsensitive.key))
        hasher.combine(ASCIICaseInsensitive.key(name))
        hasher.combine(subAttribute.map(ASCIICaseInsensitive.key))
    }

    private static func optionalEqual(_ lhs: String?, _ rhs: String?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): true
        case (let lhs?, let rhs?): ASCIICaseInsensitive.equal(lhs, rhs)
        default: false
        }
    }
}

extension SCIMAttributePath {
    /// Parses a bare attribute path (no value filter), as used by `sortBy`,
    /// `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.3, §3.4.2.5).
    public init(parsing text: String, knownSchemas: [String] = SCIMSchemaURN.wellKnown) throws(SCIMSyntaxError) {
        var parser = SCIMExpressionParser(text, context: .path, knownSchemas: knownSchemas)
        self = try parser.parseWholeAttributePath()
    }
}
