/// The agent's configuration: one YAML file (docs/configuration.md).
/// `Configuration.parse(yaml:)` checks every key; the values here are
/// complete, with the profile's defaults filled in.
public struct Configuration: Sendable, Hashable {
    public var target: TargetConfiguration
    public var sources: [SourceConfiguration]
    public var mapping: MappingConfiguration
    public var policies: Policies
    public var safety: Safety
    public var match: MatchConfiguration
    /// Groups the agent makes itself: per base DN, of all users.
    public var groups: GroupOptions
    /// `retention:` and `logs:` (Configuration+Retention.swift).
    public var retention = RetentionConfiguration()
    public var logs = LogConfiguration()
    /// Mail to administrators after runs that need them; nil sends none.
    public var notifications: NotificationsConfiguration?

    public init(
        target: TargetConfiguration,
        sources: [SourceConfiguration],
        mapping: MappingConfiguration,
        policies: Policies = Policies(),
        safety: Safety = Safety(),
        match: MatchConfiguration = MatchConfiguration(),
        groups: GroupOptions = GroupOptions()
    ) {
        self.target = target
        self.sources = sources
        self.mapping = mapping
        self.policies = policies
        self.safety = safety
        self.match = match
        self.groups = groups
    }

    /// Every base DN of every LDAP source (and of LDIF sources that name
    /// some), and each CSV source's count key; the planner checks each for
    /// a suspicious drop.
    public var baseDNs: [String] {
        sources.flatMap { source -> [String] in
            switch source.kind {
            case .csv: [CSVSourceConfiguration.countKey(source: source.name)]
            default: source.directoryBaseDNs
            }
        }
    }
}

/// The SCIM service provider the agent writes to.
public struct TargetConfiguration: Sendable, Hashable {
    /// The SCIM base URL, e.g. `https://directory.example.com/scim/v2`.
    public var url: String
    /// The bearer token (an API token of `directoryd admin token create`).
    public var credential: SecretReference
    /// An HTTPS proxy (`http://host:port`); `HTTPS_PROXY` is used when unset.
    public var proxy: String?
    /// A PEM bundle of extra CAs to trust besides the system's.
    public var caFile: String?
    /// Requests in flight at once.
    public var concurrency: Int
    /// Seconds one request may take, from the first byte sent to the last
    /// received, before it is abandoned (and retried).
    public var timeout: Int
    /// Limits for targets whose `/ServiceProviderConfig` advertises none.
    public var limits: TargetLimits

    public init(
        url: String, credential: SecretReference, proxy: String? = nil, caFile: String? = nil,
        concurrency: Int = 4, timeout: Int = 30, limits: TargetLimits = TargetLimits()
    ) {
        self.url = url
        self.credential = credential
        self.proxy = proxy
        self.caFile = caFile
        self.concurrency = concurrency
        self.timeout = timeout
        self.limits = limits
    }
}

/// Overrides for what a target may not advertise (RFC 7644 §5
/// `/ServiceProviderConfig`): AWS IAM Identity Center, for one, has no Bulk,
/// takes at most 100 member changes per PATCH and pages by 50. `nil` means
/// "use what the target advertises".
public struct TargetLimits: Sendable, Hashable, Codable {
    /// Whether to use `/Bulk` (RFC 7644 §3.7).
    public var bulk: Bool?
    public var bulkMaxOperations: Int?
    public var bulkMaxPayloadBytes: Int?
    /// Member values per PATCH of a group.
    public var membersPerPatch: Int?
    /// Results per page of a list request (RFC 7644 §3.4.2.4 `count`).
    public var pageSize: Int?
    /// Whether a group may be a member of a group. SCIM has no way to
    /// advertise it, so a target that cannot nest (AWS IAM Identity Center)
    /// is declared here: `false` flattens every group, whatever
    /// `policies.groups.nesting` says.
    public var nestedGroups: Bool?

    public init(
        bulk: Bool? = nil, bulkMaxOperations: Int? = nil, bulkMaxPayloadBytes: Int? = nil,
        membersPerPatch: Int? = nil, pageSize: Int? = nil, nestedGroups: Bool? = nil
    ) {
        self.bulk = bulk
        self.bulkMaxOperations = bulkMaxOperations
        self.bulkMaxPayloadBytes = bulkMaxPayloadBytes
        self.membersPerPatch = membersPerPatch
        self.pageSize = pageSize
        self.nestedGroups = nestedGroups
    }
}

/// What to do with an object the source no longer offers.
public enum RemovalPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Set `active` to false (users only: SCIM groups have no `active`,
    /// RFC 7643 §4.2).
    case deactivate
    case delete
    /// Leave the target object as it is, and keep tracking it.
    case nothing
}

/// The policies for disabled, out-of-scope, deleted and hand-deleted objects.
public struct Policies: Sendable, Hashable, Codable {
    public enum TargetMissing: String, Sendable, Hashable, Codable, CaseIterable {
        /// Create the object again.
        case recreate
        /// Stop tracking it; it is created again only if its link is forgotten.
        case forget
    }

    public enum Nesting: String, Sendable, Hashable, Codable, CaseIterable {
        /// Groups stay members of groups.
        case keep
        /// Each group gets the users of its nested groups as direct members.
        case flatten
    }

    public var userDisabled: RemovalPolicy = .deactivate
    public var userLeftScope: RemovalPolicy = .deactivate
    public var userDeleted: RemovalPolicy = .deactivate
    public var groupLeftScope: RemovalPolicy = .delete
    public var groupDeleted: RemovalPolicy = .delete
    public var nesting: Nesting = .keep
    public var targetMissing: TargetMissing = .recreate

    public init() {}
}

/// Deletion safety: a run that would delete or deactivate more than either
/// limit stops before writing anything (unless `--allow-deletes`).
public struct Safety: Sendable, Hashable, Codable {
    /// Most deletions plus deactivations in one run.
    public var deletionLimitCount: Int = 50
    /// Most deletions plus deactivations, as a percentage of the objects
    /// the agent tracks.
    public var deletionLimitPercentage: Int = 10
    /// A base DN whose object count drops by more than this percentage since
    /// the last complete read makes the read `source-read-incomplete`.
    public var sourceDropPercentage: Int = 50

    public init() {}
}

/// How a new source object finds an existing target object to link to.
public struct MatchConfiguration: Sendable, Hashable, Codable {
    public enum Key: String, Sendable, Hashable, Codable, CaseIterable {
        case externalId
        case userName
        case email
        /// Never link: every new object is created.
        case none
    }

    public var by: Key = .externalId
    /// Linking by userName or email on a target that does not say which
    /// accounts hold administrator roles; off unless enabled, since it could
    /// hand a privileged account to the source.
    public var linkWithoutRoleInformation: Bool = false

    public init() {}
}
