/// The directory's machine-readable reasons, carried in the error vendor
/// extension (`SCIMSchemaURN.directorySyncError`) so a client can tell the
/// directory's own rules apart from plain protocol errors. The agent uses the
/// same codes when it validates before sending, and as the codes of the
/// matching conditions (conditions.md), so the raw strings are stable: never
/// rename one.
public struct SCIMReasonCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    // Field rules (FieldValidator)
    /// A required field has no value.
    public static let mandatoryMissing = SCIMReasonCode("mandatory-missing")
    /// A value is longer than the field's maximum (in Unicode code points).
    public static let tooLong = SCIMReasonCode("too-long")
    /// A value does not fit the field's kind (letters in a phone number).
    public static let invalidValue = SCIMReasonCode("invalid-value")
    /// An email address is missing or not a valid address.
    public static let invalidEmail = SCIMReasonCode("invalid-email")

    // Directory rules
    /// The address's domain is not a verified domain of the organization.
    public static let domainNotVerified = SCIMReasonCode("domain-not-verified")
    /// The organization's plan has no free seat.
    public static let planLimit = SCIMReasonCode("plan-limit")
    /// The address belongs to a user of another organization in this deployment.
    public static let emailInOtherOrg = SCIMReasonCode("email-in-other-org")
    /// The address has an account in another deployment (data center).
    public static let existsInOtherDeployment = SCIMReasonCode("exists-in-other-deployment")
    /// A unique value (userName, email, externalId) is taken inside the organization.
    public static let alreadyExists = SCIMReasonCode("already-exists")
    /// A group's displayName is taken by another group of the organization.
    public static let nameConflict = SCIMReasonCode("name-conflict")
    /// The request writes a field the organization's schema does not have
    /// (for example a deleted custom field).
    public static let fieldUnknown = SCIMReasonCode("field-unknown")
    /// The change would leave the organization without an active owner.
    public static let lastOwner = SCIMReasonCode("last-owner")

    /// Every code defined here.
    public static let all: [SCIMReasonCode] = [
        .mandatoryMissing, .tooLong, .invalidValue, .invalidEmail,
        .domainNotVerified, .planLimit, .emailInOtherOrg, .existsInOtherDeployment,
        .alreadyExists, .nameConflict, .fieldUnknown, .lastOwner,
    ]

    /// The HTTP status the directory answers with: 409 for conflicts with
    /// existing data, 403 for a plan limit (the request is valid but not
    /// allowed now), 400 for values a client must correct.
    public var status: Int {
        switch self {
        case .alreadyExists, .nameConflict, .emailInOtherOrg, .existsInOtherDeployment: 409
        case .planLimit: 403
        default: 400
        }
    }

    /// The `scimType` that goes with the status (RFC 7644 Table 9); `nil`
    /// where none fits (a 403). A PATCH whose path names an unknown field may
    /// prefer `invalidPath` for `field-unknown`.
    public var scimType: SCIMErrorType? {
        switch self {
        case .alreadyExists, .nameConflict, .emailInOtherOrg, .existsInOtherDeployment: .uniqueness
        case .planLimit: nil
        case .lastOwner: .mutability
        default: .invalidValue
        }
    }
}
