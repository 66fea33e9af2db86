extension LDIFWriter {
    /// An `ldif-change-record` (RFC 2849): `dn:`, the `control:` lines, the
    /// `changetype:` and its body, then a blank line. Not a hot path: tests
    /// and tools use it to produce input for `ldapmodify` and the reader.
    public func append(_ change: LDIFChange, to output: inout [UInt8]) {
        appendLine("dn", change.dn, to: &output)
        for control in change.controls {
            appendControl(control, to: &output)
        }
        switch change.operation {
        case .add(let entry):
            output.append(contentsOf: "changetype: add\n".utf8)
            appendAttributes(entry.attributes, to: &output)
        case .delete:
            output.append(contentsOf: "changetype: delete\n".utf8)
        case .modify(_, let modifications):
            output.append(contentsOf: "changetype: modify\n".utf8)
            for modification in modifications {
                appendLine(Self.keyword(modification.operation), modification.attribute.type, to: &output)
                for value in modification.attribute.values {
                    appendLine(modification.attribute.type, value, to: &output)
                }
                output.append(contentsOf: "-\n".utf8)
            }
        case .modifyDN(_, let newRDN, let deleteOldRDN, let newSuperior):
            output.append(contentsOf: "changetype: modrdn\n".utf8)
            appendLine("newrdn", newRDN, to: &output)
            output.append(contentsOf: (deleteOldRDN ? "deleteoldrdn: 1\n" : "deleteoldrdn: 0\n").utf8)
            if let newSuperior {
                appendLine("newsuperior", newSuperior, to: &output)
            }
        }
        output.append(UInt8(ascii: "\n"))
    }

    /// RFC 2849 `mod-spec` keywords; `increment:` is RFC 4525 §3.
    static func keyword(_ operation: LDAPModification.Operation) -> String {
        switch operation {
        case .add: "add"
        case .delete: "delete"
        case .replace: "replace"
        case .increment: "increment"
        }
    }

    /// `control: oid [true] [: value | :: base64]` (RFC 2849 `control`);
    /// criticality false is left out, as its default.
    private func appendControl(_ control: LDAPControl, to output: inout [UInt8]) {
        var text = Array(control.oid.utf8)
        if control.criticality {
            text.append(contentsOf: " true".utf8)
        }
        if let value = control.value {
            value.withUnsafeBufferPointer { value in
                if value.isEmpty {
                    text.append(UInt8(ascii: ":"))
                } else if Self.isSafeString(value) {
                    text.append(contentsOf: ": ".utf8)
                    text.append(contentsOf: value)
                } else {
                    text.append(contentsOf: ":: ".utf8)
                    LDIFBase64.encode(value, appendingTo: &text)
                }
            }
        }
        appendRawLine(prefix: "control: ", text, to: &output)
    }
}
