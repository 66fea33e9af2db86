import Testing
@testable import SCIM

/// A string that must not parse, the character offset and kind the error
/// must name.
struct BadFilterCase: Sendable, CustomTestStringConvertible {
    let input: String
    let offset: Int
    let kind: SCIMSyntaxError.Kind

    init(_ input: String, at offset: Int, _ kind: SCIMSyntaxError.Kind) {
        self.input = input
        self.offset = offset
        self.kind = kind
    }

    var testDescription: String { input.debugDescription }
}

@Suite("Filter syntax errors")
struct FilterErrorTests {
    static let cases: [BadFilterCase] = [
        BadFilterCase("", at: 0, .unexpectedEnd),
        BadFilterCase("userName", at: 8, .unexpectedEnd),
        BadFilterCase("userName ", at: 9, .unexpectedEnd),
        BadFilterCase(#"userName eq"#, at: 11, .unexpectedEnd),
        BadFilterCase(#"userName eq "#, at: 12, .unexpectedEnd),
        BadFilterCase(#"userName like "x""#, at: 9, .invalidOperator),
        BadFilterCase(#"userName == "x""#, at: 9, .invalidOperator),
        BadFilterCase(#"userName eq bjensen"#, at: 12, .invalidValue),
        BadFilterCase(#"userName eq 'bjensen'"#, at: 12, .invalidValue),
        BadFilterCase(#"userName eq "open"#, at: 12, .invalidValue),
        BadFilterCase(#"userName eq "bad \x escape""#, at: 17, .invalidValue),
        BadFilterCase(#"age gt 12abc"#, at: 7, .invalidValue),
        BadFilterCase(#"age gt 01"#, at: 7, .invalidValue),
        BadFilterCase(#"userName eq "a" and"#, at: 16, .trailingCharacters),
        BadFilterCase(#"userName eq "a" xor title pr"#, at: 16, .trailingCharacters),
        BadFilterCase(#"userName eq "a" "b""#, at: 16, .trailingCharacters),
        BadFilterCase(#"(userName eq "a""#, at: 16, .missingParenthesis),
        BadFilterCase(#"userName eq "a")"#, at: 15, .trailingCharacters),
        BadFilterCase(#"not userName eq "a""#, at: 4, .invalidOperator),
        BadFilterCase(#"emails[type eq "work""#, at: 21, .missingBracket),
        BadFilterCase(#"emails[type[value pr]]"#, at: 11, .nestedValuePath),
        BadFilterCase(#"emails.value[type pr]"#, at: 12, .invalidAttributePath),
        BadFilterCase(#"1abc eq "x""#, at: 0, .invalidAttributePath),
        BadFilterCase(#"name.given.family eq "x""#, at: 0, .invalidAttributePath),
        BadFilterCase(#"name. eq "x""#, at: 0, .invalidAttributePath),
        BadFilterCase(#"foo:bar eq "x""#, at: 0, .invalidAttributePath),
        BadFilterCase(#"urn:x:y: eq "x""#, at: 8, .invalidAttributePath),
        BadFilterCase(#"userName eq "x"; DROP TABLE users"#, at: 15, .trailingCharacters),
        BadFilterCase(#"userName eq "x" OR 1=1"#, at: 19, .invalidAttributePath),
        BadFilterCase(#"userName eq x' or '1'='1"#, at: 12, .invalidValue),
        // Offsets count characters: é and ü are two bytes each.
        BadFilterCase(#"displayName eq "é" and ü"#, at: 23, .invalidAttributePath),
        BadFilterCase(#"() "#, at: 1, .invalidAttributePath),
        BadFilterCase("[a pr]", at: 0, .invalidAttributePath),
    ]

    @Test("names the offset and kind", arguments: cases)
    func refuses(_ testCase: BadFilterCase) {
        let error = #expect(throws: SCIMSyntaxError.self) { try SCIMFilter(parsing: testCase.input) }
        #expect(error?.offset == testCase.offset, "\(error?.description ?? "")")
        #expect(error?.kind == testCase.kind, "\(error?.description ?? "")")
        #expect(error?.context == .filter)
        #expect(error?.scimError.scimType == .invalidFilter)
        #expect(error?.scimError.status == 400)
    }

    @Test func limitsDepth() throws {
        let nested = String(repeating: "(", count: 33) + "a pr" + String(repeating: ")", count: 33)
        let error = #expect(throws: SCIMSyntaxError.self) { try SCIMFilter(parsing: nested) }
        #expect(error?.kind == .tooDeep)
        #expect(error?.offset == 32)
        let allowed = String(repeating: "(", count: 32) + "a pr" + String(repeating: ")", count: 32)
        #expect(try SCIMFilter(parsing: allowed) == .present(path("a")))
        let nots = String(repeating: "not (", count: 40) + "a pr" + String(repeating: ")", count: 40)
        #expect(throws: SCIMSyntaxError.self) { try SCIMFilter(parsing: nots) }
    }

    @Test func limitsLength() throws {
        let long = "userName eq \"" + String(repeating: "x", count: 9000) + "\""
        let error = #expect(throws: SCIMSyntaxError.self) { try SCIMFilter(parsing: long) }
        #expect(error?.kind == .tooLong)
        let relaxed = SCIMFilter.Limits(maximumLength: 10_000)
        _ = try SCIMFilter(parsing: long, limits: relaxed)
    }

    @Test func describesTheProblem() {
        let error = #expect(throws: SCIMSyntaxError.self) { try SCIMFilter(parsing: #"(userName eq "a""#) }
        #expect(error?.description == #"filter "(userName eq \"a\"": expected ")" to close the "(" at offset 0, found the end at offset 16"#)
    }
}
