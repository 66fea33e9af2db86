import ArgumentParser
import BuildInfo
import CMallocTuning
import NIOCore
import NIOPosix
import SyncEngine

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
        // A malloc arena per busy thread (set as the program loads, see
        // CMallocTuning): with one arena for every thread, the event loop,
        // the planner and the state database's writer waited on its lock and
        // carved their chunks out of the read's freed objects (an initial
        // sync of 110,000 objects spent 0.5 s more CPU). Memory one arena
        // freed is not reused by another's threads, so it is given back to
        // the system after each window and each large release
        // (BackgroundRelease); without that the sync peaked at 330 MB
        // instead of 270 MB.
        _ = dsync_malloc_tuned()
        BackgroundRelease.install(returningFreedMemory: { dsync_malloc_return_freed() })
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }
}
