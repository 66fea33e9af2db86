public import Foundation

/// A tenant of the directory (in user-facing text: an organization).
public struct Organization: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The deployment (data center) that holds the organization, e.g. `us`.
    public var deployment: String
    public var plan: Plan
    public var createdAt: Date

    public init(id: String = Identifiers.make(), name: String, deployment: String, plan: Plan, createdAt: Date = Date()) {
        self.id = id
        self.name = name
        self.deployment = deployment
        self.plan = plan
        self.createdAt = createdAt
    }
}

/// What the organization pays for: a name and the number of active users
/// it may have (a deactivated user frees its seat).
public struct Plan: Sendable, Hashable, Codable {
    public var name: String
    public var seatLimit: Int

    public init(name: String, seatLimit: Int) {
        self.name = name
        self.seatLimit = seatLimit
    }
}

/// Resource ids: random UUIDs in lower case. SCIM ids are opaque strings
/// (RFC 7643 §3.1); a random one reveals nothing about other tenants.
public enum Identifiers {
    public static func make() -> String {
        UUID().uuidString.lowercased()
    }
}
