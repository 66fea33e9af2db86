import NIOCore

/// RFC 4511 §4.5.2 SearchResultEntry and §4.2 AttributeList: the hot path of
/// every read, so values are not copied out of the receive buffer until asked for.
extension LDAPEntry {
    /// The attributes stay encoded (checked, not copied): see `EncodedAttributeList`.
    static func read(from reader: inout BERReader) throws(BERError) -> LDAPEntry {
        let dn = try reader.readString()
        let list = try reader.readElement(.sequence)
        return LDAPEntry(dn: dn, encoded: try EncodedAttributeList(validating: list))
    }

    func write(to writer: inout BERWriter) {
        writer.writeString(dn)
        let attributes = self.attributes
        writer.writeSequence { w in
            for attribute in attributes { attribute.write(to: &w) }
        }
    }
}

extension LDAPAttribute {
    /// PartialAttribute ::= SEQUENCE { type AttributeDescription, vals SET OF value }
    static func read(from reader: inout BERReader) throws(BERError) -> LDAPAttribute {
        var element = try reader.readConstructed(.sequence, context: "PartialAttribute")
        let type = try element.readString()
        var set = try element.readConstructed(.set, context: "PartialAttribute.vals")
        var values: [[UInt8]] = []
        while !set.isAtEnd {
            values.append(try set.readOctetString())
        }
        return LDAPAttribute(type: type, values: values)
    }

    func write(to writer: inout BERWriter) {
        writer.writeSequence { w in
            w.writeString(type)
            // SET OF in the order given: LDAP gives value order no meaning,
            // and sorting would cost for nothing.
            w.writeConstructed(.set) { s in
                for value in values { s.writeOctetString(value) }
            }
        }
    }
}
