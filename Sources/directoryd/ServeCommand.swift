import ArgumentParser
import DirectoryServer
import Hummingbird
import Foundation
import Logging

/// `directoryd serve`: the SCIM 2.0 service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve SCIM 2.0 at /scim/v2 until SIGTERM or SIGINT."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Address and port to listen on (port 0: any free port; the one chosen is printed); without --tls-certificate, loopback only.")
    var listen = "127.0.0.1:8443"

    @Option(name: .customLong("tls-certificate"), help: "PEM file with the server's certificate chain (HTTPS; needed to listen beyond loopback).")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM file with the certificate's private key.")
    var tlsKey: String?

    @Option(name: .customLong("public-url"), help: "The SCIM base URL as clients reach it (default: http://LISTEN/scim/v2).")
    var publicURL: String?

    @Option(name: .customLong("rate-limit"), help: "Requests per second allowed per token (bursts up to 4x); 0 turns throttling off.")
    var rateLimit: Double = RateLimit.default.requestsPerSecond

    @Option(help: "This deployment's id (data center), e.g. us or eu.")
    var deployment = "us"

    @Option(name: .customLong("peer"), help: "A peer deployment as ID=URL (repeat for each); an address may hold an account in one deployment only.")
    var peers: [String] = []

    @Option(name: .customLong("peer-secret-file"), help: "File holding the secret all deployments of the installation share (needed with --peer).")
    var peerSecretFile: String?

    @Option(name: .customLong("peer-timeout"), help: "Seconds a peer may take to confirm an address before the write fails with 503.")
    var peerTimeout: Double = 5

    func run() async throws {
        let (host, port) = try Self.parse(listen)
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError("Give both --tls-certificate and --tls-key, or neither.")
        }
        guard tlsCertificate != nil || host == "127.0.0.1" || host == "::1" || host == "localhost" else {
            throw ValidationError("Plain HTTP is only served on loopback; \(host) would expose bearer tokens on the network. Give --tls-certificate and --tls-key.")
        }
        // Metadata is rendered only for lines logged, not for every request's logger.
        var logger = Logger(label: "directoryd") { DeferredMetadataLogHandler(wrapping: StreamLogHandler.standardError(label: $0)) }
        logger.logLevel = .info
        let limit = rateLimit > 0 ? RateLimit(requestsPerSecond: rateLimit, burst: rateLimit * 4) : nil
        let configuration = DirectoryServerConfiguration(
            host: host, port: port, scimBaseURL: publicURL, rateLimit: limit, federation: try federation(),
            tls: tlsCertificate.flatMap { certificate in tlsKey.map { (certificate, $0) } }
        )
        let directory = try await store.openStore()
        let app = try Self.rethrowingAsValidation {
            try DirectoryApplication.make(store: directory, configuration: configuration, logger: logger) { port in
                // One line on stdout once the port is open: with port 0 the
                // only way to learn it, and what scripts wait for.
                let scheme = configuration.tls == nil ? "http" : "https"
                let address = host.contains(":") ? "[\(host)]" : host
                FileHandle.standardOutput.write(Data("directoryd: listening on \(scheme)://\(address):\(port)\n".utf8))
            }
        }
        do {
            try await app.runService()
        } catch {
            throw OpenFailure.serving(host: host, port: port, error)
        }
    }

    /// The peers, or nil without any. The secret is read from a file, never
    /// from the command line, and must be long enough to resist guessing.
    func federation() throws -> Federation? {
        guard !peers.isEmpty else {
            if peerTimeout != 5 { throw ValidationError("--peer-timeout is for peers; give --peer too, or leave it out.") }
            return nil
        }
        guard let peerSecretFile else { throw ValidationError("--peer needs --peer-secret-file with the secret the deployments share.") }
        guard let data = FileManager.default.contents(atPath: peerSecretFile) else {
            throw ValidationError("Cannot read the peer secret file \(peerSecretFile).")
        }
        let secret = Array(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard secret.count >= 32 else { throw ValidationError("The peer secret in \(peerSecretFile) is shorter than 32 characters.") }
        var parsed: [Federation.Peer] = []
        for peer in peers {
            let parts = peer.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].hasPrefix("http://") || parts[1].hasPrefix("https://") else {
                throw ValidationError("--peer must be ID=URL, e.g. eu=https://eu.directory.example, not \(peer).")
            }
            guard parts[0] != deployment else { throw ValidationError("--peer \(parts[0]) is this deployment's own id.") }
            parsed.append(Federation.Peer(id: parts[0], url: parts[1]))
        }
        guard peerTimeout > 0, peerTimeout <= 300 else {
            throw ValidationError("--peer-timeout must be more than 0 and at most 300 seconds, not \(peerTimeout).")
        }
        return Federation(deployment: deployment, peers: parsed, secret: secret, timeout: peerTimeout)
    }

    /// A directory error (an unreadable certificate, say) as a usage error.
    static func rethrowingAsValidation<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DirectoryError { throw ValidationError(error.description) }
    }

    static func parse(_ listen: String) throws -> (String, Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8443")
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}
