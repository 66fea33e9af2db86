/// An error of the token, device authorization and revocation endpoints,
/// answered as RFC 6749 §5.2 describes: a JSON object with `error` and
/// `error_description`, status 400, or 401 for `invalid_client`.
public struct OAuthError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        // RFC 6749 §5.2
        case invalidRequest = "invalid_request"
        case invalidClient = "invalid_client"
        case invalidGrant = "invalid_grant"
        case unauthorizedClient = "unauthorized_client"
        case unsupportedGrantType = "unsupported_grant_type"
        case invalidScope = "invalid_scope"
        // RFC 8628 §3.5
        case authorizationPending = "authorization_pending"
        case slowDown = "slow_down"
        case accessDenied = "access_denied"
        case expiredToken = "expired_token"
        // RFC 7009 §2.2.1
        case unsupportedTokenType = "unsupported_token_type"
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var status: Int { code == .invalidClient ? 401 : 400 }
    public var description: String { "\(code.rawValue): \(detail)" }
}
