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
///
/// Every user of a directory maps to the same fields, or nearly: a body
/// whose layout did not depend on its values takes the next object's values
/// in place (`refill`) when that object has the same fields, and writes the
/// same bytes a new body would.
final class SCIMResourceBody {
    private let root = Node()
    let kind: ObjectKind
    /// The field names, sorted: the order values are set in.
    let names: [String]
    /// Where each field's value went (the node and the member's position);
    /// a later field set under the same name takes the same slot.
    private var slots: [(node: Node, index: Int)] = []
    /// False when a value decided the layout (an object value that a dotted
    /// field was set into, or a plain value one replaced): such a body is
    /// never refilled.
    private(set) var isRefillable = true

    init(_ kind: ObjectKind, externalID: String, fields: [String: JSON]) {
        self.kind = kind
        let sorted = fields.sorted(by: { $0.key < $1.key })
        names = sorted.map(\.key)
        var schemas = [kind == .user ? SCIMSchemaURN.user : SCIMSchemaURN.group]
        root.reserveCapacity(fields.count + 2)
        slots.reserveCapacity(fields.count)
        _ = root.set("externalId", .string(externalID))
        for (field, raw) in sorted {
            let (schema, path, value) = SCIMFieldLayout.place(field, raw)
            if let schema {
                if !schemas.contains(schema) { schemas.append(schema) }
                slots.append(root.child(schema, refillable: &isRefillable).set(path: path, value, refillable: &isRefillable))
            } else {
                slots.append(root.set(path: path, value, refillable: &isRefillable))
            }
        }
        // A field named `schemas` is replaced by the list: refilling would put it back.
        if root.index(of: "schemas") != nil { isRefillable = false }
        _ = root.set("schemas", .array(schemas.map(JSON.string)))
    }

    /// Whether `refill` can take an object with these fields.
    func canRefill(_ kind: ObjectKind, fields: [String: JSON]) -> Bool {
        guard isRefillable, kind == self.kind, fields.count == names.count else { return false }
        // As many fields, each one of `names` (distinct): the same set,
        // told without sorting the keys for every object.
        return names.allSatisfy { fields[$0] != nil }
    }

    /// Another object's values in this body's places, set in the same order
    /// as `init` sets them (`externalId`, then the fields by name), so the
    /// body is what `init` would build for them. Only after `canRefill`.
    func refill(externalID: String, fields: [String: JSON]) {
        root.members[0] = .value(.string(externalID))
        for (name, slot) in zip(names, slots) {
            guard let raw = fields[name] else { continue }
            slot.node.members[slot.index] = .value(SCIMFieldLayout.place(name, raw).value)
        }
    }

    var json: JSON { root.json }

    /// `members`: a group's first members (RFC 7643 §4.2), as
    /// `{"value": id}` after the fields; not part of what `refill` reuses.
    func write(into writer: inout JSONWriter, members: [String] = []) {
        root.write(into: &writer) { writer in
            guard !members.isEmpty else { return }
            writer.key("members")
            writer.memberValues(members)
        }
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

        /// Sets `value` at a dotted path: `a.b` into the object `a`; says
        /// where it went.
        func set(path: String, _ value: JSON, refillable: inout Bool) -> (node: Node, index: Int) {
            guard let dot = path.utf8.firstIndex(of: UInt8(ascii: ".")) else {
                return (self, set(path, value))
            }
            return child(String(path[..<dot]), refillable: &refillable)
                .set(path: String(path[path.utf8.index(after: dot)...]), value, refillable: &refillable)
        }

        /// Sets a member; its position.
        func set(_ name: String, _ value: JSON) -> Int {
            if let index = index(of: name) {
                members[index] = .value(value)
                return index
            }
            names.append(name)
            members.append(.value(value))
            return members.count - 1
        }

        /// The object `name`: the one there, an object value made a node, or
        /// a new empty one (in place of any other value). Either of the last
        /// two makes the layout depend on a value (`refillable` false).
        func child(_ name: String, refillable: inout Bool) -> Node {
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
                refillable = false
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

        func write(into writer: inout JSONWriter, then more: (inout JSONWriter) -> Void = { _ in }) {
            writer.beginObject()
            for (name, member) in zip(names, members) {
                writer.key(name)
                switch member {
                case .value(let value): writer.value(value)
                case .object(let node): node.write(into: &writer)
                }
            }
            more(&writer)
            writer.endObject()
        }
    }
}
