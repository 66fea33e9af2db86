import SCIM

/// RFC 7643 §5: what this service provider supports, so clients adapt.
///
/// With the bearer's organization known, the answer also carries the vendor
/// extension `SCIMSchemaURN.directorySyncOrganization` (listed in
/// `schemas`, as RFC 7643 §3 has extensions listed) with the rules a client
/// should check before writing that SCIM cannot say elsewhere:
///
/// ```json
/// "urn:ietf:params:scim:schemas:extension:directorysync:2.0:Organization": {
///   "verifiedDomains": ["example.org"]
/// }
/// ```
///
/// An empty `verifiedDomains` means the organization has verified none, so
/// any address is accepted (`VerifiedDomains.check`).
enum ServiceProviderConfig {
    static func json(baseURL: String, rules: OrganizationRules? = nil) -> JSON {
        let config = standard(baseURL: baseURL)
        guard let rules, case .object(var object) = config else { return config }
        object["schemas"] = [.string(SCIMSchemaURN.serviceProviderConfig), .string(SCIMSchemaURN.directorySyncOrganization)]
        object[SCIMSchemaURN.directorySyncOrganization] = [
            "verifiedDomains": .array(rules.verifiedDomains.sorted().map(JSON.string)),
        ]
        return .object(object)
    }

    private static func standard(baseURL: String) -> JSON {
        [
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "patch": ["supported": true],
            "bulk": [
                "supported": true, "maxOperations": .number(Double(BulkService.maximumOperations)),
                "maxPayloadSize": .number(Double(BulkService.maximumPayloadSize)),
            ],
            "filter": ["supported": true, "maxResults": .number(Double(ListRequest.maximumCount))],
            "changePassword": ["supported": false],
            "sort": ["supported": true],
            // RFC 9865 §4: both kinds of paging.
            "pagination": [
                "cursor": true, "index": true, "defaultPaginationMethod": "index",
                "defaultPageSize": .number(Double(ListRequest.defaultCount)), "maxPageSize": .number(Double(ListRequest.maximumCount)),
                "cursorTimeout": .number(ListCursor.lifetime),
            ],
            "etag": ["supported": true],
            "authenticationSchemes": [[
                "type": "oauthbearertoken",
                "name": "OAuth Bearer Token",
                "description": "An access token minted by `directoryd admin token create` or the OAuth 2.0 token endpoint",
                "primary": true,
            ]],
            "meta": ["resourceType": "ServiceProviderConfig", "location": .string("\(baseURL)/ServiceProviderConfig")],
        ]
    }
}
