/// One record of an LDIF file (RFC 2849): an entry's content, or a change to
/// apply to the directory.
public enum LDIFRecord: Sendable, Hashable {
    /// `ldif-attrval-record`: a DN and its attributes.
    case content(LDAPEntry)
    /// `ldif-change-record`: a DN, optional controls and a `changetype:`.
    case change(LDIFChange)
}

/// An `ldif-change-record` (RFC 2849): what to do to one entry, and the
/// controls (`control:` lines) to send with the operation.
public struct LDIFChange: Sendable, Hashable {
    public enum Operation: Sendable, Hashable {
        /// `changetype: add`; the entry's DN is the record's.
        case add(LDAPEntry)
        /// `changetype: delete`
        case delete(dn: String)
        /// `changetype: modify`; a `delete:` part without values deletes the
        /// attribute (its `LDAPAttribute` has no values).
        case modify(dn: String, modifications: [LDAPModification])
        /// `changetype: modrdn` or `moddn` (RFC 4511 §4.9 ModifyDNRequest).
        case modifyDN(dn: String, newRDN: String, deleteOldRDN: Bool, newSuperior: String?)
    }

    public var operation: Operation
    public var controls: [LDIFControl]

    public init(_ operation: Operation, controls: [LDIFControl] = []) {
        self.operation = operation
        self.controls = controls
    }

    /// The DN of the entry the change applies to.
    public var dn: String {
        switch operation {
        case .add(let entry): entry.dn
        case .delete(let dn), .modify(let dn, _), .modifyDN(let dn, _, _, _): dn
        }
    }
}

/// A `control:` line of a change record (RFC 2849 `control`), as RFC 4511
/// §4.1.11 Control: an OID, a criticality and an optional value.
public struct LDIFControl: Sendable, Hashable {
    public var oid: String
    public var criticality: Bool
    public var value: [UInt8]?

    public init(oid: String, criticality: Bool = false, value: [UInt8]? = nil) {
        self.oid = oid
        self.criticality = criticality
        self.value = value
    }
}
