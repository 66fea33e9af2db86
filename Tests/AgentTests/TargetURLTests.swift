import Foundation
import Testing
import TestSupport

/// A target URL that is wrong: nothing SCIM under it, or https:// for a
/// plain port. Said at once, by `dsync check` and by a run, not as a 404 of
/// every object (which read as objects deleted by hand).
@Suite("dsync: a wrong target URL")
struct TargetURLTests {
    static func configuration(url: String, folder: String) -> String {
        """
        target:
          url: \(url)
          credential: file:\(folder)/token
        sources:
          - name: sample
            ldif:
              path: \(SMTPTestServer.repository)/Samples/directory-v1.ldif
        """
    }

    @Test("a URL without SCIM under it is target-not-scim, for check and for sync; https:// on a plain port says so")
    func wrongURLs() async throws {
        let directory = try DirectorydProcess()
        let (_, token) = try await directory.organization(seats: 1000)
        try await directory.serve()
        defer { directory.stop() }
        let folder = try TestFolder.make("target-url").path
        try token.write(toFile: folder + "/token", atomically: true, encoding: .utf8)
        for (index, url) in ["\(directory.baseURL)/wrong", "\(directory.baseURL)/"].enumerated() {
            let config = folder + "/dsync-\(index).yaml"
            try Self.configuration(url: url, folder: folder).write(toFile: config, atomically: true, encoding: .utf8)
            let check = try await ServiceTests.dsync(["check", "--config", config, "--data", folder + "/data-\(index)"])
            #expect(check.status != 0)
            #expect(check.output.contains("target-not-scim"), "\(check.output)")
            #expect(check.output.contains("Correct `target.url`"), "\(check.output)")
            let sync = try await ServiceTests.dsync(["sync", "--config", config, "--data", folder + "/data-\(index)"])
            #expect(sync.status != 0)
            #expect(sync.output.contains("target-not-scim"), "\(sync.output)")
            #expect(!sync.output.contains("target-missing"), "\(sync.output)")
        }
        let config = folder + "/dsync-tls.yaml"
        let https = directory.baseURL.replacingOccurrences(of: "http://", with: "https://") + "/scim/v2"
        try Self.configuration(url: https, folder: folder).write(toFile: config, atomically: true, encoding: .utf8)
        let check = try await ServiceTests.dsync(["check", "--config", config, "--data", folder + "/data-tls"])
        #expect(check.output.contains("127.0.0.1:\(directory.port) does not speak TLS"), "\(check.output)")
    }
}
