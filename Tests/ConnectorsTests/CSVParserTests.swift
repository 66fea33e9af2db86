import Connectors
import Testing

/// The RFC 4180 reader, on bytes: no files.
@Suite("CSVParser: RFC 4180 records from bytes")
struct CSVParserTests {
    static func parse(_ text: String, delimiter: Character = ",") -> CSVDocument {
        CSVParser.parse(Array(text.utf8), delimiter: delimiter.asciiValue!)
    }

    static func fields(_ document: CSVDocument) -> [[String]] { document.records.map(\.fields) }

    @Test("a header and rows, CRLF line breaks (RFC 4180 §2.1), the last without one (§2.2)")
    func crlf() {
        let document = Self.parse("id,email\r\n1,ada@example.com\r\n2,bob@example.com")
        #expect(Self.fields(document) == [["id", "email"], ["1", "ada@example.com"], ["2", "bob@example.com"]])
        #expect(document.records.map(\.line) == [1, 2, 3])
        #expect(document.records.allSatisfy { $0.problem == nil })
        #expect(document.unterminatedQuoteLine == nil)
    }

    @Test("LF and lone CR line breaks; a final line break adds no record")
    func otherLineBreaks() {
        #expect(Self.fields(Self.parse("a,b\n1,2\n")) == [["a", "b"], ["1", "2"]])
        #expect(Self.fields(Self.parse("a,b\r1,2\r")) == [["a", "b"], ["1", "2"]])
    }

    @Test("a UTF-8 byte order mark is dropped; without one the first column name is the same")
    func byteOrderMark() {
        let withBOM = CSVParser.parse([0xEF, 0xBB, 0xBF] + Array("id,name\n1,Zoë\n".utf8))
        #expect(Self.fields(withBOM) == [["id", "name"], ["1", "Zoë"]])
        #expect(withBOM.records[0].fields[0].unicodeScalars.count == 2)
    }

    @Test("a semicolon delimiter: commas are then plain text")
    func semicolon() {
        let document = Self.parse("id;name;city\n1;Smith, John;Köln\n", delimiter: ";")
        #expect(Self.fields(document) == [["id", "name", "city"], ["1", "Smith, John", "Köln"]])
    }

    @Test("quoted fields hold the delimiter, doubled quotes (§2.6, §2.7) and empty values")
    func quotes() {
        let document = Self.parse("id,name,note,empty\n1,\"Smith, John\",\"says \"\"hi\"\"\",\"\"\n")
        #expect(document.records[1].fields == ["1", "Smith, John", "says \"hi\"", ""])
        #expect(document.records[1].problem == nil)
    }

    @Test("line breaks inside quotes are kept; the next record's line counts them")
    func embeddedNewlines() {
        let document = Self.parse("id,address\r\n1,\"Main St 1\r\nSpringfield\"\r\n2,\"a\nb\nc\"\n3,x\n")
        #expect(document.records[1].fields == ["1", "Main St 1\r\nSpringfield"])
        #expect(document.records[2].fields == ["2", "a\nb\nc"])
        #expect(document.records.map(\.line) == [1, 2, 4, 7])
    }

    @Test("ragged records are read as they are; the builder judges them")
    func ragged() {
        let document = Self.parse("a,b,c\n1,2\n1,2,3,4\n\n,,\n")
        #expect(Self.fields(document) == [["a", "b", "c"], ["1", "2"], ["1", "2", "3", "4"], [""], ["", "", ""]])
        #expect(document.records[3].isBlank && document.records[4].isBlank)
    }

    @Test("text after a closing quote marks the record; a quote inside an unquoted field is a character")
    func malformedQuotes() {
        let document = Self.parse("a,b\n\"x\"y,2\nO\"Brien,3\n")
        #expect(document.records[1].problem == "field 1 has text after its closing quote")
        #expect(document.records[2].fields == ["O\"Brien", "3"])
        #expect(document.records[2].problem == nil)
    }

    @Test("a quote never closed swallows the rest of the file and says where it opened")
    func unterminated() {
        let document = Self.parse("a,b\n1,2\n3,\"open\n4,5\n")
        #expect(document.unterminatedQuoteLine == 3)
        #expect(document.records.count == 3)
        #expect(document.records[2].fields == ["3", "open\n4,5\n"])
        #expect(document.records[2].problem != nil)
    }

    @Test("bytes that are not UTF-8 mark the record")
    func notUTF8() {
        let document = CSVParser.parse(Array("a,b\n1,".utf8) + [0xFF, 0x41] + Array("\n".utf8))
        #expect(document.records[1].problem == "field 2 is not valid UTF-8")
    }

    @Test("an empty file has no records")
    func empty() {
        #expect(Self.parse("").records.isEmpty)
    }
}
