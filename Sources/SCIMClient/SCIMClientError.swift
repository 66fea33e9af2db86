public import SCIM

/// Why a SCIM request failed, with what the agent needs to report it: the
/// status, the directory's SCIM error (and its reason code), the request id.
public enum SCIMClientError: Error, Sendable, CustomStringConvertible {
    /// The target answered with an error status.
    case answered(status: Int, error: SCIMError?, requestID: String)
    /// 429 beyond the retry budget.
    case rateLimited(requestID: String)
    /// No usable answer after the retries: refused, reset, timed out, TLS.
    case unreachable(underlying: String, requestID: String)
    /// The directory's certificate was refused (not trusted, or for another
    /// name): not sent again.
    case untrusted(underlying: String, requestID: String)
    /// 401 even after refreshing the credential once.
    case accessLost(detail: String, requestID: String)
    /// An answer that is not the SCIM it should be.
    case malformed(detail: String, requestID: String)

    public var requestID: String {
        switch self {
        case .answered(_, _, let id), .rateLimited(let id), .unreachable(_, let id), .untrusted(_, let id), .accessLost(_, let id),
            .malformed(_, let id): id
        }
    }

    /// The HTTP status, when there was an answer.
    public var status: Int? {
        switch self {
        case .answered(let status, _, _): status
        case .rateLimited: 429
        case .accessLost: 401
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .answered(let status, let error, let id):
            "the target answered \(status)\(error.map { ": \($0.description)" } ?? "") (request \(id))"
        case .rateLimited(let id): "the target kept answering 429 Too Many Requests beyond the retry budget (request \(id))"
        case .unreachable(let underlying, let id): "the target could not be reached: \(underlying) (request \(id))"
        case .untrusted(let underlying, let id): "the target's certificate was refused: \(underlying) (request \(id))"
        case .accessLost(let detail, let id): "the target refused the agent's credential: \(detail) (request \(id))"
        case .malformed(let detail, let id): "the target's answer is not valid SCIM: \(detail) (request \(id))"
        }
    }
}
