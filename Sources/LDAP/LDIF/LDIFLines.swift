/// One logical LDIF line (continuations joined) and the number of the
/// physical line it starts on.
struct LDIFLine {
    let text: ArraySlice<UInt8>
    let number: Int

    /// Whether the line is `keyword: ...` (keywords compare without case, as
    /// ABNF literals do), judged without decoding its value.
    func hasType(_ keyword: String) -> Bool {
        let keyword = keyword.utf8
        return text.count > keyword.count && text[text.startIndex + keyword.count] == UInt8(ascii: ":")
            && LDIFLines.equalsIgnoringASCIICase(text.prefix(keyword.count), keyword)
    }

    /// The `-` that ends a part of a modify record (RFC 2849 `mod-spec`).
    var isModificationSeparator: Bool {
        text.first == UInt8(ascii: "-") && text.dropFirst().allSatisfy { $0 == UInt8(ascii: " ") }
    }
}

/// A `name: value` line split at its colon, the value decoded.
struct LDIFValueLine {
    let type: ArraySlice<UInt8>
    let value: [UInt8]
    let number: Int

    var typeName: String { String(decoding: type, as: UTF8.self) }

    func typeIs(_ keyword: String) -> Bool {
        LDIFLines.equalsIgnoringASCIICase(type, keyword.utf8)
    }
}

/// Line-level rules of RFC 2849: folding, comments, and the three forms of
/// `value-spec` (`: text`, `:: base64`, `:< URL`).
enum LDIFLines {
    /// Joins continuation lines (a line starting with one space continues the
    /// previous one, the space dropped) and leaves out comments (`#` lines,
    /// continuations included). Line ends may be LF or CR LF.
    static func logicalLines(of block: ArraySlice<UInt8>, firstLineNumber: Int) throws(LDIFSyntaxError) -> [LDIFLine] {
        var lines: [LDIFLine] = []
        // The logical line being built: where its first physical line is, and
        // its joined text once a continuation has been seen.
        var hasCurrent = false
        var currentRange = block.startIndex..<block.startIndex
        var currentNumber = firstLineNumber
        var currentIsComment = false
        var joined: [UInt8]?

        func finishCurrent() {
            guard hasCurrent, !currentIsComment else { return }
            lines.append(LDIFLine(text: joined.map { $0[...] } ?? block[currentRange], number: currentNumber))
        }

        var lineNumber = firstLineNumber
        var index = block.startIndex
        while index < block.endIndex {
            var end = block[index...].firstIndex(of: UInt8(ascii: "\n")) ?? block.endIndex
            let next = end < block.endIndex ? end + 1 : end
            if end > index && block[end - 1] == UInt8(ascii: "\r") { end -= 1 }

            if block[index] == UInt8(ascii: " ") {
                guard hasCurrent else {
                    throw LDIFSyntaxError(line: lineNumber, kind: .unexpectedLine,
                                          reason: "continuation line (starting with a space) with no line to continue")
                }
                if !currentIsComment {
                    if joined == nil { joined = Array(block[currentRange]) }
                    joined?.append(contentsOf: block[(index + 1)..<end])
                }
            } else {
                finishCurrent()
                hasCurrent = true
                currentRange = index..<end
                currentNumber = lineNumber
                currentIsComment = block[index] == UInt8(ascii: "#")
                joined = nil
            }
            index = next
            lineNumber += 1
        }
        finishCurrent()
        return lines
    }

    /// Splits `line` into its type and decoded value. `AttributeDescription`
    /// (RFC 2849 §2, RFC 4512 §2.5) is checked for every type.
    static func valueLine(_ line: LDIFLine, readsFileURLs: Bool) throws(LDIFSyntaxError) -> LDIFValueLine {
        let text = line.text
        guard let colon = text.firstIndex(of: UInt8(ascii: ":")) else {
            let shown = String(decoding: text.prefix(40), as: UTF8.self)
            throw LDIFSyntaxError(line: line.number, kind: .missingColon,
                                  reason: "expected \"type: value\", found a line without a colon: \"\(shown)\"")
        }
        let type = text[..<colon]
        guard AttributeDescriptionSyntax.isAttributeDescription(type) else {
            throw LDIFSyntaxError(line: line.number, kind: .invalidAttributeDescription,
                                  reason: "invalid attribute description \"\(String(decoding: type, as: UTF8.self))\"")
        }
        let value = try decodeValueSpec(text[(colon + 1)...], line: line.number, readsFileURLs: readsFileURLs)
        return LDIFValueLine(type: type, value: value, number: line.number)
    }

    /// RFC 2849 `value-spec`, everything after the type's colon:
    /// `FILL SAFE-STRING`, `":" FILL BASE64-STRING` or `"<" FILL url`.
    static func decodeValueSpec(_ spec: ArraySlice<UInt8>, line: Int,
                                readsFileURLs: Bool) throws(LDIFSyntaxError) -> [UInt8] {
        switch spec.first {
        case UInt8(ascii: ":"):
            let encoded = trimmingSpaces(spec.dropFirst())
            guard let decoded = LDIFBase64.decode(encoded) else {
                throw LDIFSyntaxError(line: line, kind: .invalidBase64,
                                      reason: "invalid base64 value \"\(String(decoding: encoded.prefix(40), as: UTF8.self))\"")
            }
            return decoded
        case UInt8(ascii: "<"):
            let url = trimmingSpaces(spec.dropFirst())
            return try LDIFFileURL.contents(of: url, line: line, readsFileURLs: readsFileURLs)
        default:
            return Array(spec.drop { $0 == UInt8(ascii: " ") })
        }
    }

    /// Leading `FILL` and trailing blanks, which base64 and URLs cannot hold.
    static func trimmingSpaces(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var trimmed = bytes.drop { $0 == UInt8(ascii: " ") }
        while trimmed.last == UInt8(ascii: " ") { trimmed.removeLast() }
        return trimmed
    }

    static func equalsIgnoringASCIICase(_ bytes: ArraySlice<UInt8>, _ keyword: String.UTF8View) -> Bool {
        guard bytes.count == keyword.count else { return false }
        var index = bytes.startIndex
        for expected in keyword {
            guard lowercased(bytes[index]) == lowercased(expected) else { return false }
            index += 1
        }
        return true
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
