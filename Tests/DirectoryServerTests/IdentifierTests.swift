@testable import DirectoryServer
import Foundation
import Testing

@Suite("Identifiers: time-ordered UUIDs (RFC 9562 version 7)")
struct IdentifierTests {
    @Test func isAVersion7UUID() throws {
        let id = Identifiers.make()
        let uuid = try #require(UUID(uuidString: id))
        #expect(id == uuid.uuidString.lowercased())
        #expect(uuid.uuid.6 >> 4 == 7)
        #expect(uuid.uuid.8 >> 6 == 0b10)
    }

    @Test func carriesItsMillisecondAndSortsByIt() {
        #expect(Identifiers.make(milliseconds: 0x0123_4567_89ab).hasPrefix("01234567-89ab-7"))
        let ids = (0..<100).map { Identifiers.make(milliseconds: 1_764_417_600_000 + UInt64($0)) }
        #expect(ids == ids.sorted())
        #expect(Set((0..<1000).map { _ in Identifiers.make(milliseconds: 5) }).count == 1000)
    }
}
