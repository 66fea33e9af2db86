import Foundation
import TestSupport

/// A real SMTP server for the notification tests: `scripts/smtp-test-server`
/// (aiosmtpd, from scripts/bootstrap) on a free loopback port, with a
/// self-signed certificate, one user and a password file, saving every
/// message it receives (and its decoded subject and body) in its folder.
/// Stopped when the test ends: SIGTERM, and its standard input closes
/// with this process anyway.
final class SMTPTestServer: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    /// aiosmtpd is there, or scripts/test insists on every test server.
    static var available: Bool {
        FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/aiosmtpd/__init__.py")
            || ProcessInfo.processInfo.environment["DSYNC_TEST_REQUIRE_SERVERS"] != nil
    }

    let folder: String
    let port: Int
    let user = "dsync-notify"
    /// Random per server, so finding it anywhere is a leak, never a coincidence.
    let password = "smtp-\(UUID().uuidString)"
    private let process: Process
    private let input: Pipe

    var passwordFile: String { folder + "/smtp.password" }
    var caFile: String { folder + "/cert.pem" }

    /// `tls`: starttls, implicit or none; `mechanisms`: what AUTH offers.
    init(tls: String = "starttls", auth: Bool = true, mechanisms: String = "PLAIN,LOGIN") async throws {
        folder = try TestFolder.make("smtp").path
        try (password + "\n").write(toFile: folder + "/smtp.password", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.repository + "/scripts/smtp-test-server")
        process.arguments = ["--folder", folder, "--tls", tls, "--mechanisms", mechanisms]
            + (auth ? ["--user", user, "--password-file", folder + "/smtp.password"] : [])
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        _ = FileManager.default.createFile(atPath: folder + "/server.log", contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/server.log"))
        try process.run()
        self.process = process
        self.input = input
        let log = folder + "/server.log"
        // The server prints `ready PORT` once it listens (or ends, having failed).
        port = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var text = ""
                while !text.contains("\n") {
                    let data = output.fileHandleForReading.availableData
                    if data.isEmpty { break }
                    text += String(decoding: data, as: UTF8.self)
                }
                let words = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                if words.count == 2, words[0] == "ready", let port = Int(words[1]) {
                    continuation.resume(returning: port)
                } else {
                    let problem = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                    continuation.resume(throwing: ProcessFailure(message: "scripts/smtp-test-server did not start: \(text) \(problem)"))
                }
            }
        }
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// One message as the server received it.
    struct Received: Decodable {
        let from: String
        let to: [String]
        let tls: Bool
        let user: String?
        /// Decoded by Python's email package (RFC 2047, quoted-printable).
        let subject: String
        let body: String
        /// The bytes of DATA as sent.
        var raw = ""

        enum CodingKeys: String, CodingKey { case from, to, tls, user, subject, body }
    }

    /// Every message received so far, in order. The server writes a
    /// message's files before it answers 250, so a message the client saw
    /// accepted is here.
    func messages() throws -> [Received] {
        let folder = self.folder + "/messages"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return try names.filter { $0.hasSuffix(".json") }.sorted().map { name in
            var message = try JSONDecoder().decode(Received.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            message.raw = try String(contentsOfFile: folder + "/" + name.replacingOccurrences(of: ".json", with: ".eml"), encoding: .utf8)
            return message
        }
    }

    /// The `notifications` section for this server.
    func section(tls: String = "starttls", to: [String] = ["ops@example.org", "oncall@example.org"], auth: Bool = true) -> String {
        var lines = [
            "notifications:",
            "  host: 127.0.0.1",
            "  port: \(port)",
            "  tls: \(tls)",
            "  caFile: \(caFile)",
            "  from: dsync@example.org",
            "  to: [\(to.joined(separator: ", "))]",
        ]
        if auth { lines += ["  username: \(user)", "  password: file:\(passwordFile)"] }
        return lines.joined(separator: "\n") + "\n"
    }
}
