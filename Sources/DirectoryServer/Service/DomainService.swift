import Foundation
import Crypto
import SCIM

/// An organization's email domains: claimed with a token to publish in DNS,
/// then verified. From its first verified domain on, every email address of
/// its users must be in one of its verified domains (`domain-not-verified`).
public struct DomainService: Sendable {
    public let store: any DirectoryStore
    public let organizationID: String

    public init(store: any DirectoryStore, organizationID: String) {
        self.store = store
        self.organizationID = organizationID
    }

    /// Claims `name`; the answer says which TXT record proves ownership.
    public func add(_ name: String) async throws -> Domain {
        guard let normalized = Domain.normalize(name) else {
            throw DirectoryError.invalidArgument("\"\(name)\" is not a domain name")
        }
        let token = SymmetricKey(size: .bits128).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
        let domain = Domain(organizationID: organizationID, name: normalized, token: token, createdAt: Timestamps.now())
        try await store.addDomain(domain)
        return domain
    }

    /// Marks the domain verified. The DNS lookup of the TXT record is not
    /// done here yet: this is the explicit verification (for tests and for
    /// an operator who checked the record).
    public func verify(_ name: String) async throws {
        guard let normalized = Domain.normalize(name) else {
            throw DirectoryError.invalidArgument("\"\(name)\" is not a domain name")
        }
        try await store.verifyDomain(normalized, organizationID: organizationID)
    }

    public func remove(_ name: String) async throws -> Bool {
        guard let normalized = Domain.normalize(name) else { return false }
        return try await store.removeDomain(normalized, organizationID: organizationID)
    }

    /// Throws `domain-not-verified` for the first address of `user` outside
    /// the verified domains, once the organization has any.
    static func check(_ user: StoredUser, store: any DirectoryStore) async throws {
        try check(user, verified: await verifiedDomains(of: user.organizationID, store: store))
    }

    static func verifiedDomains(of organizationID: String, store: any DirectoryStore) async throws -> Set<String> {
        Set(try await store.domains(organizationID: organizationID).filter(\.isVerified).map(\.name))
    }

    static func check(_ user: StoredUser, verified: Set<String>) throws {
        guard !verified.isEmpty else { return }
        let addresses = user.document["emails"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []
        for address in addresses {
            guard let at = address.lastIndex(of: "@"), let domain = Domain.normalize(String(address[address.index(after: at)...])) else { continue }
            if !verified.contains(domain) {
                throw DirectoryError.rule(
                    .domainNotVerified, attribute: "emails",
                    detail: "\(address): \(domain) is not a verified domain of the organization (verified: \(verified.sorted().joined(separator: ", ")))"
                )
            }
        }
    }
}
