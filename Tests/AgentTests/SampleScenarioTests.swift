import Agent
import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import LDAP
import SCIM
import SyncEngine
import Testing

/// The engine end to end on the demo's sample directory, once read from the
/// LDIF file and once from slapd over LDAP, into directoryd served on a
/// loopback port: every scenario applies real changes (LDAP operations on
/// slapd, a rewritten file for LDIF) and checks what reached the directory.
@Suite("Sample directory scenarios, LDIF and slapd")
struct SampleScenarioTests {
    /// uid (users) or cn (groups) → entryUUID, from directory-v1.ldif and
    /// -v2.ldif (the first uid of each); the slapd fixture keeps them, so
    /// both sources give the same anchors.
    static let anchors: [String: String] = {
        var anchors: [String: String] = [:]
        let sample = SampleDirectory(base: SampleDirectory.suffix)
        for entry in ((try? sample.entries("directory-v2.ldif")) ?? []) + ((try? sample.entries()) ?? []) {
            guard let uuid = entry.strings("entryUUID").first, let name = (entry.strings("uid") + entry.strings("cn")).first else { continue }
            anchors[name] = uuid
        }
        return anchors
    }()

    static func anchor(_ name: String) throws -> String { try #require(anchors[name], "\(name) is in the sample") }

    /// The anchors of version 1's 200 users.
    static let userAnchors: Set<String> = Set(
        ((try? SampleDirectory(base: SampleDirectory.suffix).entries()) ?? []).filter { !$0.strings("uid").isEmpty }.compactMap { $0.strings("entryUUID").first })

    /// The results that failed, besides the `# BROKEN` entries (which fail on every run, on purpose).
    static func unexpectedFailures(_ report: ExecutionReport?) -> [ObjectResult] {
        let broken = Set(Self.broken.keys.compactMap { anchors[$0] })
        return (report?.results ?? []).filter { $0.failed && !broken.contains($0.anchor.rawValue) }
    }

    /// The `# BROKEN (code)` comments of directory-v1.ldif: uid → condition code.
    static let broken: [String: String] = {
        guard let text = try? String(contentsOfFile: SampleDirectory.folder + "/directory-v1.ldif", encoding: .utf8) else { return [:] }
        var broken: [String: String] = [:]
        var pending: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# BROKEN ("), let close = line.firstIndex(of: ")") {
                pending = String(line[line.index(line.startIndex, offsetBy: 10)..<close])
            } else if line.hasPrefix("dn: uid="), let code = pending {
                broken[String(line.dropFirst(8).prefix { $0 != "," })] = code
                pending = nil
            }
        }
        return broken
    }()

    /// A loaded source, a directory, and a first sync of version 1.
    static func scenario(
        _ kind: SampleSourceKind, firstSync: Bool = true,
        _ body: @Sendable (any SampleSourceFixture, SampleTarget, Int) async throws -> Void
    ) async throws {
        let (target, application) = try await SampleTarget.make()
        let source = try await kind.load(folder: target.folder)
        try await application.test(.live) { live in
            let port = try #require(live.port)
            if firstSync {
                let first = try await target.run(port: port, source: source)
                #expect(first.report?.blocked == false)
            }
            try await body(source, target, port)
        }
        await source.close()
    }

    @Test("full sync: users, groups, nesting and the cycle; every BROKEN entry refused with its condition", arguments: SampleSourceKind.available)
    func fullSync(_ kind: SampleSourceKind) async throws {
        try await Self.scenario(kind, firstSync: false) { source, target, port in
            let outcome = try await target.run(port: port, source: source)
            let report = try #require(outcome.report)
            #expect(!report.blocked && report.stoppedBy == nil)
            #expect(Self.broken.count == 7 && Self.userAnchors.count == 200)
            let codes = Dictionary(grouping: report.results.filter { $0.code != nil }, by: \.anchor.rawValue)
            var refused: Set<String> = []
            for (uid, code) in Self.broken {
                let found = codes[try Self.anchor(uid)]?.compactMap(\.code?.rawValue) ?? []
                if found.contains(code) { refused.insert(try Self.anchor(uid)) }
                #expect(found.contains(code), "\(uid): \(code), got \(found)")
            }
            let users = try await target.users()
            #expect(users.count == Set(users.compactMap(\.externalID)).count, "every user once, by its anchor")
            #expect(Set(users.compactMap(\.externalID)) == Self.userAnchors.subtracting(refused))
            #expect(try await target.groups().count == 20)
            // Nesting: All Staff holds the department groups; the cycle is kept both ways.
            let responders = try #require(try await target.group(anchor: Self.anchor("Incident Responders")))
            let onCall = try #require(try await target.group(anchor: Self.anchor("On-Call")))
            #expect(try await target.members(of: responders).contains(onCall.id))
            #expect(try await target.members(of: onCall).contains(responders.id))
            let allStaff = try #require(try await target.group(anchor: Self.anchor("All Staff")))
            let sales = try #require(try await target.group(anchor: Self.anchor("Sales")))
            #expect(try await target.members(of: allStaff).contains(sales.id))
            // The service account (outside the base DNs) is left out; the odd-cased DN resolves.
            let backup = try #require(try await target.group(anchor: Self.anchor("Backup Operators")))
            #expect(try await target.members(of: backup).count == 3)
            let release = try #require(try await target.group(anchor: Self.anchor("Release Managers")))
            #expect(try await target.members(of: release).count == 3)
            // Nothing left to write but the refused objects, tried again.
            let again = try await target.run(port: port, source: source, apply: false)
            let unexpected = again.plan.actions.filter { action in
                if case .addMembers(_, let members) = action { return !members.allSatisfy { refused.contains($0.rawValue) } }
                return !refused.contains(action.anchor.rawValue)
            }
            #expect(unexpected.isEmpty, "\(unexpected)")
        }
    }

    @Test("version 2: attribute change, rename and move stay one object, disable, leave scope, delete, new hire, members", arguments: SampleSourceKind.available)
    func version2(_ kind: SampleSourceKind) async throws {
        try await Self.scenario(kind) { source, target, port in
            func only(_ uid: String) async throws -> StoredUser {
                let found = try await target.user(anchor: Self.anchor(uid))
                #expect(found.count == 1, "\(uid) once")
                return try #require(found.first)
            }
            let renamed = try await only("jana.schneider")
            let moved = try await only("olga.becker")
            try await source.applyVersion2()
            let outcome = try await target.run(port: port, source: source)
            let report = try #require(outcome.report)
            #expect(!report.blocked)
            #expect(Self.unexpectedFailures(report).isEmpty, "\(Self.unexpectedFailures(report))")
            #expect(report.countsByAction["deactivate"] == 3, "\(report.countsByAction)")
            // A new surname (modify).
            #expect(try await only("hugo.hoffmann").document["name"]?["familyName"]?.stringValue == "Okafor-Hoffmann")
            // A new DN (modrdn): the same account, renamed.
            let after = try await only("jana.schneider")
            #expect(after.id == renamed.id && after.userName == "jana.schneider2" && after.active)
            // Moved to ou=Alumni (modrdn with newSuperior): out of scope, deactivated, same account.
            let olga = try await only("olga.becker")
            #expect(olga.id == moved.id && !olga.active)
            // Locked with ppolicy, and deleted: deactivated.
            #expect(try await only("tara.koch").active == false)
            #expect(try await only("jana.fischer").active == false)
            #expect(try await only("nora.lindqvist").active)
            // Members: Office Berlin gained the new hire; Office Lisbon lost two.
            let berlin = try #require(try await target.group(anchor: Self.anchor("Office Berlin")))
            #expect(try await target.members(of: berlin).contains(try await only("nora.lindqvist").id))
            let lisbon = try #require(try await target.group(anchor: Self.anchor("Office Lisbon")))
            let lisbonMembers = try await target.members(of: lisbon)
            #expect(!lisbonMembers.contains(try await only("viktor.werner").id))
            #expect(lisbonMembers.contains(after.id), "the renamed member stays")
            #expect((report.countsByAction["member-add"] ?? 0) > 0 && (report.countsByAction["member-remove"] ?? 0) > 0)
        }
    }

    @Test("restore: a deleted user added back with its entryUUID is the same account again", arguments: SampleSourceKind.available)
    func restore(_ kind: SampleSourceKind) async throws {
        try await Self.scenario(kind) { source, target, port in
            let entry = try #require(try source.sample.entries().first { $0.strings("uid") == ["jana.fischer"] })
            let before = try #require(try await target.user(anchor: Self.anchor("jana.fischer")).first)
            try await source.apply([LDIFChange(.delete(dn: entry.dn))])
            _ = try await target.run(port: port, source: source)
            #expect(try await target.user(anchor: Self.anchor("jana.fischer")).first?.active == false)
            try await source.apply([LDIFChange(.add(entry))])
            let outcome = try await target.run(port: port, source: source)
            #expect(Self.unexpectedFailures(outcome.report).isEmpty, "\(Self.unexpectedFailures(outcome.report))")
            let restored = try await target.user(anchor: Self.anchor("jana.fischer"))
            #expect(restored.count == 1 && restored.first?.id == before.id && restored.first?.active == true)
        }
    }

    @Test("the deletion limit stops a run that would deactivate 25 users; --allow-deletes lets it through", arguments: SampleSourceKind.available)
    func deletionLimit(_ kind: SampleSourceKind) async throws {
        try await Self.scenario(kind) { source, target, port in
            let people = try source.sample.entries().filter {
                $0.dn.contains("ou=People") && !$0.strings("uid").isEmpty && Self.broken[$0.strings("uid")[0]] == nil
            }
            try await source.apply(people.suffix(25).map { LDIFChange(.delete(dn: $0.dn)) })
            let blocked = try await target.run(port: port, source: source)
            #expect(blocked.report?.blocked == true)
            #expect(blocked.plan.blockedBy?.code == .deletionLimit)
            #expect(try await target.users().allSatisfy(\.active), "nothing written")
            let allowed = try await target.run(port: port, source: source, allowDeletes: true)
            #expect(allowed.report?.countsByAction["deactivate"] == 25)
        }
    }

    @Test("an emptied OU, then the OU removed: the read is incomplete and nothing is deactivated", arguments: SampleSourceKind.available)
    func emptiedAndRemovedBaseDN(_ kind: SampleSourceKind) async throws {
        try await Self.scenario(kind) { source, target, port in
            let ou = source.sample.dn("ou=Contractors,\(SampleDirectory.suffix)")
            let contractors = try source.sample.entries().filter { $0.dn.hasSuffix(ou) && $0.dn != ou }
            #expect(contractors.count == 28)
            try await source.apply(contractors.map { LDIFChange(.delete(dn: $0.dn)) })
            let emptied = try await target.run(port: port, source: source)
            #expect(emptied.plan.sourceReadIncomplete)
            #expect(emptied.report?.countsByAction["deactivate"] == nil)
            #expect(try await target.users().allSatisfy(\.active))
            try await source.apply([LDIFChange(.delete(dn: ou))])
            let removed = try await target.run(port: port, source: source)
            #expect(removed.plan.sourceReadIncomplete)
            #expect(removed.report?.countsByAction["deactivate"] == nil)
            #expect(try await target.users().allSatisfy(\.active))
        }
    }

    @Test("directory-v2-changes.ldif applied to version 1 gives version 2")
    func changesMatchVersion2() throws {
        let sample = SampleDirectory(base: SampleDirectory.suffix)
        let applied = try LDIFChangeApplier.apply(try sample.changes(), to: try sample.entries())
        func normalized(_ entries: [LDAPEntry]) -> [String: [String: Set<String>]] {
            Dictionary(uniqueKeysWithValues: entries.map { entry in
                (LDIFChangeApplier.key(entry.dn), Dictionary(entry.attributes.map { ($0.type.lowercased(), Set($0.stringValues)) }, uniquingKeysWith: { $0.union($1) }))
            })
        }
        let expected = normalized(try sample.entries("directory-v2.ldif"))
        let actual = normalized(applied)
        #expect(Set(actual.keys) == Set(expected.keys))
        for (dn, attributes) in expected { #expect(actual[dn] == attributes, "\(dn)") }
    }
}
