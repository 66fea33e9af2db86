/// Why a filter string is not an RFC 4515 filter, and where.
///
/// `offset` counts characters (not bytes) from the start of `filter`, so it
/// can point a caret under the text a person typed.
public struct LDAPFilterSyntaxError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The kind of mistake, for callers that branch on it; a struct rather
    /// than an enum so that kinds can be added without breaking switches.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        enum Code: String, Sendable {
            case missingParenthesis = "missing parenthesis"
            case unexpectedCharacter = "unexpected character"
            case unexpectedEnd = "unexpected end"
            case invalidAttribute = "invalid attribute description"
            case invalidMatchingRule = "invalid matching rule"
            case invalidEscape = "invalid escape"
            case invalidValue = "invalid value"
            case trailingCharacters = "trailing characters"
            case tooDeep = "nesting too deep"
        }

        let code: Code

        public static let missingParenthesis = Kind(code: .missingParenthesis)
        public static let unexpectedCharacter = Kind(code: .unexpectedCharacter)
        public static let unexpectedEnd = Kind(code: .unexpectedEnd)
        public static let invalidAttribute = Kind(code: .invalidAttribute)
        public static let invalidMatchingRule = Kind(code: .invalidMatchingRule)
        public static let invalidEscape = Kind(code: .invalidEscape)
        public static let invalidValue = Kind(code: .invalidValue)
        public static let trailingCharacters = Kind(code: .trailingCharacters)
        public static let tooDeep = Kind(code: .tooDeep)

        public var description: String { code.rawValue }
    }

    /// The whole filter string that failed to parse.
    public let filter: String
    /// Character offset of the problem; `filter.count` means "at the end".
    public let offset: Int
    public let kind: Kind
    /// What was found or expected, e.g. `missing ")"`.
    public let reason: String

    public var description: String {
        "filter \"\(filter)\" : \(reason) at offset \(offset)"
    }
}
