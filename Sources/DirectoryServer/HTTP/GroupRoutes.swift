import Foundation
import Hummingbird
import SCIM

/// /scim/v2/Groups (RFC 7644 §3.3–3.6). `attributes` / `excludedAttributes`
/// decide whether members are read at all, so a one-member PATCH of a huge
/// group can be answered small (`excludedAttributes=members`).
struct GroupRoutes {
    let store: any DirectoryStore
    let configuration: DirectoryServerConfiguration

    func add(to group: RouterGroup<DirectoryRequestContext>) {
        group.post("Groups") { request, context in
            await SCIMHTTP.handle {
                let service = try service(context, needs: .groupsWrite)
                let created = try await service.create(SCIMHTTP.body(request, limit: configuration.maximumBodySize))
                return SCIMHTTP.response(
                    try UserRoutes.projection(request).apply(try await service.json(created, includeMembers: Self.includeMembers(request))), status: .created,
                    headers: [.location: "\(configuration.scimBaseURL)/Groups/\(created.id)", .eTag: created.etag]
                )
            }
        }
        group.get("Groups") { request, context in
            await SCIMHTTP.handle {
                let service = try service(context, needs: .groupsRead)
                let now = configuration.clock()
                return SCIMHTTP.response(try await service.list(ListRequest(query: SCIMHTTP.queryItems(request), now: now), now: now).json)
            }
        }
        group.post("Groups/.search") { request, context in
            await SCIMHTTP.handle {
                let service = try service(context, needs: .groupsRead)
                let now = configuration.clock()
                let search = try await SCIMHTTP.searchRequest(request, limit: configuration.maximumBodySize)
                return SCIMHTTP.response(try await service.list(ListRequest(search, now: now), now: now).json)
            }
        }
        group.get("Groups/:id") { request, context in
            await SCIMHTTP.handle {
                let service = try service(context, needs: .groupsRead)
                let found = try await service.get(context.parameters.require("id"))
                if request.headers[.ifNoneMatch] == found.etag {
                    return Response(status: .notModified, headers: [.eTag: found.etag])
                }
                return SCIMHTTP.response(try UserRoutes.projection(request).apply(try await service.json(found, includeMembers: Self.includeMembers(request))), headers: [.eTag: found.etag])
            }
        }
        group.put("Groups/:id") { request, context in
            await SCIMHTTP.handle {
                let service = try service(context, needs: .groupsWrite)
                let replaced = try await service.replace(
                    context.parameters.require("id"), with: SCIMHTTP.body(request, limit: configuration.maximumBodySize),
                    ifMatch: request.headers[.ifMatch]
                )
                return SCIMHTTP.response(try UserRoutes.projection(request).apply(try await service.json(replaced, includeMembers: Self.includeMembers(request))), headers: [.eTag: replaced.etag])
            }
        }
        group.patch("Groups/:id") { request, context in
            await SCIMHTTP.handle {
                let service = try service(context, needs: .groupsWrite)
                let patched = try await service.patch(
                    context.parameters.require("id"), with: SCIMHTTP.body(request, limit: configuration.maximumBodySize),
                    ifMatch: request.headers[.ifMatch]
                )
                return SCIMHTTP.response(try UserRoutes.projection(request).apply(try await service.json(patched, includeMembers: Self.includeMembers(request))), headers: [.eTag: patched.etag])
            }
        }
        group.delete("Groups/:id") { request, context in
            await SCIMHTTP.handle {
                try await service(context, needs: .groupsWrite).delete(context.parameters.require("id"), ifMatch: request.headers[.ifMatch])
                return Response(status: .noContent)
            }
        }
    }

    /// RFC 7644 §3.4.2.5: members are read only when the response shows them.
    static func includeMembers(_ request: Request) -> Bool {
        (try? UserRoutes.projection(request).wants("members")) ?? true
    }

    private func service(_ context: DirectoryRequestContext, needs scope: Scope) throws -> GroupService {
        guard let organization = context.organization else { throw DirectoryError.unauthorized("a bearer token is required") }
        guard context.scopes.contains(scope) else { throw DirectoryError.forbidden("the token lacks the scope \(scope.rawValue)") }
        return GroupService(store: store, organization: organization, baseURL: configuration.scimBaseURL)
    }
}
