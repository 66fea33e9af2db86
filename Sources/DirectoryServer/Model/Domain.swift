public import Foundation
import SCIM

/// An email domain an organization claims. Users' addresses must be in a
/// verified domain once the organization has verified one (`domain-not-verified`).
/// Verification is the DNS TXT record `txtRecordName` with `txtRecordValue`.
public struct Domain: Sendable, Hashable {
    public var organizationID: String
    /// Lower case, without a trailing dot.
    public var name: String
    public var token: String
    public var verifiedAt: Date?
    public var createdAt: Date

    public init(organizationID: String, name: String, token: String, verifiedAt: Date? = nil, createdAt: Date) {
        self.organizationID = organizationID
        self.name = name
        self.token = token
        self.verifiedAt = verifiedAt
        self.createdAt = createdAt
    }

    public var isVerified: Bool { verifiedAt != nil }
    public var txtRecordName: String { "_directoryd-verification.\(name)" }
    public var txtRecordValue: String { "directoryd-verification=\(token)" }

    /// `Example.COM.` → `example.com`; nil for something that is not a DNS
    /// name. The rule is the shared one the agent checks with (`VerifiedDomains`).
    public static func normalize(_ text: String) -> String? {
        VerifiedDomains.normalize(text)
    }
}
