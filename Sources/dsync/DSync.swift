import ArgumentParser
import BuildInfo
import NIOCore
import NIOPosix

/// The sync agent's command line. Commands stay thin: they parse, call the
/// library, and print.
@main
struct DSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsync",
        abstract: "DirectorySync agent: keeps a cloud directory in step with Active Directory or LDAP.",
        version: BuildInfo.version,
        subcommands: [InitCommand.self, CheckCommand.self, PlanCommand.self, SyncCommand.self, RunCommand.self, StatusCommand.self, StopCommand.self, ReportCommand.self, NotifyCommand.self, MappingCommand.self, ExplainCommand.self, LDAPCommand.self, DemoCommand.self]
    )

    static func main() async {
        // Run Swift concurrency on NIO's event loop thread, so that reading a
        // socket and consuming its results happen on one thread, without a
        // hand-over between two thread pools for every batch of results.
        NIOSingletons.groupLoopCountSuggestion = 1
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }
}
