extension LDIFRecordParser {
    /// `changerecord = "changetype:" FILL (change-add / change-delete /
    /// change-modify / change-moddn)` (RFC 2849 §2); `body` is what follows.
    func changeOperation(_ changeType: LDIFValueLine, dn: String,
                         body: ArraySlice<LDIFLine>) throws(LDIFSyntaxError) -> LDIFChange.Operation {
        // Trailing blanks after a keyword are a common hand-editing slip.
        let name = String(decoding: LDIFLines.trimmingSpaces(changeType.value[...]), as: UTF8.self)
        switch name.lowercased() {
        case "add":
            // `change-add = "add" SEP 1*attrval-spec`
            guard !body.isEmpty else {
                throw LDIFSyntaxError(line: changeType.number, kind: .invalidChangeRecord,
                                      reason: "\"changetype: add\" needs at least one attribute")
            }
            return .add(LDAPEntry(dn: dn, attributes: try attributes(from: body)))
        case "delete":
            if let extra = body.first {
                throw LDIFSyntaxError(line: extra.number, kind: .unexpectedLine,
                                      reason: "nothing may follow \"changetype: delete\"")
            }
            return .delete(dn: dn)
        case "modify":
            return .modify(dn: dn, modifications: try modifications(from: body))
        case "modrdn", "moddn":
            return try modifyDN(dn: dn, changeType: changeType, body: body)
        default:
            throw LDIFSyntaxError(line: changeType.number, kind: .unknownChangeType,
                                  reason: "unknown changetype \"\(name)\" (expected add, delete, modify, modrdn or moddn)")
        }
    }

    /// `change-modify = "modify" SEP *mod-spec`, where
    /// `mod-spec = ("add:" / "delete:" / "replace:") FILL AttributeDescription
    /// SEP *attrval-spec "-" SEP`, plus `increment:` from RFC 4525 §3. The
    /// last part's `-` may be left out, as ldapmodify allows.
    private func modifications(from body: ArraySlice<LDIFLine>) throws(LDIFSyntaxError) -> [LDAPModification] {
        var modifications: [LDAPModification] = []
        var lines = body
        while let header = lines.popFirst() {
            let spec = try valueLine(header)
            guard let operation = Self.modificationOperation(spec) else {
                throw LDIFSyntaxError(line: header.number, kind: .invalidChangeRecord,
                                      reason: "expected \"add:\", \"delete:\", \"replace:\" or \"increment:\", found \"\(spec.typeName):\"")
            }
            let attributeName = LDIFLines.trimmingSpaces(spec.value[...])
            guard AttributeDescriptionSyntax.isAttributeDescription(attributeName) else {
                throw LDIFSyntaxError(line: header.number, kind: .invalidAttributeDescription,
                                      reason: "invalid attribute description \"\(String(decoding: attributeName, as: UTF8.self))\"")
            }
            var attribute = LDAPAttribute(type: String(decoding: attributeName, as: UTF8.self), values: [])
            while let line = lines.popFirst(), !line.isModificationSeparator {
                let value = try valueLine(line)
                guard value.typeIs(attribute.type) else {
                    throw LDIFSyntaxError(line: line.number, kind: .invalidChangeRecord,
                                          reason: "expected \"-\" or a value of \"\(attribute.type)\", found \"\(value.typeName):\"")
                }
                attribute.values.append(value.value)
            }
            modifications.append(LDAPModification(operation, attribute))
        }
        return modifications
    }

    private static func modificationOperation(_ spec: LDIFValueLine) -> LDAPModification.Operation? {
        if spec.typeIs("add") { return .add }
        if spec.typeIs("delete") { return .delete }
        if spec.typeIs("replace") { return .replace }
        if spec.typeIs("increment") { return .increment }
        return nil
    }

    /// `change-moddn = ("modrdn" / "moddn") SEP "newrdn:" ... SEP
    /// "deleteoldrdn:" FILL ("0" / "1") SEP 0*1("newsuperior:" ... SEP)`
    private func modifyDN(dn: String, changeType: LDIFValueLine,
                          body: ArraySlice<LDIFLine>) throws(LDIFSyntaxError) -> LDIFChange.Operation {
        var lines = body
        let newRDNLine = try requiredLine("newrdn", from: &lines, after: changeType.number)
        let newRDN = try utf8String(newRDNLine, naming: "newrdn")

        let deleteLine = try requiredLine("deleteoldrdn", from: &lines, after: newRDNLine.number)
        let flag = LDIFLines.trimmingSpaces(deleteLine.value[...])
        guard flag.count == 1, let digit = flag.first, digit == UInt8(ascii: "0") || digit == UInt8(ascii: "1") else {
            throw LDIFSyntaxError(line: deleteLine.number, kind: .invalidChangeRecord,
                                  reason: "\"deleteoldrdn:\" must be 0 or 1")
        }
        let deleteOldRDN = digit == UInt8(ascii: "1")

        var newSuperior: String?
        if let line = lines.first, line.hasType("newsuperior") {
            lines.removeFirst()
            newSuperior = try utf8String(try valueLine(line), naming: "newsuperior")
        }
        if let extra = lines.first {
            throw LDIFSyntaxError(line: extra.number, kind: .unexpectedLine,
                                  reason: "unexpected line after the modrdn record's fields")
        }
        return .modifyDN(dn: dn, newRDN: newRDN, deleteOldRDN: deleteOldRDN, newSuperior: newSuperior)
    }

    private func requiredLine(_ keyword: String, from lines: inout ArraySlice<LDIFLine>,
                              after previousLine: Int) throws(LDIFSyntaxError) -> LDIFValueLine {
        guard let line = lines.first, line.hasType(keyword) else {
            throw LDIFSyntaxError(line: lines.first?.number ?? previousLine + 1, kind: .invalidChangeRecord,
                                  reason: "expected \"\(keyword):\"")
        }
        lines.removeFirst()
        return try valueLine(line)
    }
}
