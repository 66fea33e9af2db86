/// Reading the `mapping` section. A field is either the name of a source
/// attribute (`displayName: cn`) or `{from: …, transforms: […]}`. A section
/// that is given replaces the profile's defaults for that kind entirely, so
/// what the file says is all that is written.
extension Configuration {
    static func readMapping(_ value: YAMLValue, defaults: MappingConfiguration) throws(ConfigurationError) -> MappingConfiguration {
        let keys = try value.mapping(known: ["users", "groups"])
        let users = try keys["users"].map { value throws(ConfigurationError) in try readFields(value) } ?? defaults.users
        let groups = try keys["groups"].map { value throws(ConfigurationError) in try readFields(value) } ?? defaults.groups
        return MappingConfiguration(users: users, groups: groups)
    }

    private static func readFields(_ value: YAMLValue) throws(ConfigurationError) -> [FieldMapping] {
        var fields: [FieldMapping] = []
        for (target, keyLine, field) in try value.freeMapping() {
            guard !MappingConfiguration.engineFields.contains(target) else {
                throw ConfigurationError(
                    path: field.path, line: keyLine,
                    message: "is written by the agent itself (externalId carries the anchor, active follows the policies); remove it")
            }
            guard !target.isEmpty else { throw ConfigurationError(path: field.path, line: keyLine, message: "a field needs a name") }
            if field.isScalar {
                fields.append(FieldMapping(target, from: [try field.string()]))
                continue
            }
            let keys = try field.mapping(known: ["from", "transforms"])
            let sources = try keys.required("from").strings()
            let transforms = try keys["transforms"].map(readTransforms) ?? []
            if sources.count > 1, !transforms.contains(where: { if case .join = $0 { true } else { false } }) {
                throw field.fail("several `from` attributes need a `join` transform to become one value")
            }
            fields.append(FieldMapping(target, from: sources, transforms: transforms))
        }
        return fields
    }

    private static func readTransforms(_ value: YAMLValue) throws(ConfigurationError) -> [Transform] {
        var transforms: [Transform] = []
        for element in try value.list() {
            if element.isScalar {
                let name = try element.string()
                switch name {
                case "lower": transforms.append(.lower)
                case "upper": transforms.append(.upper)
                case "first": transforms.append(.first)
                case "dnToReference": transforms.append(.dnToReference)
                case "generalizedTimeToDate": transforms.append(.generalizedTimeToDate(dateOnly: false))
                case "join", "replaceDomain", "default":
                    throw element.fail("`\(name)` takes an argument, e.g. `- \(name): \(exampleArgument(name))`")
                default:
                    throw element.fail("unknown transform \"\(name)\"; known: \(transformNames)")
                }
                continue
            }
            let entries = try element.freeMapping()
            guard entries.count == 1, let (name, keyLine, argument) = entries.first else {
                throw element.fail("a transform with an argument is one key, e.g. `- join: \" \"`")
            }
            switch name {
            case "join": transforms.append(.join(try argument.string()))
            case "replaceDomain":
                let domain = try argument.string()
                guard domain.contains("."), !domain.contains("@") else {
                    throw argument.fail("must be a domain such as example.com")
                }
                transforms.append(.replaceDomain(domain))
            case "default": transforms.append(.default(try argument.string()))
            case "generalizedTimeToDate":
                let form = try argument.string()
                guard form == "date" || form == "dateTime" else { throw argument.fail("must be `date` or `dateTime`") }
                transforms.append(.generalizedTimeToDate(dateOnly: form == "date"))
            default:
                throw ConfigurationError(
                    path: argument.path, line: keyLine, message: "unknown transform \"\(name)\"; known: \(transformNames)")
            }
        }
        return transforms
    }

    private static let transformNames =
        "join, lower, upper, replaceDomain, default, dnToReference, first, generalizedTimeToDate"

    private static func exampleArgument(_ name: String) -> String {
        switch name {
        case "join": "\" \""
        case "replaceDomain": "example.com"
        default: "\"n/a\""
        }
    }
}
