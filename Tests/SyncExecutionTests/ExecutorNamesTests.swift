import AgentStore
import DirectoryServer
import Foundation
import SCIM
import SyncEngine
import Testing

/// Results and links name their objects, so reports can say who.
@Suite("Executor: object names")
struct ExecutorNamesTests {
    @Test("results name each object: a create, one refused for lack of seats, a group's members, an update; links keep the name, a rename replaces it", arguments: [true, false])
    func names(bulk: Bool) async throws {
        let directory = try await LiveDirectory(seatLimit: 2)
        try await directory.run(settings: ExecutorSettings(concurrency: 1), limits: TargetLimits(bulk: bulk)) { agent in
            let objects = [Sample.user("u1"), Sample.user("u2"), Sample.user("u3"), Sample.group("all", members: ["u1", "u2"])]
            let (_, first) = try await agent.sync(objects)
            var named: [String: String?] = [:]
            for result in first.results { named["\(result.action.rawValue) \(result.anchor.rawValue)"] = result.name }
            #expect(named == [
                "create anchor-u1": "u1", "create anchor-u2": "u2", "create anchor-u3": "u3", "create anchor-all": "all",
                "member-add anchor-all": "all",
            ], "\(first.results)")
            #expect(first.results.first { $0.anchor == "anchor-u3" }?.code == .planLimit)
            var state = try await agent.state.loadState()
            #expect(state.links["anchor-u1"]?.name == "u1" && state.links["anchor-all"]?.name == "all")

            // u1 renamed: the update's result and the link carry the new name; u2 keeps its own.
            var renamed = Sample.user("u1", cn: "Una")
            renamed = SourceObject(
                kind: .user, anchor: renamed.anchor, dn: renamed.dn,
                attributes: renamed.attributes.dictionary.merging(["uid": ["una"]]) { _, new in new })
            let (_, second) = try await agent.sync([renamed, Sample.user("u2", cn: "Ulla"), Sample.group("all", members: ["u1"])])
            named = [:]
            for result in second.results where result.action != .create { named["\(result.action.rawValue) \(result.anchor.rawValue)"] = result.name }
            #expect(named == ["update anchor-u1": "una", "update anchor-u2": "u2", "member-remove anchor-all": "all"], "\(second.results)")
            state = try await agent.state.loadState()
            #expect(state.links["anchor-u1"]?.name == "una" && state.links["anchor-u2"]?.name == "u2")
        }
    }

    @Test("a refusal naming a field carries the value refused: an address another organization holds is email-in-other-org, with the address", arguments: [true, false])
    func refusedValue(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        let other = Organization(name: "Globex", deployment: "us", plan: DirectoryServer.Plan(name: "test", seatLimit: 10))
        try await directory.store.createOrganization(other)
        try await directory.store.createUser(StoredUser(
            id: "globex-1", organizationID: other.id, userName: "taken", externalID: nil, active: true,
            document: ["userName": "taken", "emails": [["value": "u2@example.com"]]], created: Date(), lastModified: Date()))
        try await directory.run(limits: TargetLimits(bulk: bulk)) { agent in
            let (_, report) = try await agent.sync([Sample.user("u1"), Sample.user("u2")])
            let refused = try #require(report.results.first { $0.anchor == "anchor-u2" })
            #expect(refused.code == .emailInOtherOrg && refused.failed, "\(report.results)")
            #expect(refused.attribute == "emails")
            #expect(refused.value == #"["u2@example.com"]"#)
            #expect(refused.name == "u2")
            #expect(report.results.first { $0.anchor == "anchor-u1" }?.value == nil)
        }
    }
}
