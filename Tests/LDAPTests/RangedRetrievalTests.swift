import NIOCore
import Testing
@testable import LDAP

/// Active Directory on Windows returns at most MaxValRange values of a large
/// attribute per read (1,500 by default) and names the slice it sent; Samba
/// does not truncate, so the server here plays Windows.
@Suite("Ranged attribute retrieval, against a server that truncates like Windows")
struct RangedRetrievalTests {
    static let groupDN = "CN=Everyone Big,OU=Groups,DC=example,DC=test"

    static func members(_ count: Int) -> [[UInt8]] {
        (0..<count).map { Array("CN=User \($0),OU=People,DC=example,DC=test".utf8) }
    }

    /// Answers one base-scope read of `member;range=LOW-*` the way Windows
    /// does: at most `cap` values, the slice named in the attribute type.
    static func answerRangeRequest(_ server: FakeLDAPServer, all: [[UInt8]], cap: Int) async throws -> Int {
        let request = try await server.nextRequest()
        guard case .searchRequest(let search) = request.operation,
              search.scope == .baseObject,
              let range = search.attributes.first.flatMap(AttributeRange.init(description:))
        else {
            Issue.record("unexpected request \(request.operation)")
            return -1
        }
        let high = min(range.low + cap, all.count) - 1
        let last = high == all.count - 1
        let type = "member;range=\(range.low)-\(last ? "*" : String(high))"
        let entry = LDAPEntry(dn: groupDN, attributes: [LDAPAttribute(type: type, values: Array(all[range.low...high]))])
        try await server.send(id: request.messageID, .searchResultEntry(entry))
        try await server.send(id: request.messageID, .searchResultDone(.success))
        return range.low
    }

    @Test("an entry's truncated member list is completed from where the server stopped", arguments: [1500, 1000])
    func completesEntry(cap: Int) async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let all = Self.members(4000)
        let first = LDAPEntry(dn: Self.groupDN, attributes: [
            LDAPAttribute(type: "cn", strings: ["Everyone Big"]),
            LDAPAttribute(type: "member;range=0-\(cap - 1)", values: Array(all[0..<cap])),
        ])
        async let completed = connection.completingRangedAttributes(of: first)
        var lows: [Int] = []
        var next = cap
        while next < all.count {
            lows.append(try await Self.answerRangeRequest(server, all: all, cap: cap))
            next += cap
        }
        let entry = try await completed
        #expect(lows == Array(stride(from: cap, to: all.count, by: cap)))
        #expect(entry.attribute("member")?.values == all)
        #expect(entry.attribute("member")?.type == "member")
        #expect(entry.string("cn") == "Everyone Big")
    }

    @Test("all values of an attribute, read in ranges from zero")
    func readsAllValues() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let all = Self.members(3001)
        async let values = connection.readAllValues(of: "member", dn: Self.groupDN)
        #expect(try await Self.answerRangeRequest(server, all: all, cap: 1500) == 0)
        #expect(try await Self.answerRangeRequest(server, all: all, cap: 1500) == 1500)
        #expect(try await Self.answerRangeRequest(server, all: all, cap: 1500) == 3000)
        #expect(try await values == all)
    }

    @Test("range options parse, other options are kept", arguments: [
        ("member;range=0-1499", "member", 0, Optional(1499)),
        ("member;range=1500-*", "member", 1500, nil),
        ("member;binary;range=3-4", "member;binary", 3, Optional(4)),
    ])
    func parsesRange(text: String, attribute: String, low: Int, high: Int?) throws {
        let range = try #require(AttributeRange(description: text))
        #expect(range.attribute == attribute)
        #expect(range.low == low)
        #expect(range.high == high)
    }

    @Test("descriptions without a range are not ranges", arguments: ["member", "member;range=", "member;range=a-b", "member;range=5"])
    func notRanges(text: String) {
        #expect(AttributeRange(description: text) == nil)
    }
}

@Suite("Paged search over a played server (RFC 2696)")
struct PagedSearchTests {
    @Test("pages follow the cookie until it is empty; only the last done is yielded")
    func followsCookies() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let serverTask = Task {
            for (page, cookie) in [[UInt8]([1]), [2], []].enumerated() {
                let request = try await server.nextRequest()
                let paging = try PagedResultsControl(try #require(request.controls.first(oid: PagedResultsControl.oid)))
                #expect(paging.size == 2)
                #expect(paging.cookie == (page == 0 ? [] : [UInt8(page)]))
                try await server.send(id: request.messageID, .searchResultEntry(.person("p\(page)a")))
                try await server.send(id: request.messageID, .searchResultEntry(.person("p\(page)b")))
                try await server.send(id: request.messageID, .searchResultDone(.success), controls: [PagedResultsControl(size: 0, cookie: cookie).control()])
            }
        }
        var uids: [String] = []
        var dones = 0
        for try await event in connection.pagedSearch(SearchRequest(baseObject: "dc=example,dc=test"), pageSize: 2) {
            switch event {
            case .entry(let entry, _): uids.append(entry.string("uid") ?? "")
            case .done: dones += 1
            default: break
            }
        }
        try await serverTask.value
        #expect(uids == ["p0a", "p0b", "p1a", "p1b", "p2a", "p2b"])
        #expect(dones == 1)
    }

    @Test("in batches, the same events: every page's entries and only the last page's done")
    func batchesFollowCookies() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let serverTask = Task {
            for (page, cookie) in [[UInt8]([1]), [2], []].enumerated() {
                let request = try await server.nextRequest()
                let paging = try PagedResultsControl(try #require(request.controls.first(oid: PagedResultsControl.oid)))
                #expect(paging.cookie == (page == 0 ? [] : [UInt8(page)]))
                try await server.send(id: request.messageID, .searchResultEntry(.person("p\(page)a")))
                try await server.send(id: request.messageID, .searchResultEntry(.person("p\(page)b")))
                try await server.send(id: request.messageID, .searchResultDone(.success), controls: [PagedResultsControl(size: 0, cookie: cookie).control()])
            }
        }
        var events: [String] = []
        for try await batch in connection.pagedSearch(SearchRequest(baseObject: "dc=example,dc=test"), pageSize: 2).batches {
            #expect(!batch.isEmpty)
            for event in batch {
                switch event {
                case .entry(let entry, _): events.append(entry.string("uid") ?? "")
                case .done: events.append("done")
                default: break
                }
            }
        }
        try await serverTask.value
        #expect(events == ["p0a", "p0b", "p1a", "p1b", "p2a", "p2b", "done"])
    }

    @Test("stopping early abandons the page in flight and releases the paging state with size 0 and the cookie")
    func earlyStopReleases() async throws {
        let (connection, server) = try await FakeLDAPServer.connect()
        let secondPageID: Int32
        do {
            var iterator = connection.pagedSearch(SearchRequest(baseObject: "dc=example,dc=test"), pageSize: 2).makeAsyncIterator()
            let firstTask = Task { () -> Int32 in
                let first = try await server.nextRequest()
                try await server.send(id: first.messageID, .searchResultEntry(.person("a")))
                try await server.send(id: first.messageID, .searchResultEntry(.person("b")))
                try await server.send(id: first.messageID, .searchResultDone(.success), controls: [PagedResultsControl(size: 0, cookie: [7]).control()])
                let second = try await server.nextRequest()
                try await server.send(id: second.messageID, .searchResultEntry(.person("c")))
                return second.messageID
            }
            for _ in 0..<3 { _ = try await iterator.next() }
            secondPageID = try await firstTask.value
        }
        var sawAbandon = false
        var sawRelease = false
        for _ in 0..<2 {
            let request = try await server.nextRequest()
            switch request.operation {
            case .abandonRequest(let id):
                sawAbandon = id == secondPageID
            case .searchRequest:
                let paging = try PagedResultsControl(try #require(request.controls.first(oid: PagedResultsControl.oid)))
                sawRelease = paging.size == 0 && paging.cookie == [7]
            default:
                Issue.record("unexpected \(request.operation.name)")
            }
        }
        #expect(sawAbandon)
        #expect(sawRelease)
    }
}
