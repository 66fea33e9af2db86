/// The immutable id of a source object (objectGUID, entryUUID, an LDIF
/// entry's anchor attribute), as text. Renames and moves keep it, so they
/// are updates of one target object, never a delete and a create.
public struct Anchor: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Anchor, rhs: Anchor) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Users and groups: the two kinds of object the agent syncs.
public enum ObjectKind: String, Sendable, Hashable, Codable, CaseIterable {
    case user
    case group
}
