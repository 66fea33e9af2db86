/// How to reach and sign in to a mail server.
public struct SMTPConfiguration: Sendable {
    /// How the connection is protected.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP, then STARTTLS (RFC 3207), which the server must offer
        /// (port 587 or 25).
        case starttls
        /// TLS from the first byte (RFC 8314 §3.3, port 465).
        case implicit
        /// No TLS at all; only for a server on the loopback interface.
        case none
    }

    public var host: String
    public var port: Int
    public var tls: TLSMode
    /// User name and password for AUTH (RFC 4954); nil sends no AUTH.
    public var credentials: Credentials?
    /// A PEM file of CAs trusted besides the system's.
    public var caFile: String?
    /// The name this client gives in EHLO (RFC 5321 §4.1.1.1).
    public var clientName: String
    /// Seconds to wait for the connection and for each reply.
    public var timeout: Int

    public struct Credentials: Sendable, CustomStringConvertible {
        public var username: String
        /// Never printed: `description` leaves it out.
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        public var description: String { "\(username) (password redacted)" }
    }

    public init(
        host: String, port: Int, tls: TLSMode = .starttls, credentials: Credentials? = nil, caFile: String? = nil,
        clientName: String = "localhost", timeout: Int = 30
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.credentials = credentials
        self.caFile = caFile
        self.clientName = clientName
        self.timeout = timeout
    }

    /// The port a mode uses when none is given: 587 (submission, RFC 6409
    /// §3.1), 465 (submissions, RFC 8314 §7.3), 25 (RFC 5321 §4.5.4).
    public static func defaultPort(for tls: TLSMode) -> Int {
        switch tls {
        case .starttls: 587
        case .implicit: 465
        case .none: 25
        }
    }

    /// Whether `host` names the loopback interface, where `tls: none` is
    /// allowed: nothing leaves the machine.
    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered == "[::1]" || lowered.hasPrefix("127.")
    }
}
