import Hummingbird
import SCIM

/// /Schemas and /ResourceTypes (RFC 7644 §4): how clients learn what this
/// service provider holds.
struct SchemaRoutes {
    let store: any DirectoryStore
    let configuration: DirectoryServerConfiguration

    /// The core schemas, and the organization's custom fields when it has any.
    private func schemas(_ context: DirectoryRequestContext) async throws -> [JSON] {
        var schemas = CoreSchemas.all.map { $0.json(baseURL: configuration.scimBaseURL) }
        if let organization = context.organization {
            let rules = try await store.fields(organizationID: organization.id)
            if !rules.isEmpty { schemas.append(CustomFields.schema(rules, baseURL: configuration.scimBaseURL)) }
        }
        return schemas
    }

    private func resourceTypes(_ context: DirectoryRequestContext) async throws -> [JSON] {
        var fields: [FieldRule] = []
        if let organization = context.organization { fields = try await store.fields(organizationID: organization.id) }
        return CoreSchemas.resourceTypes(baseURL: configuration.scimBaseURL, fields: fields)
    }

    func add(to group: RouterGroup<DirectoryRequestContext>) {
        group.get("Schemas") { _, context in
            await SCIMHTTP.handle {
                try Self.require(context)
                let schemas = try await schemas(context)
                return SCIMHTTP.response(SCIMListResponse(resources: schemas, totalResults: schemas.count, startIndex: 1, itemsPerPage: schemas.count).json)
            }
        }
        group.get("Schemas/:id") { _, context in
            await SCIMHTTP.handle {
                try Self.require(context)
                let id = try context.parameters.require("id")
                guard let schema = try await schemas(context).first(where: { $0["id"]?.stringValue?.caseInsensitiveEquals(id) == true }) else {
                    throw DirectoryError.notFound(resource: "Schema", id: id)
                }
                return SCIMHTTP.response(schema)
            }
        }
        group.get("ResourceTypes") { _, context in
            await SCIMHTTP.handle {
                try Self.require(context)
                let types = try await resourceTypes(context)
                return SCIMHTTP.response(SCIMListResponse(resources: types, totalResults: types.count, startIndex: 1, itemsPerPage: types.count).json)
            }
        }
        group.get("ResourceTypes/:id") { _, context in
            await SCIMHTTP.handle {
                try Self.require(context)
                let id = try context.parameters.require("id")
                guard let type = try await resourceTypes(context).first(where: { $0["id"]?.stringValue?.caseInsensitiveEquals(id) == true }) else {
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
