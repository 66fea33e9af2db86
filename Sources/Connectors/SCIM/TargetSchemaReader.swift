public import SCIM
public import SyncEngine

/// The target's rules from what it publishes: `/Schemas` (RFC 7643 §7) and
/// `/ResourceTypes` (§6) give the fields each resource type has and their
/// SCIM characteristics, `/ServiceProviderConfig` (§5) the verified domains
/// when the target is `directoryd` (its `…:directorysync:2.0:Organization`
/// extension). Pure: the answers in, a `TargetSchema` out.
///
/// - Fields (`TargetSchema.userFields`): every writable attribute (not
///   `mutability: readOnly`) of the resource type's core schema by its name,
///   with the sub-attributes of single-valued complex ones as `name.sub`;
///   every attribute of an extension by `urn:…:name` and, unless a core
///   attribute has that name, by its bare name. The enterprise extension's
///   attributes are written by their bare names (`SCIMFieldLayout` puts
///   them under the extension); other extensions' (an organization's custom
///   fields) by the qualified name.
/// - Rules: `TargetSchema.standard`'s, then `FieldRule(schemaAttribute:)`
///   (which reads directoryd's `…:Field` extension: kind, `maxLength`) for
///   every simple attribute of an extension other than the enterprise one,
///   and for core and enterprise attributes that are `required` or have
///   `canonicalValues` (the other characteristics of the standard schemas
///   are loosely kept by providers; the agent should not refuse what the
///   target would take).
public enum TargetSchemaReader {
    public static func schema(schemas: [JSON], resourceTypes: [JSON], serviceProviderConfig: JSON?) -> TargetSchema {
        var result = TargetSchema.standard
        result.verifiedDomains = verifiedDomains(serviceProviderConfig)
        guard !schemas.isEmpty else { return result }
        for kind in [ObjectKind.user, .group] {
            let (core, extensions) = layout(kind, schemas: schemas, resourceTypes: resourceTypes)
            var fields: [String: String] = [:]
            var rules = result.rules(for: kind)
            func addRule(_ attribute: JSON, name: String) {
                guard var rule = FieldRule(schemaAttribute: attribute),
                      !rules.contains(where: { $0.name.lowercased() == name.lowercased() })
                else { return }
                rule.name = name
                rules.append(rule)
            }
            for attribute in attributes(of: core, in: schemas) {
                guard let name = attribute["name"]?.stringValue else { continue }
                fields[name.lowercased()] = name
                if isSignificant(attribute) { addRule(attribute, name: name) }
                guard attribute["type"]?.stringValue?.lowercased() == "complex", attribute["multiValued"]?.boolValue != true else { continue }
                for sub in writable(attribute["subAttributes"]?.arrayValue ?? []) {
                    guard let subName = sub["name"]?.stringValue else { continue }
                    fields["\(name).\(subName)".lowercased()] = "\(name).\(subName)"
                }
            }
            for urn in extensions {
                let isEnterprise = urn.lowercased() == SCIMSchemaURN.enterpriseUser.lowercased()
                for attribute in attributes(of: urn, in: schemas) {
                    guard let name = attribute["name"]?.stringValue else { continue }
                    let written = isEnterprise ? name : "\(urn):\(name)"
                    fields["\(urn):\(name)".lowercased()] = written
                    if fields[name.lowercased()] == nil { fields[name.lowercased()] = written }
                    if !isEnterprise || isSignificant(attribute) { addRule(attribute, name: written) }
                }
            }
            if kind == .user {
                result.userFields = fields
                result.userRules = rules
            } else {
                result.groupFields = fields
                result.groupRules = rules
            }
        }
        return result
    }

    /// The verified domains of directoryd's vendor extension, normalized;
    /// nil when the answer does not carry it.
    static func verifiedDomains(_ config: JSON?) -> Set<String>? {
        guard let domains = config?[SCIMSchemaURN.directorySyncOrganization]?["verifiedDomains"]?.arrayValue else { return nil }
        return Set(domains.compactMap { $0.stringValue.flatMap(VerifiedDomains.normalize) })
    }

    /// The core schema and the extensions of the resource type (RFC 7643
    /// §6 `schema`, `schemaExtensions`); without `/ResourceTypes`, the core
    /// User or Group schema, and for users every other schema that is not
    /// one of RFC 7643's own.
    static func layout(_ kind: ObjectKind, schemas: [JSON], resourceTypes: [JSON]) -> (core: String, extensions: [String]) {
        let endpoint = kind == .user ? "/users" : "/groups"
        if let type = resourceTypes.first(where: { $0["endpoint"]?.stringValue?.lowercased() == endpoint }),
           let core = type["schema"]?.stringValue
        {
            let extensions = type["schemaExtensions"]?.arrayValue?.compactMap { $0["schema"]?.stringValue } ?? []
            return (core, extensions)
        }
        guard kind == .user else { return (SCIMSchemaURN.group, []) }
        let ids = schemas.compactMap { $0["id"]?.stringValue }
        return (SCIMSchemaURN.user, ids.filter { !$0.lowercased().hasPrefix("urn:ietf:params:scim:schemas:core:") })
    }

    static func attributes(of urn: String, in schemas: [JSON]) -> [JSON] {
        let schema = schemas.first { $0["id"]?.stringValue?.lowercased() == urn.lowercased() }
        return writable(schema?["attributes"]?.arrayValue ?? [])
    }

    /// Attributes a client may write (RFC 7643 §7 `mutability`).
    static func writable(_ attributes: [JSON]) -> [JSON] {
        attributes.filter { $0["mutability"]?.stringValue?.lowercased() != "readonly" }
    }

    static func isSignificant(_ attribute: JSON) -> Bool {
        attribute["required"]?.boolValue == true || !(attribute["canonicalValues"]?.arrayValue ?? []).isEmpty
    }
}
