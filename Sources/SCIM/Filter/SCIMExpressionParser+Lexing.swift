/// Tokens: attribute paths, keywords, whitespace; and error construction.
extension SCIMExpressionParser {
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Skips spaces and tabs; says whether there were any.
    @discardableResult
    mutating func skipWhitespace() -> Bool {
        let start = index
        while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
            index += 1
        }
        return index > start
    }

    /// Consumes `word` (case-insensitively) when it stands alone at the
    /// current position, after optional whitespace.
    mutating func consumeKeyword(_ word: String) -> Bool {
        let save = index
        skipWhitespace()
        if consumeWord(word), peek.map({ !Self.isNameCharacter($0) }) ?? false {
            return true
        }
        index = save
        return false
    }

    /// Consumes `word` case-insensitively when the name characters at the
    /// current position are exactly that word.
    mutating func consumeWord(_ word: String) -> Bool {
        let save = index
        let found = scanNameCharacters()
        if found.count == word.utf8.count,
            zip(found, word.utf8).allSatisfy({ ASCIICaseInsensitive.lower($0) == $1 })
        {
            return true
        }
        index = save
        return false
    }

    /// Consumes and returns the run of `nameChar` bytes (plus `$`).
    mutating func scanNameCharacters() -> ArraySlice<UInt8> {
        let start = index
        while let byte = peek, Self.isNameCharacter(byte) { index += 1 }
        return bytes[start..<index]
    }

    /// `attrPath = [URI ":"] ATTRNAME *1subAttr`.
    ///
    /// A URN-qualified path is split at its last colon (schema URNs contain
    /// dots, as in `2.0`, but an attribute name never contains a colon),
    /// except that a text equal to a known schema URN names that whole
    /// extension.
    mutating func parseAttributePath() throws(SCIMSyntaxError) -> SCIMAttributePath {
        let start = index
        while let byte = peek, Self.isNameCharacter(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") {
            index += 1
        }
        let token = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !token.isEmpty else {
            if let byte = peek {
                throw error(.invalidAttributePath, "expected an attribute name, found \(JSONReader.describe(byte))")
            }
            throw error(.unexpectedEnd, "expected an attribute name")
        }
        var schema: String?
        var rest = Substring(token)
        var restOffset = start
        if ASCIICaseInsensitive.hasPrefix(token, "urn:") {
            if let known = knownSchema(token) {
                return SCIMAttributePath(known)
            }
            guard let lastColon = token.utf8.lastIndex(of: UInt8(ascii: ":")) else {
                throw error(.invalidAttributePath, "invalid schema URN", at: start)
            }
            let schemaText = String(token[..<lastColon])
            schema = knownSchema(schemaText) ?? schemaText
            rest = token[token.index(after: lastColon)...]
            restOffset = start + token.utf8.distance(from: token.startIndex, to: lastColon) + 1
        } else if token.contains(":") {
            throw error(.invalidAttributePath, "\"\(token)\" is not an attribute name or a schema URN", at: start)
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            throw error(.invalidAttributePath, "\"\(rest)\" has more than one sub-attribute level", at: restOffset)
        }
        guard let nameText = parts.first, Self.isAttributeName(nameText.utf8) else {
            throw error(.invalidAttributePath, "\"\(rest)\" is not a valid attribute name", at: restOffset)
        }
        var sub: String?
        if parts.count == 2 {
            guard Self.isAttributeName(parts[1].utf8) else {
                throw error(.invalidAttributePath, "\"\(rest)\" has an invalid sub-attribute name", at: restOffset)
            }
            sub = String(parts[1])
        }
        return SCIMAttributePath(schema: schema, String(nameText), subAttribute: sub)
    }

    /// The known spelling of a schema URN (URNs compare case-insensitively),
    /// so resources store extensions under one key whatever a client typed.
    private func knownSchema(_ urn: String) -> String? {
        knownSchemas.first { ASCIICaseInsensitive.equal($0, urn) }
    }

    /// `ATTRNAME = ALPHA *(nameChar)` (RFC 7643 §2.1), plus the `$ref`
    /// spelling RFC 7643 itself uses for reference sub-attributes.
    static func isAttributeName(_ name: some Collection<UInt8>) -> Bool {
        guard let first = name.first else { return false }
        let isAlpha = { (byte: UInt8) in ASCIICaseInsensitive.lower(byte) &- UInt8(ascii: "a") < 26 }
        let body = first == UInt8(ascii: "$") ? name.dropFirst() : name[...]
        guard let head = body.first, isAlpha(head) else { return false }
        return body.allSatisfy { isAlpha($0) || JSONReader.isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// `nameChar = "-" / "_" / DIGIT / ALPHA`, and `$`.
    static func isNameCharacter(_ byte: UInt8) -> Bool {
        ASCIICaseInsensitive.lower(byte) &- UInt8(ascii: "a") < 26 || JSONReader.isDigit(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }

    // MARK: - Errors

    func characterOffset(_ byteOffset: Int) -> Int {
        String(decoding: bytes[..<min(byteOffset, bytes.count)], as: UTF8.self).count
    }

    /// Inside a PATCH path's brackets the text is a filter, so its mistakes
    /// are `invalidFilter` (RFC 7644 §3.12, Table 9); the rest of a path's
    /// are `invalidPath`.
    func error(_ kind: SCIMSyntaxError.Kind, _ reason: String, at byteOffset: Int? = nil) -> SCIMSyntaxError {
        SCIMSyntaxError(
            context: context == .path && insideValuePath ? .filter : context,
            input: text,
            offset: characterOffset(byteOffset ?? index),
            kind: kind,
            reason: reason
        )
    }
}
