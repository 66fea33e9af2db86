import Crypto
public import Foundation

/// An opaque bearer token as stored: only its SHA-256 hash is kept, so a
/// leaked database does not leak usable tokens, and a lookup is one index
/// probe. The token itself is shown once, when it is issued.
public struct AccessTokenRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Minted by `directoryd admin token create`; no client, no expiry
        /// unless given one.
        case api
        /// Issued at the OAuth token endpoint; short-lived.
        case access
        /// Issued with an access token by the device grant; spent (rotated)
        /// at the token endpoint, never accepted as a bearer token.
        case refresh
    }

    public var hash: String
    public var organizationID: String
    public var scopes: Set<Scope>
    public var label: String
    public var kind: Kind
    /// The OAuth client the token was issued to (nil for API tokens).
    public var clientID: String?
    /// The tokens descending from one grant share a family: revoking a
    /// refresh token, or replaying a spent one, revokes the family.
    public var familyID: String?
    /// The administrator who approved the grant, which `/Me` answers with
    /// (nil for API tokens and client credentials).
    public var subjectUserID: String?
    public var createdAt: Date
    /// nil: does not expire (API tokens for automation).
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(
        hash: String, organizationID: String, scopes: Set<Scope>, label: String, kind: Kind = .api,
        clientID: String? = nil, familyID: String? = nil, subjectUserID: String? = nil,
        createdAt: Date = Date(), expiresAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.hash = hash
        self.organizationID = organizationID
        self.scopes = scopes
        self.label = label
        self.kind = kind
        self.clientID = clientID
        self.familyID = familyID
        self.subjectUserID = subjectUserID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// Makes and hashes tokens and client secrets.
public enum AccessTokens {
    /// 32 random bytes, base64url without padding, behind a prefix that
    /// secret scanners can recognise.
    public static func mint(prefix: String = "dsd_") -> String {
        prefix + randomString(bytes: 32)
    }

    /// A random string of `bytes` bytes, base64url without padding.
    public static func randomString(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Tokens and client secrets are 256-bit random values: a plain SHA-256
    /// is as hard to reverse as a slow KDF would be, and keeps the lookup
    /// one index probe. (Passwords, which people choose, use scrypt.)
    public static func hash(_ token: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var digits: [UInt8] = []
        digits.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(token.utf8)) {
            digits.append(hex[Int(byte >> 4)])
            digits.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: digits, as: UTF8.self)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
