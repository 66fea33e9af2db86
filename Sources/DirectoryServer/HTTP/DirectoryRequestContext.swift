public import Hummingbird

/// The request context of every route: who is calling, once the bearer
/// token middleware has checked the token.
public struct DirectoryRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The organization the token belongs to; every SCIM route works in it
    /// alone, so one organization never sees another's data.
    public var organization: Organization?
    public var scopes: Set<Scope> = []
    /// The organization's custom fields and verified domains, read with the token.
    public var rules: OrganizationRules?
    /// The administrator a token acts for (device sign-in), which `/Me` is.
    public var subjectUserID: String?
    /// The token's SHA-256, the key of its rate limit.
    public var tokenHash: String?

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
