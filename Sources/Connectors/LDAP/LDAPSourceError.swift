public import SyncEngine

/// An LDAP source that cannot read at all: the servers are unreachable, the
/// bind or TLS failed, or the configuration cannot be used. Nothing was read,
/// so the run stops with the condition instead of planning.
public struct LDAPSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `dc-unavailable`, `ldap-bind-failed`, `tls-untrusted`,
    /// `ldap-strong-auth-required`, `ldap-insufficient-rights`, or `general`
    /// for a configuration the source cannot use.
    public let condition: ConditionCode
    public let detail: String

    public init(condition: ConditionCode, detail: String) {
        self.condition = condition
        self.detail = detail
    }

    public var description: String { "\(condition): \(detail)" }
}
