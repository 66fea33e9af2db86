/// A `scimType` detail error keyword (RFC 7644 §3.12, Table 9, and the
/// pagination keywords of RFC 9865 §2.1). A struct over the raw string, so a
/// client can carry keywords it does not know.
public struct SCIMErrorType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    // RFC 7644 Table 9
    public static let invalidFilter = SCIMErrorType("invalidFilter")
    public static let tooMany = SCIMErrorType("tooMany")
    public static let uniqueness = SCIMErrorType("uniqueness")
    public static let mutability = SCIMErrorType("mutability")
    public static let invalidSyntax = SCIMErrorType("invalidSyntax")
    public static let invalidPath = SCIMErrorType("invalidPath")
    public static let noTarget = SCIMErrorType("noTarget")
    public static let invalidValue = SCIMErrorType("invalidValue")
    public static let invalidVers = SCIMErrorType("invalidVers")
    public static let sensitive = SCIMErrorType("sensitive")
    // RFC 9865 §2.1
    public static let invalidCursor = SCIMErrorType("invalidCursor")
    public static let expiredCursor = SCIMErrorType("expiredCursor")
    public static let invalidCount = SCIMErrorType("invalidCount")

    /// The HTTP status that goes with the keyword: 409 for `uniqueness`,
    /// 403 for `sensitive`, 400 for the rest (RFC 7644 Table 9).
    public var defaultStatus: Int {
        switch self {
        case .uniqueness: 409
        case .sensitive: 403
        default: 400
        }
    }
}

/// An error that has a SCIM error message form, so the server can answer
/// any of this module's errors the same way.
public protocol SCIMErrorConvertible: Error {
    var scimError: SCIMError { get }
}
