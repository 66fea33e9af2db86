import Hummingbird
import SCIM

/// POST /scim/v2/Bulk (RFC 7644 §3.7).
struct BulkRoutes {
    let store: any DirectoryStore
    let configuration: DirectoryServerConfiguration

    func add(to group: RouterGroup<DirectoryRequestContext>) {
        group.post("Bulk") { request, context in
            await SCIMHTTP.handle {
                guard let organization = context.organization else { throw DirectoryError.unauthorized("a bearer token is required") }
                let bytes = try await SCIMHTTP.bodyBytes(request, limit: BulkService.maximumPayloadSize)
                let body = try SCIMHTTP.json(from: bytes)
                let bulk: SCIMBulkRequest
                do { bulk = try SCIMBulkRequest(json: body) } catch {
                    throw DirectoryError.scim(SCIMError(status: 400, scimType: .invalidSyntax, detail: "\(error)"))
                }
                // RFC 7644 §3.7.4: beyond the advertised limits, 413.
                guard bulk.operations.count <= BulkService.maximumOperations else {
                    throw DirectoryError.scim(SCIMError(status: 413, scimType: .tooMany, detail: "at most \(BulkService.maximumOperations) operations per request, not \(bulk.operations.count)"))
                }
                let base = configuration.scimBaseURL
                var service = BulkService(
                    users: UserService(store: store, organization: organization, baseURL: base, federation: configuration.federation, rules: context.rules),
                    groups: GroupService(store: store, organization: organization, baseURL: base),
                    scopes: context.scopes
                )
                service.bulkIdsPossible = bytes.withUnsafeReadableBytes { SCIMBulkRequest.mayReferToBulkIds($0) }
                return SCIMHTTP.response(await service.run(bulk).json)
            }
        }
    }
}
