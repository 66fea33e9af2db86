import NetworkFailures
import PostgresNIO

extension PostgresDirectoryStore {
    /// Why the first connection failed: the server's own message (a wrong
    /// password, an unknown database), else what the connection met
    /// (refused, a certificate not trusted), not PostgresNIO's whole error.
    static func describe(connectionFailure error: any Error) -> String {
        guard let error = error as? PSQLError else { return NetworkFailure.describe(error, caHint: "give its CA with sslrootcert=FILE") }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return "the server refused: \(message)\(state)"
        }
        if let underlying = error.underlying {
            return NetworkFailure.describe(underlying, caHint: "give its CA with sslrootcert=FILE")
        }
        return "\(error.code)"
    }
}
