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
        let (high, low) = RandomWords.shared.pair()
        // 48 bits of time, version 7, 12 random bits; variant 10, 62 random bits.
        let first = milliseconds << 16 | 0x7000 | (high & 0x0fff)
        let second = 0x8000_0000_0000_0000 | (low & 0x3fff_ffff_ffff_ffff)
        return String(unsafeUninitializedCapacity: 36) { text in
            let hex: StaticString = "0123456789abcdef"
            var position = 0
            func put(_ word: UInt64, nibbles: Range<Int>) {
                for nibble in nibbles {
                    text[position] = hex.utf8Start[Int(word >> (60 - 4 * UInt64(nibble)) & 0xf)]
                    position += 1
                }
            }
            func dash() {
                text[position] = UInt8(ascii: "-")
                position += 1
            }
            put(first, nibbles: 0..<8); dash(); put(first, nibbles: 8..<12); dash(); put(first, nibbles: 12..<16); dash()
            put(second, nibbles: 0..<4); dash(); put(second, nibbles: 4..<16)
            return position
        }
    }
}
