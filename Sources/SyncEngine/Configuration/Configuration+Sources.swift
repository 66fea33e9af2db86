/// Reading the `sources` section.
extension Configuration {
    static func readSources(_ value: YAMLValue) throws(ConfigurationError) -> [SourceConfiguration] {
        let elements = try value.list()
        guard !elements.isEmpty else { throw value.fail("needs at least one source") }
        var sources: [SourceConfiguration] = []
        for element in elements {
            let keys = try element.mapping(known: ["name", "ldap", "ldif", "csv"])
            let kind: SourceConfiguration.Kind
            let defaultName: String
            switch (keys["ldap"], keys["ldif"], keys["csv"]) {
            case (let ldap?, nil, nil): (kind, defaultName) = (.ldap(try readLDAP(ldap)), "ldap")
            case (nil, let ldif?, nil): (kind, defaultName) = (.ldif(try readLDIF(ldif)), "ldif")
            case (nil, nil, let csv?): (kind, defaultName) = (.csv(try readCSV(csv)), "csv")
            default: throw element.fail("needs exactly one of `ldap`, `ldif` or `csv`")
            }
            let name = try keys["name"]?.string() ?? defaultName
            if sources.contains(where: { $0.name == name }) {
                throw (keys["name"] ?? element).fail("two sources are named \"\(name)\"; give each a unique `name`")
            }
            sources.append(SourceConfiguration(name: name, kind: kind))
        }
        return sources
    }

    private static func readLDAP(_ value: YAMLValue) throws(ConfigurationError) -> LDAPSourceConfiguration {
        let keys = try value.mapping(known: [
            "urls", "bindDN", "password", "startTLS", "caFile", "profile", "baseDNs", "scope",
            "userFilter", "groupFilter", "anchorAttribute", "exclude", "disabled", "attributes",
        ])
        let urlsValue = try keys.required("urls")
        let urls = try urlsValue.strings()
        for (index, url) in urls.enumerated() where !(url.hasPrefix("ldap://") || url.hasPrefix("ldaps://")) {
            throw YAMLValue(node: urlsValue.node, path: "\(urlsValue.path)[\(index)]")
                .fail("\"\(url)\" is not an ldap:// or ldaps:// URL")
        }
        guard !urls.isEmpty else { throw urlsValue.fail("needs at least one server URL") }
        let baseDNsValue = try keys.required("baseDNs")
        let baseDNs = try baseDNsValue.distinguishedNames()
        guard !baseDNs.isEmpty else { throw baseDNsValue.fail("needs at least one base DN") }
        let profile: LDAPProfile = try keys["profile"]?.choice() ?? .openldap
        var ldap = LDAPSourceConfiguration(urls: urls, profile: profile, baseDNs: baseDNs)
        ldap.bindDN = try keys["bindDN"]?.string()
        ldap.password = try keys["password"].map(SecretReference.parse)
        if ldap.bindDN != nil, ldap.password == nil {
            throw value.fail("`bindDN` needs `password` (a reference such as file:/etc/dsync/bind.password)")
        }
        if ldap.password != nil, ldap.bindDN == nil {
            throw value.fail("`password` needs `bindDN`")
        }
        ldap.startTLS = try keys["startTLS"]?.bool() ?? false
        ldap.caFile = try keys["caFile"]?.string()
        ldap.scope = try keys["scope"]?.choice() ?? .sub
        ldap.userFilter = try keys["userFilter"]?.string() ?? ldap.userFilter
        ldap.groupFilter = try keys["groupFilter"]?.string() ?? ldap.groupFilter
        ldap.anchorAttribute = try keys["anchorAttribute"]?.string() ?? ldap.anchorAttribute
        ldap.exclude = try keys["exclude"].map(readRules) ?? []
        ldap.disabled = try keys["disabled"].map(readRule) ?? ldap.disabled
        ldap.attributes = try keys["attributes"]?.strings() ?? []
        return ldap
    }

    private static func readLDIF(_ value: YAMLValue) throws(ConfigurationError) -> LDIFSourceConfiguration {
        let keys = try value.mapping(known: ["path", "profile", "baseDNs", "anchorAttribute", "exclude", "disabled"])
        let profile: LDAPProfile = try keys["profile"]?.choice() ?? .openldap
        var ldif = LDIFSourceConfiguration(path: try keys.required("path").string(), profile: profile)
        ldif.baseDNs = try keys["baseDNs"]?.distinguishedNames() ?? []
        ldif.anchorAttribute = try keys["anchorAttribute"]?.string() ?? ldif.anchorAttribute
        ldif.exclude = try keys["exclude"].map(readRules) ?? []
        ldif.disabled = try keys["disabled"].map(readRule) ?? ldif.disabled
        return ldif
    }

    static func readRules(_ value: YAMLValue) throws(ConfigurationError) -> [AttributeRule] {
        var rules: [AttributeRule] = []
        for element in try value.list() { rules.append(try readRule(element)) }
        return rules
    }

    static func readRule(_ value: YAMLValue) throws(ConfigurationError) -> AttributeRule {
        let keys = try value.mapping(known: ["attribute", "operator", "values"])
        let attribute = try keys.required("attribute").string()
        let operatorValue = try keys.required("operator")
        let ruleOperator: AttributeRule.Operator = try operatorValue.choice()
        let values = try keys["values"]?.strings() ?? []
        switch ruleOperator {
        case .present:
            if !values.isEmpty { throw value.fail("`present` takes no `values`") }
        case .matches:
            guard !values.isEmpty else { throw value.fail("`matches` needs `values` (regular expressions)") }
            for (index, pattern) in values.enumerated() where (try? Regex(pattern)) == nil {
                throw value.fail("values[\(index)] \"\(pattern)\" is not a valid regular expression")
            }
        case .bitsSet:
            guard !values.isEmpty, values.allSatisfy({ UInt64($0) != nil }) else {
                throw value.fail("`bitsSet` needs `values` that are whole numbers, e.g. [\"2\"]")
            }
        default:
            guard !values.isEmpty else { throw value.fail("`\(ruleOperator.rawValue)` needs `values`") }
        }
        return AttributeRule(attribute: attribute, operator: ruleOperator, values: values)
    }
}
