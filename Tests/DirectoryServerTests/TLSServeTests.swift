import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import SCIM
import Testing
import TestSupport

/// `directoryd serve` with a certificate: HTTPS that a client trusting the
/// certificate can use, and no plain HTTP beyond loopback without one.
@Suite("TLS for serve", .serialized)
struct TLSServeTests {
    @Test("HTTPS with the given certificate; the OAuth metadata names https URLs")
    func https() async throws {
        let (certificate, key) = try TestCertificate.make()
        let server = try DirectorydProcess()
        try await server.serve(["--tls-certificate", certificate, "--tls-key", key])
        defer { server.stop() }

        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
        let url = "https://127.0.0.1:\(server.port)/.well-known/oauth-authorization-server"
        let answer: JSON
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
            answer = try JSON(parsing: try await response.body.collect(upTo: 1 << 16).readableBytesView)
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
        #expect(answer["token_endpoint"]?.stringValue == "https://127.0.0.1:\(server.port)/oauth/token")
        // A client that does not trust the certificate is refused.
        await #expect(throws: (any Error).self) {
            _ = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        }
    }

    @Test("plain HTTP beyond loopback, or half a certificate, is refused with a reason")
    func refusals() throws {
        for arguments in [["--listen", "0.0.0.0:18999"], ["--listen", "127.0.0.1:18999", "--tls-certificate", "/nonexistent.pem"]] {
            let server = try DirectorydProcess()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: DirectorydProcess.binary)
            process.arguments = ["serve"] + arguments + server.storeArguments
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus != 0)
            #expect(text.contains("--tls-certificate"), "\(text)")
        }
    }
}
