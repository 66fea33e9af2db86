import SCIM
import SyncEngine

/// A create's resource body as `SCIMFieldLayout` lays it out (RFC 7644
/// §3.3): `externalId` first, the fields in name order (`a.b` nested,
/// extension attributes under their URN, each object where its first
/// attribute put it), `schemas` last. Objects are nodes the fields are set
/// into in place, so the body is written straight to a Bulk request's bytes
/// (`write(into:)`) or made a `JSON` value (`json`), the same members in the
/// same order either way. Names match ASCII case-insensitively and keep
/// their first spelling, as in `JSONObject`.
final class SCIMResourceBody {
    private let root = Node()

    init(_ kind: ObjectKind, externalID: String, fields: [String: JSON]) {
        var schemas = [kind == .user ? SCIMSchemaURN.user : SCIMSchemaURN.group]
        root.reserveCapacity(fields.count + 2)
        root.set("externalId", .string(externalID))
        for (field, raw) in fields.sorted(by: { $0.key < $1.key }) {
            let (schema, path, value) = SCIMFieldLayout.place(field, raw)
            if let schema {
                if !schemas.contains(schema) { schemas.append(schema) }
                root.child(schema).set(path: path, value)
            } else {
                root.set(path: path, value)
            }
        }
        root.set("schemas", .array(schemas.map(JSON.string)))
    }

    var json: JSON { root.json }

    func write(into writer: inout JSONWriter) {
        root.write(into: &writer)
    }

    /// An object: its members in order, each a value or an object still
    /// being filled.
    private final class Node {
        enum Member {
            case value(JSON)
            case object(Node)
        }

        var names: [String] = []
        var members: [Member] = []

        init() {}

        /// An object value set by an earlier field, to set fields into.
        init(_ object: JSONObject) {
            for member in object {
                names.append(member.key)
                members.append(.value(member.value))
            }
        }

        func index(of name: String) -> Int? {
            names.firstIndex { ASCIICaseInsensitive.equal($0, name) }
        }

        func reserveCapacity(_ capacity: Int) {
            names.reserveCapacity(capacity)
            members.reserveCapacity(capacity)
        }

        /// Sets `value` at a dotted path: `a.b` into the object `a`.
        func set(path: String, _ value: JSON) {
            guard let dot = path.utf8.firstIndex(of: UInt8(ascii: ".")) else {
                set(path, value)
                return
            }
            child(String(path[..<dot])).set(path: String(path[path.utf8.index(after: dot)...]), value)
        }

        func set(_ name: String, _ value: JSON) {
            if let index = index(of: name) {
                members[index] = .value(value)
            } else {
                names.append(name)
                members.append(.value(value))
            }
        }

        /// The object `name`: the one there, an object value made a node, or
        /// a new empty one (in place of any other value).
        func child(_ name: String) -> Node {
            guard let index = index(of: name) else {
                let node = Node()
                names.append(name)
                members.append(.object(node))
                return node
            }
            switch members[index] {
            case .object(let node):
                return node
            case .value(let value):
                let node = value.objectValue.map(Node.init) ?? Node()
                members[index] = .object(node)
                return node
            }
        }

        var json: JSON {
            .object(JSONObject(zip(names, members).map { name, member in
                switch member {
                case .value(let value): (name, value)
                case .object(let node): (name, node.json)
                }
            }))
        }

        func write(into writer: inout JSONWriter) {
            writer.beginObject()
            for (name, member) in zip(names, members) {
                writer.key(name)
                switch member {
                case .value(let value): writer.value(value)
                case .object(let node): node.write(into: &writer)
                }
            }
            writer.endObject()
        }
    }
}
