import ArgumentParser
import BuildInfo

/// The cloud directory's command line. Commands stay thin: they parse, call
/// the DirectoryServer module, and print.
@main
struct Directoryd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directoryd",
        abstract: "The DirectorySync cloud directory (SCIM 2.0 service provider).",
        version: BuildInfo.version,
        subcommands: [ServeCommand.self, AdminCommand.self]
    )
}
