import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import SCIM
import TestSupport
import Testing

/// `dsync sync` killed with SIGKILL at random moments, then run again until
/// it completes: every object ends up in the directory exactly once, linked,
/// with its latest fields.
@Suite("Crash and resume", .serialized)
struct CrashResumeTests {
    static var dsync: String {
        if let path = ProcessInfo.processInfo.environment["DSYNC_BIN"] { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while !folder.path.hasSuffix("debug") && !folder.path.hasSuffix("release") && folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("dsync").path
    }

    static func sync(config: String, killAfter milliseconds: Int?) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dsync)
        process.arguments = ["sync", "--config", config]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let milliseconds {
            try await Task.sleep(for: .milliseconds(milliseconds))
            // A child already ended and reaped: its number may be another's now.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        // The child talks to the directory served in this process.
        return try await process.exitStatus()
    }

    @Test("killed three times mid-sync, the next runs finish the work with no duplicate and nothing lost")
    func killAndResume() async throws {
        let (application, store, folder, token) = try await SyncRunTests.setUp(seats: 1000)
        try await application.test(.live) { live in
            let port = try #require(live.port)
            let config = folder + "/dsync.yaml"
            try """
                target:
                  url: http://127.0.0.1:\(port)/scim/v2
                  credential: file:\(folder)/token
                sources:
                  - name: sample
                    ldif:
                      path: \(SyncRunTests.samples)/directory-v1.ldif
                      profile: openldap
                      baseDNs:
                        - ou=People,dc=example,dc=org
                        - ou=Contractors,dc=example,dc=org
                        - ou=Groups,dc=example,dc=org
                """.write(toFile: config, atomically: true, encoding: .utf8)
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<3 {
                _ = try await Self.sync(config: config, killAfter: Int.random(in: 150...900, using: &generator))
            }
            // Runs until one completes (status 2: some sample objects are broken on purpose).
            var status: Int32 = -1
            for _ in 0..<3 where status != 0 && status != 2 {
                status = try await Self.sync(config: config, killAfter: nil)
            }
            #expect(status == 2)
            let organization = try #require(try await store.bearer(hash: AccessTokens.hash(token))).organization
            let (_, users) = try await store.users(organizationID: organization.id, query: ResourceQuery())
            let anchors = users.compactMap(\.externalID)
            #expect(anchors.count == users.count)
            #expect(Set(anchors).count == anchors.count, "a user was created twice")
            // 200 users in the sample, 5 of them refused before sending.
            #expect(users.count == 195)
            let (_, groups) = try await store.groups(organizationID: organization.id, query: ResourceQuery())
            #expect(groups.count == 20)
            // A last run has nothing left to write.
            #expect(try await Self.sync(config: config, killAfter: nil) == 2)
        }
    }
}
