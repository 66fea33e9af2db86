import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SCIM
import TestSupport
import Testing

/// A real `directoryd` process, as an operator runs it: the binary built
/// next to the tests (or DIRECTORYD_BIN), its admin commands, and `serve`
/// on a loopback port.
final class DirectorydProcess: @unchecked Sendable {
    let data: String?
    let database: String?
    /// 0 until `serve` learns the port the system chose, unless given.
    private(set) var port: Int
    private var server: Process?

    /// `port` 0 (the default) lets the system choose when serving.
    init(data: String? = nil, database: String? = nil, port: Int = 0) throws {
        if database == nil && data == nil {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("directoryd-proc-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            self.data = folder
        } else {
            self.data = data
        }
        self.database = database
        self.port = port
    }

    deinit {
        stop()
    }

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["DIRECTORYD_BIN"] { return path }
        let tests = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = tests.deletingLastPathComponent()
        while !folder.path.hasSuffix("debug") && !folder.path.hasSuffix("release") && folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("directoryd").path
    }

    var storeArguments: [String] {
        if let database { return ["--database", database] }
        return ["--data", data ?? "."]
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Runs `directoryd admin …` to completion; returns its JSON output.
    @discardableResult
    func admin(_ arguments: [String], stdin: String? = nil) throws -> JSON {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["admin"] + arguments + storeArguments + ["--json"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ProcessFailure(message: "directoryd admin \(arguments.joined(separator: " ")) failed: \(errorText)")
        }
        return try JSON(parsing: Array(bytes))
    }

    /// Starts `directoryd serve` and returns once it listens.
    func serve(_ extra: [String] = []) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--listen", "127.0.0.1:\(port)", "--rate-limit", "0"] + storeArguments + extra
        process.standardError = FileHandle.nullDevice
        server = process
        port = try await ListeningProcess.start(process)
    }

    /// Stops the server with SIGTERM (a graceful shutdown) and waits for it.
    func stop() {
        guard let server, server.isRunning else { return }
        server.terminate()
        server.waitUntilExit()
    }

    struct Answer {
        let status: Int
        let headers: [String: String]
        let json: JSON?
        var reason: String? { json?["urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error"]?["reason"]?.stringValue }
    }

    func request(_ method: HTTPMethod, _ path: String, token: String? = nil, body: String? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/scim+json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        let json = buffer.readableBytes > 0 ? try? JSON(parsing: buffer.readableBytesView) : nil
        return Answer(status: Int(response.status.code), headers: headers, json: json)
    }

    /// An organization with a token, through the admin commands.
    func organization(_ name: String, deployment: String = "us", seats: Int = 100) throws -> (id: String, token: String) {
        let organization = try admin(["org", "create", "--name", name, "--deployment", deployment, "--seats", String(seats)])
        let id = try #require(organization["id"]?.stringValue)
        let token = try admin(["token", "create", "--org", id])
        return (id, try #require(token["token"]?.stringValue))
    }
}

struct ProcessFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
