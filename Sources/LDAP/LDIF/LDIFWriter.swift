/// Writes LDIF (RFC 2849) the way `ldapsearch -LLL` does, appending bytes to
/// a caller-owned buffer so that writing many entries allocates only when the
/// buffer grows.
///
/// - A record is `dn:` then one `type: value` line per value, then a blank line.
/// - A value (or DN) is written `type:: BASE64` unless it is a safe string.
///   RFC 2849 §2 requires base64 for values that start with a space, `:` or
///   `<`, or that hold NUL, CR, LF or bytes above 0x7F; like OpenLDAP's
///   `ldif_is_not_printable` this also encodes values that start or end with
///   any non-graphic byte (space, tab) or hold any control byte (tab, DEL):
///   text a person can read stays plain, everything else is exact in base64.
/// - An empty value is written `type:`.
/// - Lines longer than `wrapColumn` are folded (RFC 2849 §2 "continued
///   lines"): no physical line exceeds `wrapColumn` bytes, and each
///   continuation starts with one space, byte for byte as libldap's
///   `ldif_put_wrap` folds.
public struct LDIFWriter: Sendable {
    /// The longest physical line in bytes, counting a continuation's leading
    /// space; 76 like ldapsearch's `ldif-wrap`. 0 writes each value on one line.
    public var wrapColumn: Int

    public init(wrapColumn: Int = 76) {
        self.wrapColumn = wrapColumn
    }

    /// Below 2 a continuation line could hold nothing after its space.
    var effectiveWrap: Int {
        wrapColumn <= 0 ? 0 : max(wrapColumn, 2)
    }

    /// `version: 1` and a blank line, as `ldapsearch -L` starts its output.
    public func appendVersion(to output: inout [UInt8]) {
        output.append(contentsOf: "version: 1\n\n".utf8)
    }

    /// An `ldif-attrval-record`: the entry's DN, each value of each
    /// attribute, and the blank line that ends the record.
    public func append(_ entry: LDAPEntry, to output: inout [UInt8]) {
        appendLine("dn", entry.dn, to: &output)
        // Values go from the entry's storage to the output in one copy.
        entry.forEachValue { type, value in
            let typeBytes = type.bindMemory(to: UInt8.self)
            appendLine(typeBytes, value?.bindMemory(to: UInt8.self) ?? UnsafeBufferPointer(start: nil, count: 0), to: &output)
        }
        output.append(UInt8(ascii: "\n"))
    }

    public func append(_ record: LDIFRecord, to output: inout [UInt8]) {
        switch record {
        case .content(let entry): append(entry, to: &output)
        case .change(let change): append(change, to: &output)
        }
    }

    // MARK: - Lines

    func appendAttributes(_ attributes: [LDAPAttribute], to output: inout [UInt8]) {
        for attribute in attributes {
            var type = attribute.type
            type.withUTF8 { type in
                if attribute.values.isEmpty {
                    // A type without values (a typesOnly search): ldapsearch
                    // writes the bare `type:`.
                    appendLine(type, UnsafeBufferPointer(start: nil, count: 0), to: &output)
                }
                for value in attribute.values {
                    value.withUnsafeBufferPointer { appendLine(type, $0, to: &output) }
                }
            }
        }
    }

    func appendLine(_ type: String, _ value: String, to output: inout [UInt8]) {
        var type = type
        var value = value
        type.withUTF8 { type in
            value.withUTF8 { appendLine(type, $0, to: &output) }
        }
    }

    func appendLine(_ type: String, _ value: [UInt8], to output: inout [UInt8]) {
        var type = type
        type.withUTF8 { type in
            value.withUnsafeBufferPointer { appendLine(type, $0, to: &output) }
        }
    }

    /// `type: value`, `type:: base64` or `type:`, folded, with its line end.
    func appendLine(_ type: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>,
                    to output: inout [UInt8]) {
        output.append(contentsOf: type)
        output.append(UInt8(ascii: ":"))
        if value.isEmpty {
            output.append(UInt8(ascii: "\n"))
            return
        }
        let lineStart = output.count - type.count - 1
        let isSafe = Self.isSafeString(value)
        if !isSafe {
            output.append(UInt8(ascii: ":"))
        }
        output.append(UInt8(ascii: " "))
        let prefixLength = output.count - lineStart
        if isSafe {
            output.append(contentsOf: value)
        } else {
            LDIFBase64.encode(value, appendingTo: &output)
        }
        fold(&output, from: lineStart, prefixLength: prefixLength)
        output.append(UInt8(ascii: "\n"))
    }

    /// `prefix` and `text` as one line, folded within `text` only; the caller
    /// has made sure `text` is safe to write as is.
    func appendRawLine(prefix: StaticString, _ text: [UInt8], to output: inout [UInt8]) {
        let lineStart = output.count
        prefix.withUTF8Buffer { output.append(contentsOf: $0) }
        output.append(contentsOf: text)
        fold(&output, from: lineStart, prefixLength: prefix.utf8CodeUnitCount)
        output.append(UInt8(ascii: "\n"))
    }

    /// Whether a value can follow `type: ` as is (see the type's comment).
    static func isSafeString(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = value.first, let last = value.last else { return true }
        // One comparison per byte: 0x20...0x7E is printable ASCII.
        @inline(__always) func isPrintable(_ byte: UInt8) -> Bool { byte &- 0x20 < 0x5F }
        guard first != UInt8(ascii: " "), first != UInt8(ascii: ":"), first != UInt8(ascii: "<"),
              last != UInt8(ascii: " ") else { return false }
        for byte in value where !isPrintable(byte) {
            return false
        }
        return true
    }

    /// Folds the unterminated line that starts at `lineStart` in place: the
    /// first physical line keeps `wrap` bytes (or the whole `type: ` prefix,
    /// which libldap never breaks), every continuation a space and `wrap - 1`
    /// bytes.
    func fold(_ output: inout [UInt8], from lineStart: Int, prefixLength: Int) {
        let wrap = effectiveWrap
        let length = output.count - lineStart
        let firstLine = max(wrap, prefixLength)
        guard wrap > 0, length > firstLine else { return }
        let continuationWidth = wrap - 1
        let continuations = (length - firstLine + continuationWidth - 1) / continuationWidth
        output.append(contentsOf: repeatElement(0, count: 2 * continuations))
        output.withUnsafeMutableBufferPointer { buffer in
            // Move the tail pieces to their places, last first, so that no
            // byte is overwritten before it has moved.
            var piece = continuations
            while piece > 0 {
                let from = lineStart + firstLine + (piece - 1) * continuationWidth
                let count = min(continuationWidth, length - (from - lineStart))
                let to = from + 2 * piece
                var offset = count - 1
                while offset >= 0 {
                    buffer[to + offset] = buffer[from + offset]
                    offset -= 1
                }
                buffer[to - 2] = UInt8(ascii: "\n")
                buffer[to - 1] = UInt8(ascii: " ")
                piece -= 1
            }
        }
    }
}
