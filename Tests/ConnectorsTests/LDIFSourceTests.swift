import Connectors
import Foundation
import SyncEngine
import Testing
import TestSupport

@Suite("LDIFSource: the sample directory and bad files")
struct LDIFSourceTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples")
    static let baseDNs = ["ou=People,dc=example,dc=org", "ou=Contractors,dc=example,dc=org", "ou=Groups,dc=example,dc=org"]

    static func source(_ file: String, baseDNs: [String] = baseDNs) throws -> LDIFSource {
        var ldif = LDIFSourceConfiguration(path: samples.appendingPathComponent(file).path, profile: .openldap)
        ldif.baseDNs = baseDNs
        return try LDIFSource(name: "sample", configuration: ldif)
    }

    static func objects(_ result: SourceReadResult) -> [SourceObject] {
        result.events.compactMap { if case .upsert(let object) = $0 { object } else { nil } }
    }

    static func group(_ name: String, in objects: [SourceObject]) throws -> SourceObject {
        try #require(objects.first { $0.kind == .group && $0.values("cn") == [name] })
    }

    @Test("version 1: 200 users and 20 groups, counted per base DN, ending with snapshotComplete")
    func countsAndSnapshot() async throws {
        let result = try await Self.source("directory-v1.ldif").read(after: nil)
        let objects = Self.objects(result)
        #expect(result.events.last == .snapshotComplete)
        #expect(result.events.count == objects.count + 1)
        #expect(objects.filter { $0.kind == .user }.count == 200)
        #expect(objects.filter { $0.kind == .group }.count == 20)
        #expect(result.counts["ou=People,dc=example,dc=org"] == SourceCount(users: 172, groups: 0))
        #expect(result.counts["ou=Contractors,dc=example,dc=org"] == SourceCount(users: 28, groups: 0))
        #expect(result.counts["ou=Groups,dc=example,dc=org"] == SourceCount(users: 0, groups: 20))
        #expect(Set(objects.map(\.anchor)).count == objects.count, "anchors are unique")
        #expect(objects.allSatisfy { $0.anchor.rawValue.count == 36 }, "entryUUID anchors")
        let zoe = try #require(objects.first { $0.values("givenName") == ["Zoë"] }, "base64 values are decoded")
        #expect(zoe.values("sn") == ["Ærøskøbing"])
    }

    @Test("members resolve to anchors: nesting, the cycle, a DN in another spelling, an out-of-scope member")
    func members() async throws {
        let objects = Self.objects(try await Self.source("directory-v1.ldif").read(after: nil))
        let anchors = Set(objects.map(\.anchor))
        let allStaff = try Self.group("All Staff", in: objects)
        #expect(allStaff.members.count == 8, "the eight department groups")
        #expect(allStaff.members.allSatisfy { anchors.contains($0) })
        let responders = try Self.group("Incident Responders", in: objects)
        let onCall = try Self.group("On-Call", in: objects)
        #expect(responders.members.contains(onCall.anchor) && onCall.members.contains(responders.anchor))
        let release = try Self.group("Release Managers", in: objects)
        #expect(release.members.count == 3 && release.unresolvedMembers.isEmpty)
        let backup = try Self.group("Backup Operators", in: objects)
        #expect(backup.unresolvedMembers == ["cn=svc-backup,ou=Service,dc=example,dc=org"])
        #expect(backup.members.count == 3)
        let resolved = objects.filter { $0.kind == .group }.flatMap(\.unresolvedMembers)
        #expect(resolved.count == 1, "every other member is in scope")
    }

    @Test("version 2: a DN rename keeps the anchor; the user moved to ou=Alumni is out of scope; the lock is read")
    func secondVersion() async throws {
        let v1 = Self.objects(try await Self.source("directory-v1.ldif").read(after: nil))
        let v2 = Self.objects(try await Self.source("directory-v2.ldif").read(after: nil))
        let renamed = try #require(v2.first { $0.values("uid") == ["jana.schneider2"] })
        let before = try #require(v1.first { $0.anchor == renamed.anchor })
        #expect(before.values("uid") == ["jana.schneider"])
        #expect(!v2.contains { $0.values("uid") == ["olga.becker"] }, "moved out of the base DNs")
        #expect(v1.contains { $0.values("uid") == ["olga.becker"] })
        let locked = try #require(v2.first { $0.values("uid") == ["tara.koch"] })
        #expect(LDAPProfile.openldap.disabledRule.matches(locked))
        #expect(v2.filter { $0.kind == .user }.count == 199)
    }

    @Test("a missing file is an error naming it, never an empty snapshot")
    func missingFile() async throws {
        let source = try Self.source("no-such-file.ldif")
        let error = await #expect(throws: LDIFSourceError.self) { _ = try await source.read(after: nil) }
        #expect(error?.description.contains("no-such-file.ldif") == true)
    }

    @Test("a malformed file is an error naming the file and the line")
    func malformedFile() async throws {
        let path = try Self.temporaryFile("dn: uid=a,ou=People,dc=example,dc=org\nobjectClass: inetOrgPerson\nentryUUID: 1\n\ndn: uid=b,dc=org\nthis line has no colon\n")
        let source = LDIFSource(name: "bad", path: path, scope: try DirectoryScope(
            source: "bad", configuration: LDIFSourceConfiguration(path: path, profile: .openldap)))
        let error = await #expect(throws: LDIFSourceError.self) { _ = try await source.read(after: nil) }
        #expect(error?.line == 6)
        #expect(error?.description.hasPrefix("\(path), line 6") == true)
    }

    @Test("a file with no user or group in scope is refused, and so are change records")
    func emptyAndChanges() async throws {
        for text in ["dn: ou=People,dc=example,dc=org\nobjectClass: organizationalUnit\n",
                     "dn: uid=a,dc=org\nchangetype: delete\n"] {
            let path = try Self.temporaryFile(text)
            let source = LDIFSource(name: "bad", path: path, scope: try DirectoryScope(
                source: "bad", configuration: LDIFSourceConfiguration(path: path, profile: .openldap)))
            await #expect(throws: LDIFSourceError.self) { _ = try await source.read(after: nil) }
        }
    }

    static func temporaryFile(_ text: String) throws -> String {
        let url = TestFolder.path("ldif-source.ldif")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
