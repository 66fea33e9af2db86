import Foundation
import NIOSSL
import PostgresNIO

/// `postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=FILE]`,
/// as `--database` takes it. `sslmode` follows libpq's words: `disable`,
/// `require` (encrypted, certificate not checked), `verify-ca` (chain
/// checked), `verify-full` (chain and host name checked). Without it:
/// `disable` on loopback, `verify-full` anywhere else, so a database across
/// the network is never reached in the clear by accident.
enum PostgresURL {
    /// Where and how to connect, before it becomes postgres-nio's
    /// configurations (one for the pool, one for a single probe connection).
    struct Target {
        var host: String
        var port: Int
        var username: String
        var password: String?
        var database: String?
        /// nil: no TLS.
        var tls: TLSConfiguration?

        var clientConfiguration: PostgresClient.Configuration {
            PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database,
                tls: tls.map { .require($0) } ?? .disable
            )
        }

        func connectionConfiguration() throws -> PostgresConnection.Configuration {
            PostgresConnection.Configuration(
                host: host, port: port, username: username, password: password, database: database,
                tls: try tls.map { .require(try NIOSSLContext(configuration: $0)) } ?? .disable
            )
        }
    }

    static func parse(_ text: String) throws -> Target {
        guard let components = URLComponents(string: text),
              components.scheme == "postgres" || components.scheme == "postgresql",
              let host = components.host, !host.isEmpty
        else {
            throw DirectoryError.invalidArgument("--database must be postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=FILE]")
        }
        let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
        if let unknown = parameters.keys.first(where: { $0 != "sslmode" && $0 != "sslrootcert" }) {
            throw DirectoryError.invalidArgument("--database: unknown parameter \(unknown); known: sslmode, sslrootcert")
        }
        let loopback = host == "127.0.0.1" || host == "::1" || host == "localhost"
        return Target(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres", password: components.password,
            database: database.isEmpty ? nil : database,
            tls: try tls(mode: parameters["sslmode"] ?? (loopback ? "disable" : "verify-full"), rootCertificate: parameters["sslrootcert"])
        )
    }

    static func tls(mode: String, rootCertificate: String?) throws -> TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let rootCertificate {
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(rootCertificate))
            } catch {
                throw DirectoryError.invalidArgument("--database: cannot read sslrootcert \(rootCertificate): \(error)")
            }
        }
        switch mode {
        case "disable":
            return nil
        case "require":
            configuration.certificateVerification = .none
        case "verify-ca":
            configuration.certificateVerification = .noHostnameVerification
        case "verify-full":
            configuration.certificateVerification = .fullVerification
        default:
            throw DirectoryError.invalidArgument("--database: sslmode must be disable, require, verify-ca or verify-full, not \(mode)")
        }
        return configuration
    }
}
