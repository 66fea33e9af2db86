import ArgumentParser
import BuildInfo

/// The sync agent's command line. Commands stay thin: they parse, call the
/// library, and print.
@main
struct DSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsync",
        abstract: "DirectorySync agent: keeps a cloud directory in step with Active Directory or LDAP.",
        version: BuildInfo.version,
        subcommands: [LDAPCommand.self]
    )
}
