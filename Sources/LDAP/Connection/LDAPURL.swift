/// An `ldap://` or `ldaps://` server address (RFC 4516 §2, host and port
/// only: the search parts of an LDAP URL are given separately).
public struct LDAPURL: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable {
        case ldap
        case ldaps
    }

    public var scheme: Scheme
    public var host: String
    public var port: Int

    public init(scheme: Scheme, host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port ?? (scheme == .ldaps ? 636 : 389)
    }

    /// Parses `ldap://host[:port][/]` and `ldaps://…`; IPv6 hosts in brackets.
    public init(parsing text: String) throws(LDAPError) {
        func invalid(_ why: String) -> LDAPError {
            LDAPError(.invalidRequest, operation: "LDAP URL \"\(text)\"", detail: why)
        }
        let parts = text.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let scheme = Scheme(rawValue: parts[0].lowercased()) else {
            throw invalid("expected ldap://host[:port] or ldaps://host[:port]")
        }
        var rest = Substring(parts[1])
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...].allSatisfy({ $0 == "/" }) else {
                throw invalid("only host and port are allowed; give the base DN and filter as options")
            }
            rest = rest[..<slash]
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("unclosed [ in an IPv6 address") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { throw invalid("unexpected text after the address") }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty else { throw invalid("the host is missing") }
        var port: Int?
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else { throw invalid("the port must be a number from 1 to 65535") }
            port = value
        }
        self.init(scheme: scheme, host: String(host), port: port)
    }

    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme.rawValue)://\(shownHost):\(port)"
    }

    /// Whether the host is an IP address literal (no SNI for those, RFC 6066 §3).
    var isIPAddress: Bool {
        host.contains(":") || host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// Loopback traffic never leaves the machine, so plain LDAP there is not a risk.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
