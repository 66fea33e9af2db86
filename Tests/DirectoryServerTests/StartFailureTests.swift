import Foundation
import Testing
import TestSupport

/// `directoryd` when it cannot start: what is wrong, with which path or
/// address, and without the usage text of a mistyped command line.
@Suite("directoryd: starting fails with a reason")
struct StartFailureTests {
    static func directoryd(_ arguments: [String]) async throws -> String {
        try await Process.failure(of: DirectorydProcess.binary, arguments)
    }

    @Test("a data folder that is a file, and a database file that is not one")
    func dataFolder() async throws {
        let folder = try TestFolder.make("start").path
        #expect(FileManager.default.createFile(atPath: folder + "/file", contents: Data()))
        let file = try await Self.directoryd(["serve", "--data", folder + "/file", "--listen", "127.0.0.1:0"])
        #expect(file.contains("the data folder cannot be used: \(folder)/file is a file, not a folder"), "\(file)")
        let admin = try await Self.directoryd(["admin", "org", "create", "--data", folder + "/file", "--name", "X", "--seats", "1"])
        #expect(admin.contains("is a file, not a folder"), "\(admin)")

        try FileManager.default.createDirectory(atPath: folder + "/damaged", withIntermediateDirectories: true)
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: folder + "/damaged/directory.sqlite"))
        let damaged = try await Self.directoryd(["serve", "--data", folder + "/damaged", "--listen", "127.0.0.1:0"])
        #expect(damaged.contains("the directory database \(folder)/damaged/directory.sqlite is damaged or is not directoryd's"), "\(damaged)")
    }

    @Test("a negative seat count is refused as such, not read as an unknown option")
    func negativeSeats() async throws {
        let folder = try TestFolder.make("seats").path
        // An argument's mistake: the usage text follows, as for any other.
        let result = try await Process.output(of: DirectorydProcess.binary, ["admin", "org", "create", "--data", folder, "--name", "X", "--seats", "-5"])
        #expect(result.status != 0)
        #expect(result.output.contains("--seats must be 0 or more"), "\(result.output)")
    }

    @Test("peers given wrongly: each mistake named")
    func peers() async throws {
        let folder = try TestFolder.make("peers").path
        let secret = folder + "/secret"
        try Data(String(repeating: "s", count: 40).utf8).write(to: URL(fileURLWithPath: secret))
        try Data("short".utf8).write(to: URL(fileURLWithPath: folder + "/short"))
        let serve = ["serve", "--data", folder, "--listen", "127.0.0.1:0", "--deployment", "us"]
        let cases: [([String], String)] = [
            (["--peer", "eu=http://127.0.0.1:1"], "--peer needs --peer-secret-file"),
            (["--peer", "eu", "--peer-secret-file", secret], "--peer must be ID=URL"),
            (["--peer", "us=http://127.0.0.1:1", "--peer-secret-file", secret], "--peer us is this deployment's own id"),
            (["--peer", "eu=http://127.0.0.1:1", "--peer-secret-file", folder + "/short"], "is shorter than 32 characters"),
            (["--peer", "eu=http://127.0.0.1:1", "--peer-secret-file", secret, "--peer-timeout", "0"], "--peer-timeout must be more than 0 and at most 300 seconds, not 0.0"),
            (["--peer", "eu=http://127.0.0.1:1", "--peer-secret-file", secret, "--peer-timeout", "1e300"], "at most 300 seconds"),
            (["--peer-timeout", "10"], "--peer-timeout is for peers; give --peer too"),
        ]
        for (extra, expected) in cases {
            // Arguments' mistakes: the usage text may follow.
            let result = try await Process.output(of: DirectorydProcess.binary, serve + extra, timeLimit: .seconds(120))
            #expect(result.status != 0 && result.output.contains(expected), "\(extra): \(result.output)")
        }
    }

    @Test("a port another directoryd listens on")
    func portInUse() async throws {
        let first = try DirectorydProcess()
        try await first.serve()
        defer { first.stop() }
        let second = try DirectorydProcess()
        let output = try await Self.directoryd(["serve", "--data", second.data, "--listen", "127.0.0.1:\(first.port)"])
        #expect(output.contains("cannot listen on 127.0.0.1:\(first.port): the address is in use"), "\(output)")
        // What the tests' servers that must know their port ahead rely on to try another.
        let third = try DirectorydProcess(port: first.port)
        await #expect { try await third.serve() } throws: { ListeningProcess.isAddressInUse($0) }
    }
}
