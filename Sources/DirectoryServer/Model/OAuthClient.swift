public import Foundation

/// A registered OAuth 2.0 client (RFC 6749 §2) of one organization.
public struct OAuthClient: Sendable, Hashable {
    /// RFC 6749 §2.1: a confidential client holds a secret; a public one
    /// (an agent installed on a customer's server) cannot keep one and signs
    /// in through the device grant instead.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case confidential
        case `public`
    }

    public var id: String
    public var organizationID: String
    public var name: String
    public var kind: Kind
    /// SHA-256 of the secret (confidential clients only).
    public var secretHash: String?
    /// The scopes the client may ask for; a request beyond them is
    /// `invalid_scope`.
    public var scopes: Set<Scope>
    public var grantTypes: Set<OAuthGrantType>
    public var createdAt: Date

    public init(
        id: String = "dsc_" + AccessTokens.randomString(bytes: 16), organizationID: String, name: String, kind: Kind,
        secretHash: String?, scopes: Set<Scope>, grantTypes: Set<OAuthGrantType>, createdAt: Date = Date()
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.kind = kind
        self.secretHash = secretHash
        self.scopes = scopes
        self.grantTypes = grantTypes
        self.createdAt = createdAt
    }

    /// The grants a client of `kind` gets unless told otherwise.
    public static func defaultGrantTypes(for kind: Kind) -> Set<OAuthGrantType> {
        switch kind {
        case .confidential: [.clientCredentials]
        case .public: [.deviceCode, .refreshToken]
        }
    }

    /// Grants a public client cannot have: client credentials means
    /// authenticating with a secret (RFC 6749 §4.4).
    public static func allowed(_ grant: OAuthGrantType, for kind: Kind) -> Bool {
        !(kind == .public && grant == .clientCredentials)
    }
}

/// The grant types of the token endpoint, by their `grant_type` values.
public enum OAuthGrantType: String, Sendable, Hashable, CaseIterable {
    /// RFC 6749 §4.4.
    case clientCredentials = "client_credentials"
    /// RFC 6749 §6.
    case refreshToken = "refresh_token"
    /// RFC 8628 §3.4.
    case deviceCode = "urn:ietf:params:oauth:grant-type:device_code"

    /// The short name used on the command line.
    public var shortName: String {
        switch self {
        case .clientCredentials: "client-credentials"
        case .refreshToken: "refresh-token"
        case .deviceCode: "device-code"
        }
    }

    public init?(shortName: String) {
        guard let grant = Self.allCases.first(where: { $0.shortName == shortName }) else { return nil }
        self = grant
    }
}
