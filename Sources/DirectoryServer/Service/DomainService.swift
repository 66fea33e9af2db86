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

    /// Verifies the domain by its DNS record: a TXT record at
    /// `_directoryd-verification.DOMAIN` holding `directoryd-verification=TOKEN`.
    /// An error says what was found instead.
    public func verifyByDNS(_ name: String, resolver: DNSResolver) async throws {
        guard let normalized = Domain.normalize(name) else {
            throw DirectoryError.invalidArgument("\"\(name)\" is not a domain name")
        }
        guard let domain = try await store.domains(organizationID: organizationID).first(where: { $0.name == normalized }) else {
            throw DirectoryError.notFound(resource: "Domain", id: normalized)
        }
        let records: [String]
        do {
            records = try await resolver.txtRecords(domain.txtRecordName)
        } catch DNSMessage.Failure.nameError {
            records = []
        } catch let error as DNSMessage.Failure {
            throw DirectoryError.unavailable("looking up \(domain.txtRecordName) failed: \(error); try again")
        }
        guard records.contains(domain.txtRecordValue) else {
            let found = records.isEmpty ? "there is no TXT record" : "the TXT records are \(records.map { "\"\($0)\"" }.joined(separator: ", "))"
            throw DirectoryError.invalidArgument(
                "\(normalized) is not verified: at \(domain.txtRecordName) \(found); publish TXT \"\(domain.txtRecordValue)\" there and verify again (DNS changes can take a while to appear)"
            )
        }
        try await store.verifyDomain(normalized, organizationID: organizationID)
    }

    /// Marks the domain verified without looking at DNS: for tests, and for
    /// an operator who checked the record by other means.
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
        let addresses = user.document["emails"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []
        do {
            try VerifiedDomains.check(addresses, verified: verified)
        } catch {
            throw DirectoryError.rule(error.reason, attribute: error.field, detail: error.detail)
        }
    }
}
