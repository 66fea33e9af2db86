import Foundation
import FileProblems
import GRDB

/// The agent's state file could not be opened: why, and what to do.
public struct StateFileError: Error, CustomStringConvertible {
    public let description: String

    init(description: String) {
        self.description = description
    }

    /// SQLite's result codes (https://sqlite.org/rescode.html) said for the
    /// administrator.
    init(opening path: String, _ error: DatabaseError) {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            description = """
                the agent's state file \(path) is damaged or is not a state file (SQLite: \(error.message ?? "\(error.resultCode)")). \
                Restore it from a backup, or move it aside to start from an empty state: the next run then finds the objects it \
                wrote in the directory (they answer "already exists") and links them again instead of creating them twice
                """
        case .SQLITE_FULL:
            description = "the agent's state file \(path) cannot be written: the disk is full"
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR, .SQLITE_AUTH:
            description = "the agent's state file cannot be opened: \(FileProblem.describe(path, for: .write, error: error))"
        default:
            description = "the agent's state file \(path) cannot be opened: \(error.message ?? "\(error.resultCode)")"
        }
    }
}
