import Foundation
import Hummingbird
import Metrics
import NIOCore
import Prometheus
public import ServiceLifecycle

/// `GET /metrics` in the Prometheus text format (exposition format 0.0.4),
/// on a loopback address only, while the service runs.
public struct MetricsEndpoint: Service {
    let registry: PrometheusCollectorRegistry
    let host: String
    let port: Int
    let onListening: @Sendable (String) async -> Void

    /// Bootstraps swift-metrics with a Prometheus registry (once a process)
    /// and serves it at `address` (`127.0.0.1:9464`; port 0 picks one).
    public init(address: String, onListening: @escaping @Sendable (String) async -> Void) throws {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (0...65_535).contains(port) else {
            throw MetricsEndpointError(description: "--metrics \(address): give a loopback address and port, e.g. 127.0.0.1:9464")
        }
        let host = String(address[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw MetricsEndpointError(description: "--metrics \(address): metrics are served on loopback only (127.0.0.1, ::1); put a proxy in front to publish them")
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        self.registry = registry
        self.host = host
        self.port = port
        self.onListening = onListening
    }

    public func run() async throws {
        let router = Router()
        let registry = registry
        router.get("metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        let onListening = onListening
        let application = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "dsync"),
            onServerRunning: { channel in await onListening(channel.localAddress.map { "\($0.ipAddress ?? "127.0.0.1"):\($0.port ?? 0)" } ?? "") })
        try await application.runService()
    }
}

struct MetricsEndpointError: Error, CustomStringConvertible {
    let description: String
}
