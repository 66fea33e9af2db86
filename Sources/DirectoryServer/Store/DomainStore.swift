/// Domains in the store. A domain may be verified by one organization only,
/// enforced by a unique index over verified names.
public protocol DomainStore: Sendable {
    /// Throws `.invalidArgument` when the organization already has the domain.
    func addDomain(_ domain: Domain) async throws
    func domains(organizationID: String) async throws -> [Domain]
    /// Marks the domain verified; throws `.notFound` when the organization
    /// has no such domain and `.rule(.alreadyExists, …)` when another
    /// organization verified it first.
    func verifyDomain(_ name: String, organizationID: String) async throws
    func removeDomain(_ name: String, organizationID: String) async throws -> Bool
}
