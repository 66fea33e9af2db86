/// RFC 2696 Simple Paged Results: `realSearchControlValue ::= SEQUENCE {
/// size INTEGER, cookie OCTET STRING }`, the same form in both directions.
public struct PagedResultsControl: Sendable, Hashable {
    public static let oid = "1.2.840.113556.1.4.319"

    /// Requested page size; in a response, the server's estimate of the total
    /// (often 0, meaning unknown).
    public var size: Int
    /// Empty on the first request and on the last page's response (RFC 2696 §3).
    public var cookie: [UInt8]

    public init(size: Int, cookie: [UInt8] = []) {
        self.size = size
        self.cookie = cookie
    }

    public func control(criticality: Bool = false) -> LDAPControl {
        LDAPControl(oid: Self.oid, criticality: criticality, value: ControlValue.encode { w in
            w.writeSequence { s in
                s.writeInteger(size)
                s.writeOctetString(cookie)
            }
        })
    }

    public init(_ control: LDAPControl) throws(BERError) {
        var reader = try ControlValue.sequenceReader(control, name: "PagedResults")
        size = try reader.readInteger()
        cookie = try reader.readOctetString()
    }
}

/// Active Directory's Show Deleted control (MS-ADTS 3.1.1.3.4.1.14): asks
/// for tombstones as well; it has no value.
public struct ShowDeletedControl {
    public static let oid = "1.2.840.113556.1.4.417"

    public static func control(criticality: Bool = true) -> LDAPControl {
        LDAPControl(oid: oid, criticality: criticality)
    }
}
