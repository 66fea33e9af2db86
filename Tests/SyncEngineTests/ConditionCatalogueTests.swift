import SCIM
import Testing

@testable import SyncEngine

@Suite struct ConditionCatalogueTests {
    /// Every code of shared/product/conditions.md, as the product names them.
    static let productCodes = [
        "not-admin", "client-mismatch", "instance-exists", "general",
        "ldap-insufficient-rights", "ldap-bind-failed", "dc-unavailable", "tls-untrusted",
        "ldap-strong-auth-required", "ldap-size-limit", "source-read-incomplete",
        "field-deleted", "field-unknown",
        "invalid-email", "bad-request", "server-error", "email-in-other-org", "already-exists",
        "access-lost", "domain-not-verified", "plan-limit", "mandatory-missing", "too-long",
        "invalid-value", "exists-in-other-deployment", "duplicate-in-source", "target-missing",
        "link-refused-privileged", "name-conflict", "rate-limited", "plan-stale",
    ]

    @Test func coversEveryProductCondition() {
        let known = Set(ConditionCatalogue.all.map(\.code.rawValue))
        let missing = Self.productCodes.filter { !known.contains($0) }
        #expect(missing.isEmpty, "not in the catalogue: \(missing)")
    }

    @Test func codesAreUniqueAndTextIsWritten() {
        let codes = ConditionCatalogue.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        for entry in ConditionCatalogue.all {
            #expect(entry.reason.hasSuffix("."), "\(entry.code): reason is a sentence")
            #expect(entry.remedy.count > 10, "\(entry.code): remedy is concrete")
        }
    }

    @Test func onlyAlreadyExistsIsInformational() {
        #expect(ConditionCatalogue.all.filter(\.isInformational).map(\.code) == [.alreadyExists])
    }

    /// The directory's reason codes are the condition codes of the same
    /// situations; only `last-owner` is none (the agent never changes roles).
    @Test(arguments: SCIMReasonCode.all)
    func directoryReasonMapsToSameCode(reason: SCIMReasonCode) {
        if reason == .lastOwner {
            #expect(ConditionCatalogue.code(for: reason) == nil)
        } else {
            #expect(ConditionCatalogue.code(for: reason)?.rawValue == reason.rawValue)
        }
    }

    @Test(arguments: [
        (400, ConditionCode.badRequest), (401, .accessLost), (403, .accessLost), (404, .targetMissing),
        (409, .alreadyExists), (412, .planStale), (413, .badRequest), (429, .rateLimited),
        (500, .serverError), (503, .serverError), (0, .serverError), (418, .general),
    ])
    func statusMapsToCondition(status: Int, expected: ConditionCode) {
        #expect(ConditionCatalogue.code(forStatus: status) == expected)
    }

    @Test func reasonWinsOverStatus() {
        let planLimit = SCIMError(.planLimit, detail: "no free seat")
        #expect(ConditionCatalogue.code(for: planLimit) == .planLimit)
        let plain403 = SCIMError(status: 403, detail: "forbidden")
        #expect(ConditionCatalogue.code(for: plain403) == .accessLost)
        let lastOwner = SCIMError(.lastOwner)
        #expect(ConditionCatalogue.code(for: lastOwner) == .badRequest)
    }

    @Test func explanationShowsReasonAndRemedy() throws {
        let entry = try #require(ConditionCatalogue.entry(.duplicateInSource))
        let text = ConditionCatalogue.explanation(of: entry)
        #expect(text.hasPrefix("duplicate-in-source\n"))
        #expect(text.contains(entry.reason))
        #expect(text.contains(entry.remedy))
        #expect(ConditionCatalogue.entry(ConditionCode("no-such-code")) == nil)
    }

    @Test func recordShortensLongValues() {
        let record = ConditionRecord(.tooLong, value: String(repeating: "x", count: 500), detail: "too long")
        #expect(record.value?.count == 121)
        #expect(record.condition.code == .tooLong)
    }

    /// docs/conditions.md is the catalogue's rendering; regenerate it with
    /// `swift run dsync explain --markdown > docs/conditions.md`.
    @Test func documentationMatchesCatalogue() throws {
        let committed = try RepositoryFile.read("docs/conditions.md")
        #expect(committed == ConditionCatalogue.markdown, "docs/conditions.md is stale: run `dsync explain --markdown > docs/conditions.md`")
    }
}
