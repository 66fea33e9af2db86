import ArgumentParser
import Foundation

/// `dsync demo`: the main job on embedded defaults. It starts `directoryd`
/// on SQLite in a throwaway folder with an organization (a verified domain,
/// a seat-limited plan, a custom field), syncs the sample directory of the
/// repository's `Samples/` into it, prints the plan, the run and the report
/// with every refused object's reason and remedy, then applies the sample's
/// second version and shows the incremental plan and result. With slapd
/// installed the sample is served by a throwaway slapd on loopback
/// (`scripts/ldap-test-server`) and read over LDAP; otherwise from the LDIF
/// files. It says which.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the demo: a sample directory synced into a throwaway directoryd."
    )

    enum SourceChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, ldap, ldif
    }

    @Option(help: "Where the sample comes from: auto (slapd when installed, else the LDIF files), ldap, or ldif.")
    var source: SourceChoice = .auto

    @Option(help: "The folder for the directory's data, the agent's state and the logs (emptied first); default: .testservers/demo in the repository.")
    var folder: String?

    @Option(help: "The repository holding Samples/ and scripts/; default: found from the current folder or this program's.")
    var repository: String?

    func run() async throws {
        let repository = try self.repository ?? DemoPaths.findRepository()
        let folder = self.folder ?? repository + "/.testservers/demo"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        let cleanup = DemoCleanup()
        defer { cleanup.run() }
        print("== directoryd on SQLite (\(folder)/directory)")
        let directory = try await DemoDirectory.start(folder: folder)
        cleanup.add { directory.stop() }
        print(directory.summary)

        let sample = try DemoSample.start(choice: source, repository: repository, folder: folder)
        cleanup.add { sample.stop() }
        print("\n== \(sample.description)")

        let dsync = DemoPaths.executable
        func run(_ version: String) throws {
            let config = folder + "/dsync.yaml"
            try DemoConfiguration.yaml(targetURL: directory.scimURL, tokenFile: directory.tokenFile, source: sample.yaml(version: version))
                .write(toFile: config, atomically: true, encoding: .utf8)
            print("\n== dsync plan (\(sample.readDescription(version: version)))")
            print(try DemoProcess.output(dsync, ["plan", "--config", config]).lastLine)
            print("\n== dsync sync")
            print(try DemoProcess.output(dsync, ["sync", "--config", config], acceptingFailure: true).text, terminator: "")
            print("\n== dsync report: the objects with a condition, and what to do")
            let report = try DemoProcess.output(dsync, ["report", "--conditions-only", "--config", config]).text
            print(report.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).joined(separator: "\n"))
        }
        try run("directory-v1.ldif")
        if let applied = try sample.applyVersion2() { print("\n== \(applied)") }
        try run("directory-v2.ldif")
        print("\ndemo: done; \(sample.doneDescription). The directory's data and the agent's state are in \(folder)")
    }
}
