extension SCIMAttributeCatalog {
    /// The attributes of RFC 7643's User (§4.1), Group (§4.2), Enterprise
    /// User extension (§4.3) and common attributes (§3.1), with the
    /// characteristics of their schema representations (§8.7.1).
    ///
    /// One deliberate difference: the `value` of `members`, `groups` and
    /// `manager` is case-exact here. It holds a resource `id`, which is
    /// case-exact (§3.1), and comparing it exactly keeps member lookups on
    /// an index without case folding.
    public static let core = SCIMAttributeCatalog(table: coreTable)

    private static let coreTable: [String: SCIMAttributeTraits] = {
        typealias T = SCIMAttributeTraits
        let exact = T(caseExact: true)
        let readOnly = T(mutability: .readOnly)
        var table: [String: T] = [
            // §3.1 common attributes
            "id": T(caseExact: true, mutability: .readOnly),
            "externalId": exact,
            "schemas": T(.reference, multiValued: true, caseExact: true),
            "meta": T(.complex, mutability: .readOnly),
            "meta.resourceType": T(caseExact: true, mutability: .readOnly),
            "meta.created": T(.dateTime, mutability: .readOnly),
            "meta.lastModified": T(.dateTime, mutability: .readOnly),
            "meta.location": T(.reference, caseExact: true, mutability: .readOnly),
            "meta.version": T(caseExact: true, mutability: .readOnly),
            // §4.1 User
            "userName": T(),
            "name": T(.complex),
            "displayName": T(),
            "nickName": T(),
            "profileUrl": T(.reference),
            "title": T(),
            "userType": T(),
            "preferredLanguage": T(),
            "locale": T(),
            "timezone": T(),
            "active": T(.boolean),
            "password": T(mutability: .writeOnly),
            "groups": T(.complex, multiValued: true, mutability: .readOnly),
            "groups.value": T(caseExact: true, mutability: .readOnly),
            "groups.$ref": T(.reference, mutability: .readOnly),
            "groups.display": readOnly,
            "groups.type": readOnly,
            // §4.2 Group
            "members": T(.complex, multiValued: true),
            "members.value": T(caseExact: true, mutability: .immutable),
            "members.$ref": T(.reference, mutability: .immutable),
            "members.display": T(mutability: .readOnly),
            "members.type": T(mutability: .immutable),
        ]
        for sub in ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"] {
            table["name." + sub] = T()
        }
        // Multi-valued complex attributes with the value/display/type/primary
        // pattern (§2.4).
        for attribute in ["emails", "phoneNumbers", "ims", "photos", "entitlements", "roles", "x509Certificates"] {
            table[attribute] = T(.complex, multiValued: true)
            table[attribute + ".display"] = T()
            table[attribute + ".type"] = T()
            table[attribute + ".primary"] = T(.boolean)
            table[attribute + ".value"] = T()
        }
        table["photos.value"] = T(.reference)
        table["x509Certificates.value"] = T(.binary)
        table["addresses"] = T(.complex, multiValued: true)
        for sub in ["formatted", "streetAddress", "locality", "region", "postalCode", "country", "type"] {
            table["addresses." + sub] = T()
        }
        table["addresses.primary"] = T(.boolean)
        // §4.3 Enterprise User
        let enterprise = SCIMSchemaURN.enterpriseUser + ":"
        for attribute in ["employeeNumber", "costCenter", "organization", "division", "department"] {
            table[enterprise + attribute] = T()
        }
        table[enterprise + "manager"] = T(.complex)
        table[enterprise + "manager.value"] = T(caseExact: true)
        table[enterprise + "manager.$ref"] = T(.reference)
        table[enterprise + "manager.displayName"] = T(mutability: .readOnly)
        table[SCIMSchemaURN.enterpriseUser] = T(.complex)
        return table
    }()
}
