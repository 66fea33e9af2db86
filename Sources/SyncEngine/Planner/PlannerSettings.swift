/// The parts of the configuration the planner uses, plus the per-run
/// switches. Built from a `Configuration`, or directly in tests.
public struct PlannerSettings: Sendable, Hashable {
    public var mapping: MappingConfiguration
    public var policies: Policies
    public var safety: Safety
    public var match: MatchConfiguration
    /// The configured base DNs, each checked for a suspicious drop.
    public var baseDNs: [String]
    /// Exclusion rules by source name.
    public var exclusions: [String: [AttributeRule]]
    /// The "disabled" rule by source name.
    public var disabledRules: [String: AttributeRule]
    /// `--allow-deletes`: lets a run exceed the deletion limit and trusts a
    /// drop in a base DN's count. A read error still blocks removals.
    public var allowDeletes: Bool
    /// The groups the agent makes itself.
    public var syntheticGroups: SyntheticGroupSettings

    public init(
        mapping: MappingConfiguration = .defaults(for: .openldap),
        policies: Policies = Policies(),
        safety: Safety = Safety(),
        match: MatchConfiguration = MatchConfiguration(),
        baseDNs: [String] = [],
        exclusions: [String: [AttributeRule]] = [:],
        disabledRules: [String: AttributeRule] = [:],
        allowDeletes: Bool = false,
        syntheticGroups: SyntheticGroupSettings = SyntheticGroupSettings()
    ) {
        self.mapping = mapping
        self.policies = policies
        self.safety = safety
        self.match = match
        self.baseDNs = baseDNs
        self.exclusions = exclusions
        self.disabledRules = disabledRules
        self.allowDeletes = allowDeletes
        self.syntheticGroups = syntheticGroups
    }

    public init(_ configuration: Configuration, allowDeletes: Bool = false) {
        var disabled: [String: AttributeRule] = [:]
        for source in configuration.sources { disabled[source.name] = source.disabled }
        var policies = configuration.policies
        // A target that cannot nest gets every group flattened.
        if configuration.target.limits.nestedGroups == false { policies.nesting = .flatten }
        self.init(
            mapping: configuration.mapping, policies: policies, safety: configuration.safety,
            match: configuration.match, baseDNs: configuration.baseDNs,
            exclusions: Dictionary(configuration.sources.map { ($0.name, $0.exclusions) }, uniquingKeysWith: +),
            disabledRules: disabled, allowDeletes: allowDeletes,
            syntheticGroups: SyntheticGroupSettings(
                options: configuration.groups, baseDNs: configuration.sources.flatMap(\.directoryBaseDNs)))
    }
}
