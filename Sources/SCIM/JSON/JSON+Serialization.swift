extension JSON {
    /// Serialization choices; the default is compact, for the wire.
    public struct SerializationOptions: Sendable, Hashable {
        /// Two-space indentation and `": "` separators, for people and `--json`.
        public var prettyPrinted: Bool

        public init(prettyPrinted: Bool = false) {
            self.prettyPrinted = prettyPrinted
        }

        public static let compact = SerializationOptions()
        public static let pretty = SerializationOptions(prettyPrinted: true)
    }

    /// UTF-8 JSON text (RFC 8259). Members keep their order; the same value
    /// always gives the same bytes.
    public func serialized(options: SerializationOptions = .compact) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        append(to: &output, options: options, indent: 0)
        return output
    }

    public func serializedString(options: SerializationOptions = .compact) -> String {
        String(decoding: serialized(options: options), as: UTF8.self)
    }

    /// Appends the serialization, for callers that build a larger buffer.
    public func append(to output: inout [UInt8], options: SerializationOptions = .compact) {
        append(to: &output, options: options, indent: 0)
    }

    private func append(to output: inout [UInt8], options: SerializationOptions, indent: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value): JSON.appendNumber(value, to: &output)
        case .string(let value): JSON.appendString(value, to: &output)
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (position, value) in values.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSON.newline(&output, options, indent + 1)
                value.append(to: &output, options: options, indent: indent + 1)
            }
            if !values.isEmpty { JSON.newline(&output, options, indent) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSON.newline(&output, options, indent + 1)
                JSON.appendString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                if options.prettyPrinted { output.append(UInt8(ascii: " ")) }
                member.value.append(to: &output, options: options, indent: indent + 1)
            }
            if !object.isEmpty { JSON.newline(&output, options, indent) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ output: inout [UInt8], _ options: SerializationOptions, _ indent: Int) {
        guard options.prettyPrinted else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Integral values within ±2^53 print without a fraction (`42`, not
    /// `42.0`), so SCIM integers look like integers; others use Swift's
    /// shortest round-tripping form, which is valid JSON for finite values.
    static func appendNumber(_ value: Double, to output: inout [UInt8]) {
        if value.isFinite, value.rounded(.towardZero) == value, abs(value) <= 9_007_199_254_740_992 {
            output.append(contentsOf: String(Int64(value)).utf8)
        } else if value.isFinite {
            output.append(contentsOf: value.description.utf8)
        } else {
            // Not representable in JSON (RFC 8259 §6); never produced by the parser.
            output.append(contentsOf: "null".utf8)
        }
    }

    /// Escapes `"`, `\` and control characters (RFC 8259 §7); everything else
    /// is written as UTF-8. U+2028/U+2029 are escaped too, so the text is also
    /// safe inside a JavaScript string in the agent's console.
    static func appendString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            // Bytes that need no escape are copied in runs.
            var run = 0, index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte != 0x7F, byte != 0xE2 {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
                case 0x0A: output.append(contentsOf: "\\n".utf8)
                case 0x0D: output.append(contentsOf: "\\r".utf8)
                case 0x09: output.append(contentsOf: "\\t".utf8)
                case 0x08: output.append(contentsOf: "\\b".utf8)
                case 0x0C: output.append(contentsOf: "\\f".utf8)
                case 0..<0x20, 0x7F:
                    appendUnicodeEscape(UInt16(byte), to: &output)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    appendUnicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, to: &output)
                    index += 2
                default: output.append(byte)
                }
                index += 1
                run = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendUnicodeEscape(_ value: UInt16, to output: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        output.append(contentsOf: "\\u".utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hex[Int((value >> UInt16(shift)) & 0xF)])
        }
    }
}
