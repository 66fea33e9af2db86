/// One record of an LDIF file (RFC 2849): an entry's content, or a change to
/// apply to the directory.
public enum LDIFRecord: Sendable, Hashable {
    /// `ldif-attrval-record`: a DN and its attributes.
    case content(LDAPEntry)
    /// `ldif-change-record`: a DN, optional controls and a `changetype:`.
    case change(LDIFChange)
}

/// An `ldif-change-record` (RFC 2849): what to do to one entry, and the
/// controls (`control:` lines, RFC 2849 `control`) to send with the
/// operation, as the `LDAPControl`s the request will carry.
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
    public var controls: [LDAPControl]

    public init(_ operation: Operation, controls: [LDAPControl] = []) {
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
