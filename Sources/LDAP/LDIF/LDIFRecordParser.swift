/// Turns the logical lines of one record into an `LDIFRecord`, following the
/// RFC 2849 §2 grammar: `dn-spec` first, then either `attrval-spec`s (a
/// content record) or `control:` lines and a `changetype:` (a change record).
struct LDIFRecordParser {
    let readsFileURLs: Bool

    func logicalLines(of block: ArraySlice<UInt8>, firstLineNumber: Int) throws(LDIFSyntaxError) -> [LDIFLine] {
        try LDIFLines.logicalLines(of: block, firstLineNumber: firstLineNumber)
    }

    /// `version-spec = "version:" FILL version-number`, only at the very
    /// start; consumed from `lines` when present. Only version 1 exists.
    func versionLine(in lines: inout ArraySlice<LDIFLine>) throws(LDIFSyntaxError) -> Int? {
        guard let first = lines.first, first.hasType("version") else { return nil }
        let line = try valueLine(first)
        lines.removeFirst()
        guard LDIFLines.trimmingSpaces(line.value[...]).elementsEqual("1".utf8) else {
            throw LDIFSyntaxError(line: line.number, kind: .unsupportedVersion,
                                  reason: "unsupported LDIF version \"\(String(decoding: line.value, as: UTF8.self))\" (only 1 is defined)")
        }
        return 1
    }

    /// The record in `lines`, or nil when they hold none (comments only).
    func record(from lines: ArraySlice<LDIFLine>) throws(LDIFSyntaxError) -> LDIFRecord? {
        var lines = lines
        guard let first = lines.popFirst() else { return nil }
        let dnLine = try valueLine(first)
        guard dnLine.typeIs("dn") else {
            throw LDIFSyntaxError(line: dnLine.number, kind: .missingDN,
                                  reason: "a record must start with \"dn:\", found \"\(dnLine.typeName):\"")
        }
        let dn = try utf8String(dnLine, naming: "dn")

        var controls: [LDAPControl] = []
        var lastControlLine: Int?
        while let line = lines.first, line.hasType("control") {
            controls.append(try controlLine(line))
            lastControlLine = line.number
            lines.removeFirst()
        }
        if let line = lines.first, line.hasType("changetype") {
            lines.removeFirst()
            let operation = try changeOperation(try valueLine(line), dn: dn, body: lines)
            return .change(LDIFChange(operation, controls: controls))
        }
        if let lastControlLine {
            throw LDIFSyntaxError(line: lines.first?.number ?? lastControlLine, kind: .invalidControl,
                                  reason: "\"control:\" lines must be followed by \"changetype:\"")
        }
        return .content(LDAPEntry(dn: dn, attributes: try attributes(from: lines)))
    }

    // MARK: - Parts of records

    /// `attrval-spec`s gathered into attributes in order of first appearance;
    /// repeated types (compared without case) add values to one attribute.
    func attributes(from lines: ArraySlice<LDIFLine>) throws(LDIFSyntaxError) -> [LDAPAttribute] {
        var attributes: [LDAPAttribute] = []
        for line in lines {
            let valueLine = try valueLine(line)
            if valueLine.typeIs("dn") || valueLine.typeIs("changetype") {
                throw LDIFSyntaxError(line: line.number, kind: .unexpectedLine,
                                      reason: "\"\(valueLine.typeName):\" inside a record (is a blank line missing?)")
            }
            if let last = attributes.indices.last, valueLine.typeIs(attributes[last].type) {
                attributes[last].values.append(valueLine.value)
            } else if let index = attributes.firstIndex(where: { valueLine.typeIs($0.type) }) {
                attributes[index].values.append(valueLine.value)
            } else {
                attributes.append(LDAPAttribute(type: valueLine.typeName, values: [valueLine.value]))
            }
        }
        return attributes
    }

    /// `control: ldap-oid [1*SPACE ("true" / "false")] [value-spec]`.
    func controlLine(_ line: LDIFLine) throws(LDIFSyntaxError) -> LDAPControl {
        var rest = line.text.dropFirst("control:".utf8.count).drop { $0 == UInt8(ascii: " ") }
        let oid = rest.prefix { AttributeDescriptionSyntax.isDigit($0) || $0 == UInt8(ascii: ".") }
        guard let first = oid.first, AttributeDescriptionSyntax.isDigit(first),
              AttributeDescriptionSyntax.isOID(oid) else {
            throw LDIFSyntaxError(line: line.number, kind: .invalidControl,
                                  reason: "\"control:\" must start with a numeric OID")
        }
        rest = rest.dropFirst(oid.count)
        var criticality = false
        let afterBlanks = rest.drop { $0 == UInt8(ascii: " ") }
        if afterBlanks.count < rest.count {
            let word = afterBlanks.prefix { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: " ") }
            if LDIFLines.equalsIgnoringASCIICase(word, "true".utf8) {
                criticality = true
            } else if !LDIFLines.equalsIgnoringASCIICase(word, "false".utf8) {
                throw LDIFSyntaxError(line: line.number, kind: .invalidControl,
                                      reason: "control criticality must be \"true\" or \"false\"")
            }
            rest = afterBlanks.dropFirst(word.count)
        }
        var value: [UInt8]?
        if rest.first == UInt8(ascii: ":") {
            value = try LDIFLines.decodeValueSpec(rest.dropFirst(), line: line.number, readsFileURLs: readsFileURLs)
        } else if !rest.allSatisfy({ $0 == UInt8(ascii: " ") }) {
            throw LDIFSyntaxError(line: line.number, kind: .invalidControl,
                                  reason: "unexpected text after the control's criticality")
        }
        return LDAPControl(oid: String(decoding: oid, as: UTF8.self), criticality: criticality, value: value)
    }

    // MARK: - Helpers

    func valueLine(_ line: LDIFLine) throws(LDIFSyntaxError) -> LDIFValueLine {
        try LDIFLines.valueLine(line, readsFileURLs: readsFileURLs)
    }

    /// DNs and RDNs are UTF-8 strings (RFC 4514 §2).
    func utf8String(_ line: LDIFValueLine, naming field: String) throws(LDIFSyntaxError) -> String {
        guard UTF8Validation.isValid(line.value) else {
            throw LDIFSyntaxError(line: line.number, kind: .invalidUTF8, reason: "\(field) is not valid UTF-8")
        }
        return String(decoding: line.value, as: UTF8.self)
    }
}
