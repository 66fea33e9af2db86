/// A recursive-descent reader for SCIM filters (RFC 7644 §3.4.2.2) and
/// attribute paths (§3.5.2 `PATH`, §3.10), over the text's UTF-8 bytes.
/// Every structural character is ASCII, so bytes suffice; offsets become
/// character offsets only when an error is reported.
struct SCIMExpressionParser {
    let text: String
    let bytes: [UInt8]
    var index = 0
    let context: SCIMSyntaxError.Context
    let limits: SCIMFilter.Limits
    let knownSchemas: [String]
    /// Inside `[…]`, where attribute paths name sub-attributes and another
    /// value path is not allowed.
    var insideValuePath = false

    init(
        _ text: String,
        context: SCIMSyntaxError.Context,
        limits: SCIMFilter.Limits = .default,
        knownSchemas: [String] = SCIMSchemaURN.wellKnown
    ) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.context = context
        self.limits = limits
        self.knownSchemas = knownSchemas
    }

    // MARK: - Entry points

    mutating func parseWholeFilter() throws(SCIMSyntaxError) -> SCIMFilter {
        try checkLength()
        let filter = try parseOr(depth: 0)
        skipWhitespace()
        if let byte = peek {
            throw error(.trailingCharacters, "unexpected \(JSONReader.describe(byte)), expected \"and\", \"or\" or the end")
        }
        return filter
    }

    mutating func parseWholeAttributePath() throws(SCIMSyntaxError) -> SCIMAttributePath {
        try checkLength()
        skipWhitespace()
        let path = try parseAttributePath()
        skipWhitespace()
        if let byte = peek {
            throw error(.trailingCharacters, "unexpected \(JSONReader.describe(byte)) after the attribute path")
        }
        return path
    }

    /// `PATH = attrPath / valuePath [subAttr]` (RFC 7644 §3.5.2).
    mutating func parseWholePatchPath() throws(SCIMSyntaxError) -> SCIMPatchPath {
        try checkLength()
        skipWhitespace()
        var attribute = try parseAttributePath()
        var filter: SCIMFilter?
        if peek == UInt8(ascii: "[") {
            guard attribute.subAttribute == nil else {
                throw error(.invalidAttributePath, "a value filter must follow the attribute, not its sub-attribute")
            }
            filter = try parseValueFilter(depth: 0)
            if peek == UInt8(ascii: ".") {
                index += 1
                let start = index
                let sub = scanNameCharacters()
                guard Self.isAttributeName(sub) else {
                    throw error(.invalidAttributePath, "expected a sub-attribute name after \"].\"", at: start)
                }
                attribute.subAttribute = String(decoding: sub, as: UTF8.self)
            }
        }
        skipWhitespace()
        if let byte = peek {
            throw error(.trailingCharacters, "unexpected \(JSONReader.describe(byte)) in the path")
        }
        return SCIMPatchPath(attribute: attribute, valueFilter: filter)
    }

    private func checkLength() throws(SCIMSyntaxError) {
        guard bytes.count <= limits.maximumLength else {
            throw error(.tooLong, "longer than \(limits.maximumLength) bytes", at: limits.maximumLength)
        }
    }

    // MARK: - Logical expressions, weakest first

    private mutating func parseOr(depth: Int) throws(SCIMSyntaxError) -> SCIMFilter {
        var operands = [try parseAnd(depth: depth)]
        while consumeKeyword("or") {
            operands.append(try parseAnd(depth: depth))
        }
        return SCIMFilter.disjunction(operands)
    }

    private mutating func parseAnd(depth: Int) throws(SCIMSyntaxError) -> SCIMFilter {
        var operands = [try parseUnary(depth: depth)]
        while consumeKeyword("and") {
            operands.append(try parseUnary(depth: depth))
        }
        return SCIMFilter.conjunction(operands)
    }

    /// `"not" "(" FILTER ")"`, `"(" FILTER ")"` or an attribute expression.
    private mutating func parseUnary(depth: Int) throws(SCIMSyntaxError) -> SCIMFilter {
        skipWhitespace()
        if peek == UInt8(ascii: "(") {
            return try parseGroup(depth: depth)
        }
        let save = index
        if consumeWord("not") {
            skipWhitespace()
            if peek == UInt8(ascii: "(") {
                return .not(try parseGroup(depth: depth))
            }
            // An attribute that happens to be called "not".
            index = save
        }
        return try parseAttributeExpression(depth: depth)
    }

    private mutating func parseGroup(depth: Int) throws(SCIMSyntaxError) -> SCIMFilter {
        let open = index
        try enter(depth)
        let inner = try parseOr(depth: depth + 1)
        skipWhitespace()
        guard peek == UInt8(ascii: ")") else {
            let found = peek.map(JSONReader.describe) ?? "the end"
            throw error(.missingParenthesis, "expected \")\" to close the \"(\" at offset \(characterOffset(open)), found \(found)")
        }
        index += 1
        return inner
    }

    private mutating func enter(_ depth: Int) throws(SCIMSyntaxError) {
        guard depth < limits.maximumDepth else {
            throw error(.tooDeep, "nested more than \(limits.maximumDepth) levels deep")
        }
        index += 1
    }

    // MARK: - Attribute expressions

    /// `attrPath SP "pr"`, `attrPath SP compareOp SP compValue` or a value path.
    private mutating func parseAttributeExpression(depth: Int) throws(SCIMSyntaxError) -> SCIMFilter {
        let path = try parseAttributePath()
        if peek == UInt8(ascii: "[") {
            guard !insideValuePath else {
                throw error(.nestedValuePath, "a value filter cannot contain another value filter")
            }
            guard path.subAttribute == nil else {
                throw error(.invalidAttributePath, "a value filter must follow the attribute, not its sub-attribute")
            }
            return .valuePath(path, try parseValueFilter(depth: depth))
        }
        guard skipWhitespace() else {
            throw peek == nil
                ? error(.unexpectedEnd, "expected an operator after \"\(path)\"")
                : error(.unexpectedCharacter, "expected a space and an operator after \"\(path)\"")
        }
        let operatorStart = index
        let word = String(decoding: scanNameCharacters(), as: UTF8.self).lowercased()
        if word == "pr" {
            return .present(path)
        }
        guard let op = SCIMComparisonOperator(rawValue: word) else {
            if word.isEmpty && peek == nil {
                throw error(.unexpectedEnd, "expected an operator after \"\(path)\"", at: operatorStart)
            }
            let shown = word.isEmpty ? peek.map(JSONReader.describe) ?? "nothing" : "\"\(word)\""
            throw error(.invalidOperator, "unknown operator \(shown); expected eq, ne, co, sw, ew, gt, ge, lt, le or pr", at: operatorStart)
        }
        guard skipWhitespace(), peek != nil else {
            throw peek == nil
                ? error(.unexpectedEnd, "expected a value after \"\(word)\"")
                : error(.unexpectedCharacter, "expected a space and a value after \"\(word)\"")
        }
        return .comparison(path, op, try parseValue())
    }

    /// `"[" valFilter "]"`; `index` is at the `[`.
    private mutating func parseValueFilter(depth: Int) throws(SCIMSyntaxError) -> SCIMFilter {
        let open = index
        try enter(depth)
        insideValuePath = true
        let inner = try parseOr(depth: depth + 1)
        skipWhitespace()
        guard peek == UInt8(ascii: "]") else {
            let found = peek.map(JSONReader.describe) ?? "the end"
            throw error(.missingBracket, "expected \"]\" to close the \"[\" at offset \(characterOffset(open)), found \(found)")
        }
        insideValuePath = false
        index += 1
        return inner
    }

    /// `compValue = false / null / true / number / string`, the literals in
    /// JSON's grammar.
    private mutating func parseValue() throws(SCIMSyntaxError) -> SCIMFilterValue {
        let start = index
        switch peek {
        case UInt8(ascii: "\""):
            return .string(try readJSONLiteral { reader throws(JSONSyntaxError) in try reader.readString() })
        case UInt8(ascii: "-"), .some(UInt8(ascii: "0")...UInt8(ascii: "9")):
            let number = try readJSONLiteral { reader throws(JSONSyntaxError) in try reader.readNumber() }
            if let byte = peek, Self.isNameCharacter(byte) {
                throw error(.invalidValue, "invalid number", at: start)
            }
            return .number(number)
        default:
            let word = String(decoding: scanNameCharacters(), as: UTF8.self).lowercased()
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                throw error(.invalidValue, "expected a quoted string, a number, true, false or null", at: start)
            }
        }
    }

    private mutating func readJSONLiteral<T>(
        _ read: (inout JSONReader) throws(JSONSyntaxError) -> T
    ) throws(SCIMSyntaxError) -> T {
        let start = index
        let result: Result<(T, Int), JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer, at: start)
            do throws(JSONSyntaxError) {
                let value = try read(&reader)
                return .success((value, reader.index))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let (value, end)):
            index = end
            return value
        case .failure(let failure):
            throw error(.invalidValue, failure.reason, at: failure.offset)
        }
    }
}
