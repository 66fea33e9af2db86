import Foundation
import Testing

@testable import SyncEngine
import TestSupport

@Suite struct ConfigurationTests {
    static let minimal = """
        target:
          url: https://directory.example.com/scim/v2
          credential: env:DSYNC_TOKEN
        sources:
          - ldap:
              urls: ldap://127.0.0.1:3389
              baseDNs: ou=People,dc=example,dc=com
        """

    func parseError(_ yaml: String) -> ConfigurationError? {
        do {
            _ = try Configuration.parse(yaml: yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test("limits.nestedGroups: false flattens every group, whatever policies.groups.nesting says")
    func targetWithoutNesting() throws {
        let yaml = Self.minimal.replacingOccurrences(
            of: "  credential: env:DSYNC_TOKEN\n", with: "  credential: env:DSYNC_TOKEN\n  limits:\n    nestedGroups: false\n")
        let configuration = try Configuration.parse(yaml: yaml)
        #expect(configuration.target.limits.nestedGroups == false)
        #expect(configuration.policies.nesting == .keep)
        #expect(PlannerSettings(configuration).policies.nesting == .flatten)
        #expect(PlannerSettings(try Configuration.parse(yaml: Self.minimal)).policies.nesting == .keep)
    }

    @Test func starterFileIsAccepted() throws {
        let configuration = try Configuration.parse(yaml: StarterConfiguration.text)
        #expect(configuration.target.credential == .file("/etc/dsync/target.token"))
        #expect(configuration.sources.map(\.name) == ["corp"])
        #expect(configuration.baseDNs == ["ou=People,dc=example,dc=com", "ou=Groups,dc=example,dc=com"])
        #expect(configuration.sources[0].exclusions == [AttributeRule(attribute: "description", operator: .contains, values: ["service account"])])
        let displayName = try #require(configuration.mapping.users.first { $0.target == "displayName" })
        #expect(displayName.sources == ["givenName", "sn"])
        #expect(displayName.transforms == [.join(" ")])
        #expect(configuration.match.by == .externalId)
    }

    @Test func minimalFileGetsProfileDefaults() throws {
        let configuration = try Configuration.parse(yaml: Self.minimal)
        guard case .ldap(let ldap) = configuration.sources[0].kind else { Issue.record("not LDAP"); return }
        #expect(ldap.urls == ["ldap://127.0.0.1:3389"])
        #expect(ldap.anchorAttribute == "entryUUID")
        #expect(ldap.userFilter == "(objectClass=inetOrgPerson)")
        #expect(ldap.scope == .sub)
        #expect(configuration.mapping == .defaults(for: .openldap))
        #expect(configuration.policies == Policies())
        #expect(configuration.safety.deletionLimitCount == 50)
        #expect(configuration.target.concurrency == 4)
    }

    @Test func activeDirectoryProfile() throws {
        let yaml = Self.minimal + "\n      profile: activeDirectory\n"
        let configuration = try Configuration.parse(yaml: yaml)
        guard case .ldap(let ldap) = configuration.sources[0].kind else { Issue.record("not LDAP"); return }
        #expect(ldap.anchorAttribute == "objectGUID")
        #expect(ldap.disabled == AttributeRule(attribute: "userAccountControl", operator: .bitsSet, values: ["2"]))
        #expect(configuration.mapping.users.first?.sources == ["userPrincipalName"])
    }

    @Test func unknownKeyNamesPathAndLine() throws {
        let yaml = Self.minimal.replacingOccurrences(of: "      baseDNs:", with: "      baseDN: x\n      baseDNs:")
        let error = try #require(parseError(yaml))
        #expect(error.path == "sources[0].ldap.baseDN")
        #expect(error.line == 7)
        #expect(error.description.hasPrefix("line 7, `sources[0].ldap.baseDN`: unknown key; did you mean `baseDNs`?"))
    }

    @Test("an unknown key suggests the known one it most likely meant, and none when it is unlike all")
    func unknownKeySuggestion() throws {
        let typo = try #require(parseError(Self.minimal.replacingOccurrences(of: "credential:", with: "credentail:")))
        #expect(typo.message.hasPrefix("unknown key; did you mean `credential`? known keys here: url, credential"), "\(typo)")
        let unlike = try #require(parseError(Self.minimal + "\ncolour: red\n"))
        #expect(unlike.message.hasPrefix("unknown key; known keys here:"), "\(unlike)")
    }

    @Test("a DN in a bracketed list is split at its commas by YAML: refused, saying how to quote it")
    func baseDNInFlowList() throws {
        let split = try #require(parseError(Self.minimal.replacingOccurrences(
            of: "baseDNs: ou=People,dc=example,dc=com", with: "baseDNs: [ou=People,dc=example,dc=com]")))
        #expect(split.path == "sources[0].ldap.baseDNs")
        #expect(split.line == 7)
        #expect(split.message.hasPrefix("is read as 3 base DNs (ou=People; dc=example; dc=com)"), "\(split)")
        #expect(split.message.contains(#"["ou=People,dc=example,dc=com"]"#), "\(split)")
        // Quoted, one per line, or whole DNs in brackets: read as written.
        for written in [
            #"baseDNs: ["ou=People,dc=example,dc=com"]"#,
            "baseDNs: [\"ou=People,dc=example,dc=com\", \"ou=Groups,dc=example,dc=com\"]",
            "baseDNs:\n          - ou=People,dc=example,dc=com",
            "baseDNs: [o=example]",
        ] {
            let configuration = try Configuration.parse(yaml: Self.minimal.replacingOccurrences(of: "baseDNs: ou=People,dc=example,dc=com", with: written))
            #expect(configuration.baseDNs.first == (written.contains("o=example]") ? "o=example" : "ou=People,dc=example,dc=com"), "\(written)")
        }
    }

    @Test func wrongTypeNamesPathAndLine() throws {
        let yaml = Self.minimal + "\nsafety:\n  deletionLimit:\n    count: many\n"
        let error = try #require(parseError(yaml))
        #expect(error.path == "safety.deletionLimit.count")
        #expect(error.line == 10)
        #expect(error.message.contains("whole number"))

        let listForText = try #require(parseError(Self.minimal + "\nmatch:\n  by: [email]\n"))
        #expect(listForText.path == "match.by")
        #expect(listForText.message == "must be text, found a list")
    }

    @Test func missingRequiredKey() throws {
        let error = try #require(parseError("sources: []\n"))
        #expect(error.path == "target")
    }

    @Test func yamlSyntaxErrorHasLine() throws {
        let error = try #require(parseError("target:\n  url: [unclosed\n"))
        #expect(error.line != nil)
        #expect(error.message.hasPrefix("not valid YAML"))
    }

    @Test(arguments: ["file:/run/secrets/token", "env:DSYNC_TOKEN"])
    func secretReferencesAreAccepted(reference: String) throws {
        let yaml = Self.minimal.replacingOccurrences(of: "env:DSYNC_TOKEN", with: reference)
        let configuration = try Configuration.parse(yaml: yaml)
        #expect(configuration.target.credential.description == reference)
    }

    @Test func inlineSecretIsRefusedWithoutRepeatingIt() throws {
        let yaml = Self.minimal.replacingOccurrences(of: "env:DSYNC_TOKEN", with: "s3cr3t-t0ken")
        let error = try #require(parseError(yaml))
        #expect(error.path == "target.credential")
        #expect(error.line == 3)
        #expect(error.message.contains("file:"))
        #expect(error.message.contains("env:"))
        #expect(!error.description.contains("s3cr3t"))
    }

    @Test func storeReferenceIsReserved() throws {
        let yaml = Self.minimal.replacingOccurrences(of: "env:DSYNC_TOKEN", with: "store:target")
        let error = try #require(parseError(yaml))
        #expect(error.message.contains("not available until the agent can sign in"))
    }

    @Test func secretResolution() throws {
        let fromFile = try SecretReference.file("/x").resolve(environment: [:], readFile: { _ in "token\n" })
        #expect(fromFile.value == "token")
        #expect("\(fromFile)" == "<redacted>")
        #expect(String(reflecting: fromFile) == "<redacted>")
        let fromEnvironment = try SecretReference.environment("T").resolve(environment: ["T": "abc"], readFile: { _ in "" })
        #expect(fromEnvironment.value == "abc")
        #expect(throws: SecretUnavailable.self) {
            try SecretReference.environment("MISSING").resolve(environment: [:], readFile: { _ in "" })
        }
    }

    @Test("a secret file that cannot be read names the file and why, not Foundation's error domain")
    func secretFileProblems() throws {
        let folder = try TestFolder.make("secrets").path
        func problem(_ path: String) -> String {
            do {
                _ = try SecretReference.file(path).resolve(environment: [:]) { try String(contentsOfFile: $0, encoding: .utf8) }
                return "read"
            } catch {
                return "\(error)"
            }
        }
        #expect(problem(folder + "/token") == "the secret file:\(folder)/token cannot be read: \(folder)/token does not exist")
        #expect(problem(folder) == "the secret file:\(folder) cannot be read: \(folder) is a folder, not a file")
        #expect(!problem(folder + "/token").contains("NSCocoaErrorDomain"))
    }

    @Test func bindDNNeedsPassword() throws {
        let yaml = Self.minimal + "\n      bindDN: cn=admin,dc=example,dc=com\n"
        let error = try #require(parseError(yaml))
        #expect(error.path == "sources[0].ldap")
        #expect(error.message.contains("password"))
    }

    @Test func mappingWithTransforms() throws {
        let yaml = Self.minimal + """

            mapping:
              users:
                userName: {from: sAMAccountName, transforms: [lower]}
                emails:
                  from: mail
                  transforms: [{replaceDomain: example.com}, {default: "nobody@example.com"}]
                hireDate: {from: whenCreated, transforms: [{generalizedTimeToDate: date}]}
            """
        let configuration = try Configuration.parse(yaml: yaml)
        #expect(configuration.mapping.users == [
            FieldMapping("userName", from: ["sAMAccountName"], transforms: [.lower]),
            FieldMapping("emails", from: ["mail"], transforms: [.replaceDomain("example.com"), .default("nobody@example.com")]),
            FieldMapping("hireDate", from: ["whenCreated"], transforms: [.generalizedTimeToDate(dateOnly: true)]),
        ])
        #expect(configuration.mapping.groups == MappingConfiguration.defaults(for: .openldap).groups)
        #expect(configuration.mapping.version != MappingConfiguration.defaults(for: .openldap).version)
    }

    @Test(arguments: [
        ("    userName: {from: uid, transforms: [shout]}", "unknown transform \"shout\""),
        ("    userName: {from: uid, transforms: [join]}", "takes an argument"),
        ("    displayName: {from: [givenName, sn]}", "need a `join`"),
        ("    active: enabled", "written by the agent"),
    ])
    func badMappings(line: String, message: String) throws {
        let error = try #require(parseError(Self.minimal + "\nmapping:\n  users:\n" + line + "\n"))
        #expect(error.message.contains(message), "\(error)")
        #expect(error.line == 10)
    }

    @Test func groupsCannotBeDeactivated() throws {
        let error = try #require(parseError(Self.minimal + "\npolicies:\n  groups:\n    deleted: deactivate\n"))
        #expect(error.path == "policies.groups.deleted")
        #expect(error.message.contains("RFC 7643"))
    }

    @Test func exclusionRulesAreChecked() throws {
        let yaml = Self.minimal + """

                  exclude:
                    - {attribute: cn, operator: matches, values: ["("]}
            """
        let error = try #require(parseError(yaml))
        #expect(error.message.contains("not a valid regular expression"))
    }

    @Test func linkPrivilegedOnlyNever() throws {
        let error = try #require(parseError(Self.minimal + "\nmatch:\n  linkPrivileged: always\n"))
        #expect(error.path == "match.linkPrivileged")
    }

    @Test func mappingVersionIsStableAndSensitive() {
        let a = MappingConfiguration.defaults(for: .openldap)
        var b = a
        #expect(a.version == b.version)
        b.users[0].transforms = [.upper]
        #expect(a.version != b.version)
        #expect(a.version.count == 16)
    }
}

@Suite struct ConfigurationFileTests {
    /// What `dsync init` writes, read back from disk as `dsync` would.
    @Test func starterFileLoadsFromDisk() throws {
        let path = TestFolder.path("dsync.yaml").path
        try StarterConfiguration.text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try Configuration.load(path: path)
        #expect(configuration.sources.count == 1)
        #expect(throws: ConfigurationError.self) { try Configuration.load(path: path + ".missing") }
    }
}
