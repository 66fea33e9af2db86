public import Foundation

/// What the OAuth 2.0 endpoints need from a database: clients, tokens (API,
/// access and refresh tokens share one table, keyed by hash) and device
/// authorizations. Spending a refresh token and exchanging a device code are
/// single guarded statements, so two processes racing with the same token
/// or code cannot both succeed beyond what the rules allow.
public protocol OAuthStore: Sendable {
    func saveClient(_ client: OAuthClient) async throws
    func client(id: String) async throws -> OAuthClient?

    /// Inserts the tokens in one transaction (an access token and its
    /// refresh token appear together or not at all).
    func saveTokens(_ tokens: [AccessTokenRecord]) async throws
    func token(hash: String) async throws -> AccessTokenRecord?

    /// Spends a refresh token: the first use always succeeds; a second use
    /// succeeds only if the first was at or after `graceStart` (the client
    /// may have crashed before saving the new token); any other use fails.
    /// Returns the token as it was, or nil when it was not spendable.
    func spendRefreshToken(hash: String, at now: Date, graceStart: Date) async throws -> AccessTokenRecord?
    /// Revokes one token.
    func revokeToken(hash: String, at now: Date) async throws
    /// Revokes every token of a grant.
    func revokeFamily(_ familyID: String, at now: Date) async throws

    func saveDeviceAuthorization(_ authorization: DeviceAuthorization) async throws
    func deviceAuthorization(deviceCodeHash: String) async throws -> DeviceAuthorization?
    func deviceAuthorization(userCode: String) async throws -> DeviceAuthorization?
    /// Approves or denies a pending, unexpired authorization, recording the
    /// administrator who decided; false when there was none.
    func decideDeviceAuthorization(userCode: String, approve: Bool, by subjectUserID: String, at now: Date) async throws -> Bool
    /// Records a poll, and the longer interval after a `slow_down`.
    func recordDevicePoll(deviceCodeHash: String, at now: Date, interval: Int) async throws
    /// Marks an approved authorization used; false if another poll did first.
    func consumeDeviceAuthorization(deviceCodeHash: String) async throws -> Bool
}

extension OAuthStore {
    public func saveToken(_ token: AccessTokenRecord) async throws {
        try await saveTokens([token])
    }
}

/// Stored forms shared by both stores.
enum OAuthRows {
    static func grantString(_ grants: Set<OAuthGrantType>) -> String {
        grants.map(\.rawValue).sorted().joined(separator: " ")
    }

    static func grants(_ text: String) -> Set<OAuthGrantType> {
        Set(text.split(separator: " ").compactMap { OAuthGrantType(rawValue: String($0)) })
    }
}
