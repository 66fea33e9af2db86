import Foundation
import FileProblems
import Yams

/// Reading the configuration file. Every key is checked: an unknown key or a
/// value of the wrong type is an error naming the key path and the line, so a
/// typo never silently falls back to a default.
extension Configuration {
    /// Reads and checks the file at `path`.
    public static func load(path: String) throws(ConfigurationError) -> Configuration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(path: "", line: nil, message: "cannot read the configuration: \(FileProblem.describe(path, for: .read, error: error))")
        }
        return try parse(yaml: text)
    }

    /// Checks a configuration given as YAML text.
    public static func parse(yaml: String) throws(ConfigurationError) -> Configuration {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch {
            throw ConfigurationError(path: "", line: nil, message: "not valid YAML: \(error)")
        }
        guard let node else { throw ConfigurationError(path: "", line: nil, message: "the file is empty") }
        let root = try YAMLValue(node: node, path: "").mapping(known: [
            "target", "sources", "mapping", "policies", "safety", "match", "groups", "retention", "logs", "notifications",
        ])
        let target = try readTarget(root.required("target"))
        let sources = try readSources(root.required("sources"))
        let mapping = try root["mapping"].map { value throws(ConfigurationError) in
            try readMapping(value, defaults: sources[0].mappingDefaults)
        } ?? sources[0].mappingDefaults
        let policies = try root["policies"].map(readPolicies) ?? Policies()
        let safety = try root["safety"].map(readSafety) ?? Safety()
        let match = try root["match"].map(readMatch) ?? MatchConfiguration()
        let groups = try root["groups"].map(readGroups) ?? GroupOptions()
        var configuration = Configuration(
            target: target, sources: sources, mapping: mapping, policies: policies, safety: safety, match: match,
            groups: groups)
        configuration.retention = try root["retention"].map(readRetention) ?? configuration.retention
        configuration.logs = try root["logs"].map(readLogs) ?? configuration.logs
        configuration.notifications = try root["notifications"].map(readNotifications)
        return configuration
    }

    private static func syntaxError(_ error: YamlError) -> ConfigurationError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            ConfigurationError(path: "", line: mark.line, message: "not valid YAML: \(problem)")
        default:
            ConfigurationError(path: "", line: nil, message: "not valid YAML: \(error)")
        }
    }

    private static func readTarget(_ value: YAMLValue) throws(ConfigurationError) -> TargetConfiguration {
        let keys = try value.mapping(known: ["url", "credential", "proxy", "caFile", "concurrency", "timeout", "limits"])
        let url = try keys.required("url")
        let urlText = try url.string()
        guard urlText.hasPrefix("https://") || urlText.hasPrefix("http://") else {
            throw url.fail("must be an http:// or https:// URL, e.g. https://directory.example.com/scim/v2")
        }
        var target = TargetConfiguration(url: urlText, credential: try SecretReference.parse(keys.required("credential")))
        if let proxy = keys["proxy"] {
            let text = try proxy.string()
            guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
                throw proxy.fail("must be a proxy URL, e.g. http://proxy.example.com:3128")
            }
            target.proxy = text
        }
        target.caFile = try keys["caFile"]?.string()
        target.concurrency = try keys["concurrency"]?.int(in: 1...64) ?? target.concurrency
        target.timeout = try keys["timeout"]?.int(in: 1...600) ?? target.timeout
        if let limits = keys["limits"] {
            let entries = try limits.mapping(known: [
                "bulk", "bulkMaxOperations", "bulkMaxPayloadBytes", "membersPerPatch", "pageSize", "nestedGroups",
            ])
            target.limits.bulk = try entries["bulk"]?.bool()
            target.limits.bulkMaxOperations = try entries["bulkMaxOperations"]?.int(in: 1...100_000)
            target.limits.bulkMaxPayloadBytes = try entries["bulkMaxPayloadBytes"]?.int(in: 1024...1_073_741_824)
            target.limits.membersPerPatch = try entries["membersPerPatch"]?.int(in: 1...100_000)
            target.limits.pageSize = try entries["pageSize"]?.int(in: 1...10_000)
            target.limits.nestedGroups = try entries["nestedGroups"]?.bool()
        }
        return target
    }

    private static func readPolicies(_ value: YAMLValue) throws(ConfigurationError) -> Policies {
        let keys = try value.mapping(known: ["users", "groups", "targetMissing"])
        var policies = Policies()
        if let users = keys["users"] {
            let entries = try users.mapping(known: ["disabled", "leftScope", "deleted"])
            policies.userDisabled = try entries["disabled"]?.choice() ?? policies.userDisabled
            policies.userLeftScope = try entries["leftScope"]?.choice() ?? policies.userLeftScope
            policies.userDeleted = try entries["deleted"]?.choice() ?? policies.userDeleted
        }
        if let groups = keys["groups"] {
            let entries = try groups.mapping(known: ["leftScope", "deleted", "nesting"])
            policies.groupLeftScope = try entries["leftScope"].map(groupPolicy) ?? policies.groupLeftScope
            policies.groupDeleted = try entries["deleted"].map(groupPolicy) ?? policies.groupDeleted
            policies.nesting = try entries["nesting"]?.choice() ?? policies.nesting
        }
        policies.targetMissing = try keys["targetMissing"]?.choice() ?? policies.targetMissing
        return policies
    }

    private static func groupPolicy(_ value: YAMLValue) throws(ConfigurationError) -> RemovalPolicy {
        let policy: RemovalPolicy = try value.choice()
        if policy == .deactivate {
            throw value.fail("groups cannot be deactivated: SCIM groups have no `active` (RFC 7643 §4.2); use delete or nothing")
        }
        return policy
    }

    private static func readSafety(_ value: YAMLValue) throws(ConfigurationError) -> Safety {
        let keys = try value.mapping(known: ["deletionLimit", "sourceDropPercentage"])
        var safety = Safety()
        if let limit = keys["deletionLimit"] {
            let entries = try limit.mapping(known: ["count", "percentage"])
            safety.deletionLimitCount = try entries["count"]?.int(in: 0...10_000_000) ?? safety.deletionLimitCount
            safety.deletionLimitPercentage = try entries["percentage"]?.int(in: 0...100) ?? safety.deletionLimitPercentage
        }
        safety.sourceDropPercentage = try keys["sourceDropPercentage"]?.int(in: 1...100) ?? safety.sourceDropPercentage
        return safety
    }

    private static func readMatch(_ value: YAMLValue) throws(ConfigurationError) -> MatchConfiguration {
        let keys = try value.mapping(known: ["by", "linkPrivileged", "linkWithoutRoleInformation"])
        var match = MatchConfiguration()
        match.by = try keys["by"]?.choice() ?? match.by
        if let privileged = keys["linkPrivileged"], try privileged.string() != "never" {
            throw privileged.fail("the only value is `never`: privileged accounts are linked by hand")
        }
        match.linkWithoutRoleInformation = try keys["linkWithoutRoleInformation"]?.bool() ?? false
        return match
    }
}
