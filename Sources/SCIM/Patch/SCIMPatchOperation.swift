/// One operation of a PATCH request (RFC 7644 §3.5.2).
public struct SCIMPatchOperation: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case add, remove, replace
    }

    public var op: Kind
    /// `nil` means the resource itself (add/replace with a value object).
    public var path: SCIMPatchPath?
    public var value: JSON?

    public init(_ op: Kind, path: SCIMPatchPath? = nil, value: JSON? = nil) {
        self.op = op
        self.path = path
        self.value = value
    }

    /// An operation with a path in its string form.
    public init(_ op: Kind, path: String, value: JSON? = nil, knownSchemas: [String] = SCIMSchemaURN.wellKnown) throws(SCIMSyntaxError) {
        self.init(op, path: try SCIMPatchPath(parsing: path, knownSchemas: knownSchemas), value: value)
    }

    /// The operation without its value, which may be a password: only the
    /// value's JSON type is shown, so the text is safe for logs.
    public var description: String {
        var text = op.rawValue
        if let path { text += " \(path)" }
        if let value { text += " (\(value.typeName) value)" }
        return text
    }

    public var json: JSON {
        var object = JSONObject()
        object.set("op", .string(op.rawValue))
        object.set("path", path.map { .string($0.description) })
        object.set("value", value)
        return .object(object)
    }

    /// Reads one element of `Operations`, tolerating what real clients send:
    /// `op` in any case (Entra ID writes `"Replace"`), and an empty `path`
    /// meaning none.
    public init(json: JSON, knownSchemas: [String] = SCIMSchemaURN.wellKnown) throws(SCIMPatchError) {
        guard case .object(let object) = json else {
            throw SCIMPatchError(.invalidSyntax, "an operation must be an object, found \(json.typeName)")
        }
        guard case .string(let opText)? = object["op"] else {
            throw SCIMPatchError(.invalidSyntax, "\"op\" is missing or not a string")
        }
        guard let op = Kind(rawValue: opText.lowercased()) else {
            throw SCIMPatchError(.invalidSyntax, "unknown op \"\(opText)\"; expected add, remove or replace")
        }
        self.op = op
        switch object["path"] {
        case nil, .null?:
            path = nil
        case .string(let text)? where text.allSatisfy({ $0 == " " }):
            path = nil
        case .string(let text)?:
            do throws(SCIMSyntaxError) {
                path = try SCIMPatchPath(parsing: text, knownSchemas: knownSchemas)
            } catch {
                throw SCIMPatchError(error.scimError.scimType ?? .invalidPath, error.description, path: text)
            }
        case let other?:
            throw SCIMPatchError(.invalidSyntax, "\"path\" must be a string, found \(other.typeName)")
        }
        value = object["value"]
        if op != .remove && value == nil {
            throw SCIMPatchError(.invalidValue, "\(op.rawValue) needs a \"value\"")
        }
        if op == .remove && path == nil {
            // RFC 7644 §3.5.2.2: remove without a path is noTarget.
            throw SCIMPatchError(.noTarget, "remove needs a \"path\"")
        }
    }
}

/// A PATCH request body (RFC 7644 §3.5.2): `schemas` with the PatchOp URN
/// and a non-empty `Operations` list.
public struct SCIMPatchRequest: Sendable, Hashable {
    public var operations: [SCIMPatchOperation]

    public init(operations: [SCIMPatchOperation]) {
        self.operations = operations
    }

    public var json: JSON {
        [
            "schemas": [.string(SCIMSchemaURN.patchOp)],
            "Operations": .array(operations.map(\.json)),
        ]
    }

    /// Reads a PatchOp message. `Operations` is matched in any case
    /// (attribute names are case-insensitive, RFC 7643 §2.1); a missing
    /// `schemas` is tolerated, a wrong one is not.
    public init(json: JSON, knownSchemas: [String] = SCIMSchemaURN.wellKnown) throws(SCIMPatchError) {
        guard case .object(let object) = json else {
            throw SCIMPatchError(.invalidSyntax, "the body must be a JSON object")
        }
        if let schemas = object["schemas"] {
            guard case .array(let names) = schemas,
                names.contains(where: { $0.stringValue.map { ASCIICaseInsensitive.equal($0, SCIMSchemaURN.patchOp) } ?? false })
            else {
                throw SCIMPatchError(.invalidSyntax, "\"schemas\" must contain \(SCIMSchemaURN.patchOp)")
            }
        }
        guard case .array(let elements)? = object["Operations"], !elements.isEmpty else {
            throw SCIMPatchError(.invalidSyntax, "\"Operations\" must be a non-empty array")
        }
        var operations: [SCIMPatchOperation] = []
        operations.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            do throws(SCIMPatchError) {
                operations.append(try SCIMPatchOperation(json: element, knownSchemas: knownSchemas))
            } catch {
                throw error.at(index, path: element["path"]?.stringValue)
            }
        }
        self.operations = operations
    }

    /// Parses a PatchOp body from UTF-8 JSON; invalid JSON is `invalidSyntax`.
    public init(parsing bytes: some Collection<UInt8>, knownSchemas: [String] = SCIMSchemaURN.wellKnown) throws(SCIMPatchError) {
        let json: JSON
        do throws(JSONSyntaxError) {
            json = try JSON(parsing: bytes)
        } catch {
            throw SCIMPatchError(.invalidSyntax, error.description)
        }
        try self.init(json: json, knownSchemas: knownSchemas)
    }
}
