import SCIM
import SCIMClient
import SyncEngine

extension SCIMTarget {
    /// Runs a request, turning `SCIMClientError` into the port's
    /// `TargetError` with the condition of the catalogue
    /// (`ConditionCatalogue.code(for:)`: the directory's reason code, else
    /// the status).
    func translatingErrors<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as SCIMClientError {
            throw Self.targetError(error)
        }
    }

    static func targetError(_ error: SCIMClientError) -> TargetError {
        switch error {
        case .answered(let status, let scim?, let requestID):
            TargetError(
                code: ConditionCatalogue.code(for: scim), status: status, requestID: requestID,
                detail: scim.detail ?? scim.description, attribute: scim.attribute, existingID: scim.resourceId)
        case .answered(let status, nil, let requestID):
            TargetError(code: ConditionCatalogue.code(forStatus: status), status: status, requestID: requestID, detail: "HTTP \(status)")
        case .rateLimited(let requestID):
            TargetError(code: .rateLimited, status: 429, requestID: requestID, detail: error.description)
        case .accessLost(let detail, let requestID):
            TargetError(code: .accessLost, status: 401, requestID: requestID, detail: detail)
        case .unreachable(let underlying, let requestID):
            TargetError(code: .serverError, requestID: requestID, detail: "the directory could not be reached: \(underlying)")
        case .untrusted(let underlying, let requestID):
            TargetError(code: .tlsUntrusted, requestID: requestID, detail: "the directory's certificate was refused: \(underlying)")
        case .malformed(let detail, let requestID):
            TargetError(code: .serverError, requestID: requestID, detail: "the directory's answer is not valid SCIM: \(detail)")
        }
    }
}
