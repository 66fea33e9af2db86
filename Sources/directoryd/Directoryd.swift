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
        // Swift concurrency runs on NIO's event loops (one per core), the
        // threads Hummingbird serves on: a request's handler continues where
        // its bytes arrived instead of hopping to another pool and back.
        // Safe only because no code blocks such a thread waiting for another
        // task: database reads on the calling thread take a connection of
        // their own (SQLiteReaders), and every other access is asynchronous.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }
}
