public import SyncEngine

/// `dsync check`: can the agent reach the servers, bind, and read each base
/// DN, and how many users and groups would it sync there (the "view count"
/// administrators compare with their directory tools).
extension LDAPSource {
    /// Connects, binds and reads each base DN exactly as a sync would
    /// (filters, exclusions, anchors), without planning anything. Never
    /// throws: every failure is a condition in the report.
    public func check() async -> LDAPCheckReport {
        let outcome: LDAPReadOutcome
        do {
            outcome = try await readObjects()
        } catch {
            return LDAPCheckReport(source: name, connection: error, baseDNs: [], skipped: [], disabledUsers: 0)
        }
        let baseDNs = scope.baseDNs.map { baseDN in
            let problem = outcome.problems.first { $0.baseDN == baseDN }
            return LDAPCheckReport.BaseDN(
                baseDN: baseDN, count: problem == nil ? outcome.read.counts[baseDN] ?? SourceCount() : nil, problem: problem)
        }
        let names = outcome.attributeNames.map(sourceAttributeNames)
        return LDAPCheckReport(
            source: name, connection: nil, baseDNs: baseDNs, skipped: outcome.read.skipped,
            disabledUsers: outcome.read.disabledUsers, attributeNames: names)
    }
}

/// The result of `LDAPSource.check()`.
public struct LDAPCheckReport: Sendable {
    public struct BaseDN: Sendable {
        public var baseDN: String
        /// Users and groups in scope; nil when the read failed.
        public var count: SourceCount?
        /// Why the base DN could not be read (`source-read-incomplete` for a
        /// missing base DN, `ldap-size-limit`, `ldap-insufficient-rights`).
        public var problem: SourceReadProblem?
    }

    public var source: String
    /// Set when the servers could not be reached or the bind failed
    /// (`dc-unavailable`, `ldap-bind-failed`, `tls-untrusted`,
    /// `ldap-strong-auth-required`); then `baseDNs` is empty.
    public var connection: LDAPSourceError?
    public var baseDNs: [BaseDN]
    /// Users and groups the filters chose but that will not be synced, with
    /// the reason (no anchor, excluded, outside the base DNs).
    public var skipped: [SkippedEntry]
    public var disabledUsers: Int
    /// The attribute names of the server's schema, to check a mapping
    /// against (`MappingConfiguration.unknownSourceAttributes`); nil when
    /// the schema could not be read.
    public var attributeNames: SourceAttributeNames? = nil

    /// Every condition found, connection first.
    public var conditions: [ConditionCode] {
        (connection.map { [$0.condition] } ?? []) + baseDNs.compactMap { $0.problem?.code }
    }

    public var isHealthy: Bool { conditions.isEmpty }
}
