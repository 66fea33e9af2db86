/// The `notifications` section: mail to administrators when a run needs
/// them (docs/configuration.md).
public struct NotificationsConfiguration: Sendable, Hashable {
    /// What is worth a message.
    public enum Event: String, Sendable, Hashable, CaseIterable, Comparable {
        /// The run could not start or finish: the target unreachable, a
        /// source unreadable, the agent's access lost, the configuration broken.
        case runFailed
        /// The deletion limit blocked the plan: nothing was written.
        case deletionLimit
        /// Objects were left failed (conditions, refusals); they are retried.
        case objectsFailed

        public static func < (lhs: Event, rhs: Event) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// How the connection to the mail server is protected.
    public enum TLS: String, Sendable, Hashable, CaseIterable {
        /// STARTTLS (RFC 3207), required: a server that does not offer it is refused.
        case starttls
        /// TLS from the first byte (port 465).
        case implicit
        /// No TLS: only to a server on the loopback interface.
        case none
    }

    public var host: String
    /// nil: 587 for starttls, 465 for implicit, 25 for none.
    public var port: Int?
    public var tls: TLS = .starttls
    /// With `password`: AUTH PLAIN or LOGIN (RFC 4954).
    public var username: String?
    public var password: SecretReference?
    /// A PEM file of CAs trusted besides the system's.
    public var caFile: String?
    /// Seconds for the connection and for each reply of the server.
    public var timeout: Int = 30
    public var from: String
    public var to: [String]
    public var on: Set<Event> = Set(Event.allCases)
    /// Failed objects listed in a message (the report has them all).
    public var listFailed: Int = 20

    public init(host: String, from: String, to: [String]) {
        self.host = host
        self.from = from
        self.to = to
    }

    /// The port in use.
    public var effectivePort: Int {
        port ?? { switch tls { case .starttls: 587; case .implicit: 465; case .none: 25 } }()
    }
}

extension Configuration {
    static func readNotifications(_ value: YAMLValue) throws(ConfigurationError) -> NotificationsConfiguration {
        let keys = try value.mapping(known: [
            "host", "port", "tls", "username", "password", "caFile", "timeout", "from", "to", "on", "listFailed",
        ])
        let hostValue = try keys.required("host")
        let host = try hostValue.string()
        guard !host.isEmpty, !host.contains(" "), !host.contains("/") else {
            throw hostValue.fail("must be a host name or address, e.g. smtp.example.com")
        }
        let from = try keys.required("from")
        let toValue = try keys.required("to")
        var notifications = NotificationsConfiguration(host: host, from: try address(from), to: [])
        for element in try toValue.list() { notifications.to.append(try address(element)) }
        guard !notifications.to.isEmpty else { throw toValue.fail("needs at least one address") }
        notifications.port = try keys["port"]?.int(in: 1...65535)
        notifications.tls = try keys["tls"]?.choice() ?? .starttls
        if notifications.tls == .none, !isLoopback(host) {
            throw (keys["tls"] ?? value).fail(
                "`none` sends mail (and any password) in plaintext, so it is allowed only to a server on this machine (localhost, 127.0.0.1, ::1); use starttls or implicit")
        }
        notifications.username = try keys["username"]?.string()
        notifications.password = try keys["password"].map(SecretReference.parse)
        if notifications.username != nil, notifications.password == nil {
            throw value.fail("`username` needs `password` (a reference such as file:/etc/dsync/smtp.password)")
        }
        if notifications.password != nil, notifications.username == nil {
            throw value.fail("`password` needs `username`")
        }
        notifications.caFile = try keys["caFile"]?.string()
        notifications.timeout = try keys["timeout"]?.int(in: 1...600) ?? notifications.timeout
        if let on = keys["on"] {
            var events: Set<NotificationsConfiguration.Event> = []
            for element in try on.list() { events.insert(try element.choice()) }
            notifications.on = events
        }
        notifications.listFailed = try keys["listFailed"]?.int(in: 0...1000) ?? notifications.listFailed
        return notifications
    }

    /// A bare address (`local@domain`, RFC 5321 §4.1.2 Mailbox), as MAIL
    /// FROM and RCPT TO take it: no display name, no angle brackets.
    private static func address(_ value: YAMLValue) throws(ConfigurationError) -> String {
        let text = try value.string()
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let allowed = text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"<>(),;:\"[]\\".unicodeScalars.contains($0) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, allowed else {
            throw value.fail("\"\(text)\" is not a mail address such as dsync@example.com (no display name or <>)")
        }
        return text
    }

    static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered.hasPrefix("127.")
    }
}
