import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SCIM

/// Asks a peer deployment about addresses: `POST /internal/v1/addresses`
/// with `{"from": ID, "keys": [...]}`, signed with `PeerSignature`.
struct PeerClient: Sendable {
    static let path = "/internal/v1/addresses"

    let federation: Federation

    /// One client for every peer, for the process's life (as
    /// `HTTPClient.shared`), except that a connection the peer refuses
    /// fails the request at once: the shared client would try again until
    /// the timeout, and a deployment that is down would hold every create
    /// for `federation.timeout` before its 503.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The peer's answer per key; throws `DirectoryError.unavailable` when
    /// the peer cannot be reached or answers nonsense.
    func states(of keys: [String], at peer: Federation.Peer) async throws -> [String: AddressState] {
        let body = Array(JSON.object(["from": .string(federation.deployment), "keys": .array(keys.map(JSON.string))]).serialized())
        var request = HTTPClientRequest(url: peer.url.trimmingSuffix("/") + Self.path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(
            name: PeerSignature.header, value: PeerSignature.sign(secret: federation.secret, method: "POST", path: Self.path, body: body, at: Date())
        )
        request.body = .bytes(ByteBuffer(bytes: body))
        let unavailable = { (reason: String) in
            DirectoryError.unavailable("deployment \(peer.id) could not confirm that the address is free (\(reason)); nothing was created, try again")
        }
        let json: JSON
        do {
            let response = try await Self.client.execute(request, timeout: .milliseconds(Int64(federation.timeout * 1000)))
            let buffer = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else { throw unavailable("it answered \(response.status.code)") }
            json = try JSON(parsing: buffer.readableBytesView)
        } catch let error as DirectoryError {
            throw error
        } catch {
            throw unavailable("\(error)")
        }
        var states: [String: AddressState] = [:]
        for key in keys {
            switch json["addresses"]?[key]?["state"]?.stringValue {
            case "held": states[key] = .held
            case "free": states[key] = .free
            case "pending":
                guard let claimedAt = json["addresses"]?[key]?["claimedAt"]?.intValue else { throw unavailable("a malformed answer") }
                states[key] = .pending(claimedAt: Int64(claimedAt))
            default: throw unavailable("a malformed answer")
            }
        }
        return states
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
