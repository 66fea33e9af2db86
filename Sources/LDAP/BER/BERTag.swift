/// An identifier octet of X.690 BER, restricted to what LDAP uses: low tag
/// numbers (0–30) in one octet. RFC 4511 §5.1 says LDAP uses BER with only the
/// definite length form; all LDAP tags fit in one identifier octet.
public struct BERTag: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public enum TagClass: UInt8, Sendable {
        case universal = 0x00
        case application = 0x40
        case contextSpecific = 0x80
        case `private` = 0xC0
    }

    public init(_ tagClass: TagClass, constructed: Bool, number: UInt8) {
        precondition(number < 31, "high tag numbers are not used by LDAP")
        rawValue = tagClass.rawValue | (constructed ? 0x20 : 0) | number
    }

    public var isConstructed: Bool { rawValue & 0x20 != 0 }

    public var description: String {
        "0x" + String(rawValue, radix: 16, uppercase: true)
    }

    // X.680 universal tags used by LDAP.
    public static let boolean = BERTag(rawValue: 0x01)
    public static let integer = BERTag(rawValue: 0x02)
    public static let octetString = BERTag(rawValue: 0x04)
    public static let null = BERTag(rawValue: 0x05)
    public static let enumerated = BERTag(rawValue: 0x0A)
    public static let sequence = BERTag(rawValue: 0x30)
    public static let set = BERTag(rawValue: 0x31)

    public static func application(_ number: UInt8, constructed: Bool) -> BERTag {
        BERTag(.application, constructed: constructed, number: number)
    }

    public static func context(_ number: UInt8, constructed: Bool = false) -> BERTag {
        BERTag(.contextSpecific, constructed: constructed, number: number)
    }
}
