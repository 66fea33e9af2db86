import Testing
@testable import SCIM

/// A value checked against a rule, and the outcome: the normalized value or
/// the reason code.
struct FieldCase: Sendable, CustomTestStringConvertible {
    let rule: FieldRule
    let value: JSON?
    let expected: Outcome

    enum Outcome: Sendable {
        case valid(JSON?)
        case invalid(SCIMReasonCode)
    }

    init(_ kind: FieldRule.Kind, _ value: JSON?, _ expected: Outcome, maxLength: Int? = nil, required: Bool = false, canonical: [String] = []) {
        rule = FieldRule(name: "field", kind: kind, maxLength: maxLength, required: required, canonicalValues: canonical)
        self.value = value
        self.expected = expected
    }

    var testDescription: String { "\(rule.kind) \(value.map(\.description) ?? "absent")" }
}

private func ok(_ value: JSON?) -> FieldCase.Outcome { .valid(value) }
private func fails(_ reason: SCIMReasonCode) -> FieldCase.Outcome { .invalid(reason) }

@Suite("Field rules")
struct FieldRuleTests {
    static let cases: [FieldCase] = [
        // presence
        FieldCase(.text, nil, ok(nil)),
        FieldCase(.text, nil, fails(.mandatoryMissing), required: true),
        FieldCase(.text, .null, fails(.mandatoryMissing), required: true),
        FieldCase(.text, "   ", fails(.mandatoryMissing), required: true),
        FieldCase(.text, [], fails(.mandatoryMissing), required: true),
        FieldCase(.email, "", fails(.mandatoryMissing), required: true),
        FieldCase(.text, "  padded  ", ok("  padded  ")),
        // length in code points of the NFC form
        FieldCase(.text, "abcde", ok("abcde"), maxLength: 5),
        FieldCase(.text, "abcdef", fails(.tooLong), maxLength: 5),
        FieldCase(.text, "Ren\u{E9}e", ok("Ren\u{E9}e"), maxLength: 5),
        FieldCase(.text, "Rene\u{301}e", ok("Rene\u{301}e"), maxLength: 5),  // NFC: 5
        FieldCase(.text, "😀😀😀", ok("😀😀😀"), maxLength: 3),  // 3 code points, 6 UTF-16 units
        FieldCase(.text, "👍🏽👍🏽", fails(.tooLong), maxLength: 3),  // 2 graphemes, 4 code points
        FieldCase(.text, 42, fails(.invalidValue)),
        FieldCase(.text, ["a"], fails(.invalidValue)),
        // email
        FieldCase(.email, "ada@example.com", ok("ada@example.com")),
        FieldCase(.email, " ada@example.com ", ok("ada@example.com")),
        FieldCase(.email, "first.last+tag@sub.example.co.uk", ok("first.last+tag@sub.example.co.uk")),
        FieldCase(.email, "o'brien@example.ie", ok("o'brien@example.ie")),
        FieldCase(.email, "jürgen@münchen.de", ok("jürgen@münchen.de")),
        FieldCase(.email, "ada", fails(.invalidEmail)),
        FieldCase(.email, "ada@", fails(.invalidEmail)),
        FieldCase(.email, "@example.com", fails(.invalidEmail)),
        FieldCase(.email, "ada@localhost", fails(.invalidEmail)),
        FieldCase(.email, "ada@example..com", fails(.invalidEmail)),
        FieldCase(.email, "ada@-example.com", fails(.invalidEmail)),
        FieldCase(.email, "ada@example-.com", fails(.invalidEmail)),
        FieldCase(.email, "ada@ex--ample.com", ok("ada@ex--ample.com")),
        FieldCase(.email, "ada@example.123", fails(.invalidEmail)),
        FieldCase(.email, "ada@123.example.c0m", ok("ada@123.example.c0m")),
        FieldCase(.email, "ada.@example.com", fails(.invalidEmail)),
        FieldCase(.email, "a-{b}~@example.com", ok("a-{b}~@example.com")),
        FieldCase(.email, "ada@exa_mple.com", fails(.invalidEmail)),
        FieldCase(.email, "ada@example.com\t", ok("ada@example.com")),
        FieldCase(.email, "ada@ex\u{E4}mple..com", fails(.invalidEmail)),
        FieldCase(.email, .string("a@" + String(repeating: "b", count: 64) + ".com"), fails(.invalidEmail)),
        FieldCase(.email, "ada@example.com.", fails(.invalidEmail)),
        FieldCase(.email, "ada@1.2.3.4", fails(.invalidEmail)),
        FieldCase(.email, "ada@[1.2.3.4]", fails(.invalidEmail)),
        FieldCase(.email, ".ada@example.com", fails(.invalidEmail)),
        FieldCase(.email, "ada..b@example.com", fails(.invalidEmail)),
        FieldCase(.email, "ada lovelace@example.com", fails(.invalidEmail)),
        FieldCase(.email, "\"ada\"@example.com", fails(.invalidEmail)),
        FieldCase(.email, "a@b@example.com", fails(.invalidEmail)),
        FieldCase(.email, .string(String(repeating: "a", count: 65) + "@example.com"), fails(.invalidEmail)),
        FieldCase(.email, true, fails(.invalidEmail)),
        FieldCase(.email, "ada@example.com", fails(.tooLong), maxLength: 10),
        // phone
        FieldCase(.phone, "+1 (425) 555-0100", ok("+1 (425) 555-0100")),
        FieldCase(.phone, "030 1234567", ok("030 1234567")),
        FieldCase(.phone, "+44.20.7946.0958", ok("+44.20.7946.0958")),
        FieldCase(.phone, "tel:+1-201-555-0123", ok("tel:+1-201-555-0123")),
        FieldCase(.phone, "tel:+1-201-555-0123;ext=42", ok("tel:+1-201-555-0123;ext=42")),
        FieldCase(.phone, "+1 425 555 0100 ext. 123", ok("+1 425 555 0100 ext. 123")),
        FieldCase(.phone, "425-555-0100 x12", ok("425-555-0100 x12")),
        FieldCase(.phone, "112", ok("112")),
        FieldCase(.phone, "555-CALL-NOW", fails(.invalidValue)),
        FieldCase(.phone, "12", fails(.invalidValue)),
        FieldCase(.phone, "1+2345", fails(.invalidValue)),
        FieldCase(.phone, "(425)) 555", fails(.invalidValue)),
        FieldCase(.phone, "425 555 0100 ext", fails(.invalidValue)),
        FieldCase(.phone, "123456789012345678901", fails(.invalidValue)),
        FieldCase(.phone, "(030) 1234 (5)", ok("(030) 1234 (5)")),
        FieldCase(.phone, "030) 1234", fails(.invalidValue)),
        FieldCase(.phone, "(030 1234", fails(.invalidValue)),
        FieldCase(.phone, "+49 (0)30 1234", ok("+49 (0)30 1234")),
        FieldCase(.phone, "+ 49 30 1234", ok("+ 49 30 1234")),
        FieldCase(.phone, "49 +30 1234", fails(.invalidValue)),
        FieldCase(.phone, "+1 \u{FF15}55 0100", fails(.invalidValue)),
        // URL
        FieldCase(.url, "https://example.com", ok("https://example.com")),
        FieldCase(.url, "http://intranet:8080/people?id=7#top", ok("http://intranet:8080/people?id=7#top")),
        FieldCase(.url, "HTTPS://Example.COM/a%20b", ok("HTTPS://Example.COM/a%20b")),
        FieldCase(.url, "https://[2001:db8::1]:443/", ok("https://[2001:db8::1]:443/")),
        FieldCase(.url, "https://10.0.0.1/x", ok("https://10.0.0.1/x")),
        FieldCase(.url, "ftp://example.com", fails(.invalidValue)),
        FieldCase(.url, "example.com", fails(.invalidValue)),
        FieldCase(.url, "https://", fails(.invalidValue)),
        FieldCase(.url, "https://user:pw@example.com", fails(.invalidValue)),
        FieldCase(.url, "https://exa mple.com", fails(.invalidValue)),
        FieldCase(.url, "https://example.com:99999", fails(.invalidValue)),
        FieldCase(.url, "javascript:alert(1)", fails(.invalidValue)),
        // number
        FieldCase(.number, "42", ok(42)),
        FieldCase(.number, "-3.25", ok(-3.25)),
        FieldCase(.number, "+7", ok(7)),
        FieldCase(.number, 12.5, ok(12.5)),
        FieldCase(.number, "1e3", fails(.invalidValue)),
        FieldCase(.number, "1,000", fails(.invalidValue)),
        FieldCase(.number, "12.", fails(.invalidValue)),
        FieldCase(.number, "abc", fails(.invalidValue)),
        FieldCase(.number, true, fails(.invalidValue)),
        // date
        FieldCase(.date, "2024-02-29", ok("2024-02-29")),
        FieldCase(.date, "2000-02-29", ok("2000-02-29")),
        FieldCase(.date, "1900-02-29", fails(.invalidValue)),
        FieldCase(.date, "2023-02-29", fails(.invalidValue)),
        FieldCase(.date, "2024-04-31", fails(.invalidValue)),
        FieldCase(.date, "2024-13-01", fails(.invalidValue)),
        FieldCase(.date, "2024-1-01", fails(.invalidValue)),
        FieldCase(.date, "0000-01-01", fails(.invalidValue)),
        FieldCase(.date, "2024-01-01T00:00:00Z", fails(.invalidValue)),
        FieldCase(.date, "01/02/2024", fails(.invalidValue)),
        // pick list: canonical spelling wins
        FieldCase(.pickList, "Sales", ok("Sales"), canonical: ["Sales", "Engineering"]),
        FieldCase(.pickList, "sales", ok("Sales"), canonical: ["Sales", "Engineering"]),
        FieldCase(.pickList, " ENGINEERING ", ok("Engineering"), canonical: ["Sales", "Engineering"]),
        FieldCase(.pickList, "Marketing", fails(.invalidValue), canonical: ["Sales", "Engineering"]),
    ]

    @Test("validates", arguments: cases)
    func validates(_ testCase: FieldCase) throws {
        switch testCase.expected {
        case .valid(let normalized):
            #expect(try FieldValidator.validate(testCase.value, against: testCase.rule) == normalized)
        case .invalid(let reason):
            let violation = #expect(throws: FieldViolation.self) { try FieldValidator.validate(testCase.value, against: testCase.rule) }
            #expect(violation?.reason == reason, "\(violation?.description ?? "")")
            #expect(violation?.field == "field")
        }
    }

    @Test func multiValuedFieldsCheckEachValue() throws {
        let rule = FieldRule(name: "phones", kind: .phone, required: true, multiValued: true)
        #expect(try FieldValidator.validate(["+1 555 0100", " 030 123 "], against: rule) == ["+1 555 0100", "030 123"])
        #expect(throws: FieldViolation.self) { try FieldValidator.validate(["+1 555 0100", "call me"], against: rule) }
        #expect(throws: FieldViolation.self) { try FieldValidator.validate(["  "], against: rule) }
        let single = FieldRule(name: "one", kind: .text)
        #expect(throws: FieldViolation.self) { try FieldValidator.validate(["a", "b"], against: single) }
    }

    @Test func violationsReportEveryField() {
        let rules = [
            FieldRule(name: "costCenter", kind: .number, required: true),
            FieldRule(name: "badge", kind: .text, maxLength: 4),
            FieldRule(name: "homepage", kind: .url),
        ]
        let violations = FieldValidator.violations(in: ["BADGE": "12345", "homepage": "https://ok.example"], rules: rules)
        #expect(violations.map(\.reason) == [.mandatoryMissing, .tooLong])
        #expect(violations.map(\.field) == ["costCenter", "badge"])
        #expect(violations[1].scimError == SCIMError(.tooLong, attribute: "badge", detail: violations[1].description))
    }

    @Test("schema attribute round trip", arguments: FieldRule.Kind.allCases)
    func schemaRoundTrip(kind: FieldRule.Kind) throws {
        let rule = FieldRule(name: "f", kind: kind, maxLength: 40, required: true, canonicalValues: kind == .pickList ? ["A", "B"] : [])
        let attribute = rule.schemaAttribute
        #expect(try #require(FieldRule(schemaAttribute: attribute)) == rule)
        #expect(attribute["required"] == true)
        #expect(attribute[SCIMSchemaURN.directorySyncField]?["maxLength"] == 40)
    }

    @Test func schemaAttributeOfAnotherProvider() {
        #expect(FieldRule(schemaAttribute: ["name": "level", "type": "integer"])?.kind == .number)
        #expect(FieldRule(schemaAttribute: ["name": "tier", "type": "string", "canonicalValues": ["gold"]])?.kind == .pickList)
        #expect(FieldRule(schemaAttribute: ["name": "note", "type": "string"])?.kind == .text)
        #expect(FieldRule(schemaAttribute: ["name": "flag", "type": "boolean"]) == nil)
        #expect(FieldRule(schemaAttribute: ["name": "x", "type": "string"])?.maxLength == nil)
    }
}

@Suite("Dates and times")
struct DateTimeTests {
    @Test func instantsCompareAcrossZonesAndFractions() throws {
        let a = try #require(SCIMDateTime(parsing: "2011-05-13T04:42:34Z"))
        let b = try #require(SCIMDateTime(parsing: "2011-05-13T06:42:34+02:00"))
        let c = try #require(SCIMDateTime(parsing: "2011-05-13T04:42:34.5Z"))
        let d = try #require(SCIMDateTime(parsing: "2011-05-13T04:42:34.50"))
        #expect(a == b)
        #expect(a < c)
        #expect(c == d)
        #expect(a.seconds == 1_305_261_754)
        #expect(SCIMDateTime(parsing: "1970-01-01T00:00:00Z")?.seconds == 0)
        #expect(SCIMDateTime(parsing: "1969-12-31T23:59:59Z")?.seconds == -1)
    }

    @Test("refuses", arguments: ["2011-05-13", "2011-05-13T24:00:00Z", "2011-02-30T00:00:00Z", "2011-05-13T04:42:34.Z", "2011-05-13T04:42:34+2:00", "2011-05-13 04:42:34Z", "x"])
    func refuses(text: String) {
        #expect(SCIMDateTime(parsing: text) == nil)
    }
}
