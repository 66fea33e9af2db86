import Testing

@testable import AgentStore
import SyncEngine

@Suite("Stored link texts")
struct StoredTextDecoderTests {
    @Test("field hashes and key lists read back as written, escaped names too, with one copy of each field name")
    func roundTrip() throws {
        var decoder = StoredTextDecoder()
        let written: [[String: String]] = [
            ["userName": "0123456789abcde", "urn:ietf:params:scim:schemas:extension:acme:2.0:User:office": "fedcba987654321"],
            ["urn:ietf:params:scim:schemas:extension:acme:2.0:User:office": "111111111111111", "userName": "222222222222222"],
            [:],
            ["quoted \"name\"": "333333333333333", "back\\slash": "444444444444444"],
            ["émoji 🙂": "555555555555555"],
        ]
        for hashes in written {
            let text = LinkRow.encode(FieldHashes(hashes))
            #expect(try decoder.fieldHashes(text).dictionary == hashes, "\(text)")
            #expect(try decoder.fieldHashes(text).dictionary == LinkRow.decodeFieldHashes(text))
        }
        // Hashes of earlier versions (16 digits) compare by their first 15.
        #expect(try decoder.fieldHashes(#"{"title":"0123456789abcdef"}"#) == ["title": "0123456789abcde"])
        for list in [["u:ada", "e:ada@example.com"], [], ["e:\"odd\"@example.com", "u:zoë"]] {
            #expect(try decoder.list(LinkRow.encode(list)) == list)
        }
        #expect(throws: StoredValueError.self) { try decoder.fieldHashes(#"{"unterminated"#) }
        #expect(throws: StoredValueError.self) { try decoder.list(#"{"a":"b"}"#) }
    }
}
