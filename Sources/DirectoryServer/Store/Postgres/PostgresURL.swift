import Foundation
import PostgresNIO

/// `postgres://user[:password]@host[:port]/database`, as `--database` takes it.
enum PostgresURL {
    static func configuration(_ text: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: text),
              components.scheme == "postgres" || components.scheme == "postgresql",
              let host = components.host, !host.isEmpty
        else {
            throw DirectoryError.invalidArgument("--database must be postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
        }
        let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        return PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database,
            tls: .disable
        )
    }
}
