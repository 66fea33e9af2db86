import ArgumentParser
import LDAP
import Logging
import NIOCore

/// The options every `dsync ldap` command shares: where, how securely, as whom.
struct LDAPConnectionOptions: ParsableArguments {
    @Option(name: .customLong("url"), help: ArgumentHelp("Server URL, ldap://host[:port] or ldaps://host[:port]; repeat to list several servers, tried in order.", valueName: "url"))
    var urls: [String]

    @Option(name: .customLong("bind-dn"), help: "DN to bind as (simple bind). Without it the bind is anonymous.")
    var bindDN: String?

    @Option(name: .customLong("password-file"), help: "File holding the bind password (one trailing newline is ignored). Passwords are never taken on the command line.")
    var passwordFile: String?

    @Option(name: .customLong("ca-file"), help: "PEM file of the CA that issued the server's certificate (default: the system trust store).")
    var caFile: String?

    @Flag(name: .customLong("starttls"), help: "Upgrade ldap:// connections with StartTLS before binding.")
    var startTLS = false

    @Flag(name: .customLong("dangerously-skip-certificate-verification"), help: "Do not check the server's certificate at all. For a lab only: anyone in the path can read the password.")
    var skipVerification = false

    @Option(name: .customLong("connect-timeout"), help: "Seconds to wait for each server to accept the connection.")
    var connectTimeout: Int = 10

    @Option(name: .customLong("timeout"), help: "Seconds to wait for an answer (for a search: between two results).")
    var timeout: Int = 120

    @Flag(name: .shortAndLong, help: "Log connection details to standard error.")
    var verbose = false

    func validate() throws {
        guard !urls.isEmpty else { throw ValidationError("Give at least one --url.") }
        if passwordFile != nil, bindDN == nil { throw ValidationError("--password-file needs --bind-dn.") }
        if bindDN != nil, passwordFile == nil { throw ValidationError("--bind-dn needs --password-file (passwords are never taken on the command line).") }
    }

    func makeConfiguration() throws -> LDAPConfiguration {
        let parsed = try urls.map { try LDAPURL(parsing: $0) }
        var credentials = LDAPConfiguration.Credentials.anonymous
        if let bindDN, let passwordFile {
            credentials = .simple(dn: bindDN, password: try Self.readPassword(passwordFile))
        }
        return LDAPConfiguration(
            urls: parsed,
            tlsMode: startTLS ? .startTLS : .fromURL,
            caFile: caFile,
            certificateVerification: skipVerification ? .dangerouslySkipVerification : .full,
            credentials: credentials,
            connectTimeout: .seconds(Int64(connectTimeout)),
            operationTimeout: .seconds(Int64(timeout))
        )
    }

    func makeLogger() -> Logger {
        var logger = Logger(label: "dsync.ldap") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        if skipVerification {
            logger.warning("certificate verification is OFF (--dangerously-skip-certificate-verification): the server is not authenticated")
        }
        return logger
    }

    static func readPassword(_ path: String) throws -> LDAPPassword {
        var bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            throw ValidationError("Cannot read the password file \(path): \(error)")
        }
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard !bytes.isEmpty else { throw ValidationError("The password file \(path) is empty.") }
        return LDAPPassword(bytes: bytes)
    }
}
