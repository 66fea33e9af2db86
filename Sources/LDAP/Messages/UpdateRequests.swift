import NIOCore

/// RFC 4511 §4.9 ModifyDNRequest.
public struct ModifyDNRequest: Sendable, Hashable {
    public var dn: String
    public var newRDN: String
    public var deleteOldRDN: Bool
    public var newSuperior: String?

    public init(dn: String, newRDN: String, deleteOldRDN: Bool = true, newSuperior: String? = nil) {
        self.dn = dn
        self.newRDN = newRDN
        self.deleteOldRDN = deleteOldRDN
        self.newSuperior = newSuperior
    }

    static let newSuperiorTag = BERTag.context(0)

    static func read(from reader: inout BERReader) throws(BERError) -> ModifyDNRequest {
        let dn = try reader.readString()
        let newRDN = try reader.readString()
        let deleteOld = try reader.readBoolean()
        let superior = try reader.readOptionalElement(newSuperiorTag)
            .map { c throws(BERError) in try BERReader.string(from: c, context: "ModifyDNRequest.newSuperior") }
        return ModifyDNRequest(dn: dn, newRDN: newRDN, deleteOldRDN: deleteOld, newSuperior: superior)
    }

    func write(to writer: inout BERWriter) {
        writer.writeString(dn)
        writer.writeString(newRDN)
        writer.writeBoolean(deleteOldRDN)
        if let newSuperior { writer.writeString(newSuperior, tag: ModifyDNRequest.newSuperiorTag) }
    }
}

/// RFC 4511 §4.6 ModifyRequest changes.
extension LDAPModification {
    static func readList(from reader: inout BERReader) throws(BERError) -> [LDAPModification] {
        var list = try reader.readConstructed(.sequence, context: "ModifyRequest.changes")
        var changes: [LDAPModification] = []
        while !list.isAtEnd {
            var change = try list.readConstructed(.sequence, context: "ModifyRequest.change")
            let value = try change.readEnumerated()
            guard let operation = Operation(rawValue: value) else {
                throw BERError(.badInteger, context: "ModifyRequest.operation")
            }
            changes.append(LDAPModification(operation, try LDAPAttribute.read(from: &change)))
        }
        return changes
    }

    static func writeList(_ changes: [LDAPModification], to writer: inout BERWriter) {
        writer.writeSequence { w in
            for change in changes {
                w.writeSequence { c in
                    c.writeEnumerated(change.operation.rawValue)
                    change.attribute.write(to: &c)
                }
            }
        }
    }
}
