/// Applies PATCH operations to a resource (RFC 7644 §3.5.2), all or none.
///
/// `apply` works on a copy and returns it only when every operation
/// succeeded; on the first failure it throws and the caller's value is as it
/// was. The rules, beyond the RFC's text where it is silent, and the
/// tolerances for real clients:
/// - `add` to a multi-valued attribute appends values not already there (by
///   `value` and `type`, `value` compared per its `caseExact`); an equal
///   value's other sub-attributes are merged instead of duplicated.
/// - `add`/`replace` of a complex attribute with an object merges the
///   sub-attributes (§3.5.2.1, §3.5.2.3); `replace` of a multi-valued
///   attribute without a filter replaces all values.
/// - A filtered `add` with no match, and a filtered `replace` of a
///   sub-attribute with no match, add a new value built from the filter's
///   `eq` terms when the filter has only those (`emails[type eq "work"].value`
///   on a user without a work address; Entra ID sends exactly that).
///   Otherwise a filter without a match is `noTarget` (§3.5.2.3).
/// - `remove` with a `value` list on a multi-valued attribute removes those
///   values (Entra ID's member removal); `remove` of nothing is not an error,
///   so repeating a removal is harmless.
/// - Values are coerced where the attribute's type says so: the strings
///   `"True"`/`"False"` (any case) to booleans, and a bare string for a
///   complex attribute to `{"value": …}` (Entra ID's `manager`).
/// - `null`, `[]` and `{}` mean unassigned (RFC 7643 §2.5): replacing with
///   them removes the attribute.
/// - When an operation writes a value with `primary: true`, every other value
///   of that attribute loses its primary flag (§3.5.2, RFC 7643 §2.4); one
///   operation writing two primaries is `invalidValue`.
/// - A `readOnly` attribute may be "changed" to the value it already has
///   (Okta sends `id` back); any real change is `mutability`.
/// - Attributes of extension schemas live under their URN; the resource's
///   `schemas` list gains or loses an extension's URN as its object appears
///   or disappears.
public struct SCIMPatchApplier: Sendable {
    public var catalog: SCIMAttributeCatalog
    /// Schemas whose attributes sit at the top level.
    public var coreSchemas: [String]
    /// Extension URNs that may appear as keys of a path-less value object or
    /// as a whole-extension path.
    public var knownSchemas: [String]

    public init(
        catalog: SCIMAttributeCatalog = .core,
        coreSchemas: [String] = SCIMSchemaURN.core,
        knownSchemas: [String] = SCIMSchemaURN.wellKnown
    ) {
        self.catalog = catalog
        self.coreSchemas = coreSchemas
        self.knownSchemas = knownSchemas
    }

    public func apply(_ request: SCIMPatchRequest, to resource: JSON) throws(SCIMPatchError) -> JSON {
        try apply(request.operations, to: resource)
    }

    public func apply(_ operations: [SCIMPatchOperation], to resource: JSON) throws(SCIMPatchError) -> JSON {
        guard case .object(var root) = resource else {
            throw SCIMPatchError(.invalidValue, "the resource is not a JSON object")
        }
        for (index, operation) in operations.enumerated() {
            do throws(SCIMPatchError) {
                try apply(operation, to: &root)
            } catch {
                throw error.at(index, path: operation.path?.description)
            }
        }
        return .object(root)
    }

    private func apply(_ operation: SCIMPatchOperation, to root: inout JSONObject) throws(SCIMPatchError) {
        if let path = operation.path {
            try apply(operation.op, path, operation.value, to: &root)
            return
        }
        guard operation.op != .remove else { throw .noTarget("remove needs a path") }
        guard case .object(let members)? = operation.value else {
            throw .invalidValue("without a path, the value must be an object of attributes")
        }
        for member in members {
            try applyPathless(operation.op, key: member.key, value: member.value, to: &root)
        }
    }

    /// One member of a path-less add/replace value. Its key is an attribute
    /// name, an extension URN whose value holds that extension's attributes,
    /// or (Entra ID, Okta) a whole path such as `name.givenName` or
    /// `urn:…:enterprise:2.0:User:department`.
    private func applyPathless(_ op: SCIMPatchOperation.Kind, key: String, value: JSON, to root: inout JSONObject) throws(SCIMPatchError) {
        let isSchema = knownSchemas.contains { ASCIICaseInsensitive.equal($0, key) }
            || SCIMSchemaURN.isCore(key, among: coreSchemas)
        if isSchema, case .object(let inner) = value {
            let schema: String? = SCIMSchemaURN.isCore(key, among: coreSchemas) ? nil : key
            for member in inner {
                let path = SCIMPatchPath(attribute: SCIMAttributePath(schema: schema, member.key))
                try apply(op, path, member.value, to: &root)
            }
            return
        }
        let path: SCIMPatchPath
        do throws(SCIMSyntaxError) {
            path = try SCIMPatchPath(parsing: key, knownSchemas: knownSchemas)
        } catch {
            throw SCIMPatchError(.invalidPath, "\"\(key)\" in the value is not an attribute: \(error.reason)")
        }
        try apply(op, path, value, to: &root)
    }

    private func apply(_ op: SCIMPatchOperation.Kind, _ path: SCIMPatchPath, _ value: JSON?, to root: inout JSONObject) throws(SCIMPatchError) {
        let attribute = path.attribute
        let coerced = value.map { coerce($0, at: attribute) }
        let readOnly = catalog.traits(for: attribute).mutability == .readOnly
            || catalog.traits(for: attribute.parent).mutability == .readOnly
        try withContainer(of: attribute, in: &root, creating: op != .remove) { container throws(SCIMPatchError) in
            let before = container[attribute.name]
            if let filter = path.valueFilter {
                try applyFiltered(op, attribute, filter, coerced, in: &container)
            } else {
                switch op {
                case .add: try add(attribute, coerced ?? .null, in: &container)
                case .replace: try replace(attribute, coerced ?? .null, in: &container)
                case .remove: try remove(attribute, coerced, in: &container)
                }
            }
            if readOnly && container[attribute.name] != before {
                throw SCIMPatchError(.mutability, "\(attribute) is read-only")
            }
        }
        syncSchemas(&root)
    }

    /// Runs `body` on the object that holds `attribute`: the resource itself
    /// for core attributes, or the extension's object, created on demand and
    /// dropped when it ends up empty.
    private func withContainer(
        of attribute: SCIMAttributePath,
        in root: inout JSONObject,
        creating: Bool,
        _ body: (inout JSONObject) throws(SCIMPatchError) -> Void
    ) throws(SCIMPatchError) {
        guard let schema = attribute.schema, !SCIMSchemaURN.isCore(schema, among: coreSchemas) else {
            try body(&root)
            return
        }
        var container: JSONObject
        switch root[schema] {
        case .object(let existing)?: container = existing
        case nil, .null?:
            guard creating else { return }
            container = JSONObject()
        case let other?:
            throw SCIMPatchError(.invalidValue, "\(schema) holds a \(other.typeName), not an object")
        }
        try body(&container)
        root[schema] = container.isEmpty ? nil : .object(container)
    }

    /// Keeps `schemas` listing exactly the known extensions present.
    private func syncSchemas(_ root: inout JSONObject) {
        guard case .array(var schemas)? = root["schemas"] else { return }
        let before = schemas
        for urn in knownSchemas where !SCIMSchemaURN.isCore(urn, among: coreSchemas) {
            let present = root[urn].map { !$0.isUnassigned } ?? false
            let listed = schemas.firstIndex { $0.stringValue.map { ASCIICaseInsensitive.equal($0, urn) } ?? false }
            if present && listed == nil {
                schemas.append(.string(urn))
            } else if !present, let listed {
                schemas.remove(at: listed)
            }
        }
        if schemas != before { root["schemas"] = .array(schemas) }
    }
}
