public import Foundation

/// Lifetimes and limits of the OAuth 2.0 service.
public struct OAuthPolicy: Sendable {
    /// Access tokens live one hour.
    public var accessTokenLifetime: TimeInterval = 3600
    /// A refresh token not used for this long expires (each rotation issues
    /// a fresh one).
    public var refreshTokenLifetime: TimeInterval = 90 * 86_400
    /// How long a spent refresh token is accepted once more: a client that
    /// crashed before saving the new token is not locked out.
    public var refreshGrace: TimeInterval = 60
    /// RFC 8628 §3.2 `expires_in` of a device code.
    public var deviceCodeLifetime: TimeInterval = 600
    /// RFC 8628 §3.2 `interval`: seconds between polls.
    public var devicePollInterval = 5

    public init() {}
}

/// The token endpoint's answer (RFC 6749 §5.1).
public struct TokenGrant: Sendable, Hashable {
    public var accessToken: String
    public var expiresIn: Int
    public var refreshToken: String?
    public var scopes: Set<Scope>
}

/// The device authorization endpoint's answer (RFC 8628 §3.2).
public struct DeviceAuthorizationGrant: Sendable, Hashable {
    public var deviceCode: String
    public var userCode: String
    public var verificationURI: String
    public var expiresIn: Int
    public var interval: Int

    public var verificationURIComplete: String {
        verificationURI + "?user_code=" + UserCodes.display(userCode)
    }
}
