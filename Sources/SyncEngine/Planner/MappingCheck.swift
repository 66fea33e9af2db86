/// Mapping validation before any run: each mapped field is looked up in the
/// target's fields (`TargetSchema.userFields`/`groupFields`, from its
/// `/Schemas`). A field the target lacks is refused: the run neither writes
/// it nor removes what it wrote there before, and says why.
///
/// Deleted or unknown? The target only says what it has now, so the agent
/// tells the two apart by its own memory: a field it has written before (a
/// key of some link's `fieldHashes`) existed, so it was deleted since
/// (`field-deleted`); one it never wrote is `field-unknown` (a typo, or a
/// field of another organization). `dsync mapping prune` removes both kinds
/// from the configuration file.
public struct MappingCheck: Sendable, Hashable {
    /// A mapped field the target does not have.
    public struct Refusal: Sendable, Hashable, Codable {
        public var kind: ObjectKind
        /// The field as the mapping names it.
        public var field: String
        /// `field-deleted` or `field-unknown`.
        public var code: ConditionCode
        /// The names the agent wrote it under before (`fieldHashes` keys):
        /// kept out of the removals of fields no longer mapped.
        public var writtenAs: [String]

        public var record: ConditionRecord {
            let section = kind == .user ? "users" : "groups"
            let detail = code == .fieldDeleted
                ? "mapping.\(section).\(field): the target no longer has this field (the agent wrote it before); nothing is written to it or removed from it until it exists again or the mapping is removed"
                : "mapping.\(section).\(field): the target has no such field; nothing is written to it until the mapping is fixed"
            return ConditionRecord(code, kind: kind, attribute: field, detail: detail)
        }
    }

    public var refusals: [Refusal]
    /// Per kind, the mapped name → the name written (`TargetSchema.resolve`),
    /// for the fields the target has.
    public var resolved: [ObjectKind: [String: String]]

    public init(mapping: MappingConfiguration, schema: TargetSchema, state: SyncState) {
        var refusals: [Refusal] = []
        var resolved: [ObjectKind: [String: String]] = [:]
        var written: [ObjectKind: Set<String>]?
        for (kind, fields) in [(ObjectKind.user, mapping.users), (.group, mapping.groups)] {
            for field in fields {
                if let name = schema.resolve(field.target, kind: kind) {
                    resolved[kind, default: [:]][field.target] = name
                    continue
                }
                // Only now, and once, look through what the agent wrote.
                if written == nil { written = Self.writtenFields(state) }
                let names = (written?[kind] ?? []).filter { Self.names($0, field.target) }.sorted()
                refusals.append(Refusal(kind: kind, field: field.target, code: names.isEmpty ? .fieldUnknown : .fieldDeleted, writtenAs: names))
            }
        }
        self.refusals = refusals
        self.resolved = resolved
    }

    /// The fields the agent has written, per kind: every key of the links'
    /// `fieldHashes`.
    static func writtenFields(_ state: SyncState) -> [ObjectKind: Set<String>] {
        var written: [ObjectKind: Set<String>] = [:]
        for link in state.links.values {
            written[link.kind, default: []].formUnion(link.fieldHashes.keys)
        }
        return written
    }

    /// Whether the written key `key` is the mapped field `field`: the same
    /// name, or the same attribute under a schema URN (`urn:…:User:office`
    /// for `office`), without case (RFC 7643 §2.1).
    static func names(_ key: String, _ field: String) -> Bool {
        let key = key.lowercased()
        let field = field.lowercased()
        if key == field { return true }
        guard key.hasPrefix("urn:"), let colon = key.lastIndex(of: ":") else { return false }
        return key[key.index(after: colon)...] == field
    }

    /// The refused fields' names of one kind, as the mapping names them.
    func refused(_ kind: ObjectKind) -> Set<String> {
        Set(refusals.filter { $0.kind == kind }.map(\.field))
    }
}
