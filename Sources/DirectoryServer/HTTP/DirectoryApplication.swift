public import Foundation
public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOSSL
import Synchronization

/// Where and how `directoryd` serves.
public struct DirectoryServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The SCIM base URL as clients reach it (`…/scim/v2`), for
    /// `meta.location`: the one given, or the server's own address, with
    /// the port the system chose once listening when configured with port 0.
    public var scimBaseURL: String {
        get { givenBaseURL ?? listening.baseURL ?? ownBaseURL(port: port) }
        set { givenBaseURL = newValue }
    }
    private var givenBaseURL: String?
    /// Where the server listens, once it does (DirectoryApplication.make).
    let listening = ListeningAddress()
    /// Larger request bodies are refused with 413 (RFC 7644 §3.7.4 for Bulk).
    public var maximumBodySize: Int
    /// Requests per token; nil turns throttling off.
    public var rateLimit: RateLimit?
    public var oauth: OAuthPolicy
    /// This deployment and its peers; nil: a single deployment.
    public var federation: Federation?
    /// PEM files of the certificate chain and private key; nil: plain HTTP
    /// (which `directoryd serve` allows on loopback only).
    public var tls: (certificateChain: String, privateKey: String)?
    /// The time, for token expiry; tests move it.
    public var clock: @Sendable () -> Date

    public init(
        host: String = "127.0.0.1", port: Int = 8443, scimBaseURL: String? = nil, maximumBodySize: Int = 1 << 20,
        rateLimit: RateLimit? = .default, oauth: OAuthPolicy = OAuthPolicy(), federation: Federation? = nil,
        tls: (certificateChain: String, privateKey: String)? = nil, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.givenBaseURL = scimBaseURL
        self.maximumBodySize = maximumBodySize
        self.rateLimit = rateLimit
        self.oauth = oauth
        self.federation = federation
        self.tls = tls
        self.clock = clock
    }

    func ownBaseURL(port: Int) -> String {
        "\(tls == nil ? "http" : "https")://\(host):\(port)/scim/v2"
    }

    /// The server's own URL: the SCIM base URL without `/scim/v2`.
    public var publicBaseURL: String {
        scimBaseURL.hasSuffix("/scim/v2") ? String(scimBaseURL.dropLast("/scim/v2".count)) : scimBaseURL
    }
}

/// The server's own SCIM base URL once it listens: with port 0 only then
/// known.
final class ListeningAddress: Sendable {
    private let value = Mutex<String?>(nil)

    var baseURL: String? { value.withLock { $0 } }

    func set(baseURL: String) { value.withLock { $0 = baseURL } }
}

/// The HTTP face of the directory.
public enum DirectoryApplication {
    public static func router(store: any DirectoryStore, configuration: DirectoryServerConfiguration) -> Router<DirectoryRequestContext> {
        let router = Router(context: DirectoryRequestContext.self)
        let oauth = OAuthService(store: store, policy: configuration.oauth, clock: configuration.clock)
        OAuthRoutes(service: oauth, configuration: configuration).add(to: router)
        DevicePage(
            store: store, service: oauth,
            attempts: TokenBuckets(limit: RateLimit(requestsPerSecond: 1.0 / 60, burst: 5), clock: configuration.clock)
        ).add(to: router)
        if let federation = configuration.federation { PeerRoutes(store: store, federation: federation).add(to: router) }
        let scim = router.group("scim/v2").add(middleware: BearerTokenMiddleware(store: store, clock: configuration.clock))
        if let rateLimit = configuration.rateLimit {
            scim.add(middleware: RateLimitMiddleware(buckets: TokenBuckets(limit: rateLimit, clock: configuration.clock)))
        }
        scim.get("ServiceProviderConfig") { _, context in
            SCIMHTTP.response(ServiceProviderConfig.json(baseURL: configuration.scimBaseURL, rules: context.rules))
        }
        UserRoutes(store: store, configuration: configuration).add(to: scim)
        GroupRoutes(store: store, configuration: configuration).add(to: scim)
        SchemaRoutes(store: store, configuration: configuration).add(to: scim)
        BulkRoutes(store: store, configuration: configuration).add(to: scim)
        return router
    }

    /// The application; `onServerRunning` is told the port it listens on
    /// (the one the system chose, when configured with port 0).
    public static func make(
        store: any DirectoryStore, configuration: DirectoryServerConfiguration, logger: Logger,
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        var server: HTTPServerBuilder = .http1()
        if let tls = configuration.tls {
            server = try .tls(.http1(), tlsConfiguration: serverTLS(certificateChain: tls.certificateChain, privateKey: tls.privateKey))
        }
        return Application(
            router: router(store: store, configuration: configuration),
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "directoryd"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                configuration.listening.set(baseURL: configuration.ownBaseURL(port: port))
                await onServerRunning(port)
            },
            logger: logger
        )
    }

    /// TLS 1.2 or later with the certificate chain and key from PEM files;
    /// an error names the file that could not be used.
    static func serverTLS(certificateChain: String, privateKey: String) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificateChain) } catch {
            throw DirectoryError.invalidArgument("cannot read the TLS certificate chain \(certificateChain): \(error)")
        }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: privateKey, format: .pem) } catch {
            throw DirectoryError.invalidArgument("cannot read the TLS private key \(privateKey): \(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
