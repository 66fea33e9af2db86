/// One occurrence of a condition, recorded against the exact object,
/// attribute and value involved (conditions.md asks for all three), with a
/// detail sentence for this occurrence. The catalogue supplies the reason and
/// remedy; the record only says where and what.
public struct ConditionRecord: Sendable, Hashable, Codable {
    public var code: ConditionCode
    /// The source object concerned; `nil` for a run-wide condition
    /// (`source-read-incomplete`, `deletion-limit`).
    public var anchor: Anchor?
    public var kind: ObjectKind?
    /// The target field or source attribute concerned.
    public var attribute: String?
    /// The offending value, shortened; never a secret (secrets are not mapped).
    public var value: String?
    public var detail: String
    /// What the administrator knows the object by: the source entry's DN
    /// (where it is fixed), else its `ObjectName` (set by the planner).
    public var name: String?

    public init(
        _ code: ConditionCode,
        anchor: Anchor? = nil,
        kind: ObjectKind? = nil,
        attribute: String? = nil,
        value: String? = nil,
        detail: String,
        name: String? = nil
    ) {
        self.code = code
        self.anchor = anchor
        self.kind = kind
        self.attribute = attribute
        self.value = value.map(Self.shortened)
        self.detail = detail
        self.name = name
    }

    /// A value as reports show it: at most 120 characters, then "…".
    static func shortened(_ value: String) -> String {
        value.count > 120 ? String(value.prefix(120)) + "…" : value
    }

    /// The catalogue entry (reason and remedy) of this record.
    public var condition: Condition { ConditionCatalogue.entryOrGeneral(code) }
}
