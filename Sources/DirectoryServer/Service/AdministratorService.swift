import Foundation
import SCIM

/// Adds the people who administer an organization (`directoryd admin org
/// create --owner`, `directoryd admin user add`). They are users of the
/// organization like any other, with a directory role and, to sign in, a
/// password kept only as a scrypt hash.
public struct AdministratorService: Sendable {
    public let store: any DirectoryStore
    public let organization: Organization

    public init(store: any DirectoryStore, organization: Organization) {
        self.store = store
        self.organization = organization
    }

    public func add(userName: String, role: DirectoryRole, password: [UInt8]?) async throws -> StoredUser {
        var body: JSONObject = [
            "schemas": [.string(UserResource.schema)],
            "userName": .string(userName),
        ]
        if FieldValidator.isValidEmail(userName) {
            body["emails"] = [["value": .string(userName), "type": "work", "primary": true]]
        }
        let now = Timestamps.now()
        var user = try UserResource.stored(
            from: .object(body), id: Identifiers.make(), organizationID: organization.id, version: 1, created: now, now: now
        )
        user.role = role
        try CustomFields.apply(to: &user, rules: try await store.fields(organizationID: organization.id))
        try await DomainService.check(user, store: store)
        try await store.createUser(user, seatLimit: organization.plan.seatLimit)
        if let password {
            try await store.setPasswordHash(PasswordHasher.hash(password), userID: user.id)
        }
        return user
    }
}
