import Agent
import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SCIM
import SyncEngine
import Testing
import TestSupport

/// The target's rules end to end, against a real directoryd served on a
/// loopback port: custom fields from its `/Schemas`, verified domains from
/// its `/ServiceProviderConfig`, a deleted field and `dsync mapping prune`,
/// and matching by userName.
@Suite("Target rules end to end")
struct TargetRulesRunTests {
    /// An LDIF file of inetOrgPerson users under ou=People: uid, mail, room.
    static func ldif(_ users: [(uid: String, mail: String, room: String?)]) -> String {
        var text = ""
        for (index, user) in users.enumerated() {
            text += """
                dn: uid=\(user.uid),ou=People,dc=example,dc=org
                objectClass: inetOrgPerson
                uid: \(user.uid)
                cn: \(user.uid.capitalized)
                sn: Example
                mail: \(user.mail)
                entryUUID: 00000000-0000-4000-8000-\(String(format: "%012d", index + 1))
                \n
                """
            if let room = user.room { text = text.replacingOccurrences(of: "mail: \(user.mail)\n", with: "mail: \(user.mail)\nroomNumber: \(room)\n") }
        }
        return text
    }

    /// Writes the LDIF and a configuration mapping `roomNumber` to the custom
    /// field `office`; returns the configuration file's path.
    static func configure(folder: String, port: Int, ldif: String, match: String = "externalId") throws -> String {
        try ldif.write(toFile: folder + "/people.ldif", atomically: true, encoding: .utf8)
        let yaml = """
            target:
              url: http://127.0.0.1:\(port)/scim/v2
              credential: file:\(folder)/token
            sources:
              - name: people
                ldif:
                  path: \(folder)/people.ldif
                  baseDNs:
                    - ou=People,dc=example,dc=org
            mapping:
              users:
                userName:
                  from: mail
                  transforms: [lower]
                emails: mail
                displayName: cn
                # the room, into the organization's custom field
                office: roomNumber
                title: title
            match:
              by: \(match)
            """
        let path = folder + "/dsync.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func environment(_ config: String, folder: String) throws -> AgentEnvironment {
        try AgentEnvironment(configuration: try Configuration.load(path: config), dataFolder: folder + "/agent", logger: Logger(label: "test"))
    }

    static func organization(_ store: SQLiteDirectoryStore, token: String) async throws -> Organization {
        try #require(try await store.bearer(hash: AccessTokens.hash(token))).organization
    }

    static func userNames(_ store: SQLiteDirectoryStore, _ organization: Organization) async throws -> [String] {
        try await store.users(organizationID: organization.id, query: ResourceQuery()).users.map(\.userName).sorted()
    }

    @Test("a value too long for a custom field and an address outside the verified domains are refused before sending")
    func refusedBeforeSending() async throws {
        let (application, store, folder, token) = try await SyncRunTests.setUp(seats: 100)
        let organization = try await Self.organization(store, token: token)
        try await store.addField(FieldRule(name: "office", kind: .text, maxLength: 64), organizationID: organization.id)
        let domains = DomainService(store: store, organizationID: organization.id)
        _ = try await domains.add("corp.test")
        try await domains.verify("corp.test")
        try await application.test(.live) { live in
            let config = try Self.configure(folder: folder, port: try #require(live.port), ldif: Self.ldif([
                ("ada", "ada@corp.test", "B-101"),
                ("bob", "bob@corp.test", String(repeating: "Building 7 ", count: 7)),
                ("cy", "cy@elsewhere.test", nil),
            ]))
            let environment = try Self.environment(config, folder: folder)
            let outcome = try await SyncRunner(environment: environment).run(apply: true, allowDeletes: false)
            await environment.shutdown()
            let report = try #require(outcome.report)
            #expect(outcome.sourceFailures.isEmpty, "\(outcome.sourceFailures)")
            #expect(report.countsByAction["create"] == 1, "\(report.countsByAction)")
            // Found by the plan, before any request: the directory never answered them.
            let planned = Dictionary(outcome.plan.conditions.compactMap { c in c.anchor.map { ($0.rawValue, c) } }, uniquingKeysWith: { a, _ in a })
            #expect(planned["00000000-0000-4000-8000-000000000002"]?.code == .tooLong)
            #expect(planned["00000000-0000-4000-8000-000000000002"]?.attribute == "office")
            #expect(planned["00000000-0000-4000-8000-000000000003"]?.code == .domainNotVerified)
            #expect(report.failed.allSatisfy { anchor in outcome.plan.conditions.contains { $0.anchor == anchor } })
            #expect(try await Self.userNames(store, organization) == ["ada@corp.test"])
            let ada = try #require(try await store.users(organizationID: organization.id, query: ResourceQuery()).users.first)
            #expect(ada.document[SCIMSchemaURN.directorySyncUser]?["office"]?.stringValue == "B-101")
        }
    }

    @Test("a custom field deleted in the directory is field-deleted, its values left alone; dsync mapping prune removes the mapping")
    func deletedFieldAndPrune() async throws {
        let (application, store, folder, token) = try await SyncRunTests.setUp(seats: 100)
        let organization = try await Self.organization(store, token: token)
        try await store.addField(FieldRule(name: "office", kind: .text, maxLength: 64), organizationID: organization.id)
        try await application.test(.live) { live in
            let port = try #require(live.port)
            let config = try Self.configure(folder: folder, port: port, ldif: Self.ldif([("ada", "ada@corp.test", "B-101")]))
            let first = try Self.environment(config, folder: folder)
            _ = try await SyncRunner(environment: first).run(apply: true, allowDeletes: false)
            await first.shutdown()
            #expect(try await store.deleteField("office", organizationID: organization.id))
            // A title appears: the run writes it and refuses the office mapping.
            try Self.ldif([("ada", "ada@corp.test", "B-101")]).replacingOccurrences(of: "sn: Example", with: "sn: Example\ntitle: Engineer")
                .write(toFile: folder + "/people.ldif", atomically: true, encoding: .utf8)
            let second = try Self.environment(config, folder: folder)
            let outcome = try await SyncRunner(environment: second).run(apply: true, allowDeletes: false)
            await second.shutdown()
            #expect(outcome.plan.conditions.map(\.code) == [.fieldDeleted])
            #expect(outcome.plan.conditions.first?.attribute == "office")
            // One update, of the title only: the agent neither writes nor
            // removes the office; the directory drops the deleted field's
            // value itself on this write.
            #expect(outcome.plan.actions.map(\.name) == ["update"])
            #expect(outcome.report?.countsByAction == ["update": 1])
            let user = try #require(try await store.users(organizationID: organization.id, query: ResourceQuery()).users.first)
            let document = user.document.serializedString()
            #expect(document.contains(#""title":"Engineer""#) && !document.contains(#""B-101""#), "\(document)")

            // The command: a dry run changes nothing, then the mapping goes, comment and order kept.
            let before = try String(contentsOfFile: config, encoding: .utf8)
            let dry = try await Self.dsync(["mapping", "prune", "--config", config, "--data", folder + "/agent", "--dry-run"])
            #expect(dry.status == 0, "\(dry.output)")
            #expect(dry.output.contains("field-deleted") && dry.output.contains("would remove mapping.users.office"), "\(dry.output)")
            #expect(try String(contentsOfFile: config, encoding: .utf8) == before)
            let pruned = try await Self.dsync(["mapping", "prune", "--config", config, "--data", folder + "/agent"])
            #expect(pruned.status == 0, "\(pruned.output)")
            let after = try String(contentsOfFile: config, encoding: .utf8)
            #expect(after == before.replacingOccurrences(of: "    office: roomNumber\n", with: ""))
            #expect(after.contains("# the room, into the organization's custom field"))

            // The next run has nothing to refuse.
            let third = try Self.environment(config, folder: folder)
            let clean = try await SyncRunner(environment: third).run(apply: true, allowDeletes: false)
            await third.shutdown()
            #expect(clean.plan.conditions.isEmpty)
            #expect(clean.report?.failed.isEmpty == true, "\(clean.report?.failed ?? [])")
        }
    }

    @Test("match by userName links an existing account, never an owner")
    func matchByUserName() async throws {
        let (application, store, folder, token) = try await SyncRunTests.setUp(seats: 100)
        let organization = try await Self.organization(store, token: token)
        let admins = AdministratorService(store: store, organization: organization)
        let dave = try await admins.add(userName: "dave@corp.test", role: .member, password: nil)
        let olive = try await admins.add(userName: "olive@corp.test", role: .owner, password: nil)
        try await application.test(.live) { live in
            let config = try Self.configure(folder: folder, port: try #require(live.port), ldif: Self.ldif([
                ("ada", "ada@corp.test", nil), ("dave", "Dave@corp.test", nil), ("olive", "olive@corp.test", nil),
            ]), match: "userName")
            let environment = try Self.environment(config, folder: folder)
            let outcome = try await SyncRunner(environment: environment).run(apply: true, allowDeletes: false)
            await environment.shutdown()
            let report = try #require(outcome.report)
            #expect(report.countsByAction["create"] == 1 && report.countsByAction["link"] == 1, "\(report.countsByAction)")
            let links = outcome.plan.actions.compactMap { action -> String? in
                if case .link(_, _, let id, _, _) = action { id } else { nil }
            }
            #expect(links == [dave.id])
            let refused = outcome.plan.conditions.filter { $0.code == .linkRefusedPrivileged }
            #expect(refused.map(\.value) == [olive.id])
            // One account each: dave linked, not duplicated; the owner untouched.
            #expect(try await Self.userNames(store, organization) == ["ada@corp.test", "dave@corp.test", "olive@corp.test"])
            let owner = try #require(try await admins.user(named: "olive@corp.test"))
            #expect(owner.externalID == nil && owner.role == .owner)
            let linked = try #require(try await admins.user(named: "dave@corp.test"))
            #expect(linked.document["displayName"]?.stringValue == "Dave")
        }
    }

    /// Runs the dsync executable (built next to the tests) and returns its
    /// exit status and output. It waits without holding a thread of the
    /// cooperative pool: the directory it talks to is served by this process.
    static func dsync(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await Process.output(of: CrashResumeTests.dsync, arguments)
    }
}
