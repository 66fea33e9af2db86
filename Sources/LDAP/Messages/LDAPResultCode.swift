/// An LDAP resultCode (RFC 4511 §4.1.9 and Appendix A), open to codes we do
/// not name: servers send vendor codes too (RFC 4533's 4096).
public struct LDAPResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    public static let success = LDAPResultCode(rawValue: 0)
    public static let operationsError = LDAPResultCode(rawValue: 1)
    public static let protocolError = LDAPResultCode(rawValue: 2)
    public static let timeLimitExceeded = LDAPResultCode(rawValue: 3)
    public static let sizeLimitExceeded = LDAPResultCode(rawValue: 4)
    public static let compareFalse = LDAPResultCode(rawValue: 5)
    public static let compareTrue = LDAPResultCode(rawValue: 6)
    public static let authMethodNotSupported = LDAPResultCode(rawValue: 7)
    public static let strongerAuthRequired = LDAPResultCode(rawValue: 8)
    public static let referral = LDAPResultCode(rawValue: 10)
    public static let adminLimitExceeded = LDAPResultCode(rawValue: 11)
    public static let unavailableCriticalExtension = LDAPResultCode(rawValue: 12)
    public static let confidentialityRequired = LDAPResultCode(rawValue: 13)
    public static let saslBindInProgress = LDAPResultCode(rawValue: 14)
    public static let noSuchAttribute = LDAPResultCode(rawValue: 16)
    public static let undefinedAttributeType = LDAPResultCode(rawValue: 17)
    public static let inappropriateMatching = LDAPResultCode(rawValue: 18)
    public static let constraintViolation = LDAPResultCode(rawValue: 19)
    public static let attributeOrValueExists = LDAPResultCode(rawValue: 20)
    public static let invalidAttributeSyntax = LDAPResultCode(rawValue: 21)
    public static let noSuchObject = LDAPResultCode(rawValue: 32)
    public static let aliasProblem = LDAPResultCode(rawValue: 33)
    public static let invalidDNSyntax = LDAPResultCode(rawValue: 34)
    public static let aliasDereferencingProblem = LDAPResultCode(rawValue: 36)
    public static let inappropriateAuthentication = LDAPResultCode(rawValue: 48)
    public static let invalidCredentials = LDAPResultCode(rawValue: 49)
    public static let insufficientAccessRights = LDAPResultCode(rawValue: 50)
    public static let busy = LDAPResultCode(rawValue: 51)
    public static let unavailable = LDAPResultCode(rawValue: 52)
    public static let unwillingToPerform = LDAPResultCode(rawValue: 53)
    public static let loopDetect = LDAPResultCode(rawValue: 54)
    public static let namingViolation = LDAPResultCode(rawValue: 64)
    public static let objectClassViolation = LDAPResultCode(rawValue: 65)
    public static let notAllowedOnNonLeaf = LDAPResultCode(rawValue: 66)
    public static let notAllowedOnRDN = LDAPResultCode(rawValue: 67)
    public static let entryAlreadyExists = LDAPResultCode(rawValue: 68)
    public static let objectClassModsProhibited = LDAPResultCode(rawValue: 69)
    public static let affectsMultipleDSAs = LDAPResultCode(rawValue: 71)
    public static let other = LDAPResultCode(rawValue: 80)
    /// RFC 3909: the answer to an Abandon-like Cancel; also what some servers
    /// report for an abandoned operation.
    public static let canceled = LDAPResultCode(rawValue: 118)
    /// RFC 4533 §3.5: the server cannot continue from the client's cookie and
    /// needs a full refresh.
    public static let syncRefreshRequired = LDAPResultCode(rawValue: 4096)

    public var name: String {
        LDAPResultCode.names[rawValue] ?? "resultCode \(rawValue)"
    }

    public var description: String { "\(name) (\(rawValue))" }

    private static let names: [Int: String] = [
        0: "success", 1: "operationsError", 2: "protocolError", 3: "timeLimitExceeded",
        4: "sizeLimitExceeded", 5: "compareFalse", 6: "compareTrue", 7: "authMethodNotSupported",
        8: "strongerAuthRequired", 10: "referral", 11: "adminLimitExceeded",
        12: "unavailableCriticalExtension", 13: "confidentialityRequired", 14: "saslBindInProgress",
        16: "noSuchAttribute", 17: "undefinedAttributeType", 18: "inappropriateMatching",
        19: "constraintViolation", 20: "attributeOrValueExists", 21: "invalidAttributeSyntax",
        32: "noSuchObject", 33: "aliasProblem", 34: "invalidDNSyntax", 36: "aliasDereferencingProblem",
        48: "inappropriateAuthentication", 49: "invalidCredentials", 50: "insufficientAccessRights",
        51: "busy", 52: "unavailable", 53: "unwillingToPerform", 54: "loopDetect",
        64: "namingViolation", 65: "objectClassViolation", 66: "notAllowedOnNonLeaf",
        67: "notAllowedOnRDN", 68: "entryAlreadyExists", 69: "objectClassModsProhibited",
        71: "affectsMultipleDSAs", 80: "other", 118: "canceled", 4096: "e-syncRefreshRequired",
    ]
}
