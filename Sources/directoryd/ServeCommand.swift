import ArgumentParser
import DirectoryServer
import Hummingbird
import Logging

/// `directoryd serve`: the SCIM 2.0 service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve SCIM 2.0 at /scim/v2 until SIGTERM or SIGINT."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Address and port to listen on (plain HTTP, so loopback only until TLS is configured).")
    var listen = "127.0.0.1:8443"

    @Option(name: .customLong("public-url"), help: "The SCIM base URL as clients reach it (default: http://LISTEN/scim/v2).")
    var publicURL: String?

    @Option(name: .customLong("rate-limit"), help: "Requests per second allowed per token (bursts up to 4x); 0 turns throttling off.")
    var rateLimit: Double = RateLimit.default.requestsPerSecond

    func run() async throws {
        let (host, port) = try Self.parse(listen)
        guard host == "127.0.0.1" || host == "::1" || host == "localhost" else {
            throw ValidationError("Plain HTTP is only served on loopback; \(host) would expose bearer tokens on the network.")
        }
        var logger = Logger(label: "directoryd")
        logger.logLevel = .info
        let limit = rateLimit > 0 ? RateLimit(requestsPerSecond: rateLimit, burst: rateLimit * 4) : nil
        let configuration = DirectoryServerConfiguration(host: host, port: port, scimBaseURL: publicURL, rateLimit: limit)
        let app = DirectoryApplication.make(store: try await store.openStore(), configuration: configuration, logger: logger)
        try await app.runService()
    }

    static func parse(_ listen: String) throws -> (String, Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (1...65535).contains(port) else {
            throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8443")
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}
