/// Schema and message URNs (RFC 7643 §3, §4, §8.7; RFC 7644 §3.3–§3.12)
/// and this product's own vendor URNs.
public enum SCIMSchemaURN {
    public static let user = "urn:ietf:params:scim:schemas:core:2.0:User"
    public static let group = "urn:ietf:params:scim:schemas:core:2.0:Group"
    public static let enterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    public static let serviceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
    public static let resourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
    public static let schema = "urn:ietf:params:scim:schemas:core:2.0:Schema"

    public static let listResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    public static let searchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
    public static let patchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    public static let bulkRequest = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
    public static let bulkResponse = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"
    public static let error = "urn:ietf:params:scim:api:messages:2.0:Error"

    /// Vendor extension of the error message carrying a machine-readable
    /// reason (`SCIMReasonCode`), the attribute concerned and, for
    /// `already-exists`, the existing resource's id. RFC 7644 §3.12 allows
    /// extra schemas in an error; clients that do not know this one ignore it.
    public static let directorySyncError = "urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error"

    /// Vendor extension of a schema attribute definition carrying what SCIM's
    /// characteristics cannot express: the field kind and maximum length
    /// (see `FieldRule+Schema.swift`).
    public static let directorySyncField = "urn:ietf:params:scim:schemas:extension:directorysync:2.0:Field"

    /// The organization's custom fields on users: `directoryd` publishes them
    /// in `/Schemas` as one user extension (RFC 7643 §3.3) of this id.
    public static let directorySyncUser = "urn:ietf:params:scim:schemas:extension:directorysync:2.0:User"

    /// Vendor extension of `/ServiceProviderConfig` (RFC 7643 §5) telling the
    /// bearer's organization's rules that SCIM cannot express, such as its
    /// verified email domains (see `VerifiedDomains`).
    public static let directorySyncOrganization = "urn:ietf:params:scim:schemas:extension:directorysync:2.0:Organization"

    /// Schemas whose attributes sit at the top level of a resource (RFC 7643
    /// §3): a path qualified with one of these is the same as the bare name.
    public static let core = [user, group]

    /// URNs the path parser recognises as whole schemas rather than as
    /// `schema:attribute`. A server adds its organization-specific extensions.
    public static let wellKnown = [user, group, enterpriseUser]

    static func isCore(_ urn: String, among core: [String]) -> Bool {
        core.contains { ASCIICaseInsensitive.equal($0, urn) }
    }
}
