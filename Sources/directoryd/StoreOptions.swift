import ArgumentParser
import DirectoryServer
import Foundation

/// Where the directory's data lives; every command takes it.
struct StoreOptions: ParsableArguments {
    @Option(help: "The data folder (created if missing) holding the SQLite database, directory.sqlite.")
    var data: String?

    @Option(help: "A PostgreSQL database instead of SQLite: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.")
    var database: String?

    func validate() throws {
        guard (data == nil) != (database == nil) else {
            throw ValidationError("Give either --data DIR (SQLite) or --database postgres://… (PostgreSQL).")
        }
    }

    /// Where, in words, for messages.
    var location: String { data ?? "the PostgreSQL database" }

    /// Failures here are not the command line's (`OpenFailure`), except a
    /// malformed database URL.
    func openStore() async throws -> any DirectoryStore {
        if let database {
            do {
                return try await PostgresDirectoryStore(url: database)
            } catch let error as DirectoryError {
                if case .unavailable(let reason) = error { throw OpenFailure("the PostgreSQL database cannot be used: \(reason)") }
                throw ValidationError(error.description)
            }
        }
        let folder = data ?? "."
        let file = (folder as NSString).appendingPathComponent("directory.sqlite")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return try SQLiteDirectoryStore(path: file)
        } catch {
            throw OpenFailure.sqlite(folder: folder, file: file, error)
        }
    }
}

/// `--json` output for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the result as JSON, for scripts.")
    var json = false
}
