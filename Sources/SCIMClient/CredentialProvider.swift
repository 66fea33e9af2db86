/// Where the bearer token comes from. On a 401 the client asks for a fresh
/// token once (`refresh`); a provider that cannot refresh returns nil and
/// the request fails with `accessLost`.
public protocol CredentialProvider: Sendable {
    func token() async throws -> String
    func refresh() async throws -> String?
}

/// A token minted by `directoryd admin token create` (or any fixed token).
public struct StaticToken: CredentialProvider {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    public func token() async throws -> String { value }
    public func refresh() async throws -> String? { nil }
}
