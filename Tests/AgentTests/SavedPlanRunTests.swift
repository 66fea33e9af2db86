import Agent
import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import SCIM
import SCIMClient
import SyncEngine
import Testing

/// `dsync plan --out` then `dsync sync --plan` against a real directoryd:
/// one object changed by hand in the directory, one in the source; those
/// two are plan-stale, everything else in the plan is applied, nothing else.
@Suite("Saved plans end to end")
struct SavedPlanRunTests {
    @Test("a saved plan is applied exactly: objects changed on either side since are plan-stale, the rest goes on")
    func stalePlan() async throws {
        let (target, application) = try await SampleTarget.make()
        let source = try LDIFSampleFixture(path: target.folder + "/directory.ldif")
        try await application.test(.live) { live in
            let port = try #require(live.port)
            _ = try await target.run(port: port, source: source)
            try await source.applyVersion2()

            // dsync plan --out
            let planning = try target.environment(port: port, source: source)
            let runner = SyncRunner(environment: planning)
            let dryRun = try await runner.run(apply: false, allowDeletes: false)
            let file = try await runner.savedPlan(dryRun, dataFolder: target.folder + "/agent").encoded()
            let saved = try SavedPlan.decode(file)
            let updates: [(anchor: Anchor, id: String)] = saved.plan.actions.compactMap { action in
                if case .update(.user, let anchor, let id, _, _, _) = action {
                    return (anchor, id)
                }
                return nil
            }
            try #require(updates.count >= 2 && saved.plan.actions.count >= 4)
            let (byHand, inSource) = (updates[0], updates[1])
            #expect(saved.objects.first { $0.anchor == byHand.anchor }?.targetVersion != nil)

            // One object changed in the directory by hand, one in the source.
            _ = try await planning.client.patch(
                .users, id: byHand.id, operations: [["op": "replace", "path": "title", "value": "Set By Hand"]])
            await planning.shutdown()
            try Self.changeTitle(in: source.path, anchor: inSource.anchor.rawValue, to: "Changed After Plan")

            // dsync sync --plan
            let applying = try target.environment(port: port, source: source)
            let applier = SyncRunner(environment: applying)
            try applier.check(saved, dataFolder: target.folder + "/agent")
            let outcome = try await applier.run(apply: true, allowDeletes: false, saved: saved)
            await applying.shutdown()
            let report = try #require(outcome.report)

            let stale = Set(report.results.filter { $0.code == .planStale }.map(\.anchor))
            #expect(stale == [byHand.anchor, inSource.anchor])
            let planned = Set(saved.plan.actions.map(\.anchor))
            let written = Set(report.results.filter { !$0.failed && $0.action != .none }.map(\.anchor))
            #expect(written == planned.subtracting(stale))
            // Nothing outside the plan was written.
            #expect(report.results.filter { $0.action != .none }.allSatisfy { planned.contains($0.anchor) })

            // Neither side's later change was overwritten or applied.
            let handUser = try #require(try await target.user(anchor: byHand.anchor.rawValue).first)
            #expect(handUser.document["title"]?.stringValue == "Set By Hand")
            let sourceUser = try #require(try await target.user(anchor: inSource.anchor.rawValue).first)
            #expect(sourceUser.document["title"]?.stringValue != "Changed After Plan")
        }
    }

    @Test("a plan is refused for another data folder")
    func otherFolder() async throws {
        let (target, application) = try await SampleTarget.make()
        let source = try LDIFSampleFixture(path: target.folder + "/directory.ldif")
        try await application.test(.live) { live in
            let port = try #require(live.port)
            let environment = try target.environment(port: port, source: source)
            let runner = SyncRunner(environment: environment)
            let saved = try await runner.savedPlan(try await runner.run(apply: false, allowDeletes: false), dataFolder: target.folder + "/agent")
            await environment.shutdown()
            let other = target.folder + "/other"
            try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
            #expect(throws: (any Error).self) { try runner.check(saved, dataFolder: other) }
        }
    }

    /// Edits the LDIF file as an administrator exporting a new one would.
    static func changeTitle(in path: String, anchor: String, to title: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var blocks = text.components(separatedBy: "\n\n")
        let index = try #require(blocks.firstIndex { $0.contains("entryUUID: \(anchor)") })
        var lines = blocks[index].components(separatedBy: "\n").filter { !$0.hasPrefix("title:") }
        lines.append("title: \(title)")
        blocks[index] = lines.joined(separator: "\n")
        try blocks.joined(separator: "\n\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
