public import Foundation

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

    /// `Example.COM.` → `example.com`; nil for something that is not a DNS name.
    public static func normalize(_ text: String) -> String? {
        var name = text.trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, name.count <= 253, labels.allSatisfy({ label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }) else { return nil }
        return name
    }
}
