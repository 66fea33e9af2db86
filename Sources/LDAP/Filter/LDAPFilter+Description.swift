extension LDAPFilter: CustomStringConvertible {
    /// The RFC 4515 string form, always with the outer parentheses.
    ///
    /// Values escape `*`, `(`, `)`, `\` and NUL as RFC 4515 §3 requires, and
    /// every byte that is not part of well-formed UTF-8 (RFC 3629 §4) so that
    /// binary values such as an objectGUID survive the trip through `String`.
    /// Other control characters (C0, DEL) are escaped too, although RFC 4515
    /// allows them raw: a filter in a log line must not carry a line break.
    /// `LDAPFilter(parsing: filter.description) == filter` holds for every
    /// filter the parser can produce (substring pieces non-empty, `nil` rather
    /// than empty `initial`/`final`).
    public var description: String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        appendFilterString(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private func appendFilterString(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "("))
        switch self {
        case .and(let filters):
            output.append(UInt8(ascii: "&"))
            for filter in filters { filter.appendFilterString(to: &output) }
        case .or(let filters):
            output.append(UInt8(ascii: "|"))
            for filter in filters { filter.appendFilterString(to: &output) }
        case .not(let filter):
            output.append(UInt8(ascii: "!"))
            filter.appendFilterString(to: &output)
        case .equal(let attribute, let value):
            Self.appendSimple(attribute, "=", value, to: &output)
        case .greaterOrEqual(let attribute, let value):
            Self.appendSimple(attribute, ">=", value, to: &output)
        case .lessOrEqual(let attribute, let value):
            Self.appendSimple(attribute, "<=", value, to: &output)
        case .approx(let attribute, let value):
            Self.appendSimple(attribute, "~=", value, to: &output)
        case .present(let attribute):
            output.append(contentsOf: attribute.utf8)
            output.append(contentsOf: "=*".utf8)
        case .substrings(let attribute, let initial, let any, let final):
            output.append(contentsOf: attribute.utf8)
            output.append(UInt8(ascii: "="))
            if let initial { Self.appendEscaped(initial, to: &output) }
            output.append(UInt8(ascii: "*"))
            for piece in any {
                Self.appendEscaped(piece, to: &output)
                output.append(UInt8(ascii: "*"))
            }
            if let final { Self.appendEscaped(final, to: &output) }
        case .extensible(let matchingRule, let type, let value, let dnAttributes):
            if let type { output.append(contentsOf: type.utf8) }
            if dnAttributes { output.append(contentsOf: ":dn".utf8) }
            if let matchingRule {
                output.append(UInt8(ascii: ":"))
                output.append(contentsOf: matchingRule.utf8)
            }
            output.append(contentsOf: ":=".utf8)
            Self.appendEscaped(value, to: &output)
        }
        output.append(UInt8(ascii: ")"))
    }

    private static func appendSimple(_ attribute: String, _ filterType: StaticString, _ value: [UInt8],
                                     to output: inout [UInt8]) {
        output.append(contentsOf: attribute.utf8)
        filterType.withUTF8Buffer { output.append(contentsOf: $0) }
        appendEscaped(value, to: &output)
    }

    /// RFC 4515 §3 `valueencoding`: specials and controls as `\XX`, well-formed
    /// UTF-8 as is.
    static func appendEscaped(_ value: [UInt8], to output: inout [UInt8]) {
        var index = 0
        while index < value.count {
            let byte = value[index]
            switch byte {
            case 0x00...0x1F, 0x7F, UInt8(ascii: "*"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "\\"):
                appendHexEscape(byte, to: &output)
                index += 1
            case 0x20...0x7E:
                output.append(byte)
                index += 1
            default:
                let length = UTF8Validation.sequenceLength(in: value, at: index)
                if length == 0 {
                    appendHexEscape(byte, to: &output)
                    index += 1
                } else {
                    output.append(contentsOf: value[index..<(index + length)])
                    index += length
                }
            }
        }
    }

    private static func appendHexEscape(_ byte: UInt8, to output: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        output.append(UInt8(ascii: "\\"))
        digits.withUTF8Buffer { hex in
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0x0F)])
        }
    }
}
