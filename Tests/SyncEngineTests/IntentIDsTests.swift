import Foundation
@testable import SyncEngine
import Testing

@Suite struct IntentIDsTests {
    @Test func aWindowsIDsAreDistinctVersion4UUIDs() {
        let first = IntentIDs()
        let second = IntentIDs()
        let ids = (0..<1_000).map { first[$0] } + (0..<1_000).map { second[$0] }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id == id.lowercased())
            let uuid = UUID(uuidString: id)
            #expect(uuid != nil)
            #expect(uuid.map { $0.uuid.6 >> 4 } == 4)  // version (RFC 9562 §4.2)
            #expect(uuid.map { $0.uuid.8 >> 6 } == 2)  // variant (§4.1)
        }
    }
}
