import ArgumentParser
import DirectoryServer
import Foundation

/// Where the directory's data lives; every command takes it.
struct StoreOptions: ParsableArguments {
    @Option(help: "The data folder (created if missing); the SQLite database is directory.sqlite in it.")
    var data: String

    func openStore() throws -> SQLiteDirectoryStore {
        do {
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            return try SQLiteDirectoryStore(path: (data as NSString).appendingPathComponent("directory.sqlite"))
        } catch {
            throw ValidationError("Cannot open the directory database in \(data): \(error)")
        }
    }
}

/// `--json` output for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the result as JSON, for scripts.")
    var json = false
}
