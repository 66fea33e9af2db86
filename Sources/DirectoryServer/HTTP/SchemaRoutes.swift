import Hummingbird
import SCIM

/// /Schemas and /ResourceTypes (RFC 7644 §4): how clients learn what this
/// service provider holds.
struct SchemaRoutes {
    let configuration: DirectoryServerConfiguration

    func add(to group: RouterGroup<DirectoryRequestContext>) {
        let base = configuration.scimBaseURL
        group.get("Schemas") { _, context in
            await SCIMHTTP.handle {
                try Self.require(context)
                let schemas = CoreSchemas.all.map { $0.json(baseURL: base) }
                return SCIMHTTP.response(SCIMListResponse(resources: schemas, totalResults: schemas.count, startIndex: 1, itemsPerPage: schemas.count).json)
            }
        }
        group.get("Schemas/:id") { _, context in
            await SCIMHTTP.handle {
                try Self.require(context)
                let id = try context.parameters.require("id")
                guard let schema = CoreSchemas.all.first(where: { $0.id.caseInsensitiveEquals(id) }) else {
                    throw DirectoryError.notFound(resource: "Schema", id: id)
                }
                return SCIMHTTP.response(schema.json(baseURL: base))
            }
        }
        group.get("ResourceTypes") { _, context in
            await SCIMHTTP.handle {
                try Self.require(context)
                let types = CoreSchemas.resourceTypes(baseURL: base)
                return SCIMHTTP.response(SCIMListResponse(resources: types, totalResults: types.count, startIndex: 1, itemsPerPage: types.count).json)
            }
        }
        group.get("ResourceTypes/:id") { _, context in
            await SCIMHTTP.handle {
                try Self.require(context)
                let id = try context.parameters.require("id")
                guard let type = CoreSchemas.resourceTypes(baseURL: base).first(where: { $0["id"]?.stringValue?.caseInsensitiveEquals(id) == true }) else {
                    throw DirectoryError.notFound(resource: "ResourceType", id: id)
                }
                return SCIMHTTP.response(type)
            }
        }
    }

    private static func require(_ context: DirectoryRequestContext) throws {
        guard context.organization != nil else { throw DirectoryError.unauthorized("a bearer token is required") }
        guard context.scopes.contains(.schemaRead) else { throw DirectoryError.forbidden("the token lacks the scope \(Scope.schemaRead.rawValue)") }
    }
}
