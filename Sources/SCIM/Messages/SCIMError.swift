/// A SCIM error response (RFC 7644 §3.12), with this product's vendor
/// extension.
///
/// Wire form:
/// ```json
/// {
///   "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error",
///               "urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error"],
///   "status": "409",
///   "scimType": "uniqueness",
///   "detail": "userName \"ada\" is already taken",
///   "urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error": {
///     "reason": "already-exists", "attribute": "userName", "resourceId": "2819c223"
///   }
/// }
/// ```
/// `status` is written as a string, as RFC 7644 §3.12 specifies, and read
/// from a string or a number, since some service providers send a number.
/// The extension is there only when a reason, attribute or resource id is.
public struct SCIMError: Error, SCIMMessage, Hashable, CustomStringConvertible {
    /// The HTTP status code.
    public var status: Int
    public var scimType: SCIMErrorType?
    /// A human-readable explanation; never holds secrets.
    public var detail: String?
    /// The directory rule that refused the request (vendor extension).
    public var reason: SCIMReasonCode?
    /// The attribute concerned, as a SCIM path, e.g. `emails[value eq "a@b.c"]`
    /// or `urn:…:enterprise:2.0:User:department` (vendor extension).
    public var attribute: String?
    /// For `already-exists`: the id of the existing resource, when the
    /// caller may see it (vendor extension).
    public var resourceId: String?

    public init(
        status: Int,
        scimType: SCIMErrorType? = nil,
        detail: String? = nil,
        reason: SCIMReasonCode? = nil,
        attribute: String? = nil,
        resourceId: String? = nil
    ) {
        self.status = status
        self.scimType = scimType
        self.detail = detail
        self.reason = reason
        self.attribute = attribute
        self.resourceId = resourceId
    }

    /// An error for one of the directory's rules, with the status and
    /// `scimType` the catalogue gives that reason.
    public init(_ reason: SCIMReasonCode, attribute: String? = nil, detail: String? = nil, resourceId: String? = nil) {
        self.init(
            status: reason.status,
            scimType: reason.scimType,
            detail: detail,
            reason: reason,
            attribute: attribute,
            resourceId: resourceId
        )
    }

    public var description: String {
        var text = "SCIM error \(status)"
        if let scimType { text += " \(scimType)" }
        if let reason { text += " (\(reason))" }
        if let attribute { text += " [\(attribute)]" }
        if let detail { text += ": \(detail)" }
        return text
    }

    public var json: JSON {
        var object = JSONObject()
        let hasExtension = reason != nil || attribute != nil || resourceId != nil
        var schemas: [JSON] = [.string(SCIMSchemaURN.error)]
        if hasExtension { schemas.append(.string(SCIMSchemaURN.directorySyncError)) }
        object.set("schemas", .array(schemas))
        object.set("status", .string(String(status)))
        object.set("scimType", scimType.map { .string($0.rawValue) })
        object.set("detail", detail.map(JSON.string))
        if hasExtension {
            var vendor = JSONObject()
            vendor.set("reason", reason.map { .string($0.rawValue) })
            vendor.set("attribute", attribute.map(JSON.string))
            vendor.set("resourceId", resourceId.map(JSON.string))
            object.set(SCIMSchemaURN.directorySyncError, .object(vendor))
        }
        return .object(object)
    }

    public init(json: JSON) throws(SCIMDecodingError) {
        let reader = try SCIMMessageReader(json, message: "Error")
        guard let status = try reader.int("status") else { throw reader.fail("status", "missing") }
        self.status = status
        self.scimType = try reader.string("scimType").map(SCIMErrorType.init(rawValue:))
        self.detail = try reader.string("detail")
        if let vendorJSON = reader.value(SCIMSchemaURN.directorySyncError) {
            let vendor = try SCIMMessageReader(vendorJSON, message: "Error", prefix: SCIMSchemaURN.directorySyncError)
            self.reason = try vendor.string("reason").map(SCIMReasonCode.init(rawValue:))
            self.attribute = try vendor.string("attribute")
            self.resourceId = try vendor.string("resourceId")
        }
    }
}

extension SCIMError: SCIMErrorConvertible {
    public var scimError: SCIMError { self }
}
