import Foundation
import SCIM
import TestSupport

/// A real `directoryd` process on a loopback port: the binary built next to
/// the tests (or DIRECTORYD_BIN), set up with its admin commands, as an
/// operator runs it; stopped with SIGTERM.
final class DirectorydProcess: @unchecked Sendable {
    let data: String
    /// The port the system chose, once `serve` returned.
    private(set) var port = 0
    private var server: Process?

    init() throws {
        data = FileManager.default.temporaryDirectory.appendingPathComponent("directoryd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    }

    deinit { stop() }

    /// A binary built next to the test bundle: `directoryd` or `dsync`.
    static func built(_ name: String, variable: String) -> String {
        if let path = ProcessInfo.processInfo.environment[variable] { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while !folder.path.hasSuffix("debug") && !folder.path.hasSuffix("release") && folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent(name).path
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `directoryd admin …` to completion; its JSON output.
    @discardableResult
    func admin(_ arguments: [String]) throws -> JSON {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.built("directoryd", variable: "DIRECTORYD_BIN"))
        process.arguments = ["admin"] + arguments + ["--data", data, "--json"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "directoryd admin \(arguments) failed") }
        return try JSON(parsing: Array(bytes))
    }

    /// An organization and an API token for it.
    func organization(seats: Int) throws -> (id: String, token: String) {
        let organization = try admin(["org", "create", "--name", "Faults", "--seats", String(seats)])
        guard let id = organization["id"]?.stringValue, let token = try admin(["token", "create", "--org", id])["token"]?.stringValue else {
            throw Failure(description: "no organization or token")
        }
        return (id, token)
    }

    /// `directoryd serve` with `--rate-limit` requests per second per token;
    /// returns once it listens.
    func serve(rateLimit: Int) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.built("directoryd", variable: "DIRECTORYD_BIN"))
        process.arguments = ["serve", "--listen", "127.0.0.1:\(port)", "--rate-limit", String(rateLimit), "--data", data]
        process.standardError = FileHandle.nullDevice
        server = process
        port = try await ListeningProcess.start(process)
    }

    func stop() {
        guard let server, server.isRunning else { return }
        server.terminate()
        server.waitUntilExit()
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}
