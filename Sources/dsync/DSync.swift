import ArgumentParser
import BuildInfo
import CMallocTuning
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
        // One malloc arena for every thread (set as the program loads, see
        // CMallocTuning). A read's objects are built on a thread of their
        // own (`ObjectBuilderThread`) and let go of on the event loop's while
        // the plan is made: with glibc's default arena per thread, the memory
        // they freed stayed in the builder's arena, unused by the planner's
        // allocations, and an initial sync of 110,000 objects peaked at
        // 316-335 MB instead of 250-265 MB. Small allocations go through
        // each thread's cache without the arena's lock either way.
        _ = dsync_malloc_arenas_limited()
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }
}
