extension LDAPFilter {
    /// Parses the RFC 4515 string form of a filter.
    ///
    /// Follows the RFC 4515 §3 grammar, with RFC 4526's `(&)` and `(|)`, and one
    /// leniency shared with ldapsearch: a filter without the outer parentheses
    /// (`uid=jo`, `&(a=1)(b=2)`) is read as if they were there. Nothing else is
    /// relaxed: no blanks between filters, no `\*`-style (RFC 1960) escapes.
    public init(parsing string: String) throws(LDAPFilterSyntaxError) {
        var parser = LDAPFilterParser(string)
        self = try parser.parseWholeFilter()
    }
}

/// A recursive-descent reader over the filter's UTF-8 bytes. Every structural
/// character is ASCII, so bytes are enough; offsets become character offsets
/// only when an error is reported.
struct LDAPFilterParser {
    /// Deeper nesting than this is refused rather than risking the stack.
    static let maximumDepth = 256

    private let text: String
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func parseWholeFilter() throws(LDAPFilterSyntaxError) -> LDAPFilter {
        let filter: LDAPFilter
        if peek == UInt8(ascii: "(") {
            filter = try parseFilter(depth: 0)
        } else {
            filter = try parseComponent(depth: 0)
        }
        if index < bytes.count {
            let found = describe(bytes[index])
            throw error(.trailingCharacters, "unexpected \(found) after the end of the filter")
        }
        return filter
    }

    // MARK: - Grammar (RFC 4515 §3)

    /// `filter = LPAREN filtercomp RPAREN`
    private mutating func parseFilter(depth: Int) throws(LDAPFilterSyntaxError) -> LDAPFilter {
        guard depth < Self.maximumDepth else {
            throw error(.tooDeep, "filters nested more than \(Self.maximumDepth) deep")
        }
        try expect(UInt8(ascii: "("))
        let filter = try parseComponent(depth: depth)
        try expect(UInt8(ascii: ")"))
        return filter
    }

    /// `filtercomp = and / or / not / item`
    private mutating func parseComponent(depth: Int) throws(LDAPFilterSyntaxError) -> LDAPFilter {
        switch peek {
        case UInt8(ascii: "&"):
            index += 1
            return .and(try parseFilterList(depth: depth))
        case UInt8(ascii: "|"):
            index += 1
            return .or(try parseFilterList(depth: depth))
        case UInt8(ascii: "!"):
            index += 1
            return .not(try parseFilter(depth: depth + 1))
        case nil:
            throw error(.unexpectedEnd, "expected a filter component")
        default:
            return try parseItem()
        }
    }

    /// `filterlist = 1*filter`, relaxed to `*filter`: RFC 4526 gives `(&)` the
    /// meaning "true" and `(|)` "false".
    private mutating func parseFilterList(depth: Int) throws(LDAPFilterSyntaxError) -> [LDAPFilter] {
        var filters: [LDAPFilter] = []
        while peek == UInt8(ascii: "(") {
            filters.append(try parseFilter(depth: depth + 1))
        }
        return filters
    }

    /// `item = simple / present / substring / extensible`; all start with an
    /// attribute description except the extensible form without one.
    private mutating func parseItem() throws(LDAPFilterSyntaxError) -> LDAPFilter {
        let attributeStart = index
        while let byte = peek, AttributeDescriptionSyntax.isDescriptionByte(byte) {
            index += 1
        }
        let attributeBytes = bytes[attributeStart..<index]

        if peek == UInt8(ascii: ":") {
            let type = try attributeBytes.isEmpty ? nil : attributeName(attributeBytes, at: attributeStart)
            return try parseExtensible(type: type)
        }

        let operatorStart = index
        let filterType: UInt8
        switch peek {
        case UInt8(ascii: "="):
            filterType = UInt8(ascii: "=")
            index += 1
        case UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "<"):
            filterType = bytes[index]
            index += 1
            guard peek == UInt8(ascii: "=") else {
                throw error(peek == nil ? .unexpectedEnd : .unexpectedCharacter,
                            "expected \"=\" after \"\(Character(Unicode.Scalar(filterType)))\"")
            }
            index += 1
        case nil:
            throw error(.unexpectedEnd, attributeBytes.isEmpty
                ? "expected an attribute description"
                : "expected \"=\", \"~=\", \">=\", \"<=\" or \":\" after the attribute description")
        case let byte?:
            throw error(.unexpectedCharacter, attributeBytes.isEmpty
                ? "expected an attribute description, found \(describe(byte))"
                : "expected \"=\", \"~=\", \">=\", \"<=\" or \":\", found \(describe(byte))")
        }
        guard !attributeBytes.isEmpty else {
            throw error(.invalidAttribute, "empty attribute description", at: operatorStart)
        }
        let attribute = try attributeName(attributeBytes, at: attributeStart)

        switch filterType {
        case UInt8(ascii: "~"): return .approx(attribute, try parseValue())
        case UInt8(ascii: ">"): return .greaterOrEqual(attribute, try parseValue())
        case UInt8(ascii: "<"): return .lessOrEqual(attribute, try parseValue())
        default: return try parseEqualityFamily(attribute)
        }
    }

    /// After `attr=`: `equal`, `present` (`attr=*`) or `substring`
    /// (`initial *any* final`, each piece non-empty, RFC 4511 §4.5.1.7.2).
    private mutating func parseEqualityFamily(_ attribute: String) throws(LDAPFilterSyntaxError) -> LDAPFilter {
        var pieces = [try parseValue(stoppingAtAsterisk: true)]
        while peek == UInt8(ascii: "*") {
            index += 1
            let piece = try parseValue(stoppingAtAsterisk: true)
            // `**` would make an empty `any` substring, which RFC 4511 does not
            // allow and OpenLDAP's client rejects too.
            if piece.isEmpty && peek == UInt8(ascii: "*") {
                throw error(.invalidValue, "empty substring between \"*\" characters")
            }
            pieces.append(piece)
        }
        if pieces.count == 1 {
            return .equal(attribute, pieces[0])
        }
        if pieces.count == 2 && pieces[0].isEmpty && pieces[1].isEmpty {
            return .present(attribute)
        }
        let initial = pieces[0]
        let final = pieces[pieces.count - 1]
        return .substrings(
            attribute,
            initial: initial.isEmpty ? nil : initial,
            any: Array(pieces[1..<(pieces.count - 1)]),
            final: final.isEmpty ? nil : final
        )
    }

    /// `extensible = ( attr [dnattrs] [matchingrule] COLON EQUALS assertionvalue )
    ///             / ( [dnattrs] matchingrule COLON EQUALS assertionvalue )`
    private mutating func parseExtensible(type: String?) throws(LDAPFilterSyntaxError) -> LDAPFilter {
        var dnAttributes = false
        var matchingRule: String?
        while true {
            try expect(UInt8(ascii: ":"))
            if peek == UInt8(ascii: "=") {
                index += 1
                break
            }
            let tokenStart = index
            while let byte = peek, AttributeDescriptionSyntax.isKeyChar(byte) || byte == UInt8(ascii: ".") {
                index += 1
            }
            let token = bytes[tokenStart..<index]
            guard !token.isEmpty else {
                throw error(peek == nil ? .unexpectedEnd : .unexpectedCharacter,
                            "expected \"dn\", a matching rule or \"=\" after \":\"")
            }
            // `dnattrs` comes before the rule, so `dn` is the flag only there.
            if !dnAttributes && matchingRule == nil && isDN(token) {
                dnAttributes = true
            } else if matchingRule == nil {
                guard AttributeDescriptionSyntax.isOID(token) else {
                    throw error(.invalidMatchingRule, "invalid matching rule \"\(string(token))\"", at: tokenStart)
                }
                matchingRule = string(token)
            } else {
                throw error(.unexpectedCharacter, "expected \":=\" after the matching rule", at: tokenStart - 1)
            }
        }
        if type == nil && matchingRule == nil {
            throw error(.invalidMatchingRule,
                        "an extensible match without an attribute needs a matching rule", at: index - 2)
        }
        let value = try parseValue()
        return .extensible(matchingRule: matchingRule, type: type, value: value, dnAttributes: dnAttributes)
    }

    /// `assertionvalue = valueencoding`, up to the next `)` or the end.
    /// `valueencoding = 0*(normal / escaped)`, `escaped = ESC HEX HEX`; `normal`
    /// excludes NUL, `(`, `)`, `*` and `\`, which must be escaped.
    private mutating func parseValue(stoppingAtAsterisk: Bool = false) throws(LDAPFilterSyntaxError) -> [UInt8] {
        var value: [UInt8] = []
        while let byte = peek {
            switch byte {
            case UInt8(ascii: ")"):
                return value
            case UInt8(ascii: "*"):
                if stoppingAtAsterisk { return value }
                throw error(.invalidValue, "unescaped \"*\" in value (write \\2a)")
            case UInt8(ascii: "("):
                throw error(.invalidValue, "unescaped \"(\" in value (write \\28)")
            case 0:
                throw error(.invalidValue, "NUL in value (write \\00)")
            case UInt8(ascii: "\\"):
                guard let high = hexValue(at: index + 1), let low = hexValue(at: index + 2) else {
                    throw error(.invalidEscape, "\"\\\" must be followed by two hex digits")
                }
                value.append(high << 4 | low)
                index += 3
            default:
                value.append(byte)
                index += 1
            }
        }
        return value
    }

    // MARK: - Helpers

    private var peek: UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func expect(_ byte: UInt8) throws(LDAPFilterSyntaxError) {
        let wanted = "\"\(Character(Unicode.Scalar(byte)))\""
        guard let found = peek else {
            throw error(.missingParenthesis, "missing \(wanted)")
        }
        guard found == byte else {
            let kind: LDAPFilterSyntaxError.Kind = byte == UInt8(ascii: ":") ? .unexpectedCharacter : .missingParenthesis
            throw error(kind, "expected \(wanted), found \(describe(found))")
        }
        index += 1
    }

    private func attributeName(_ slice: ArraySlice<UInt8>, at start: Int) throws(LDAPFilterSyntaxError) -> String {
        guard AttributeDescriptionSyntax.isAttributeDescription(slice) else {
            throw error(.invalidAttribute, "invalid attribute description \"\(string(slice))\"", at: start)
        }
        return string(slice)
    }

    private func isDN(_ token: ArraySlice<UInt8>) -> Bool {
        // ABNF literals are case-insensitive (RFC 5234 §2.3): `:DN:` counts.
        token.count == 2 && token.first.map { $0 | 0x20 } == UInt8(ascii: "d")
            && token.last.map { $0 | 0x20 } == UInt8(ascii: "n")
    }

    private func hexValue(at position: Int) -> UInt8? {
        guard position < bytes.count else { return nil }
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private func string(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice, as: UTF8.self)
    }

    private func describe(_ byte: UInt8) -> String {
        byte < 0x80 ? "\"\(Character(Unicode.Scalar(byte)))\"" : "a non-ASCII character"
    }

    private func error(_ kind: LDAPFilterSyntaxError.Kind, _ reason: String,
                       at byteOffset: Int? = nil) -> LDAPFilterSyntaxError {
        let position = min(byteOffset ?? index, bytes.count)
        let characterOffset = String(decoding: bytes[..<position], as: UTF8.self).count
        return LDAPFilterSyntaxError(filter: text, offset: characterOffset, kind: kind, reason: reason)
    }
}
