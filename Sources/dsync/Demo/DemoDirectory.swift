import ArgumentParser
import Foundation
import SCIM

/// The demo's cloud directory: `directoryd` on SQLite with one
/// organization, set up through its admin commands as an operator would.
struct DemoDirectory {
    let process: Process
    let scimURL: String
    let tokenFile: String
    let summary: String

    static func start(folder: String) async throws -> DemoDirectory {
        let directoryd = DemoPaths.directoryd
        let data = folder + "/directory"
        func admin(_ arguments: [String]) throws -> JSON {
            let text = try DemoProcess.output(directoryd, ["admin"] + arguments + ["--data", data, "--json"]).text
            do { return try JSON(parsing: Array(text.utf8)) } catch {
                throw ValidationError("demo: directoryd admin \(arguments.prefix(2).joined(separator: " ")) printed no JSON: \(text)")
            }
        }
        let organization = try admin(["org", "create", "--name", "Example Corp", "--plan", "standard", "--seats", "180"])
        guard let id = organization["id"]?.stringValue else { throw ValidationError("demo: no organization id in \(organization.serializedString())") }
        _ = try admin(["domain", "add", "--org", id, "--domain", "example.org"])
        // The demo cannot publish a DNS record; in production `verify` looks it up.
        _ = try admin(["domain", "verify", "--org", id, "--domain", "example.org", "--without-dns"])
        _ = try admin(["field", "add", "--org", id, "--name", "office", "--max-length", "64"])
        guard let token = try admin(["token", "create", "--org", id, "--label", "dsync"])["token"]?.stringValue else {
            throw ValidationError("demo: directoryd admin token create printed no token")
        }
        // The token is a secret: a file only the user may read.
        let tokenFile = folder + "/target.token"
        guard FileManager.default.createFile(atPath: tokenFile, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("demo: cannot write \(tokenFile)")
        }
        let (process, port) = try DemoProcess.startListening(
            directoryd, ["serve", "--data", data, "--listen", "127.0.0.1:0"], log: folder + "/directoryd.log")
        return DemoDirectory(
            process: process, scimURL: "http://127.0.0.1:\(port)/scim/v2", tokenFile: tokenFile,
            summary: """
                organization \(id): plan standard, 180 seats
                verified domain example.org; custom field office (at most 64 characters)
                serving http://127.0.0.1:\(port)/scim/v2
                """)
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
