/// Why a filter (RFC 7644 §3.4.2.2) or an attribute path (§3.5.2, §3.10) is
/// not well formed, and where.
///
/// `offset` counts characters from the start of `input`, so a client or an
/// administrator can put a caret under the mistake. A filter error maps to
/// `scimType` `invalidFilter`, a path error to `invalidPath` (§3.12).
public struct SCIMSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of text was being read.
    public enum Context: String, Sendable, Hashable {
        case filter
        case path
    }

    /// The kind of mistake; a struct so kinds can be added without breaking
    /// callers' switches.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        let code: String

        public static let unexpectedCharacter = Kind(code: "unexpected character")
        public static let unexpectedEnd = Kind(code: "unexpected end")
        public static let invalidAttributePath = Kind(code: "invalid attribute path")
        public static let invalidOperator = Kind(code: "invalid operator")
        public static let invalidValue = Kind(code: "invalid comparison value")
        public static let missingParenthesis = Kind(code: "missing parenthesis")
        public static let missingBracket = Kind(code: "missing bracket")
        public static let nestedValuePath = Kind(code: "nested value path")
        public static let trailingCharacters = Kind(code: "trailing characters")
        public static let tooDeep = Kind(code: "nesting too deep")
        public static let tooLong = Kind(code: "too long")

        public var description: String { code }
    }

    public let context: Context
    /// The whole text that failed to parse.
    public let input: String
    /// Character offset of the problem; `input.count` means "at the end".
    public let offset: Int
    public let kind: Kind
    public let reason: String

    public init(context: Context, input: String, offset: Int, kind: Kind, reason: String) {
        self.context = context
        self.input = input
        self.offset = offset
        self.kind = kind
        self.reason = reason
    }

    public var description: String {
        "\(context.rawValue) \(SCIMSyntaxError.quoted(input)): \(reason) at offset \(offset)"
    }

    /// The input as a JSON string, shortened: it may be hostile and long.
    private static func quoted(_ input: String) -> String {
        let shown = input.count > 200 ? String(input.prefix(200)) + "…" : input
        return JSON.string(shown).serializedString()
    }
}

extension SCIMSyntaxError: SCIMErrorConvertible {
    public var scimError: SCIMError {
        SCIMError(status: 400, scimType: context == .filter ? .invalidFilter : .invalidPath, detail: description)
    }
}
