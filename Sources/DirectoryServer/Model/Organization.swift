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

/// Resource ids: time-ordered UUIDs (RFC 9562 version 7) in lower case.
/// SCIM ids are opaque strings (RFC 7643 §3.1); 74 random bits make one
/// unguessable, and it tells no more than its own `meta.created` (to the
/// millisecond). Ids made one after the other sort together, so the
/// indexes on ids grow at their end instead of touching a random page of
/// each for every insert (fewer pages written per transaction).
public enum Identifiers {
    public static func make() -> String {
        make(milliseconds: UInt64(max(Date().timeIntervalSince1970 * 1000, 0)))
    }

    static func make(milliseconds: UInt64) -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        // 48 bits of time, version 7, 12 random bits; variant 10, 62 random bits.
        let first = milliseconds << 16 | 0x7000 | (high & 0x0fff)
        let second = 0x8000_0000_0000_0000 | (low & 0x3fff_ffff_ffff_ffff)
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (word, dashes) in [(first, [8, 12]), (second, [4])] {
            for nibble in 0..<16 {
                if dashes.contains(nibble) { text.append(UInt8(ascii: "-")) }
                text.append(hex[Int(word >> (60 - 4 * UInt64(nibble)) & 0xf)])
            }
            if dashes == [8, 12] { text.append(UInt8(ascii: "-")) }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
