public import Foundation
public import Hummingbird
public import Logging

/// Where and how `directoryd` serves.
public struct DirectoryServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The SCIM base URL as clients reach it (`…/scim/v2`), for `meta.location`.
    public var scimBaseURL: String
    /// Larger request bodies are refused with 413 (RFC 7644 §3.7.4 for Bulk).
    public var maximumBodySize: Int
    /// Requests per token; nil turns throttling off.
    public var rateLimit: RateLimit?
    public var oauth: OAuthPolicy
    /// This deployment and its peers; nil: a single deployment.
    public var federation: Federation?
    /// The time, for token expiry; tests move it.
    public var clock: @Sendable () -> Date

    public init(
        host: String = "127.0.0.1", port: Int = 8443, scimBaseURL: String? = nil, maximumBodySize: Int = 1 << 20,
        rateLimit: RateLimit? = .default, oauth: OAuthPolicy = OAuthPolicy(), federation: Federation? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.scimBaseURL = scimBaseURL ?? "http://\(host):\(port)/scim/v2"
        self.maximumBodySize = maximumBodySize
        self.rateLimit = rateLimit
        self.oauth = oauth
        self.federation = federation
        self.clock = clock
    }

    /// The server's own URL: the SCIM base URL without `/scim/v2`.
    public var publicBaseURL: String {
        scimBaseURL.hasSuffix("/scim/v2") ? String(scimBaseURL.dropLast("/scim/v2".count)) : scimBaseURL
    }
}

/// The HTTP face of the directory.
public enum DirectoryApplication {
    public static func router(store: any DirectoryStore, configuration: DirectoryServerConfiguration) -> Router<DirectoryRequestContext> {
        let router = Router(context: DirectoryRequestContext.self)
        let oauth = OAuthService(store: store, policy: configuration.oauth, clock: configuration.clock)
        OAuthRoutes(service: oauth, configuration: configuration).add(to: router)
        DevicePage(store: store, service: oauth).add(to: router)
        if let federation = configuration.federation { PeerRoutes(store: store, federation: federation).add(to: router) }
        let scim = router.group("scim/v2").add(middleware: BearerTokenMiddleware(store: store, clock: configuration.clock))
        if let rateLimit = configuration.rateLimit {
            scim.add(middleware: RateLimitMiddleware(buckets: TokenBuckets(limit: rateLimit)))
        }
        scim.get("ServiceProviderConfig") { _, _ in
            SCIMHTTP.response(ServiceProviderConfig.json(baseURL: configuration.scimBaseURL))
        }
        UserRoutes(store: store, configuration: configuration).add(to: scim)
        GroupRoutes(store: store, configuration: configuration).add(to: scim)
        SchemaRoutes(store: store, configuration: configuration).add(to: scim)
        BulkRoutes(store: store, configuration: configuration).add(to: scim)
        return router
    }

    public static func make(
        store: any DirectoryStore, configuration: DirectoryServerConfiguration, logger: Logger
    ) -> some ApplicationProtocol {
        Application(
            router: router(store: store, configuration: configuration),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "directoryd"),
            logger: logger
        )
    }
}
