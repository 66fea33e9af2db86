/// The stable identifier of a condition (shared/product/conditions.md).
///
/// Codes are stored in reports, printed by `dsync explain` and matched by
/// scripts, so a raw value never changes once released. Where the directory
/// has a vendor reason code (`SCIMReasonCode`) for the same situation, the
/// condition uses the same string, so an administrator meets one name.
public struct ConditionCode: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: ConditionCode, rhs: ConditionCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    // Signing in
    public static let notAdmin = ConditionCode("not-admin")
    public static let clientMismatch = ConditionCode("client-mismatch")
    public static let instanceExists = ConditionCode("instance-exists")
    public static let general = ConditionCode("general")
    public static let targetNotSCIM = ConditionCode("target-not-scim")

    // Source configuration and reading
    public static let ldapInsufficientRights = ConditionCode("ldap-insufficient-rights")
    public static let ldapBindFailed = ConditionCode("ldap-bind-failed")
    public static let dcUnavailable = ConditionCode("dc-unavailable")
    public static let tlsUntrusted = ConditionCode("tls-untrusted")
    public static let ldapStrongAuthRequired = ConditionCode("ldap-strong-auth-required")
    public static let ldapSizeLimit = ConditionCode("ldap-size-limit")
    public static let sourceReadIncomplete = ConditionCode("source-read-incomplete")
    public static let sourceRowInvalid = ConditionCode("source-row-invalid")

    // Mapping
    public static let fieldDeleted = ConditionCode("field-deleted")
    public static let fieldUnknown = ConditionCode("field-unknown")

    // Planning a run
    public static let deletionLimit = ConditionCode("deletion-limit")

    // Per object
    public static let invalidEmail = ConditionCode("invalid-email")
    public static let badRequest = ConditionCode("bad-request")
    public static let serverError = ConditionCode("server-error")
    public static let emailInOtherOrg = ConditionCode("email-in-other-org")
    public static let alreadyExists = ConditionCode("already-exists")
    public static let accessLost = ConditionCode("access-lost")
    public static let domainNotVerified = ConditionCode("domain-not-verified")
    public static let planLimit = ConditionCode("plan-limit")
    public static let mandatoryMissing = ConditionCode("mandatory-missing")
    public static let tooLong = ConditionCode("too-long")
    public static let invalidValue = ConditionCode("invalid-value")
    public static let existsInOtherDeployment = ConditionCode("exists-in-other-deployment")
    public static let duplicateInSource = ConditionCode("duplicate-in-source")
    public static let targetMissing = ConditionCode("target-missing")
    public static let linkRefusedPrivileged = ConditionCode("link-refused-privileged")
    public static let linkedToAnother = ConditionCode("linked-to-another")
    public static let nameConflict = ConditionCode("name-conflict")
    public static let rateLimited = ConditionCode("rate-limited")
    public static let planStale = ConditionCode("plan-stale")
}
