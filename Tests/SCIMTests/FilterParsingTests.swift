import Testing
@testable import SCIM

/// A filter string, the tree it must parse to, and its canonical string
/// (the input itself unless given).
struct FilterCase: Sendable, CustomTestStringConvertible {
    let input: String
    let filter: SCIMFilter
    let canonical: String?

    init(_ input: String, _ filter: SCIMFilter, canonical: String? = nil) {
        self.input = input
        self.filter = filter
        self.canonical = canonical
    }

    var testDescription: String { input }
}

func path(_ name: String, _ sub: String? = nil, schema: String? = nil) -> SCIMAttributePath {
    SCIMAttributePath(schema: schema, name, subAttribute: sub)
}

func cmp(_ name: String, _ op: SCIMComparisonOperator, _ value: SCIMFilterValue) -> SCIMFilter {
    .comparison(path(name), op, value)
}

@Suite("RFC 7644 §3.4.2.2 filter parsing")
struct FilterParsingTests {
    static let operatorCases: [FilterCase] = [
        FilterCase(#"userName eq "bjensen""#, cmp("userName", .eq, .string("bjensen"))),
        FilterCase(#"userName ne "bjensen""#, cmp("userName", .ne, .string("bjensen"))),
        FilterCase(#"name.familyName co "O'Malley""#, .comparison(path("name", "familyName"), .co, .string("O'Malley"))),
        FilterCase(#"userName sw "J""#, cmp("userName", .sw, .string("J"))),
        FilterCase(#"userName ew "sen""#, cmp("userName", .ew, .string("sen"))),
        FilterCase("title pr", .present(path("title"))),
        FilterCase(#"meta.lastModified gt "2011-05-13T04:42:34Z""#, .comparison(path("meta", "lastModified"), .gt, .string("2011-05-13T04:42:34Z"))),
        FilterCase(#"meta.lastModified ge "2011-05-13T04:42:34Z""#, .comparison(path("meta", "lastModified"), .ge, .string("2011-05-13T04:42:34Z"))),
        FilterCase(#"meta.lastModified lt "2011-05-13T04:42:34Z""#, .comparison(path("meta", "lastModified"), .lt, .string("2011-05-13T04:42:34Z"))),
        FilterCase(#"meta.lastModified le "2011-05-13T04:42:34Z""#, .comparison(path("meta", "lastModified"), .le, .string("2011-05-13T04:42:34Z"))),
        // Operators and keywords in any case.
        FilterCase(#"userName EQ "x""#, cmp("userName", .eq, .string("x")), canonical: #"userName eq "x""#),
        FilterCase("title PR", .present(path("title")), canonical: "title pr"),
        FilterCase("a pr AND b pr Or c pr", .or([.and([.present(path("a")), .present(path("b"))]), .present(path("c"))]), canonical: "a pr and b pr or c pr"),
        FilterCase("NOT (a pr)", .not(.present(path("a"))), canonical: "not (a pr)"),
        // Values: numbers, booleans, null, escapes.
        FilterCase("age gt 21", cmp("age", .gt, .number(21))),
        FilterCase("score le -1.5e2", cmp("score", .le, .number(-150)), canonical: "score le -150"),
        FilterCase("active eq true", cmp("active", .eq, .bool(true))),
        FilterCase("active eq False", cmp("active", .eq, .bool(false)), canonical: "active eq false"),
        FilterCase("manager eq null", cmp("manager", .eq, .null)),
        FilterCase(#"displayName eq "say \"hi\"\\\u00e9\n""#, cmp("displayName", .eq, .string("say \"hi\"\\é\n")), canonical: #"displayName eq "say \"hi\"\\é\n""#),
        FilterCase(#"displayName eq """#, cmp("displayName", .eq, .string(""))),
        // Paths: schema URNs, sub-attributes, $ref.
        FilterCase(
            #"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#,
            .comparison(path("userName", schema: SCIMSchemaURN.user), .sw, .string("J"))
        ),
        FilterCase(
            #"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26""#,
            .comparison(path("manager", "value", schema: SCIMSchemaURN.enterpriseUser), .eq, .string("26"))
        ),
        FilterCase(#"members.$ref pr"#, .present(path("members", "$ref"))),
        FilterCase("  title   pr  ", .present(path("title")), canonical: "title pr"),
        FilterCase("title\tpr", .present(path("title")), canonical: "title pr"),
        // An attribute named like a keyword is still an attribute.
        FilterCase(#"not eq "x""#, cmp("not", .eq, .string("x"))),
        FilterCase(#"notes eq "x""#, cmp("notes", .eq, .string("x"))),
        FilterCase(#"and eq "x" and or pr"#, .and([cmp("and", .eq, .string("x")), .present(path("or"))])),
    ]

    static let precedenceCases: [FilterCase] = [
        // and binds tighter than or.
        FilterCase("a pr or b pr and c pr", .or([.present(path("a")), .and([.present(path("b")), .present(path("c"))])])),
        FilterCase("a pr and b pr or c pr", .or([.and([.present(path("a")), .present(path("b"))]), .present(path("c"))])),
        // Parentheses override it.
        FilterCase("(a pr or b pr) and c pr", .and([.or([.present(path("a")), .present(path("b"))]), .present(path("c"))])),
        FilterCase("a pr and (b pr or c pr)", .and([.present(path("a")), .or([.present(path("b")), .present(path("c"))])])),
        // not binds tighter than and.
        FilterCase("not (a pr) and b pr", .and([.not(.present(path("a"))), .present(path("b"))])),
        // Chains flatten; redundant parentheses vanish.
        FilterCase("a pr and b pr and c pr", .and([.present(path("a")), .present(path("b")), .present(path("c"))])),
        FilterCase("a pr and (b pr and c pr)", .and([.present(path("a")), .present(path("b")), .present(path("c"))]), canonical: "a pr and b pr and c pr"),
        FilterCase("((a pr))", .present(path("a")), canonical: "a pr"),
        FilterCase("(a pr or b pr) or c pr", .or([.present(path("a")), .present(path("b")), .present(path("c"))]), canonical: "a pr or b pr or c pr"),
        FilterCase("not (not (a pr))", .not(.not(.present(path("a"))))),
        FilterCase("not(a pr)", .not(.present(path("a"))), canonical: "not (a pr)"),
    ]

    /// The examples of RFC 7644 §3.4.2.2 not already above.
    static let rfcExamples: [FilterCase] = [
        FilterCase(#"title pr and userType eq "Employee""#, .and([.present(path("title")), cmp("userType", .eq, .string("Employee"))])),
        FilterCase(#"title pr or userType eq "Intern""#, .or([.present(path("title")), cmp("userType", .eq, .string("Intern"))])),
        FilterCase(
            #"schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User""#,
            cmp("schemas", .eq, .string(SCIMSchemaURN.enterpriseUser))
        ),
        FilterCase(
            #"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#,
            .and([
                cmp("userType", .eq, .string("Employee")),
                .or([cmp("emails", .co, .string("example.com")), .comparison(path("emails", "value"), .co, .string("example.org"))]),
            ])
        ),
        FilterCase(
            #"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#,
            .and([
                cmp("userType", .ne, .string("Employee")),
                .not(.or([cmp("emails", .co, .string("example.com")), .comparison(path("emails", "value"), .co, .string("example.org"))])),
            ])
        ),
        FilterCase(
            #"userType eq "Employee" and (emails.type eq "work")"#,
            .and([cmp("userType", .eq, .string("Employee")), .comparison(path("emails", "type"), .eq, .string("work"))]),
            canonical: #"userType eq "Employee" and emails.type eq "work""#
        ),
        FilterCase(
            #"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#,
            .and([
                cmp("userType", .eq, .string("Employee")),
                .valuePath(path("emails"), .and([cmp("type", .eq, .string("work")), cmp("value", .co, .string("@example.com"))])),
            ])
        ),
        FilterCase(
            #"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
            .or([
                .valuePath(path("emails"), .and([cmp("type", .eq, .string("work")), cmp("value", .co, .string("@example.com"))])),
                .valuePath(path("ims"), .and([cmp("type", .eq, .string("xmpp")), cmp("value", .co, .string("@foo.com"))])),
            ])
        ),
        FilterCase(#"members[value eq "2819c223"]"#, .valuePath(path("members"), cmp("value", .eq, .string("2819c223")))),
        FilterCase(#"emails[not (type eq "work")]"#, .valuePath(path("emails"), .not(cmp("type", .eq, .string("work"))))),
    ]

    /// Strings that look like SQL stay single literals.
    static let injectionCases: [FilterCase] = [
        FilterCase(#"userName eq "x' OR '1'='1""#, cmp("userName", .eq, .string("x' OR '1'='1"))),
        FilterCase(#"userName eq "x\"; DROP TABLE users; --""#, cmp("userName", .eq, .string("x\"; DROP TABLE users; --"))),
        FilterCase(#"displayName co "%' UNION SELECT password FROM tokens --""#, cmp("displayName", .co, .string("%' UNION SELECT password FROM tokens --"))),
        FilterCase(#"userName sw "_%\\""#, cmp("userName", .sw, .string("_%\\"))),
        FilterCase(#"userName eq "a) or (1 eq 1""#, cmp("userName", .eq, .string("a) or (1 eq 1"))),
        FilterCase(#"userName eq "\u0000""#, cmp("userName", .eq, .string("\u{0}"))),
    ]

    @Test("operators, values and paths", arguments: operatorCases)
    func operators(_ testCase: FilterCase) throws { try check(testCase) }

    @Test("precedence and grouping", arguments: precedenceCases)
    func precedence(_ testCase: FilterCase) throws { try check(testCase) }

    @Test("RFC 7644 examples", arguments: rfcExamples)
    func rfcExample(_ testCase: FilterCase) throws { try check(testCase) }

    @Test("SQL-looking values are literals", arguments: injectionCases)
    func injection(_ testCase: FilterCase) throws { try check(testCase) }

    private func check(_ testCase: FilterCase) throws {
        let parsed = try SCIMFilter(parsing: testCase.input)
        #expect(parsed == testCase.filter)
        #expect(parsed.description == (testCase.canonical ?? testCase.input))
        // The canonical form parses back to the same tree.
        #expect(try SCIMFilter(parsing: parsed.description) == parsed)
    }

    @Test func attributePathsCoverValuePaths() throws {
        let filter = try SCIMFilter(parsing: #"userName eq "a" and emails[type eq "work" and value pr] or not (meta.created gt "x")"#)
        #expect(filter.attributePaths == [path("userName"), path("emails", "type"), path("emails", "value"), path("meta", "created")])
    }

    @Test func pathsCompareCaseInsensitively() throws {
        #expect(try SCIMFilter(parsing: "USERNAME pr") == SCIMFilter(parsing: "userName pr"))
        #expect(path("Emails", "Value").hashValue == path("emails", "value").hashValue)
    }

    @Test func longChainsStayFlat() throws {
        let text = (0..<400).map { "a\($0) pr" }.joined(separator: " and ")
        guard case .and(let operands) = try SCIMFilter(parsing: text) else {
            Issue.record("expected an and")
            return
        }
        #expect(operands.count == 400)
    }
}
