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

/// `dsync sync` processes writing to a real `directoryd` process through a
/// proxy that answers 503 to every 7th request, 429 to every 13th, and holds
/// back the answer to every 11th (after the directory wrote it) past the
/// agent's 1-second timeout, while directoryd throttles the token to 8
/// requests a second, bursts of 32 (its own 429s, as many as the machine's
/// speed makes). Once with Bulk requests (of 10 operations, so that faults
/// meet several), once with single ones. Runs repeat
/// until one leaves nothing to write: every object is then in the directory
/// exactly once, linked by its anchor.
@Suite("Faults between dsync and directoryd", .serialized)
struct FaultInjectionSyncTests {
    /// One `dsync sync` process to its end, without blocking a thread the
    /// proxy's handlers need.
    static func sync(config: String) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DirectorydProcess.built("dsync", variable: "DSYNC_BIN"))
        process.arguments = ["sync", "--config", config]
        process.standardOutput = FileHandle.nullDevice
        let errors = config + ".stderr"
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        return try await process.exitStatus()
    }

    @Test(
        "503s, 429s and stalled answers: the runs finish with every object once and nothing left to write",
        arguments: [true, false])
    func faults(bulk: Bool) async throws {
        let directory = try DirectorydProcess()
        let (organizationID, token) = try await directory.organization(seats: 1000)
        try await directory.serve(rateLimit: 8)
        defer { directory.stop() }
        let folder = directory.data + "/agent"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try token.write(toFile: folder + "/token", atomically: true, encoding: .utf8)
        let proxy = FaultInjectingProxy(upstream: directory.baseURL, unavailableEvery: 7, stallEvery: 11, stall: .seconds(3), throttleEvery: 13)
        let application = Application(router: proxy.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { live in
            let port = try #require(live.port)
            func yaml(url: String, timeout: Int) -> String {
                """
                target:
                  url: \(url)/scim/v2
                  credential: file:\(folder)/token
                  timeout: \(timeout)
                  limits:
                    bulk: \(bulk)
                    bulkMaxOperations: 10
                \(SampleDirectory.ldifSource())
                """
            }
            let config = folder + "/dsync.yaml"
            try yaml(url: "http://127.0.0.1:\(port)", timeout: 1).write(toFile: config, atomically: true, encoding: .utf8)
            // The same agent state, straight to the directory: what would a run
            // still do? (A timeout long enough for a loaded machine: this
            // question must be answered, not fail.)
            let direct = try Configuration.parse(yaml: yaml(url: directory.baseURL, timeout: 30))
            func remaining() async throws -> [PlannedAction] {
                let environment = try AgentEnvironment(configuration: direct, dataFolder: folder + "/dsync-data", logger: Logger(label: "test"))
                let actions = try await SyncRunner(environment: environment).run(apply: false, allowDeletes: false).plan.actions
                await environment.shutdown()
                return actions
            }
            var runs = 0
            var left: [PlannedAction] = []
            repeat {
                runs += 1
                let status = try await Self.sync(config: config)
                // 1: the run could not even read the target's rules (every
                // attempt stalled on a loaded machine); nothing was sent.
                #expect([0, 1, 2].contains(status), "run \(runs) ended with \(status): \((try? String(contentsOfFile: config + ".stderr", encoding: .utf8)) ?? "")")
                left = try await remaining()
            } while !left.isEmpty && runs < 16
            #expect(left.isEmpty, "after \(runs) runs: \(left.count) actions left")
            let counts = proxy.counts
            print("fault injection (bulk: \(bulk)): \(runs) runs, \(await counts.requests) requests, \(await counts.unavailable) 503s, \(await counts.stalled) stalled, \(await counts.injectedThrottles) 429s from the proxy, \(await counts.throttled) from directoryd")
            #expect(await proxy.counts.unavailable > 0)
            #expect(await proxy.counts.stalled > 0)
            #expect(await proxy.counts.injectedThrottles > 0)
        }
        // In the directory: every user and group once, by its anchor.
        directory.stop()
        let store = try SQLiteDirectoryStore(path: directory.data + "/directory.sqlite")
        let users = try await store.users(organizationID: organizationID, query: ResourceQuery()).users
        let anchors = users.compactMap(\.externalID)
        #expect(anchors.count == users.count)
        #expect(Set(anchors).count == anchors.count, "a user was created twice")
        #expect(users.count == 195, "200 users in the sample, 5 refused before sending")
        let groups = try await store.groups(organizationID: organizationID, query: ResourceQuery()).groups
        #expect(groups.count == 20 && Set(groups.compactMap(\.externalID)).count == 20)
    }
}
