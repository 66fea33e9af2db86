import Testing
@testable import LDAP

/// One filter string, the tree it must parse to, and the canonical string the
/// tree writes back (the input itself unless given).
struct FilterCase: Sendable, CustomTestStringConvertible {
    let input: String
    let filter: LDAPFilter
    let canonical: String?

    init(_ input: String, _ filter: LDAPFilter, canonical: String? = nil) {
        self.input = input
        self.filter = filter
        self.canonical = canonical
    }

    var testDescription: String { input }
}

/// A string that must not parse, the fragment its message must hold, and the
/// character offset it must name.
struct BadFilterCase: Sendable, CustomTestStringConvertible {
    let input: String
    let fragment: String
    let offset: Int
    let kind: LDAPFilterSyntaxError.Kind

    init(_ input: String, _ fragment: String, at offset: Int, _ kind: LDAPFilterSyntaxError.Kind) {
        self.input = input
        self.fragment = fragment
        self.offset = offset
        self.kind = kind
    }

    var testDescription: String { input.debugDescription }
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private func substrings(_ attribute: String, _ initial: String?, _ any: [String], _ final: String?) -> LDAPFilter {
    .substrings(attribute, initial: initial.map(bytes), any: any.map(bytes), final: final.map(bytes))
}

private func extensible(_ type: String?, rule: String?, _ value: String, dn: Bool = false) -> LDAPFilter {
    .extensible(matchingRule: rule, type: type, value: bytes(value), dnAttributes: dn)
}

@Suite("RFC 4515 filter strings")
struct FilterParsingTests {
    static let operatorCases: [FilterCase] = [
        FilterCase("(uid=jo)", .equal("uid", "jo")),
        FilterCase("(uid>=100)", .greaterOrEqual("uid", bytes("100"))),
        FilterCase("(uid<=100)", .lessOrEqual("uid", bytes("100"))),
        FilterCase("(cn~=jon)", .approx("cn", bytes("jon"))),
        FilterCase("(cn=*)", .present("cn")),
        FilterCase("(cn=a*)", substrings("cn", "a", [], nil)),
        FilterCase("(cn=*a)", substrings("cn", nil, [], "a")),
        FilterCase("(cn=*a*)", substrings("cn", nil, ["a"], nil)),
        FilterCase("(cn=a*b)", substrings("cn", "a", [], "b")),
        FilterCase("(cn=a*b*c*d)", substrings("cn", "a", ["b", "c"], "d")),
        FilterCase("(&(a=1)(b=2))", .and([.equal("a", "1"), .equal("b", "2")])),
        FilterCase("(|(a=1)(b=2)(c=3))", .or([.equal("a", "1"), .equal("b", "2"), .equal("c", "3")])),
        FilterCase("(!(a=1))", .not(.equal("a", "1"))),
        FilterCase("(&(|(!(a=1))(b=2))(c=3))",
                   .and([.or([.not(.equal("a", "1")), .equal("b", "2")]), .equal("c", "3")])),
        // RFC 4526 absolute true and false.
        FilterCase("(&)", .and([])),
        FilterCase("(|)", .or([])),
        FilterCase("(!(&))", .not(.and([]))),
        // Attribute descriptions: options and numeric OIDs.
        FilterCase("(cn;lang-en=x)", .equal("cn;lang-en", "x")),
        FilterCase("(cn;lang-en;x-foo=*)", .present("cn;lang-en;x-foo")),
        FilterCase("(2.5.4.3=x)", .equal("2.5.4.3", "x")),
        FilterCase("(msDS-parentdistname=x)", .equal("msDS-parentdistname", "x")),
        // Extensible match in all its forms.
        FilterCase("(cn:caseExactMatch:=Fred)", extensible("cn", rule: "caseExactMatch", "Fred")),
        FilterCase("(cn:dn:2.4.6.8.10:=x)", extensible("cn", rule: "2.4.6.8.10", "x", dn: true)),
        FilterCase("(:1.2.3:=x)", extensible(nil, rule: "1.2.3", "x")),
        FilterCase("(:dn:2.4.6:=x)", extensible(nil, rule: "2.4.6", "x", dn: true)),
        FilterCase("(cn:=x)", extensible("cn", rule: nil, "x")),
        FilterCase("(cn:dn:=x)", extensible("cn", rule: nil, "x", dn: true)),
        FilterCase("(cn:dn:dn:=x)", extensible("cn", rule: "dn", "x", dn: true)),
        FilterCase("(cn:dnQualifierMatch:=x)", extensible("cn", rule: "dnQualifierMatch", "x")),
        FilterCase("(cn:=a\\2ab)", extensible("cn", rule: nil, "a*b")),
        // Active Directory's LDAP_MATCHING_RULE_BIT_AND and IN_CHAIN.
        FilterCase("(userAccountControl:1.2.840.113556.1.4.803:=2)",
                   extensible("userAccountControl", rule: "1.2.840.113556.1.4.803", "2")),
        FilterCase("(!(userAccountControl:1.2.840.113556.1.4.803:=2))",
                   .not(extensible("userAccountControl", rule: "1.2.840.113556.1.4.803", "2"))),
        FilterCase("(memberOf:1.2.840.113556.1.4.1941:=cn=Admins,dc=example,dc=com)",
                   extensible("memberOf", rule: "1.2.840.113556.1.4.1941", "cn=Admins,dc=example,dc=com")),
    ]

    static let escapeCases: [FilterCase] = [
        FilterCase("(cn=a\\2ab)", .equal("cn", "a*b")),
        FilterCase("(cn=a\\2Ab)", .equal("cn", "a*b"), canonical: "(cn=a\\2ab)"),
        FilterCase("(cn=\\28x\\29)", .equal("cn", "(x)")),
        FilterCase("(cn=C:\\5cdir)", .equal("cn", "C:\\dir")),
        FilterCase("(cn=C:\\5Cdir)", .equal("cn", "C:\\dir"), canonical: "(cn=C:\\5cdir)"),
        FilterCase("(cn=a\\00b)", .equal("cn", [0x61, 0x00, 0x62])),
        FilterCase("(cn=\\41\\62c)", .equal("cn", "Abc"), canonical: "(cn=Abc)"),
        FilterCase("(cn=*\\2a*)", substrings("cn", nil, ["*"], nil)),
        FilterCase("(cn=\\2a*)", substrings("cn", "*", [], nil)),
        FilterCase("(cn=J\u{FC}rgen)", .equal("cn", "J\u{FC}rgen")),
        FilterCase("(cn=\u{65E5}\u{672C}*)", substrings("cn", "\u{65E5}\u{672C}", [], nil)),
        FilterCase("(cn=\\c3\\bcber)", .equal("cn", "\u{FC}ber"), canonical: "(cn=\u{FC}ber)"),
        // Bytes that are not UTF-8 (an objectGUID) stay escaped.
        FilterCase("(objectGUID=\\a1\\B2\\03\\ff)", .equal("objectGUID", [0xA1, 0xB2, 0x03, 0xFF]),
                   canonical: "(objectGUID=\\a1\\b2\\03\\ff)"),
        // A lone UTF-8 lead byte followed by ASCII is not UTF-8 either.
        FilterCase("(cn=\\c3A)", .equal("cn", [0xC3, 0x41])),
        // Controls are escaped when written, so a filter in a log stays on one line.
        FilterCase("(cn=a\u{0A}b)", .equal("cn", [0x61, 0x0A, 0x62]), canonical: "(cn=a\\0ab)"),
    ]

    /// RFC 4515 §4, every example.
    static let rfcExamples: [FilterCase] = [
        FilterCase("(cn=Babs Jensen)", .equal("cn", "Babs Jensen")),
        FilterCase("(!(cn=Tim Howes))", .not(.equal("cn", "Tim Howes"))),
        FilterCase("(&(objectClass=Person)(|(sn=Jensen)(cn=Babs J*)))",
                   .and([.equal("objectClass", "Person"),
                         .or([.equal("sn", "Jensen"), substrings("cn", "Babs J", [], nil)])])),
        FilterCase("(o=univ*of*mich*)", substrings("o", "univ", ["of", "mich"], nil)),
        FilterCase("(seeAlso=)", .equal("seeAlso", [])),
        FilterCase("(cn:caseExactMatch:=Fred Flintstone)",
                   extensible("cn", rule: "caseExactMatch", "Fred Flintstone")),
        FilterCase("(cn:=Betty Rubble)", extensible("cn", rule: nil, "Betty Rubble")),
        FilterCase("(sn:dn:2.4.6.8.10:=Barney Rubble)",
                   extensible("sn", rule: "2.4.6.8.10", "Barney Rubble", dn: true)),
        FilterCase("(o:dn:=Ace Industry)", extensible("o", rule: nil, "Ace Industry", dn: true)),
        FilterCase("(:1.2.3:=Wilma Flintstone)", extensible(nil, rule: "1.2.3", "Wilma Flintstone")),
        FilterCase("(:DN:2.4.6.8.10:=Dino)", extensible(nil, rule: "2.4.6.8.10", "Dino", dn: true),
                   canonical: "(:dn:2.4.6.8.10:=Dino)"),
        FilterCase("(o=Parens R Us \\28for all your parenthetical needs\\29)",
                   .equal("o", "Parens R Us (for all your parenthetical needs)")),
        FilterCase("(cn=*\\2A*)", substrings("cn", nil, ["*"], nil), canonical: "(cn=*\\2a*)"),
        FilterCase("(filename=C:\\5cMyFile)", .equal("filename", "C:\\MyFile")),
        FilterCase("(sn=Lu\\c4\\8di\\c4\\87)", .equal("sn", "Lu\u{10D}i\u{107}"),
                   canonical: "(sn=Lu\u{10D}i\u{107})"),
        FilterCase("(1.3.6.1.4.1.1466.0=\\04\\02\\48\\69)", .equal("1.3.6.1.4.1.1466.0", [0x04, 0x02, 0x48, 0x69]),
                   canonical: "(1.3.6.1.4.1.1466.0=\\04\\02Hi)"),
    ]

    /// ldapsearch wraps a filter that lacks the outer parentheses; so do we.
    static let withoutParentheses: [FilterCase] = [
        FilterCase("uid=jo", .equal("uid", "jo"), canonical: "(uid=jo)"),
        FilterCase("cn=a*", substrings("cn", "a", [], nil), canonical: "(cn=a*)"),
        FilterCase("objectClass=*", .present("objectClass"), canonical: "(objectClass=*)"),
        FilterCase("&(a=1)(b=2)", .and([.equal("a", "1"), .equal("b", "2")]), canonical: "(&(a=1)(b=2))"),
        FilterCase("!(a=1)", .not(.equal("a", "1")), canonical: "(!(a=1))"),
        FilterCase("cn:dn:=x", extensible("cn", rule: nil, "x", dn: true), canonical: "(cn:dn:=x)"),
    ]

    @Test("parses and writes back", arguments: operatorCases + escapeCases + rfcExamples + withoutParentheses)
    func parsesAndWritesBack(_ testCase: FilterCase) throws {
        let parsed = try LDAPFilter(parsing: testCase.input)
        #expect(parsed == testCase.filter)
        #expect(testCase.filter.description == (testCase.canonical ?? testCase.input))
        #expect(try LDAPFilter(parsing: parsed.description) == parsed)
    }

    static let badCases: [BadFilterCase] = [
        BadFilterCase("(&(uid=a)", "missing \")\"", at: 9, .missingParenthesis),
        BadFilterCase("(cn=a*b", "missing \")\"", at: 7, .missingParenthesis),
        BadFilterCase("(uid=a))", "unexpected \")\" after the end", at: 7, .trailingCharacters),
        BadFilterCase("(cn=x)(sn=y)", "unexpected \"(\" after the end", at: 6, .trailingCharacters),
        BadFilterCase("uid=jo)", "unexpected \")\" after the end", at: 6, .trailingCharacters),
        BadFilterCase("((uid=a))", "expected an attribute description, found \"(\"", at: 1, .unexpectedCharacter),
        BadFilterCase("", "expected a filter component", at: 0, .unexpectedEnd),
        BadFilterCase("(", "expected a filter component", at: 1, .unexpectedEnd),
        BadFilterCase("()", "expected an attribute description, found \")\"", at: 1, .unexpectedCharacter),
        BadFilterCase("(=a)", "empty attribute description", at: 1, .invalidAttribute),
        BadFilterCase("(>=a)", "empty attribute description", at: 1, .invalidAttribute),
        BadFilterCase("(cn)", "expected \"=\", \"~=\", \">=\", \"<=\" or \":\", found \")\"", at: 3,
                      .unexpectedCharacter),
        BadFilterCase("(cn a=b)", "found \" \"", at: 3, .unexpectedCharacter),
        BadFilterCase("(cn~a)", "expected \"=\" after \"~\"", at: 4, .unexpectedCharacter),
        BadFilterCase("(1cn=x)", "invalid attribute description \"1cn\"", at: 1, .invalidAttribute),
        BadFilterCase("(cn;=x)", "invalid attribute description \"cn;\"", at: 1, .invalidAttribute),
        BadFilterCase("(1.02.3=x)", "invalid attribute description", at: 1, .invalidAttribute),
        BadFilterCase("(cn_x=a)", "found \"_\"", at: 3, .unexpectedCharacter),
        BadFilterCase("(cn=\\2)", "\"\\\" must be followed by two hex digits", at: 4, .invalidEscape),
        BadFilterCase("(cn=\\zz)", "two hex digits", at: 4, .invalidEscape),
        BadFilterCase("(cn=ab\\", "two hex digits", at: 6, .invalidEscape),
        BadFilterCase("(cn=\\*)", "two hex digits", at: 4, .invalidEscape),
        BadFilterCase("(cn>=a*)", "unescaped \"*\"", at: 6, .invalidValue),
        BadFilterCase("(cn~=*)", "unescaped \"*\"", at: 5, .invalidValue),
        BadFilterCase("(cn:=a*)", "unescaped \"*\"", at: 6, .invalidValue),
        BadFilterCase("(cn=a(b)", "unescaped \"(\"", at: 5, .invalidValue),
        BadFilterCase("(cn=a\u{0}b)", "NUL in value", at: 5, .invalidValue),
        BadFilterCase("(cn=**)", "empty substring", at: 5, .invalidValue),
        BadFilterCase("(cn=a**b)", "empty substring", at: 6, .invalidValue),
        BadFilterCase("(:=x)", "needs a matching rule", at: 1, .invalidMatchingRule),
        BadFilterCase("(:dn:=x)", "needs a matching rule", at: 4, .invalidMatchingRule),
        BadFilterCase("(cn:1.2.:=x)", "invalid matching rule \"1.2.\"", at: 4, .invalidMatchingRule),
        BadFilterCase("(cn:rule:dn:=x)", "expected \":=\" after the matching rule", at: 8, .unexpectedCharacter),
        BadFilterCase("(cn:dn=x)", "expected \":\", found \"=\"", at: 6, .unexpectedCharacter),
        BadFilterCase("(!(cn=x)(sn=y))", "expected \")\", found \"(\"", at: 8, .missingParenthesis),
        BadFilterCase("(&(cn=x) (sn=y))", "expected \")\", found \" \"", at: 8, .missingParenthesis),
        BadFilterCase(" (cn=x)", "found \" \"", at: 0, .unexpectedCharacter),
        // Offsets count characters, not UTF-8 bytes.
        BadFilterCase("(cn=J\u{FC}rgen", "missing \")\"", at: 10, .missingParenthesis),
        BadFilterCase("(\u{FC}=x)", "found a non-ASCII character", at: 1, .unexpectedCharacter),
    ]

    @Test("rejects", arguments: badCases)
    func rejects(_ testCase: BadFilterCase) {
        #expect {
            try LDAPFilter(parsing: testCase.input)
        } throws: { error in
            guard let error = error as? LDAPFilterSyntaxError else { return false }
            return error.offset == testCase.offset && error.kind == testCase.kind
                && error.description.contains(testCase.fragment)
                && error.filter == testCase.input
        }
    }

    @Test func errorMessageNamesFilterReasonAndOffset() {
        do {
            _ = try LDAPFilter(parsing: "(&(uid=a)")
            Issue.record("parsed an unbalanced filter")
        } catch {
            #expect(error.description == "filter \"(&(uid=a)\" : missing \")\" at offset 9")
        }
    }

    @Test func refusesNestingBeyondTheLimit() {
        let depth = LDAPFilterParser.maximumDepth + 1
        let deep = String(repeating: "(!", count: depth) + "(a=b)" + String(repeating: ")", count: depth)
        #expect(throws: LDAPFilterSyntaxError.self) { try LDAPFilter(parsing: deep) }

        let allowed = LDAPFilterParser.maximumDepth - 1
        let fine = String(repeating: "(!", count: allowed) + "(a=b)" + String(repeating: ")", count: allowed)
        #expect(throws: Never.self) { try LDAPFilter(parsing: fine) }
    }
}

/// SplitMix64: a seeded generator, so the random round trips are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("RFC 4515 round trips")
struct FilterRoundTripTests {
    static let attributes = ["cn", "objectClass", "cn;lang-en", "2.5.4.3", "x-y;binary", "userAccountControl"]
    static let rules = ["caseExactMatch", "1.2.840.113556.1.4.803", "2.4.6.8.10"]

    /// Values drawn from the bytes that need care: specials, NUL, controls,
    /// a UTF-8 sequence, and bytes that cannot be UTF-8.
    static func randomValue(nonEmpty: Bool, using generator: inout SeededGenerator) -> [UInt8] {
        let palette: [[UInt8]] = [
            [0x61], [0x20], [0x2A], [0x28], [0x29], [0x5C], [0x00], [0x0A], [0x7F],
            [0xC3, 0xBC], [0xE6, 0x97, 0xA5], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0xC3], [0x80], [0xED, 0xA0, 0x80],
        ]
        let count = Int.random(in: (nonEmpty ? 1 : 0)...5, using: &generator)
        return (0..<count).flatMap { _ in palette.randomElement(using: &generator) ?? [] }
    }

    static func randomFilter(depth: Int, using generator: inout SeededGenerator) -> LDAPFilter {
        let attribute = attributes.randomElement(using: &generator) ?? "cn"
        let choice = Int.random(in: depth > 3 ? 3...10 : 0...10, using: &generator)
        func value(_ nonEmpty: Bool = false) -> [UInt8] { randomValue(nonEmpty: nonEmpty, using: &generator) }
        func children() -> [LDAPFilter] {
            (0..<Int.random(in: 0...3, using: &generator)).map { _ in randomFilter(depth: depth + 1, using: &generator) }
        }
        switch choice {
        case 0: return .and(children())
        case 1: return .or(children())
        case 2: return .not(randomFilter(depth: depth + 1, using: &generator))
        case 3: return .equal(attribute, value())
        case 4: return .greaterOrEqual(attribute, value())
        case 5: return .lessOrEqual(attribute, value())
        case 6: return .approx(attribute, value())
        case 7: return .present(attribute)
        case 8:
            let initial = Bool.random(using: &generator) ? value(true) : nil
            let any = (0..<Int.random(in: 0...2, using: &generator)).map { _ in value(true) }
            let final = Bool.random(using: &generator) || (initial == nil && any.isEmpty) ? value(true) : nil
            return .substrings(attribute, initial: initial, any: any, final: final)
        default:
            let rule = Bool.random(using: &generator) ? rules.randomElement(using: &generator) : nil
            let type = rule == nil || Bool.random(using: &generator) ? attribute : nil
            return .extensible(matchingRule: rule, type: type, value: value(),
                               dnAttributes: Bool.random(using: &generator))
        }
    }

    @Test func randomFiltersSurviveTheRoundTrip() throws {
        var generator = SeededGenerator(seed: 4515)
        for _ in 0..<2000 {
            let filter = Self.randomFilter(depth: 0, using: &generator)
            let text = filter.description
            #expect(try LDAPFilter(parsing: text) == filter, "\(text)")
            // The written form is always valid UTF-8 with no raw control byte.
            #expect(!text.utf8.contains { $0 < 0x20 || $0 == 0x7F }, "\(text)")
        }
    }

    @Test func everyByteValueSurvivesTheRoundTrip() throws {
        let allBytes = (0...255).map { UInt8($0) }
        let filter = LDAPFilter.equal("objectGUID", allBytes)
        #expect(try LDAPFilter(parsing: filter.description) == filter)
        let substring = LDAPFilter.substrings("cn", initial: allBytes, any: [allBytes.reversed()], final: allBytes)
        #expect(try LDAPFilter(parsing: substring.description) == substring)
    }

    @Test func writesTheCanonicalFormOfBuiltFilters() {
        #expect(LDAPFilter.everything.description == "(objectClass=*)")
        let filter = LDAPFilter.and([
            .equal("objectClass", "user"),
            .not(.extensible(matchingRule: "1.2.840.113556.1.4.803", type: "userAccountControl",
                             value: Array("2".utf8), dnAttributes: false)),
            .substrings("cn", initial: Array("a(".utf8), any: [Array("*".utf8)], final: Array("\\".utf8)),
        ])
        #expect(filter.description
            == "(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2))(cn=a\\28*\\2a*\\5c))")
    }
}
