import Foundation
import Logging
import SCIM
import SCIMClient
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// What a request that gets no answer says: the situation (nothing listens,
/// a certificate not trusted), not the system call that failed.
@Suite("SCIM client: connections that fail")
struct ConnectionFailureTests {
    /// One attempt unless `attempts`; a failed connection fails the attempt
    /// at once (the HTTP client does not keep reconnecting by itself).
    static func client(_ baseURL: String, caFile: String? = nil, token: String = "dsd_x", attempts: Int = 1) throws -> SCIMClient {
        try SCIMClient(
            configuration: SCIMClientConfiguration(
                baseURL: baseURL, instanceID: "i-1", agentVersion: "9.9.9", requestTimeout: 10,
                retry: RetryPolicy(maximumAttempts: attempts, initialBackoff: 0.01, maximumBackoff: 0.02), extraCABundle: caFile),
            credentials: StaticToken(token), logger: Logger(label: "test"))
    }

    /// A loopback port nothing listens on: bound and never listening, so
    /// connections to it are refused and no other socket can take it. The
    /// caller closes `socket` when done.
    static func closedPort() throws -> (port: Int, socket: Int32) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else {
            close(socket)
            throw ProcessFailure(message: "cannot bind a loopback socket: errno \(errno)")
        }
        return (Int(UInt16(bigEndian: address.sin_port)), socket)
    }

    @Test("a port nothing listens on is unreachable, said as such, with the request id once")
    func refused() async throws {
        let (port, socket) = try Self.closedPort()
        defer { close(socket) }
        let client = try Self.client("http://127.0.0.1:\(port)/scim/v2")
        let error = await #expect(throws: SCIMClientError.self) { _ = try await client.list(.users) }
        try await client.shutdown()
        guard case .unreachable(let underlying, let requestID)? = error else {
            Issue.record("not unreachable: \(String(describing: error))")
            return
        }
        #expect(underlying.contains("connection refused: nothing listens at 127.0.0.1:\(port)"), "\(underlying)")
        #expect(!underlying.contains("errno"), "\(underlying)")
        #expect(error?.description.components(separatedBy: requestID).count == 2)
    }

    @Test("an HTTPS directory whose certificate is not trusted is refused as untrusted, at once; trusted with its CA file")
    func untrusted() async throws {
        let (certificate, key) = try TestCertificate.make()
        let directory = try DirectorydProcess()
        let (_, token) = try await directory.organization(seats: 10)
        try await directory.serve(["--tls-certificate", certificate, "--tls-key", key])
        defer { directory.stop() }
        let url = "https://127.0.0.1:\(directory.port)/scim/v2"

        let stranger = try Self.client(url, token: token, attempts: 3)
        let error = await #expect(throws: SCIMClientError.self) { _ = try await stranger.list(.users) }
        // Not sent again: a certificate does not become trusted by retrying.
        #expect(stranger.requestCounts.retries == 0)
        try await stranger.shutdown()
        guard case .untrusted(let underlying, _)? = error else {
            Issue.record("not untrusted: \(String(describing: error))")
            return
        }
        #expect(underlying.contains("certificate is not trusted"), "\(underlying)")
        #expect(underlying.contains("`target.caFile`"), "\(underlying)")

        let trusting = try Self.client(url, caFile: certificate, token: token)
        await #expect(throws: Never.self) { _ = try await trusting.list(.users) }
        try await trusting.shutdown()
    }
}
