import Testing
@testable import LDAP

private func written(_ entry: LDAPEntry, wrapColumn: Int = 76) -> String {
    var output: [UInt8] = []
    LDIFWriter(wrapColumn: wrapColumn).append(entry, to: &output)
    return String(decoding: output, as: UTF8.self)
}

// MARK: - Writer

/// A value, and the line `type: value` or `type:: base64` it must become.
struct Base64DecisionCase: Sendable, CustomTestStringConvertible {
    let value: [UInt8]
    let line: String

    init(_ value: [UInt8], _ line: String) {
        self.value = value
        self.line = line
    }

    init(_ value: String, _ line: String) {
        self.init(Array(value.utf8), line)
    }

    var testDescription: String { "\(value) -> \(line)" }
}

@Suite("LDIF writer")
struct LDIFWriterTests {
    static let base64Decisions: [Base64DecisionCase] = [
        Base64DecisionCase("", "cn:"),
        Base64DecisionCase("abc", "cn: abc"),
        Base64DecisionCase("a b c", "cn: a b c"),
        Base64DecisionCase("a:b<c", "cn: a:b<c"),
        Base64DecisionCase("-", "cn: -"),
        Base64DecisionCase("#x", "cn: #x"),
        Base64DecisionCase("~{}|", "cn: ~{}|"),
        // RFC 2849 SAFE-INIT-CHAR excludes a leading space, colon and "<".
        Base64DecisionCase(" abc", "cn:: IGFiYw=="),
        Base64DecisionCase(":abc", "cn:: OmFiYw=="),
        Base64DecisionCase("<abc", "cn:: PGFiYw=="),
        // RFC 2849 note 8: a trailing space must survive, so base64.
        Base64DecisionCase("abc ", "cn:: YWJjIA=="),
        // SAFE-CHAR excludes NUL, CR and LF.
        Base64DecisionCase([0x61, 0x00, 0x62], "cn:: YQBi"),
        Base64DecisionCase("a\rb", "cn:: YQ1i"),
        Base64DecisionCase("a\nb", "cn:: YQpi"),
        // Like ldapsearch: other controls too.
        Base64DecisionCase("a\tb", "cn:: YQli"),
        Base64DecisionCase("\t", "cn:: CQ=="),
        Base64DecisionCase([0x61, 0x7F], "cn:: YX8="),
        // Like ldapsearch: any byte above 0x7F, UTF-8 text included.
        Base64DecisionCase("J\u{FC}rgen", "cn:: SsO8cmdlbg=="),
        Base64DecisionCase([0xFF, 0x00], "cn:: /wA="),
    ]

    @Test("base64 or not", arguments: base64Decisions)
    func base64Decision(_ testCase: Base64DecisionCase) {
        let entry = LDAPEntry(dn: "dc=x", attributes: [LDAPAttribute(type: "cn", values: [testCase.value])])
        #expect(written(entry) == "dn: dc=x\n\(testCase.line)\n\n")
    }

    @Test func writesLikeLdapsearch() {
        let jensen = LDAPEntry(dn: "uid=bjensen,ou=people,dc=example,dc=com", attributes: [
            LDAPAttribute(type: "objectClass", strings: ["top", "person"]),
            LDAPAttribute(type: "cn", strings: ["Barbara Jensen", "Babs"]),
            LDAPAttribute(type: "sn", strings: ["J\u{F8}rgensen"]),
            LDAPAttribute(type: "objectGUID", values: [[0x01, 0x02, 0xFE, 0xFF]]),
        ])
        let other = LDAPEntry(dn: "cn=J\u{FC}rgen,dc=example", attributes: [LDAPAttribute(type: "cn", strings: ["J"])])
        var output: [UInt8] = []
        let writer = LDIFWriter()
        writer.append(jensen, to: &output)
        writer.append(other, to: &output)
        #expect(String(decoding: output, as: UTF8.self) == """
            dn: uid=bjensen,ou=people,dc=example,dc=com
            objectClass: top
            objectClass: person
            cn: Barbara Jensen
            cn: Babs
            sn:: SsO4cmdlbnNlbg==
            objectGUID:: AQL+/w==

            dn:: Y249SsO8cmdlbixkYz1leGFtcGxl
            cn: J


            """)
    }

    @Test func appendsToWhatTheBufferHolds() {
        var output = Array("# header\n".utf8)
        LDIFWriter().appendVersion(to: &output)
        LDIFWriter().append(ldifEntry("dc=x", [("dc", ["x"])]), to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "# header\nversion: 1\n\ndn: dc=x\ndc: x\n\n")
    }

    /// Expected texts below are what libldap's `ldif_put_wrap` (ldapsearch's
    /// writer) produces for the same input at width 76.
    @Test func foldsAt76LikeLdapsearch() {
        let a72 = String(repeating: "a", count: 72)
        #expect(written(ldifEntry("dc=x", [("cn", [a72])])) == "dn: dc=x\ncn: \(a72)\n\n")
        #expect(written(ldifEntry("dc=x", [("cn", [a72 + "a"])])) == "dn: dc=x\ncn: \(a72)\n a\n\n")
        let a150 = String(repeating: "a", count: 150)
        #expect(written(ldifEntry("dc=x", [("cn", [a150])]))
            == "dn: dc=x\ncn: \(a72)\n \(String(repeating: "a", count: 75))\n aaa\n\n")

        let accents = String(repeating: "\u{E9}", count: 60)
        #expect(written(ldifEntry("dc=x", [("cn", [accents])])) == """
            dn: dc=x
            cn:: w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcO
             pw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6
             nDqcOpw6nDqcOp


            """)

        // libldap never breaks the `type: ` prefix, however long the type.
        let longType = String(repeating: "x", count: 80)
        #expect(written(ldifEntry("dc=x", [(longType, ["ab"])])) == "dn: dc=x\n\(longType): \n ab\n\n")
        let type74 = String(repeating: "x", count: 74)
        #expect(written(ldifEntry("dc=x", [(type74, ["ab"])])) == "dn: dc=x\n\(type74): \n ab\n\n")
        #expect(written(ldifEntry("dc=x", [(type74, [""])])) == "dn: dc=x\n\(type74):\n\n")
    }

    @Test func foldsAtOtherColumnsAndNotAtZero() {
        let alphabet = "abcdefghijklmnopqrstuvwxyz"
        #expect(written(ldifEntry("dc=x", [("cn", [alphabet])]), wrapColumn: 10)
            == "dn: dc=x\ncn: abcdef\n ghijklmno\n pqrstuvwx\n yz\n\n")
        let long = String(repeating: "b", count: 500)
        #expect(written(ldifEntry("dc=x", [("cn", [long])]), wrapColumn: 0) == "dn: dc=x\ncn: \(long)\n\n")
        // A long DN folds like any value.
        let dn = "cn=" + String(repeating: "d", count: 80)
        #expect(written(LDAPEntry(dn: dn, attributes: []))
            == "dn: \(dn.prefix(72))\n \(dn.dropFirst(72))\n\n")
    }

    @Test func foldedLinesNeverExceedTheColumn() throws {
        var generator = SeededGenerator(seed: 2849)
        for wrap in [2, 3, 10, 76, 77] {
            for length in [0, 1, 2, 3, 4, 5, 70, 71, 72, 73, 74, 75, 76, 77, 151, 152, 153, 1000] {
                let value = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let text = (0..<length).map { _ in UInt8.random(in: 0x61...0x7A, using: &generator) }
                let original = LDAPEntry(dn: "dc=x", attributes: [
                    LDAPAttribute(type: "b", values: [value]), LDAPAttribute(type: "t", values: [text]),
                ])
                var output: [UInt8] = []
                LDIFWriter(wrapColumn: wrap).append(original, to: &output)
                // The prefixes `dn: ` and `b:: ` are 4 bytes and never broken.
                for line in output.split(separator: UInt8(ascii: "\n")) {
                    #expect(line.count <= max(wrap, 4), "wrap \(wrap), length \(length)")
                }
                #expect(try LDIFReader.records(in: output) == [.content(original)], "wrap \(wrap), length \(length)")
            }
        }
    }

    @Test func writesChangeRecords() {
        var output: [UInt8] = []
        let writer = LDIFWriter()
        writer.append(LDIFChange(.add(ldifEntry("cn=a,dc=x", [("cn", ["a"]), ("sn", ["b"])]))), to: &output)
        writer.append(LDIFChange(.delete(dn: "cn=b,dc=x"),
                                 controls: [LDAPControl(oid: "1.2.840.113556.1.4.805", criticality: true)]), to: &output)
        writer.append(LDIFChange(.modify(dn: "cn=c,dc=x", modifications: [
            LDAPModification(.add, LDAPAttribute(type: "mail", strings: ["c@x", "c2@x"])),
            LDAPModification(.delete, LDAPAttribute(type: "description", values: [])),
            LDAPModification(.replace, LDAPAttribute(type: "sn", strings: [" lead"])),
            LDAPModification(.increment, LDAPAttribute(type: "uidNumber", strings: ["1"])),
        ]), controls: [LDAPControl(oid: "1.2.3", value: [0x00]), LDAPControl(oid: "1.2.4", value: Array("v".utf8))]),
                      to: &output)
        writer.append(LDIFChange(.modifyDN(dn: "cn=d,dc=x", newRDN: "cn=e", deleteOldRDN: true,
                                           newSuperior: "ou=y,dc=x")), to: &output)
        writer.append(LDIFChange(.modifyDN(dn: "cn=f,dc=x", newRDN: "cn=g", deleteOldRDN: false,
                                           newSuperior: nil)), to: &output)
        #expect(String(decoding: output, as: UTF8.self) == """
            dn: cn=a,dc=x
            changetype: add
            cn: a
            sn: b

            dn: cn=b,dc=x
            control: 1.2.840.113556.1.4.805 true
            changetype: delete

            dn: cn=c,dc=x
            control: 1.2.3:: AA==
            control: 1.2.4: v
            changetype: modify
            add: mail
            mail: c@x
            mail: c2@x
            -
            delete: description
            -
            replace: sn
            sn:: IGxlYWQ=
            -
            increment: uidNumber
            uidNumber: 1
            -

            dn: cn=d,dc=x
            changetype: modrdn
            newrdn: cn=e
            deleteoldrdn: 1
            newsuperior: ou=y,dc=x

            dn: cn=f,dc=x
            changetype: modrdn
            newrdn: cn=g
            deleteoldrdn: 0


            """)
    }
}

// MARK: - Round trips

@Suite("LDIF round trips")
struct LDIFRoundTripTests {
    static func randomBytes(using generator: inout SeededGenerator) -> [UInt8] {
        let palette: [[UInt8]] = [
            Array("a".utf8), Array(" ".utf8), Array(":".utf8), Array("<".utf8), Array("-".utf8), Array("#".utf8),
            [0x00], [0x09], [0x0A], [0x0D], [0x7F], [0xC3, 0xA9], [0xFF], Array("Jensen".utf8),
        ]
        let count = Int.random(in: 0...[3, 12, 90].randomElement(using: &generator)!, using: &generator)
        return (0..<count).flatMap { _ in palette.randomElement(using: &generator)! }
    }

    static func randomEntry(using generator: inout SeededGenerator) -> LDAPEntry {
        let types = ["cn", "sn", "objectClass", "description;lang-en", "jpegPhoto;binary", "x-Custom-1", "2.5.4.3"]
        let dnValue = String(decoding: randomBytes(using: &generator).filter { $0 < 0x80 && $0 != 0 }, as: UTF8.self)
        let attributes = types.shuffled(using: &generator).prefix(Int.random(in: 0...types.count, using: &generator))
            .map { type in
                LDAPAttribute(type: type, values: (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    randomBytes(using: &generator)
                })
            }
        return LDAPEntry(dn: "cn=\(dnValue)\u{E9},dc=example", attributes: Array(attributes))
    }

    @Test(arguments: [0, 10, 76])
    func randomEntriesSurviveWriterAndReader(wrapColumn: Int) throws {
        var generator = SeededGenerator(seed: UInt64(wrapColumn) + 1)
        let entries = (0..<300).map { _ in Self.randomEntry(using: &generator) }
        var output: [UInt8] = []
        let writer = LDIFWriter(wrapColumn: wrapColumn)
        writer.appendVersion(to: &output)
        for entry in entries {
            writer.append(entry, to: &output)
        }
        let reader = LDIFReader(bytes: output)
        var read: [LDAPEntry] = []
        while let record = try reader.next() {
            guard case .content(let entry) = record else {
                Issue.record("unexpected \(record)")
                return
            }
            read.append(entry)
        }
        #expect(reader.version == 1)
        #expect(read == entries)
    }

    @Test func changeRecordsSurviveWriterAndReader() throws {
        let changes: [LDIFChange] = [
            LDIFChange(.add(LDAPEntry(dn: " leading space,dc=x", attributes: [
                LDAPAttribute(type: "cn", values: [[0x00, 0xFF], []]),
            ]))),
            LDIFChange(.delete(dn: "cn=\u{65E5}\u{672C},dc=x"), controls: [
                LDAPControl(oid: "1.2.840.113556.1.4.805", criticality: true),
                LDAPControl(oid: "1.2.840.113556.1.4.319", criticality: false, value: [0x30, 0x00, 0x0A]),
                LDAPControl(oid: "1.3.6.1.1.13.1", criticality: true, value: []),
                LDAPControl(oid: "1.3.6.1.1.13.2", criticality: false, value: Array(String(repeating: "v", count: 100).utf8)),
            ]),
            LDIFChange(.modify(dn: "cn=m,dc=x", modifications: [])),
            LDIFChange(.modify(dn: "cn=m,dc=x", modifications: [
                LDAPModification(.add, LDAPAttribute(type: "member", strings: ["cn=a", "cn=b"])),
                LDAPModification(.delete, LDAPAttribute(type: "description", values: [])),
                LDAPModification(.replace, LDAPAttribute(type: "cn;lang-de", strings: ["Gr\u{FC}\u{DF}e"])),
                LDAPModification(.increment, LDAPAttribute(type: "uidNumber", strings: ["-1"])),
            ])),
            LDIFChange(.modifyDN(dn: "cn=\u{E9},dc=x", newRDN: "cn=\u{E8}", deleteOldRDN: true, newSuperior: "ou=\u{EA}")),
            LDIFChange(.modifyDN(dn: "cn=a,dc=x", newRDN: "cn=b", deleteOldRDN: false, newSuperior: nil)),
        ]
        var output: [UInt8] = []
        for change in changes {
            LDIFWriter(wrapColumn: 20).append(change, to: &output)
        }
        #expect(try LDIFReader.records(in: output) == changes.map { .change($0) })
    }
}
