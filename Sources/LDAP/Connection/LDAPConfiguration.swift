public import NIOCore

/// How to reach and authenticate to one directory: the servers (domain
/// controllers) in the order to try them, TLS, credentials and time limits.
public struct LDAPConfiguration: Sendable {
    public enum TLSMode: Sendable, Hashable {
        /// As the URL says: TLS for ldaps://, none for ldap://.
        case fromURL
        /// RFC 4511 §4.14 / RFC 4513 §3: upgrade ldap:// with the StartTLS operation.
        case startTLS
    }

    public enum CertificateVerification: Sendable, Hashable {
        /// Chain and host name checked (the default).
        case full
        /// Nothing checked. Only for a lab; the name says so on purpose.
        case dangerouslySkipVerification
    }

    public enum Credentials: Sendable, Hashable {
        case anonymous
        /// RFC 4513 §5.1.3 simple bind.
        case simple(dn: String, password: LDAPPassword)
    }

    public var urls: [LDAPURL]
    public var tlsMode: TLSMode
    /// PEM file of the CA(s) to trust; nil means the system trust store.
    public var caFile: String?
    public var certificateVerification: CertificateVerification
    public var credentials: Credentials
    /// How long to wait for each server's TCP connection (and TLS handshake).
    public var connectTimeout: TimeAmount
    /// Longest wait for a response, or between two results of a search.
    public var operationTimeout: TimeAmount
    public var maximumMessageSize: Int
    /// How long search results may wait to be handed over in a larger batch
    /// (nil: at the end of each socket read). 1 ms costs nothing noticeable
    /// in latency and saves most of the per-batch overhead on large reads.
    public var resultBatchDelay: TimeAmount?

    public init(
        urls: [LDAPURL],
        tlsMode: TLSMode = .fromURL,
        caFile: String? = nil,
        certificateVerification: CertificateVerification = .full,
        credentials: Credentials = .anonymous,
        connectTimeout: TimeAmount = .seconds(10),
        operationTimeout: TimeAmount = .seconds(120),
        maximumMessageSize: Int = 64 << 20,
        resultBatchDelay: TimeAmount? = .milliseconds(1)
    ) {
        self.urls = urls
        self.tlsMode = tlsMode
        self.caFile = caFile
        self.certificateVerification = certificateVerification
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
        self.maximumMessageSize = maximumMessageSize
        self.resultBatchDelay = resultBatchDelay
    }
}
