import Testing

@testable import SyncEngine

/// The `csv` source kind and the `groups` section of the configuration file.
@Suite struct CSVConfigurationTests {
    static let target = """
        target:
          url: https://directory.example.com/scim/v2
          credential: env:DSYNC_TOKEN

        """

    func parseError(_ yaml: String) -> ConfigurationError? {
        do {
            _ = try Configuration.parse(yaml: Self.target + yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test func csvSourceWithEveryKey() throws {
        let configuration = try Configuration.parse(yaml: Self.target + """
            sources:
              - name: hr
                csv:
                  path: /var/lib/dsync/hr
                  delimiter: ";"
                  identifier: employeeId
                  disabled: {attribute: status, operator: equals, values: [inactive]}
                  deleted: {attribute: status, operator: equals, values: [left]}
                  exclude:
                    - attribute: type
                      operator: equals
                      values: [service]
                  groups: teams
                  groupSeparator: ","
                  settleSeconds: 5
            """)
        let source = configuration.sources[0]
        guard case .csv(let csv) = source.kind else { Issue.record("not CSV"); return }
        #expect(source.name == "hr")
        #expect(csv.path == "/var/lib/dsync/hr")
        #expect(csv.delimiter == .semicolon)
        #expect(csv.identifier == "employeeId")
        #expect(csv.disabled == AttributeRule(attribute: "status", operator: .equals, values: ["inactive"]))
        #expect(csv.deleted == AttributeRule(attribute: "status", operator: .equals, values: ["left"]))
        #expect(source.exclusions == [AttributeRule(attribute: "type", operator: .equals, values: ["service"])])
        #expect(csv.groups == "teams")
        #expect(csv.groupSeparator == ",")
        #expect(csv.settleSeconds == 5)
        // The CSV defaults, the drop check's count key, the disabled rule for the planner.
        #expect(configuration.mapping == .csvDefaults)
        #expect(configuration.baseDNs == ["csv:hr"])
        #expect(PlannerSettings(configuration).disabledRules["hr"] == csv.disabled)
    }

    @Test func csvDefaults() throws {
        let configuration = try Configuration.parse(yaml: Self.target + """
            sources:
              - csv: {path: /tmp/people.csv, identifier: id}
            """)
        guard case .csv(let csv) = configuration.sources[0].kind else { Issue.record("not CSV"); return }
        #expect(configuration.sources[0].name == "csv")
        #expect(csv.delimiter == .comma && csv.groups == nil && csv.groupSeparator == "|" && csv.settleSeconds == 2)
        #expect(csv.disabled == nil && csv.deleted == nil)
        #expect(configuration.mapping.users.first == FieldMapping("userName", from: ["userName"], transforms: [.lower]))
    }

    @Test func csvErrors() {
        #expect(parseError("sources:\n  - csv: {path: /tmp/a.csv}\n")?.description.contains("identifier") == true)
        #expect(parseError("sources:\n  - csv: {path: /tmp/a.csv, identifier: id, delimiter: tab}\n")?.message.contains("not one of: ,, ;") == true)
        #expect(parseError("sources:\n  - csv: {path: /tmp/a.csv, identifier: id, settleSeconds: 9999}\n") != nil)
        #expect(parseError("sources:\n  - csv: {path: /tmp/a.csv, identifier: id, colour: red}\n")?.message.contains("unknown key") == true)
        let both = parseError("sources:\n  - csv: {path: /tmp/a.csv, identifier: id}\n    ldif: {path: /tmp/a.ldif}\n")
        #expect(both?.message == "needs exactly one of `ldap`, `ldif` or `csv`")
    }

    @Test func groupOptions() throws {
        let configuration = try Configuration.parse(yaml: Self.target + """
            sources:
              - ldap:
                  urls: ldap://127.0.0.1:3389
                  baseDNs:
                    - ou=People,dc=example,dc=com
                    - ou=Contractors,dc=example,dc=com
              - csv: {path: /tmp/people.csv, identifier: id}
            groups:
              allUsers: Everyone
              perBaseDN: "Staff - {rdn}"
            """)
        #expect(configuration.groups == GroupOptions(allUsers: "Everyone", perBaseDN: "Staff - {rdn}"))
        let settings = PlannerSettings(configuration).syntheticGroups
        #expect(settings.options == configuration.groups)
        #expect(settings.baseDNs == ["ou=People,dc=example,dc=com", "ou=Contractors,dc=example,dc=com"], "CSV sources have no base DN")
        #expect(try Configuration.parse(yaml: ConfigurationTests.minimal).groups == GroupOptions())
    }

    @Test func groupTemplateNeedsAPlaceholder() {
        let yaml = "sources:\n  - csv: {path: /tmp/a.csv, identifier: id}\ngroups:\n  perBaseDN: Staff\n"
        let error = parseError(yaml)
        #expect(error?.path == "groups.perBaseDN")
        #expect(error?.message.contains("{rdn}") == true)
    }
}
