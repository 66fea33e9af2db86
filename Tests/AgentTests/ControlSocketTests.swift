import Foundation
import Testing
import TestSupport

@testable import Agent

@Suite("The control socket")
struct ControlSocketTests {
    /// A data folder whose socket path is longer than a socket address
    /// holds (107 bytes): bound and reached through the folder's descriptor.
    @Test("a data folder with a path longer than a socket address allows still serves status, and the socket is in the folder")
    func longPath() async throws {
        let folder = try TestFolder.make("control").appendingPathComponent(String(repeating: "deep-", count: 24)).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = AgentService.socketPath(dataFolder: folder)
        #expect(path.utf8.count > ControlSocketPath.maximumLength)

        let server = try await ControlServer.start(path: path) { request in
            ControlAnswer(message: "answered \(request)")
        }
        var status = stat()
        #expect(stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFSOCK)
        #expect(status.st_mode & 0o777 == 0o600)
        let answer = try await ControlClient.send(.stop, dataFolder: folder)
        #expect(answer?.message == "answered stop")

        await server.close()
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try await ControlClient.send(.status, dataFolder: folder) == nil)
    }

    @Test("a short path is used as it is")
    func shortPath() async throws {
        let used = try await ControlSocketPath.withUsablePath("/run/dsync/control.sock") { $0 }
        #expect(used == "/run/dsync/control.sock")
    }
}
