extension JSON {
    /// Deeper nesting than this is refused (RFC 8259 §9 lets a parser limit
    /// depth): a hostile body of `[[[[…` must not exhaust the stack.
    public static let defaultMaximumDepth = 64

    /// Parses one JSON text (RFC 8259 §2): a value with optional whitespace
    /// around it and nothing else.
    ///
    /// Stricter than RFC 8259 in two ways that matter for SCIM: duplicate
    /// member names are refused, compared ASCII case-insensitively (a body
    /// with both `userName` and `USERNAME` is ambiguous under RFC 7643
    /// §2.1), and strings must be valid Unicode (no lone surrogate escapes),
    /// since a Swift `String` cannot hold them.
    public init(
        parsing bytes: some Collection<UInt8>,
        maximumDepth: Int = JSON.defaultMaximumDepth
    ) throws(JSONSyntaxError) {
        let result: Result<JSON, JSONSyntaxError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONSyntaxError) in
                try JSON.parseWhole(buffer, maximumDepth: maximumDepth)
            }
        }
        if let result {
            self = try result.get()
        } else {
            let array = Array(bytes)
            self = try array.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                try JSON.parseWhole(buffer, maximumDepth: maximumDepth)
            }
        }
    }

    /// Parses the UTF-8 form of `text`.
    public init(parsing text: String, maximumDepth: Int = JSON.defaultMaximumDepth) throws(JSONSyntaxError) {
        try self.init(parsing: Array(text.utf8), maximumDepth: maximumDepth)
    }

    private static func parseWhole(_ buffer: UnsafeBufferPointer<UInt8>, maximumDepth: Int) throws(JSONSyntaxError) -> JSON {
        var reader = JSONReader(buffer, maximumDepth: maximumDepth)
        reader.skipWhitespace()
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        guard reader.index == buffer.count else {
            throw JSONSyntaxError(offset: reader.index, reason: "unexpected data after the JSON value")
        }
        return value
    }
}

/// A recursive-descent reader over UTF-8 bytes (RFC 8259 §2–§7). The filter
/// parser borrows `readString` and `readNumber` for its literals, which use
/// JSON's grammar (RFC 7644 §3.4.2.2).
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    let maximumDepth: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0, maximumDepth: Int = JSON.defaultMaximumDepth) {
        self.bytes = bytes
        self.index = index
        self.maximumDepth = maximumDepth
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func fail(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? index, reason: reason)
    }

    mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            index += 1
        }
    }

    mutating func readValue(depth: Int) throws(JSONSyntaxError) -> JSON {
        switch peek {
        case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try readArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try readLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try readLiteral("null"); return .null
        case UInt8(ascii: "-"), .some(UInt8(ascii: "0")...UInt8(ascii: "9")): return .number(try readNumber())
        case nil: throw fail("unexpected end of input, expected a value")
        case let byte?: throw fail("unexpected \(JSONReader.describe(byte)), expected a value")
        }
    }

    private mutating func readLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let start = index
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw fail("invalid literal", at: start) }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw fail("invalid literal", at: start)
        }
        index += count
    }

    private mutating func enter(_ depth: Int) throws(JSONSyntaxError) {
        guard depth <= maximumDepth else {
            throw fail("nesting deeper than \(maximumDepth) levels")
        }
        index += 1  // the opening bracket
        skipWhitespace()
    }

    private mutating func readArray(depth: Int) throws(JSONSyntaxError) -> JSON {
        try enter(depth)
        var values: [JSON] = []
        if peek == UInt8(ascii: "]") {
            index += 1
            return .array(values)
        }
        while true {
            values.append(try readValue(depth: depth))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1; skipWhitespace()
            case UInt8(ascii: "]"): index += 1; return .array(values)
            case nil: throw fail("unexpected end of input in an array")
            case let byte?: throw fail("unexpected \(JSONReader.describe(byte)) in an array, expected \",\" or \"]\"")
            }
        }
    }

    private mutating func readObject(depth: Int) throws(JSONSyntaxError) -> JSON {
        try enter(depth)
        var object = JSONObject()
        if peek == UInt8(ascii: "}") {
            index += 1
            return .object(object)
        }
        // Small objects check duplicates by scanning; large ones by a set, so
        // a body with 100,000 members is not quadratic.
        var seen: Set<String>?
        while true {
            guard peek == UInt8(ascii: "\"") else {
                throw peek == nil ? fail("unexpected end of input in an object") : fail("expected a member name")
            }
            let keyOffset = index
            let key = try readString()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw fail("expected \":\" after a member name") }
            index += 1
            skipWhitespace()
            let value = try readValue(depth: depth)
            if object.count == 16 && seen == nil {
                seen = Set(object.keys.map(ASCIICaseInsensitive.key))
            }
            let duplicate: Bool
            if seen != nil {
                duplicate = seen?.insert(ASCIICaseInsensitive.key(key)).inserted == false
            } else {
                duplicate = object.index(forKey: key) != nil
            }
            if duplicate { throw fail("duplicate member name \"\(key)\"", at: keyOffset) }
            object.appendUnchecked(key, value)
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1; skipWhitespace()
            case UInt8(ascii: "}"): index += 1; return .object(object)
            case nil: throw fail("unexpected end of input in an object")
            case let byte?: throw fail("unexpected \(JSONReader.describe(byte)) in an object, expected \",\" or \"}\"")
            }
        }
    }

    /// `string = quotation-mark *char quotation-mark` (RFC 8259 §7).
    mutating func readString() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        let start = index
        // Fast path: no escapes.
        var allBits: UInt8 = 0
        while let byte = peek, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 {
            allBits |= byte
            index += 1
        }
        if peek == UInt8(ascii: "\"") {
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
            index += 1
            // ASCII is valid UTF-8 as it is: no validation to run (the
            // generic `String(validating:as:)` looks up type metadata on
            // every call: almost half the time of parsing a stored user).
            if allBits < 0x80 { return String(decoding: slice, as: UTF8.self) }
            guard let string = String(validating: slice, as: UTF8.self) else {
                throw fail("a string is not valid UTF-8", at: open)
            }
            return string
        }
        var output = Array(bytes[start..<index])
        while true {
            guard let byte = peek else { throw fail("unterminated string", at: open) }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let string = String(validating: output, as: UTF8.self) else {
                    throw fail("a string is not valid UTF-8", at: open)
                }
                return string
            case UInt8(ascii: "\\"):
                try readEscape(into: &output)
            case 0..<0x20:
                throw fail("unescaped control character in a string")
            default:
                output.append(byte)
                index += 1
            }
        }
    }

    private mutating func readEscape(into output: inout [UInt8]) throws(JSONSyntaxError) {
        let escapeStart = index
        index += 1
        guard let byte = peek else { throw fail("unterminated escape", at: escapeStart) }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var value = try readHex4(escapeStart)
            if (0xD800..<0xDC00).contains(value) {
                // A high surrogate must be followed by an escaped low one.
                guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw fail("unpaired surrogate escape", at: escapeStart) }
                index += 2
                let low = try readHex4(escapeStart)
                guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate escape", at: escapeStart) }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(value) {
                throw fail("unpaired surrogate escape", at: escapeStart)
            }
            guard let scalar = Unicode.Scalar(value) else { throw fail("invalid escape", at: escapeStart) }
            UTF8.encode(scalar) { output.append($0) }
        default:
            throw fail("invalid escape \"\\\(Character(Unicode.Scalar(byte)))\"", at: escapeStart)
        }
    }

    private mutating func readHex4(_ escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw fail("truncated \\u escape", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("invalid hex digit in a \\u escape", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// `number = [ minus ] int [ frac ] [ exp ]` (RFC 8259 §6).
    mutating func readNumber() throws(JSONSyntaxError) -> Double {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, JSONReader.isDigit(first) else { throw fail("invalid number", at: start) }
        index += 1
        if first != UInt8(ascii: "0") {
            while let byte = peek, JSONReader.isDigit(byte) { index += 1 }
        }
        var integral = true
        if peek == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard let byte = peek, JSONReader.isDigit(byte) else { throw fail("invalid number", at: start) }
            while let byte = peek, JSONReader.isDigit(byte) { index += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            integral = false
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let byte = peek, JSONReader.isDigit(byte) else { throw fail("invalid number", at: start) }
            while let byte = peek, JSONReader.isDigit(byte) { index += 1 }
        }
        let text = bytes[start..<index]
        if integral && text.count <= 15 {
            // Exact and cheaper than the general conversion.
            var value = 0
            for byte in text where byte != UInt8(ascii: "-") { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
            return Double(text.first == UInt8(ascii: "-") ? -value : value)
        }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            throw fail("number out of range", at: start)
        }
        return value
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "\"\(Character(Unicode.Scalar(byte)))\"" : "byte 0x\(String(byte, radix: 16))"
    }
}
