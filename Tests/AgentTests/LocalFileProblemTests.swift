import Foundation
import Testing
import TestSupport

/// The agent's own files and folders when they cannot be used: the
/// configuration, the data folder, the state file. Each error says what is
/// wrong with which path, and none carries the usage text of a mistyped
/// command line.
@Suite("dsync: its own files when they cannot be used")
struct LocalFileProblemTests {
    static let configuration = ConfigurationYAML.minimal

    static func run(_ arguments: [String]) async throws -> String {
        try await Process.failure(of: DirectorydProcess.built("dsync", variable: "DSYNC_BIN"), arguments)
    }

    @Test("a configuration path that is missing or a folder is said as such, and no data folder is made for it")
    func configuration() async throws {
        let folder = try TestFolder.make("files").path
        let missing = try await Self.run(["plan", "--config", folder + "/nowhere/dsync.yaml"])
        #expect(missing.contains("cannot read the configuration: \(folder)/nowhere/dsync.yaml does not exist (nor does its folder \(folder)/nowhere)"), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/nowhere"))
        let folderInstead = try await Self.run(["plan", "--config", folder])
        #expect(folderInstead.contains("\(folder) is a folder, not a file"), "\(folderInstead)")
    }

    @Test("a data folder that is a file, or under one, is said as such")
    func dataFolder() async throws {
        let folder = try TestFolder.make("files").path
        try Self.configuration.write(toFile: folder + "/dsync.yaml", atomically: true, encoding: .utf8)
        #expect(FileManager.default.createFile(atPath: folder + "/data", contents: Data()))
        let file = try await Self.run(["plan", "--config", folder + "/dsync.yaml", "--data", folder + "/data"])
        #expect(file.contains("the data folder cannot be used: \(folder)/data is a file, not a folder"), "\(file)")
        let under = try await Self.run(["plan", "--config", folder + "/dsync.yaml", "--data", folder + "/data/more"])
        #expect(under.contains("\(folder)/data is a file, so \(folder)/data/more cannot be made in it"), "\(under)")
    }

    @Test("a state file that is not a database is said to be damaged, with what to do")
    func damagedState() async throws {
        let folder = try TestFolder.make("files").path
        try Self.configuration.write(toFile: folder + "/dsync.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: folder + "/data/state.sqlite"))
        let output = try await Self.run(["plan", "--config", folder + "/dsync.yaml", "--data", folder + "/data"])
        #expect(output.contains("the agent's state file \(folder)/data/state.sqlite is damaged or is not a state file"), "\(output)")
        #expect(output.contains("move it aside to start from an empty state"), "\(output)")
    }
}
