import Hummingbird
import SCIM

/// /scim/v2/Users (RFC 7644 §3.3–3.6).
struct UserRoutes {
    let store: any DirectoryStore
    let configuration: DirectoryServerConfiguration

    func add(to group: RouterGroup<DirectoryRequestContext>) {
        group.post("Users") { request, context in
            await SCIMHTTP.handle {
                let service = try service(context, needs: .usersWrite)
                let user = try await service.create(SCIMHTTP.body(request, limit: configuration.maximumBodySize))
                return SCIMHTTP.response(
                    try Self.projection(request).apply(UserResource.json(user, baseURL: configuration.scimBaseURL)), status: .created,
                    headers: [.location: "\(configuration.scimBaseURL)/Users/\(user.id)", .eTag: user.etag]
                )
            }
        }
        group.get("Users") { request, context in
            await SCIMHTTP.handle {
                let service = try service(context, needs: .usersRead)
                let now = configuration.clock()
                return SCIMHTTP.response(serialized: try await service.list(ListRequest(query: SCIMHTTP.queryItems(request), now: now), now: now))
            }
        }
        group.post("Users/.search") { request, context in
            await SCIMHTTP.handle {
                let service = try service(context, needs: .usersRead)
                let now = configuration.clock()
                let search = try await SCIMHTTP.searchRequest(request, limit: configuration.maximumBodySize)
                return SCIMHTTP.response(serialized: try await service.list(ListRequest(search, now: now), now: now))
            }
        }
        group.get("Users/:id") { request, context in
            await SCIMHTTP.handle {
                let user = try await service(context, needs: .usersRead).get(context.parameters.require("id"))
                // RFC 7644 §3.14: If-None-Match with the current version.
                if request.headers[.ifNoneMatch] == user.etag {
                    return Response(status: .notModified, headers: [.eTag: user.etag])
                }
                return SCIMHTTP.response(try Self.projection(request).apply(UserResource.json(user, baseURL: configuration.scimBaseURL)), headers: [.eTag: user.etag])
            }
        }
        // RFC 7644 §3.11: the user the token acts for. Reading oneself
        // needs no scope beyond a valid token.
        group.get("Me") { request, context in
            await SCIMHTTP.handle {
                guard let organization = context.organization else { throw DirectoryError.unauthorized("a bearer token is required") }
                guard let subject = context.subjectUserID else {
                    throw DirectoryError.scim(SCIMError(
                        status: 404, detail: "this token acts for no user (API tokens and client-credentials tokens have no /Me); sign in with the device grant"
                    ))
                }
                let user = try await UserService(store: store, organization: organization, baseURL: configuration.scimBaseURL, federation: configuration.federation, rules: context.rules).get(subject)
                return SCIMHTTP.response(
                    try Self.projection(request).apply(UserResource.json(user, baseURL: configuration.scimBaseURL)),
                    headers: [.eTag: user.etag, .location: "\(configuration.scimBaseURL)/Users/\(user.id)"]
                )
            }
        }
        group.put("Users/:id") { request, context in
            await SCIMHTTP.handle {
                let service = try service(context, needs: .usersWrite)
                let user = try await service.replace(
                    context.parameters.require("id"), with: SCIMHTTP.body(request, limit: configuration.maximumBodySize),
                    ifMatch: request.headers[.ifMatch]
                )
                return SCIMHTTP.response(try Self.projection(request).apply(UserResource.json(user, baseURL: configuration.scimBaseURL)), headers: [.eTag: user.etag])
            }
        }
        group.patch("Users/:id") { request, context in
            await SCIMHTTP.handle {
                let service = try service(context, needs: .usersWrite)
                let user = try await service.patch(
                    context.parameters.require("id"), with: SCIMHTTP.body(request, limit: configuration.maximumBodySize),
                    ifMatch: request.headers[.ifMatch]
                )
                return SCIMHTTP.response(try Self.projection(request).apply(UserResource.json(user, baseURL: configuration.scimBaseURL)), headers: [.eTag: user.etag])
            }
        }
        group.delete("Users/:id") { request, context in
            await SCIMHTTP.handle {
                try await service(context, needs: .usersWrite).delete(context.parameters.require("id"), ifMatch: request.headers[.ifMatch])
                return Response(status: .noContent)
            }
        }
    }

    static func projection(_ request: Request) throws -> AttributeProjection {
        let query = request.uri.queryParameters
        return try AttributeProjection(
            attributes: query["attributes"].map(String.init), excludedAttributes: query["excludedAttributes"].map(String.init)
        )
    }

    private func service(_ context: DirectoryRequestContext, needs scope: Scope) throws -> UserService {
        guard let organization = context.organization else { throw DirectoryError.unauthorized("a bearer token is required") }
        guard context.scopes.contains(scope) else {
            throw DirectoryError.forbidden("the token lacks the scope \(scope.rawValue)")
        }
        return UserService(store: store, organization: organization, baseURL: configuration.scimBaseURL, federation: configuration.federation, rules: context.rules)
    }
}
