import FileProblems
import Foundation
import GRDB
import NetworkFailures
import NIOCore

/// `directoryd` could not start or open its data, for a reason other than
/// its arguments: printed as "Error: …" without the usage text a
/// `ValidationError` carries, and said for the operator.
struct OpenFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// The SQLite database in `folder` could not be opened.
    static func sqlite(folder: String, file: String, _ error: any Error) -> OpenFailure {
        guard let error = error as? DatabaseError else {
            return OpenFailure("the data folder cannot be used: \(FileProblem.describe(folder, for: .writeFolder, error: error))")
        }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return OpenFailure(
                "the directory database \(file) is damaged or is not directoryd's (SQLite: \(error.message ?? "\(error.resultCode)")); "
                    + "restore it from a backup, or give --data the folder that holds the directory's directory.sqlite")
        case .SQLITE_FULL:
            return OpenFailure("the directory database \(file) cannot be written: the disk is full")
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR, .SQLITE_AUTH:
            return OpenFailure("the directory database cannot be opened: \(FileProblem.describe(file, for: .write, error: error))")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return OpenFailure("the directory database \(file) is locked by another process, longer than the 5 s waited")
        default:
            return OpenFailure("the directory database \(file) cannot be opened: \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// Serving failed, binding `host:port` most likely.
    static func serving(host: String, port: Int, _ error: any Error) -> any Error {
        guard let error = error as? IOError else { return error }
        let address = "\(host):\(port)"
        switch error.errnoCode {
        case EADDRINUSE:
            return OpenFailure("cannot listen on \(address): the address is in use (another directoryd, or another server, listens there); stop it or give --listen another port")
        case EACCES:
            return OpenFailure("cannot listen on \(address): permission denied (ports below 1024 need privileges); use a port from 1024 up, or give the binary CAP_NET_BIND_SERVICE")
        case EADDRNOTAVAIL:
            return OpenFailure("cannot listen on \(address): no network interface of this machine has the address \(host)")
        default:
            return OpenFailure("cannot listen on \(address): \(NetworkFailure.describe(error, caHint: "", address: address))")
        }
    }
}
