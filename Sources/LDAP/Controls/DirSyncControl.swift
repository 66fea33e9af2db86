/// Active Directory's DirSync control (MS-ADTS 3.1.1.3.4.1.3, OID
/// 1.2.840.113556.1.4.841). The request value is `SEQUENCE { Flags INTEGER,
/// MaxBytes INTEGER, Cookie OCTET STRING }`; the response value is
/// `SEQUENCE { MoreResults INTEGER, unused INTEGER, CookieServer OCTET STRING }`.
public struct DirSyncControl: Sendable, Hashable {
    public static let oid = "1.2.840.113556.1.4.841"

    /// The request flags of MS-ADTS 3.1.1.3.4.1.3.
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// LDAP_DIRSYNC_OBJECT_SECURITY: return only what the caller may read,
        /// so "Replicating Directory Changes All" is not needed.
        public static let objectSecurity = Flags(rawValue: 0x0000_0001)
        /// LDAP_DIRSYNC_ANCESTORS_FIRST_ORDER.
        public static let ancestorsFirstOrder = Flags(rawValue: 0x0000_0800)
        /// LDAP_DIRSYNC_PUBLIC_DATA_ONLY.
        public static let publicDataOnly = Flags(rawValue: 0x0000_2000)
        /// LDAP_DIRSYNC_INCREMENTAL_VALUES: report changed values of linked
        /// attributes (member) as `member;range=1-1` (added) and `;range=0-0`
        /// (removed) instead of the whole list.
        public static let incrementalValues = Flags(rawValue: 0x8000_0000)
    }

    public var flags: Flags
    public var maxBytes: Int
    public var cookie: [UInt8]

    public init(flags: Flags = [.objectSecurity, .incrementalValues], maxBytes: Int = 0x7FFF_FFFF, cookie: [UInt8] = []) {
        self.flags = flags
        self.maxBytes = maxBytes
        self.cookie = cookie
    }

    /// DirSync must be marked critical, or AD refuses it (MS-ADTS).
    public func control(criticality: Bool = true) -> LDAPControl {
        // The flags are sent as a signed 32-bit INTEGER on the wire: the high
        // bit of incrementalValues makes it negative, as Windows clients send it.
        let wireFlags = Int(Int32(truncatingIfNeeded: flags.rawValue))
        return LDAPControl(oid: Self.oid, criticality: criticality, value: ControlValue.encode { w in
            w.writeSequence { s in
                s.writeInteger(wireFlags)
                s.writeInteger(maxBytes)
                s.writeOctetString(cookie)
            }
        })
    }

    /// Reads a request value (as a test server sees it).
    public init(request control: LDAPControl) throws(BERError) {
        var reader = try ControlValue.sequenceReader(control, name: "DirSync")
        flags = Flags(rawValue: Int(UInt32(truncatingIfNeeded: try reader.readInteger())))
        maxBytes = try reader.readInteger()
        cookie = try reader.readOctetString()
    }
}

/// The DirSync response control: whether more changes wait, and the cookie
/// to continue from.
public struct DirSyncResponse: Sendable, Hashable {
    public var moreResults: Bool
    public var cookie: [UInt8]

    public init(moreResults: Bool, cookie: [UInt8]) {
        self.moreResults = moreResults
        self.cookie = cookie
    }

    public init(_ control: LDAPControl) throws(BERError) {
        var reader = try ControlValue.sequenceReader(control, name: "DirSync response")
        moreResults = try reader.readInteger() != 0
        _ = try reader.readInteger()
        cookie = try reader.readOctetString()
    }

    public func control() -> LDAPControl {
        LDAPControl(oid: DirSyncControl.oid, criticality: false, value: ControlValue.encode { w in
            w.writeSequence { s in
                s.writeInteger(moreResults ? 1 : 0)
                s.writeInteger(0)
                s.writeOctetString(cookie)
            }
        })
    }
}
