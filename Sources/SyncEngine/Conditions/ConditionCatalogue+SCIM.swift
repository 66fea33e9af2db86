public import SCIM

/// How a target's answer becomes a condition. The directory names its rule
/// in the vendor extension of the error (`SCIMReasonCode`); other service
/// providers only send a status (RFC 7644 §3.12), which maps to the nearest
/// condition.
extension ConditionCatalogue {
    /// The condition of a directory reason code. The shared codes are spelled
    /// the same on both sides; `nil` for a reason that is no sync condition
    /// (`last-owner`: the agent never changes roles), which then maps by status.
    public static func code(for reason: SCIMReasonCode) -> ConditionCode? {
        let code = ConditionCode(reason.rawValue)
        return entry(code) == nil ? nil : code
    }

    /// The condition of an error answer: the reason code when the target
    /// sent a known one, otherwise the HTTP status.
    public static func code(for error: SCIMError) -> ConditionCode {
        if let reason = error.reason, let code = code(for: reason) { return code }
        return code(forStatus: error.status)
    }

    /// The condition of an HTTP status without a reason code.
    ///
    /// - 400: the target refused a value (RFC 7644 §3.12 `invalidValue`,
    ///   `invalidSyntax` …): `bad-request`. 413 (a request or Bulk too large,
    ///   §3.7.3) too: the executor splits and retries before reporting it.
    /// - 401, 403: the token no longer grants access: `access-lost`.
    /// - 404 on an object the agent tracks: `target-missing`.
    /// - 409 (§3.3 `uniqueness`): `already-exists`; the executor then looks
    ///   the object up and links it.
    /// - 412 (§3.14, an `If-Match` version that no longer holds): the object
    ///   changed in the target since the plan: `plan-stale`.
    /// - 429 past the retry budget: `rate-limited`; 5xx and 0 (no answer,
    ///   a timeout): `server-error`.
    public static func code(forStatus status: Int) -> ConditionCode {
        switch status {
        case 400, 413: .badRequest
        case 401, 403: .accessLost
        case 404: .targetMissing
        case 409: .alreadyExists
        case 412: .planStale
        case 429: .rateLimited
        case 0, 500...599: .serverError
        default: .general
        }
    }
}
