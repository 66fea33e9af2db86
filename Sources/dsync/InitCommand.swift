import ArgumentParser
import Foundation
import SyncEngine

/// `dsync init`: writes the commented starter configuration.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter configuration file."
    )

    @Option(name: .customLong("config"), help: "The file to write.")
    var path = "dsync.yaml"

    @Flag(help: "Replace the file if it exists.")
    var force = false

    func run() throws {
        if !force, FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) exists; use --force to replace it.")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try StarterConfiguration.text.write(toFile: path, atomically: true, encoding: .utf8)
        print("Wrote \(path). Edit it: docs/configuration.md describes every key.")
    }
}
