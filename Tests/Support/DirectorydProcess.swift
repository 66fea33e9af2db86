import AsyncHTTPClient
import Foundation
import NIOCore
public import NIOHTTP1
public import SCIM

/// A real `directoryd` process, as an operator runs it: the binary built
/// next to the tests (or DIRECTORYD_BIN), its admin commands, and `serve`
/// on a loopback port the system picks; stopped with SIGTERM. Shared by
/// the directory's tests and the agent's.
public final class DirectorydProcess: @unchecked Sendable {
    /// The data folder (SQLite, and room for a test's own files); the
    /// server uses the database instead when one is given.
    public let data: String
    public let database: String?
    /// 0 until `serve` learns the port the system chose, unless given.
    public private(set) var port: Int
    private var server: Process?

    /// A fresh data folder unless `data` is given; `port` 0 (the default)
    /// lets the system choose when serving.
    public init(data: String? = nil, database: String? = nil, port: Int = 0) throws {
        if let data {
            self.data = data
        } else {
            self.data = try TestFolder.make("directoryd").path
        }
        self.database = database
        self.port = port
    }

    deinit { stop() }

    /// A binary built next to the test bundle (`directoryd`, `dsync`), or
    /// the one the environment variable names.
    public static func built(_ name: String, variable: String) -> String {
        if let path = ProcessInfo.processInfo.environment[variable] { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while !folder.path.hasSuffix("debug") && !folder.path.hasSuffix("release") && folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent(name).path
    }

    public static var binary: String { built("directoryd", variable: "DIRECTORYD_BIN") }

    public var storeArguments: [String] {
        if let database { return ["--database", database] }
        return ["--data", data]
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Runs `directoryd admin …` to completion; returns its JSON output.
    /// Awaits the child without blocking a thread of the cooperative pool:
    /// servers running in the test process need them.
    @discardableResult
    public func admin(_ arguments: [String]) async throws -> JSON {
        let output = TestFolder.path("admin.out"), errors = TestFolder.path("admin.err")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: errors)
        }
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["admin"] + arguments + storeArguments + ["--json"]
        let outputHandle = try FileHandle(forWritingTo: output), errorHandle = try FileHandle(forWritingTo: errors)
        defer {
            try? outputHandle.close()
            try? errorHandle.close()
        }
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        let status = try await process.exitStatus(timeLimit: .seconds(120))
        guard status == 0 else {
            let errorText = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw ProcessFailure(message: "directoryd admin \(arguments.joined(separator: " ")) failed: \(errorText)")
        }
        return try JSON(parsing: Array(try Data(contentsOf: output)))
    }

    /// An organization with an API token, through the admin commands.
    public func organization(_ name: String = "Tests", deployment: String = "us", seats: Int = 100) async throws -> (id: String, token: String) {
        let organization = try await admin(["org", "create", "--name", name, "--deployment", deployment, "--seats", String(seats)])
        guard let id = organization["id"]?.stringValue, let token = try await admin(["token", "create", "--org", id])["token"]?.stringValue else {
            throw ProcessFailure(message: "directoryd admin made no organization or token")
        }
        return (id, token)
    }

    /// Starts `directoryd serve` (no rate limit unless `extra` sets one)
    /// and returns once it listens.
    public func serve(_ extra: [String] = []) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        let rateLimit = extra.contains("--rate-limit") ? [] : ["--rate-limit", "0"]
        process.arguments = ["serve", "--listen", "127.0.0.1:\(port)"] + rateLimit + storeArguments + extra
        server = process
        port = try await ListeningProcess.start(process)
    }

    /// `serve` with `--rate-limit` requests per second per token.
    public func serve(rateLimit: Int) async throws {
        try await serve(["--rate-limit", String(rateLimit)])
    }

    /// Stops the server with SIGTERM (a graceful shutdown) and waits for it.
    public func stop() {
        guard let server, server.isRunning else { return }
        server.terminate()
        server.waitUntilExit()
    }

    public struct Answer: Sendable {
        public let status: Int
        public let headers: [String: String]
        public let json: JSON?
        public var reason: String? { json?["urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error"]?["reason"]?.stringValue }
    }

    /// One request to the server, answered in full.
    public func request(_ method: HTTPMethod, _ path: String, token: String? = nil, body: String? = nil) async throws -> Answer {
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
}

/// A child process or server that did not do what the test needed.
public struct ProcessFailure: Error, CustomStringConvertible {
    public let message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
}
