import ArgumentParser
import BuildInfo
import NIOCore
import NIOPosix

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

    static func main() async {
        // Run Swift concurrency on NIO's event loops (one per core), the
        // threads Hummingbird serves on: a request's handler then continues
        // where its bytes arrived, instead of hopping to another pool and
        // back for every await (measured: thread switches were the largest
        // cost of a lookup).
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }
}
