public import SCIM

/// Errors of the directory's own rules and of bad requests. Each maps to a
/// SCIM error response (RFC 7644 §3.12) with the vendor reason code.
public enum DirectoryError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidArgument(String)
    case notFound(resource: String, id: String)
    case rule(SCIMReasonCode, attribute: String?, detail: String, existingID: String? = nil)
    case scim(SCIMError)
    case versionMismatch(id: String)
    case unauthorized(String)
    case forbidden(String)
    /// Something the request depends on is down (a peer deployment): 503.
    case unavailable(String)
    /// Too many attempts (of a password, say): 429.
    case tooManyAttempts(String)

    public var description: String {
        switch self {
        case .invalidArgument(let text): text
        case .notFound(let resource, let id): "\(resource) \(id) not found"
        case .rule(let reason, let attribute, let detail, _): "\(reason)\(attribute.map { " (\($0))" } ?? ""): \(detail)"
        case .scim(let error): error.description
        case .versionMismatch(let id): "resource \(id) changed since the version given in If-Match"
        case .unauthorized(let text): text
        case .forbidden(let text): text
        case .unavailable(let text): text
        case .tooManyAttempts(let text): text
        }
    }

    /// The SCIM error response for this error.
    public var scimError: SCIMError {
        switch self {
        case .invalidArgument(let text):
            return SCIMError(status: 400, scimType: .invalidValue, detail: text)
        case .notFound(let resource, let id):
            return SCIMError(status: 404, detail: "\(resource) \(id) not found")
        case .rule(let reason, let attribute, let detail, let existingID):
            return SCIMError(reason, attribute: attribute, detail: detail, resourceId: existingID)
        case .scim(let error):
            return error
        case .versionMismatch:
            return SCIMError(status: 412, detail: description)
        case .unauthorized(let text):
            return SCIMError(status: 401, detail: text)
        case .forbidden(let text):
            return SCIMError(status: 403, detail: text)
        case .unavailable(let text):
            return SCIMError(status: 503, detail: text)
        case .tooManyAttempts(let text):
            return SCIMError(status: 429, detail: text)
        }
    }
}
