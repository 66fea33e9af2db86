import NIOHTTP1
public import SCIM

extension SCIMClient {
    /// RFC 7643 §6 (served as RFC 7644 §4 says): the resource types, each
    /// with its core schema and schema extensions.
    public func resourceTypes() async throws -> [JSON] {
        let answer = try await send(.GET, "/ResourceTypes")
        guard let json = answer.json else { throw SCIMClientError.malformed(detail: "no JSON body", requestID: answer.requestID) }
        return json["Resources"]?.arrayValue ?? []
    }
}
