import SCIM

/// RFC 7643 §5: what this service provider supports, so clients adapt.
enum ServiceProviderConfig {
    static func json(baseURL: String) -> JSON {
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
