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
        try await store.createUser(user)
        if let password {
            try await store.setPasswordHash(PasswordHasher.hash(password), userID: user.id)
        }
        return user
    }

    /// The organization's user with this userName (compared case-folded).
    public func user(named userName: String) async throws -> StoredUser? {
        let query = ResourceQuery(equality: .nameKey(SCIMCaseFolding.key(userName)), count: 1)
        return try await store.users(organizationID: organization.id, query: query).users.first
    }

    /// An administrator signing in: the same answer for an unknown name and
    /// a wrong password, so the form does not reveal who exists.
    public func signIn(userName: String, password: [UInt8]) async throws -> StoredUser {
        guard let user = try await user(named: userName), let stored = try await store.passwordHash(userID: user.id),
              PasswordHasher.verify(password, against: stored)
        else {
            throw DirectoryError.unauthorized("the user name or the password is wrong")
        }
        return user
    }
}
