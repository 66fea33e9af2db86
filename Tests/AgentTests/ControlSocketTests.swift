import Foundation
import Testing
import TestSupport

@testable import Agent

@Suite("The control socket")
struct ControlSocketTests {
    /// Data folders whose socket path is longer than a socket address
    /// holds: bound and reached through the folder's descriptor. 105 bytes
    /// fit Linux's address but not NIO's (103), 130 neither.
    @Test("a data folder with a path longer than a socket address allows still serves status, and the socket is in the folder",
          arguments: [105, 130])
    func longPath(length: Int) async throws {
        let root = try TestFolder.make("control").path
        let padding = length - root.utf8.count - "/".utf8.count - "/control.sock".utf8.count
        try #require(padding > 0)
        let folder = root + "/" + String(repeating: "d", count: padding)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = AgentService.socketPath(dataFolder: folder)
        #expect(path.utf8.count == length)
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
