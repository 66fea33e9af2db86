import Connectors
import LDAP
import SyncEngine
import Testing

@Suite("ObjectBuilderThread: objects built beside the read")
struct ObjectBuilderThreadTests {
    typealias Entries = DirectoryObjectBuilderTests

    /// 300 users and 30 groups, some groups read before their members.
    static func entries() -> [LDAPEntry] {
        var entries: [LDAPEntry] = []
        for index in 0..<300 {
            if index % 10 == 0 {
                let members = (index..<min(index + 20, 300)).map { "uid=u\($0),ou=People,dc=example,dc=org" }
                entries.append(Entries.group("g\(index)", members: members))
            }
            entries.append(Entries.user("u\(index)"))
        }
        return entries
    }

    @Test("the read is the one the builder makes on the reader's thread, whatever the batches and the backlog", arguments: [1, 7, 4_000])
    func sameRead(backlog: Int) async throws {
        let scope = try Entries.scope()
        let entries = Self.entries()
        var direct = DirectoryObjectBuilder(scope: scope)
        for entry in entries { direct.add(entry) }
        let expected = direct.finish()

        let thread = ObjectBuilderThread(scope: scope, backlog: backlog)
        var start = 0
        var size = 1
        while start < entries.count {
            let end = min(start + size, entries.count)
            await thread.add(Array(entries[start..<end]))
            start = end
            size = size % 13 + 1
        }
        await thread.add([])
        let read = await thread.finish()
        #expect(read.objects == expected.objects)
        #expect(read.objects.count == 330)
        #expect(read.counts == expected.counts)
        #expect(read.skipped == expected.skipped)
        let group = try #require(read.objects.first { $0.anchor == "uuid-g0" })
        #expect(group.members.count == 20, "members read after their group are resolved at the end")
    }
}
