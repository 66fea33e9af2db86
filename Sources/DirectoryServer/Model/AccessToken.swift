import Crypto
public import Foundation

/// An opaque bearer token as stored: only its SHA-256 hash is kept, so a
/// leaked database does not leak usable tokens, and a lookup is one index
/// probe. The token itself is shown once, when it is minted.
public struct AccessTokenRecord: Sendable, Hashable {
    public var hash: String
    public var organizationID: String
    public var scopes: Set<Scope>
    public var label: String
    public var createdAt: Date
    /// nil: does not expire (API tokens for automation).
    public var expiresAt: Date?

    public init(hash: String, organizationID: String, scopes: Set<Scope>, label: String, createdAt: Date = Date(), expiresAt: Date? = nil) {
        self.hash = hash
        self.organizationID = organizationID
        self.scopes = scopes
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// Makes and hashes tokens.
public enum AccessTokens {
    /// 32 random bytes, base64url without padding, behind a prefix that
    /// secret scanners can recognise.
    public static func mint() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return "dsd_" + base64URL(bytes)
    }

    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
