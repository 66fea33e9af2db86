import ArgumentParser
import BuildInfo

/// The cloud directory service. Its commands arrive with the directoryd issue;
/// for now it reports its version so scripts can depend on the name.
@main
struct Directoryd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directoryd",
        abstract: "The DirectorySync cloud directory (SCIM 2.0 service provider).",
        version: BuildInfo.version
    )

    func run() throws {
        print("directoryd \(BuildInfo.version)")
    }
}
