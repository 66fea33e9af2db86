import Foundation
import Testing
@testable import LDAP
import TestSupport

// Helpers shared with LDIFWriterTests.swift.

func readLDIF(_ text: String) throws -> [LDIFRecord] {
    try LDIFReader.records(in: Array(text.utf8))
}

func ldifEntry(_ dn: String, _ attributes: [(String, [String])]) -> LDAPEntry {
    LDAPEntry(dn: dn, attributes: attributes.map { LDAPAttribute(type: $0.0, strings: $0.1) })
}

func writeTemporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let url = TestFolder.path("ldif-tests-\(name)")
    try Data(bytes).write(to: url)
    return url.path
}

// MARK: - RFC 2849 appendix examples

@Suite("LDIF reader: RFC 2849 examples")
struct LDIFExampleTests {
    @Test func example1TwoEntries() throws {
        let text = """
            version: 1
            dn: cn=Barbara Jensen, ou=Product Development, dc=airius, dc=com
            objectclass: top
            objectclass: person
            objectclass: organizationalPerson
            cn: Barbara Jensen
            cn: Barbara J Jensen
            cn: Babs Jensen
            sn: Jensen
            uid: bjensen
            telephonenumber: +1 408 555 1212
            description: A big sailing fan.

            dn: cn=Bjorn Jensen, ou=Accounting, dc=airius, dc=com
            objectclass: top
            objectclass: person
            objectclass: organizationalPerson
            cn: Bjorn Jensen
            sn: Jensen
            telephonenumber: +1 408 555 1212
            """
        let reader = LDIFReader(bytes: Array(text.utf8))
        let first = try reader.next()
        #expect(reader.version == 1)
        #expect(first == .content(ldifEntry("cn=Barbara Jensen, ou=Product Development, dc=airius, dc=com", [
            ("objectclass", ["top", "person", "organizationalPerson"]),
            ("cn", ["Barbara Jensen", "Barbara J Jensen", "Babs Jensen"]),
            ("sn", ["Jensen"]), ("uid", ["bjensen"]),
            ("telephonenumber", ["+1 408 555 1212"]), ("description", ["A big sailing fan."]),
        ])))
        #expect(try reader.next() == .content(ldifEntry("cn=Bjorn Jensen, ou=Accounting, dc=airius, dc=com", [
            ("objectclass", ["top", "person", "organizationalPerson"]),
            ("cn", ["Bjorn Jensen"]), ("sn", ["Jensen"]), ("telephonenumber", ["+1 408 555 1212"]),
        ])))
        #expect(try reader.next() == nil)
    }

    @Test func example2FoldedValueAndNoSpaceAfterColon() throws {
        let text = """
            version: 1
            dn:cn=Barbara Jensen, ou=Product Development, dc=airius, dc=com
            objectclass:top
            cn:Barbara Jensen
            description:Babs is a big sailing fan, and travels extensively in sea
             rch of perfect sailing conditions.
            title:Product Manager, Rod and Reel Division

            """
        let parsed = try readLDIF(text)
        #expect(parsed == [.content(ldifEntry("cn=Barbara Jensen, ou=Product Development, dc=airius, dc=com", [
            ("objectclass", ["top"]), ("cn", ["Barbara Jensen"]),
            ("description", ["Babs is a big sailing fan, and travels extensively in search of perfect sailing conditions."]),
            ("title", ["Product Manager, Rod and Reel Division"]),
        ]))])
    }

    @Test func example3FoldedBase64Value() throws {
        let text = """
            version: 1
            dn: cn=Gern Jensen, ou=Product Testing, dc=airius, dc=com
            cn: Gern Jensen
            description:: V2hhdCBhIGNhcmVmdWwgcmVhZGVyIHlvdSBhcmUhICBUaGlzIHZhbHVl
             IGlzIGJhc2UtNjQtZW5jb2RlZCBiZWNhdXNlIGl0IGhhcyBhIGNvbnRyb2wgY2hhcmFjdG
             VyIGluIGl0IChhIENSKS4NICBCeSB0aGUgd2F5LCB5b3Ugc2hvdWxkIHJlYWxseSBnZXQg
             b3V0IG1vcmUu
            """
        let expected = "What a careful reader you are!  This value is base-64-encoded because it has a control "
            + "character in it (a CR).\r  By the way, you should really get out more."
        guard case .content(let read)? = try readLDIF(text).first else {
            Issue.record("no content record")
            return
        }
        #expect(read.attribute("description")?.values == [Array(expected.utf8)])
    }

    @Test func example4UTF8ValuesLanguageTagsAndComments() throws {
        let text = """
            version: 1
            dn:: b3U95Za25qWt6YOoLG89QWlyaXVz
            # dn:: ou=<JapaneseOU>,o=Airius
            objectclass: top
            objectclass: organizationalUnit
            ou:: 5Za25qWt6YOo
            # ou:: <JapaneseOU>
            ou;lang-ja:: 5Za25qWt6YOo
            ou;lang-ja;phonetic:: 44GI44GE44GO44KH44GG44G2
            ou;lang-en: Sales
            description: Japanese office

            dn:: dWlkPXJvZ2FzYXdhcmEsb3U95Za25qWt6YOoLG89QWlyaXVz
            # dn:: uid=<uid>,ou=<JapaneseOU>,o=Airius
            userpassword: {SHA}O3HSv1MusyL4kTjP+HKI5uxuNoM=
            givenname;lang-ja:: 44Ot44OJ44OL44O8
            sn;lang-ja:: 5bCP56yg5Y6f
            cn;lang-ja:: 5bCP56yg5Y6fIOODreODieODi+ODvA==
            """
        let parsed = try readLDIF(text)
        #expect(parsed == [
            .content(ldifEntry("ou=\u{55B6}\u{696D}\u{90E8},o=Airius", [
                ("objectclass", ["top", "organizationalUnit"]),
                ("ou", ["\u{55B6}\u{696D}\u{90E8}"]),
                ("ou;lang-ja", ["\u{55B6}\u{696D}\u{90E8}"]),
                ("ou;lang-ja;phonetic", ["\u{3048}\u{3044}\u{304E}\u{3087}\u{3046}\u{3076}"]),
                ("ou;lang-en", ["Sales"]),
                ("description", ["Japanese office"]),
            ])),
            .content(ldifEntry("uid=rogasawara,ou=\u{55B6}\u{696D}\u{90E8},o=Airius", [
                ("userpassword", ["{SHA}O3HSv1MusyL4kTjP+HKI5uxuNoM="]),
                ("givenname;lang-ja", ["\u{30ED}\u{30C9}\u{30CB}\u{30FC}"]),
                ("sn;lang-ja", ["\u{5C0F}\u{7B20}\u{539F}"]),
                ("cn;lang-ja", ["\u{5C0F}\u{7B20}\u{539F} \u{30ED}\u{30C9}\u{30CB}\u{30FC}"]),
            ])),
        ])
    }

    @Test func example5FileURLValue() throws {
        let photo: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x0A, 0x0D]
        let path = try writeTemporaryFile("hjensen photo.jpg", photo)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let url = "file://" + path.replacingOccurrences(of: " ", with: "%20")
        let text = """
            version: 1
            dn: cn=Horatio Jensen, ou=Product Testing, dc=airius, dc=com
            cn: Horatio Jensen
            jpegphoto:< \(url)
            """
        guard case .content(let read)? = try readLDIF(text).first else {
            Issue.record("no content record")
            return
        }
        #expect(read.attribute("jpegphoto")?.values == [photo])
    }

    @Test func example6ChangeRecords() throws {
        let text = """
            version: 1
            # Add a new entry
            dn: cn=Fiona Jensen, ou=Marketing, dc=airius, dc=com
            changetype: add
            objectclass: top
            cn: Fiona Jensen
            telephonenumber: +1 408 555 1212

            # Delete an existing entry
            dn: cn=Robert Jensen, ou=Marketing, dc=airius, dc=com
            changetype: delete

            # Modify an entry's relative distinguished name
            dn: cn=Paul Jensen, ou=Product Development, dc=airius, dc=com
            changetype: modrdn
            newrdn: cn=Paula Jensen
            deleteoldrdn: 1

            # Rename an entry and move all of its children to a new location in
            # the directory tree (only implemented by LDAPv3 servers).
            dn: ou=PD Accountants, ou=Product Development, dc=airius, dc=com
            changetype: moddn
            newrdn: ou=Product Development Accountants
            deleteoldrdn: 0
            newsuperior: ou=Accounting, dc=airius, dc=com

            # Modify an entry: add, delete, replace and delete a value
            dn: cn=Paula Jensen, ou=Product Development, dc=airius, dc=com
            changetype: modify
            add: postaladdress
            postaladdress: 123 Anystreet $ Sunnyvale, CA $ 94086
            -
            delete: description
            -
            replace: telephonenumber
            telephonenumber: +1 408 555 1234
            telephonenumber: +1 408 555 5678
            -
            delete: facsimiletelephonenumber
            facsimiletelephonenumber: +1 408 555 9876
            -

            # Replace with no values removes the attribute
            dn: cn=Ingrid Jensen, ou=Product Support, dc=airius, dc=com
            changetype: modify
            replace: postaladdress
            -
            delete: description
            -
            """
        let paula = "cn=Paula Jensen, ou=Product Development, dc=airius, dc=com"
        #expect(try readLDIF(text) == [
            .change(LDIFChange(.add(ldifEntry("cn=Fiona Jensen, ou=Marketing, dc=airius, dc=com", [
                ("objectclass", ["top"]), ("cn", ["Fiona Jensen"]), ("telephonenumber", ["+1 408 555 1212"]),
            ])))),
            .change(LDIFChange(.delete(dn: "cn=Robert Jensen, ou=Marketing, dc=airius, dc=com"))),
            .change(LDIFChange(.modifyDN(dn: "cn=Paul Jensen, ou=Product Development, dc=airius, dc=com",
                                         newRDN: "cn=Paula Jensen", deleteOldRDN: true, newSuperior: nil))),
            .change(LDIFChange(.modifyDN(dn: "ou=PD Accountants, ou=Product Development, dc=airius, dc=com",
                                         newRDN: "ou=Product Development Accountants", deleteOldRDN: false,
                                         newSuperior: "ou=Accounting, dc=airius, dc=com"))),
            .change(LDIFChange(.modify(dn: paula, modifications: [
                LDAPModification(.add, LDAPAttribute(type: "postaladdress",
                                                     strings: ["123 Anystreet $ Sunnyvale, CA $ 94086"])),
                LDAPModification(.delete, LDAPAttribute(type: "description", values: [])),
                LDAPModification(.replace, LDAPAttribute(type: "telephonenumber",
                                                         strings: ["+1 408 555 1234", "+1 408 555 5678"])),
                LDAPModification(.delete, LDAPAttribute(type: "facsimiletelephonenumber",
                                                        strings: ["+1 408 555 9876"])),
            ]))),
            .change(LDIFChange(.modify(dn: "cn=Ingrid Jensen, ou=Product Support, dc=airius, dc=com", modifications: [
                LDAPModification(.replace, LDAPAttribute(type: "postaladdress", values: [])),
                LDAPModification(.delete, LDAPAttribute(type: "description", values: [])),
            ]))),
        ])
    }

    @Test func example7ControlOnDelete() throws {
        let text = """
            version: 1
            dn: ou=Product Development, dc=airius, dc=com
            control: 1.2.840.113556.1.4.805 true
            changetype: delete

            dn: cn=x
            control: 1.2.840.113556.1.4.319 false:: MAUCAQoEAA==
            control: 1.2.3: text value
            control: 1.2.4 TRUE
            changetype: delete
            """
        var parsed = try readLDIF(text)
        #expect(parsed.first == .change(LDIFChange(.delete(dn: "ou=Product Development, dc=airius, dc=com"),
                                                   controls: [LDAPControl(oid: "1.2.840.113556.1.4.805", criticality: true)])))
        parsed.removeFirst()
        #expect(parsed.first?.controls == [
            LDAPControl(oid: "1.2.840.113556.1.4.319", criticality: false, value: [0x30, 0x05, 0x02, 0x01, 0x0A, 0x04, 0x00]),
            LDAPControl(oid: "1.2.3", criticality: false, value: Array("text value".utf8)),
            LDAPControl(oid: "1.2.4", criticality: true),
        ])
    }
}

extension LDIFRecord {
    var controls: [LDAPControl]? {
        if case .change(let change) = self { change.controls } else { nil }
    }
}

// MARK: - Reader details and errors

/// LDIF text that must not read, the kind of error, the line it must name
/// and a fragment of its message.
struct BadLDIFCase: Sendable, CustomTestStringConvertible {
    let text: String
    let kind: LDIFSyntaxError.Kind
    let line: Int
    let fragment: String

    init(_ text: String, _ kind: LDIFSyntaxError.Kind, line: Int, _ fragment: String) {
        self.text = text
        self.kind = kind
        self.line = line
        self.fragment = fragment
    }

    var testDescription: String { text.debugDescription }
}

@Suite("LDIF reader")
struct LDIFReaderTests {
    static let badCases: [BadLDIFCase] = [
        BadLDIFCase("cn: x\n", .missingDN, line: 1, "must start with \"dn:\", found \"cn:\""),
        BadLDIFCase("version: 1\n\ncn: x\n", .missingDN, line: 3, "found \"cn:\""),
        BadLDIFCase("dn: a\ncn: b\n\nversion: 1\n", .missingDN, line: 4, "found \"version:\""),
        BadLDIFCase("dn: a\ncn x\n", .missingColon, line: 2, "line without a colon: \"cn x\""),
        BadLDIFCase("dn: a\ncn:: ###=\n", .invalidBase64, line: 2, "invalid base64 value \"###=\""),
        BadLDIFCase("dn: a\ncn:: YWJ\n", .invalidBase64, line: 2, "invalid base64"),
        BadLDIFCase("dn: a\ncn:: YW\n Jj=\n", .invalidBase64, line: 2, "\"YWJj=\""),
        BadLDIFCase("dn: a\nchangetype: rename\n", .unknownChangeType, line: 2, "unknown changetype \"rename\""),
        BadLDIFCase("version: 2\ndn: a\ncn: b\n", .unsupportedVersion, line: 1, "unsupported LDIF version \"2\""),
        BadLDIFCase("dn: a\ncn:< http://example.com/x\n", .invalidURL, line: 2, "only file:///absolute/path"),
        BadLDIFCase("dn: a\ncn:< file:relative\n", .invalidURL, line: 2, "only file:///absolute/path"),
        BadLDIFCase("dn: a\ncn:< file://host/x\n", .invalidURL, line: 2, "not an absolute file path"),
        BadLDIFCase("dn: a\ncn:< file:///x%2\n", .invalidURL, line: 2, "invalid percent-escape"),
        BadLDIFCase("dn: a\ncn:< file:///nonexistent/ldif/x\n", .unreadableURL, line: 2,
                    "cannot read \"file:///nonexistent/ldif/x\""),
        BadLDIFCase(" dn: a\n", .unexpectedLine, line: 1, "no line to continue"),
        BadLDIFCase("dn: a\ncn: b\n\n\n\ndn: c\nsn d\n", .missingColon, line: 7, "\"sn d\""),
        BadLDIFCase("# comment\n  folded comment\ndn: a\ncn: b\n c\nsn d\n", .missingColon, line: 6, "\"sn d\""),
        BadLDIFCase("dn: a\r\ncn: b\r\n\r\ndn: c\r\nbad\r\n", .missingColon, line: 5, "\"bad\""),
        BadLDIFCase("dn: a\ncontrol: 1.2.3 maybe\nchangetype: delete\n", .invalidControl, line: 2, "\"true\" or \"false\""),
        BadLDIFCase("dn: a\ncontrol: tree\nchangetype: delete\n", .invalidControl, line: 2, "numeric OID"),
        BadLDIFCase("dn: a\ncontrol: 1.2.3 true junk\nchangetype: delete\n", .invalidControl, line: 2, "after the control"),
        BadLDIFCase("dn: a\ncontrol: 1.2.3\ncn: b\n", .invalidControl, line: 3, "followed by \"changetype:\""),
        BadLDIFCase("dn: a\ncontrol: 1.2.3\n", .invalidControl, line: 2, "followed by \"changetype:\""),
        BadLDIFCase("dn: a\nchangetype: delete\ncn: b\n", .unexpectedLine, line: 3, "nothing may follow"),
        BadLDIFCase("dn: a\nchangetype: add\n", .invalidChangeRecord, line: 2, "at least one attribute"),
        BadLDIFCase("dn: a\nchangetype: modify\nadd: cn\nsn: x\n-\n", .invalidChangeRecord, line: 4,
                    "expected \"-\" or a value of \"cn\", found \"sn:\""),
        BadLDIFCase("dn: a\nchangetype: modify\nfrob: cn\n", .invalidChangeRecord, line: 3,
                    "expected \"add:\", \"delete:\", \"replace:\" or \"increment:\""),
        BadLDIFCase("dn: a\nchangetype: modify\nadd: c_n\n-\n", .invalidAttributeDescription, line: 3, "\"c_n\""),
        BadLDIFCase("dn: a\nchangetype: modrdn\nnewrdn: cn=b\ndeleteoldrdn: yes\n", .invalidChangeRecord, line: 4,
                    "must be 0 or 1"),
        BadLDIFCase("dn: a\nchangetype: modrdn\ndeleteoldrdn: 1\n", .invalidChangeRecord, line: 3, "expected \"newrdn:\""),
        BadLDIFCase("dn: a\nchangetype: modrdn\nnewrdn: cn=b\n", .invalidChangeRecord, line: 4,
                    "expected \"deleteoldrdn:\""),
        BadLDIFCase("dn: a\nchangetype: moddn\nnewrdn: cn=b\ndeleteoldrdn: 1\ncn: c\n", .unexpectedLine, line: 5,
                    "unexpected line"),
        BadLDIFCase("dn: a\ncn: b\ndn: c\n", .unexpectedLine, line: 3, "is a blank line missing?"),
        BadLDIFCase("dn:: /w==\ncn: b\n", .invalidUTF8, line: 1, "dn is not valid UTF-8"),
        BadLDIFCase("dn: a\nchangetype: modrdn\nnewrdn:: gA==\ndeleteoldrdn: 1\n", .invalidUTF8, line: 3,
                    "newrdn is not valid UTF-8"),
        BadLDIFCase("dn: a\nc_n: b\n", .invalidAttributeDescription, line: 2, "invalid attribute description \"c_n\""),
        BadLDIFCase("dn: a\n: b\n", .invalidAttributeDescription, line: 2, "invalid attribute description \"\""),
    ]

    @Test("rejects", arguments: badCases)
    func rejects(_ testCase: BadLDIFCase) {
        #expect {
            _ = try LDIFReader.records(in: Array(testCase.text.utf8))
        } throws: { error in
            guard let error = error as? LDIFSyntaxError else { return false }
            return error.kind == testCase.kind && error.line == testCase.line
                && error.description.contains(testCase.fragment)
                && error.description.hasPrefix("LDIF line \(testCase.line): ")
        }
    }

    @Test func goesOnAfterABadRecord() throws {
        let reader = LDIFReader(bytes: Array("dn: a\ncn: 1\n\ndn: b\nbroken\n\ndn: c\ncn: 3\n".utf8))
        #expect(try reader.next() == .content(ldifEntry("a", [("cn", ["1"])])))
        #expect(throws: LDIFSyntaxError.self) { try reader.next() }
        #expect(try reader.next() == .content(ldifEntry("c", [("cn", ["3"])])))
        #expect(try reader.next() == nil)
    }

    @Test func acceptsWhatRealFilesContain() throws {
        // BOM, CRLF, several blank lines, comments (folded, and inside a
        // record), repeated types in any case and order, trailing spaces
        // around base64, blank-free `type:value`, empty values, a version
        // line directly followed by the record, no final line end.
        let text = "\u{FEFF}version: 1\r\n# exported\r\n  by a tool\r\ndn: cn=a\r\ncn:a\r\n# inside\r\n"
            + "sn:: Zm9v \r\nCN: b\r\nmail:\r\n\r\n\r\n\r\n# between\r\n\r\ndn: cn=b\r\ncn: c"
        #expect(try readLDIF(text) == [
            .content(LDAPEntry(dn: "cn=a", attributes: [
                LDAPAttribute(type: "cn", strings: ["a", "b"]),
                LDAPAttribute(type: "sn", strings: ["foo"]),
                LDAPAttribute(type: "mail", strings: [""]),
            ])),
            .content(ldifEntry("cn=b", [("cn", ["c"])])),
        ])
        #expect(try readLDIF("") == [])
        #expect(try readLDIF("\n\n# only a comment\n\n").isEmpty)
        #expect(try readLDIF("version: 1\n").isEmpty)
    }

    @Test func keepsSpacesAndPlainHighBytesInValues() throws {
        #expect(try readLDIF("dn: cn=J\u{FC}rgen\ncn:   two  spaces  \n") == [
            .content(ldifEntry("cn=J\u{FC}rgen", [("cn", ["two  spaces  "])])),
        ])
    }

    @Test func readsKeywordsWithoutCaseOrTrailingBlanksOrFinalDash() throws {
        let text = "dn: cn=a\nChangeType: Modify\nREPLACE: cn\ncn: x\n-\nadd: sn\nsn: y\n"
        #expect(try readLDIF(text) == [.change(LDIFChange(.modify(dn: "cn=a", modifications: [
            LDAPModification(.replace, LDAPAttribute(type: "cn", strings: ["x"])),
            LDAPModification(.add, LDAPAttribute(type: "sn", strings: ["y"])),
        ])))])
        // Trailing blanks after keywords, as hand-edited files have them.
        let padded = "version: 1 \ndn: cn=a\nchangetype: modrdn  \nnewrdn: cn=b\ndeleteoldrdn: 1 \n\n"
            + "dn: cn=c\nchangetype: delete \n"
        #expect(try readLDIF(padded) == [
            .change(LDIFChange(.modifyDN(dn: "cn=a", newRDN: "cn=b", deleteOldRDN: true, newSuperior: nil))),
            .change(LDIFChange(.delete(dn: "cn=c"))),
        ])
    }

    @Test func refusesFileURLsWhenTurnedOff() throws {
        let path = try writeTemporaryFile("secret", Array("s3cret".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = "dn: cn=a\ncn:< file://\(path)\n"
        #expect(try readLDIF(text) == [.content(ldifEntry("cn=a", [("cn", ["s3cret"])]))])

        let reader = LDIFReader(bytes: Array(text.utf8))
        reader.readsFileURLs = false
        #expect {
            try reader.next()
        } throws: { error in
            (error as? LDIFSyntaxError)?.kind == .invalidURL && (error as? LDIFSyntaxError)?.line == 2
        }
    }
}

// MARK: - Large files

@Suite("LDIF reader over files")
struct LDIFFileReaderTests {
    /// Entries of varied sizes (one larger than any chunk) written with CRLF
    /// line ends and extra blank lines, so chunk edges fall everywhere.
    static func sampleFile(entries count: Int) -> (bytes: [UInt8], entries: [LDAPEntry]) {
        var generator = SeededGenerator(seed: 42)
        var entries = (0..<count).map { _ in LDIFRoundTripTests.randomEntry(using: &generator) }
        entries[count / 2].attributes.append(LDAPAttribute(type: "jpegPhoto", values: [
            (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) },
        ]))
        var unix: [UInt8] = []
        for entry in entries {
            LDIFWriter().append(entry, to: &unix)
            if Bool.random(using: &generator) { unix.append(UInt8(ascii: "\n")) }
        }
        var crlf: [UInt8] = []
        for byte in unix {
            if byte == UInt8(ascii: "\n") { crlf.append(UInt8(ascii: "\r")) }
            crlf.append(byte)
        }
        return (crlf, entries)
    }

    @Test(arguments: [1, 2, 3, 7, 100, 4096, 1 << 16])
    func readsInChunks(chunkSize: Int) throws {
        let sample = Self.sampleFile(entries: chunkSize < 8 ? 40 : 400)
        let path = try writeTemporaryFile("export.ldif", sample.bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let reader = try LDIFReader(contentsOfFile: path, chunkSize: chunkSize)
        var read: [LDIFRecord] = []
        while let record = try reader.next() {
            read.append(record)
        }
        #expect(read == sample.entries.map { .content($0) })
        #expect(try LDIFReader.records(in: sample.bytes) == read)
    }

    @Test func namesTheRightLineDeepInAFile() throws {
        var text = ""
        for index in 0..<1000 {
            text += "dn: cn=\(index)\ncn: \(index)\n\n"
        }
        text += "dn: cn=last\nbroken line\n"
        let path = try writeTemporaryFile("broken.ldif", Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try LDIFReader(contentsOfFile: path, chunkSize: 100)
        var count = 0
        do {
            while try reader.next() != nil { count += 1 }
            Issue.record("no error")
        } catch {
            #expect(error.line == 3002)
            #expect(count == 1000)
        }
    }

    @Test func reportsAFileThatCannotBeOpened() {
        #expect {
            _ = try LDIFReader(contentsOfFile: "/nonexistent/ldif/file.ldif")
        } throws: { error in
            guard let error = error as? LDIFFileError else { return false }
            return error.path == "/nonexistent/ldif/file.ldif" && error.description.contains("cannot open LDIF file")
        }
    }
}
