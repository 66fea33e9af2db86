@testable import Connectors
import SyncEngine
import Testing

@Suite("DNTextIndex: DNs as written → anchors")
struct DNTextIndexTests {
    @Test func findsEveryDNItHoldsByTextAndByBytesAndNothingElse() {
        // A small start, so the table grows several times on the way.
        var index = DNTextIndex(capacity: 4)
        let dns = (0..<5_000).map { "uid=user\($0),ou=people,dc=example,dc=org" }
        for (number, dn) in dns.enumerated() { index.set(dn, Anchor("anchor-\(number)")) }
        #expect(index.count == dns.count)
        for (number, dn) in dns.enumerated() {
            #expect(index.anchor(dn) == Anchor("anchor-\(number)"))
            var bytes = dn
            #expect(bytes.withUTF8 { index.anchor(UnsafeRawBufferPointer($0)) } == Anchor("anchor-\(number)"))
        }
        // Spelled otherwise (case, spaces), a prefix, or absent: not found
        // here (the builder then compares normalised DNs).
        #expect(index.anchor("UID=user1,ou=people,dc=example,dc=org") == nil)
        #expect(index.anchor("uid=user1, ou=people,dc=example,dc=org") == nil)
        #expect(index.anchor("uid=user1,ou=people,dc=example") == nil)
        #expect(index.anchor("uid=user5000,ou=people,dc=example,dc=org") == nil)
        #expect(index.anchor("") == nil)
    }

    @Test func aDNSetAgainTakesTheNewAnchor() {
        var index = DNTextIndex()
        index.set("cn=admins,ou=groups,dc=example,dc=org", "first")
        index.set("cn=admins,ou=groups,dc=example,dc=org", "second")
        #expect(index.count == 1)
        #expect(index.anchor("cn=admins,ou=groups,dc=example,dc=org") == "second")
    }
}
