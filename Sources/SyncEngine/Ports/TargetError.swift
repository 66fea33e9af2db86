/// Why a target refused or failed a request, as the executor needs it: the
/// condition, and what to put in the report (status, the `X-Request-ID`,
/// the target's answer). A `Target` throws only this, so the executor never
/// sees HTTP or SCIM client types.
public struct TargetError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: ConditionCode
    /// The HTTP status; `nil` when there was no answer.
    public var status: Int?
    public var requestID: String?
    /// The target's answer (its `detail`), or what went wrong.
    public var detail: String
    /// The attribute the target named, if any.
    public var attribute: String?
    /// The existing object's id, when a 409 names it.
    public var existingID: String?

    public init(
        code: ConditionCode, status: Int? = nil, requestID: String? = nil, detail: String, attribute: String? = nil,
        existingID: String? = nil
    ) {
        self.code = code
        self.status = status
        self.requestID = requestID
        self.detail = detail
        self.attribute = attribute
        self.existingID = existingID
    }

    public var description: String {
        "\(code): \(detail)" + (status.map { " (\($0))" } ?? "") + (requestID.map { " [request \($0)]" } ?? "")
    }
}
