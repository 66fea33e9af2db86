import AsyncHTTPClient
import Foundation
public import Logging
import NetworkFailures
import NIOCore
public import NIOHTTP1
import NIOSSL
public import SCIM
import Synchronization

/// Outbound SCIM 2.0 (RFC 7644) over AsyncHTTPClient: every request carries
/// the agent's `User-Agent` and its own `X-Request-ID`; 429 and 5xx answers
/// and broken connections are retried by `RetryPolicy`; a 401 refreshes the
/// credential once. Secrets never reach the log.
public final class SCIMClient: Sendable {
    public let configuration: SCIMClientConfiguration
    let credentials: any CredentialProvider
    let http: HTTPClient
    let logger: Logger
    let gate: RequestGate
    private let counts = Mutex(RequestCounts())
    private let isShutDown = Mutex(false)

    public init(configuration: SCIMClientConfiguration, credentials: any CredentialProvider, logger: Logger) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let bundle = configuration.extraCABundle {
            let certificates: [NIOSSLCertificate]
            do { certificates = try NIOSSLCertificate.fromPEMFile(bundle) } catch {
                throw SCIMClientError.unreachable(underlying: "cannot read the CA bundle \(bundle): \(error)", requestID: "-")
            }
            tls.additionalTrustRoots = [.certificates(certificates)]
        }
        var http = HTTPClient.Configuration(tlsConfiguration: tls)
        if let proxy = configuration.proxy ?? SCIMClientConfiguration.proxyFromEnvironment() {
            http.proxy = .server(host: proxy.host, port: proxy.port)
        }
        http.timeout = .init(connect: .seconds(10), read: .seconds(Int64(configuration.requestTimeout)))
        // A connection that fails fails the attempt at once, and the retry
        // policy (`RetryPolicy`, in `send`) decides: left on, the HTTP client kept reconnecting
        // for the whole connect timeout first, so a refused connection or a
        // refused certificate took 10 s an attempt (50 s for a run against
        // a directory that is down) before anything was said.
        http.connectionPool.retryConnectionEstablishment = false
        self.configuration = configuration
        self.credentials = credentials
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
        self.logger = logger
        self.gate = RequestGate(maximum: configuration.maximumConcurrency)
    }

    /// Requests sent so far, retries included.
    public var requestCounts: RequestCounts { counts.withLock { $0 } }

    /// Requests allowed in flight now: the configured concurrency, lower
    /// for a while after a 429.
    public var currentConcurrency: Int {
        get async { await gate.current }
    }

    public func shutdown() async throws {
        isShutDown.withLock { $0 = true }
        try await http.shutdown()
    }

    /// A client dropped on a path that skipped `shutdown()` (an error thrown
    /// past it) still closes its connections: AsyncHTTPClient would otherwise
    /// stop the whole process in a debug build and leak them in a release one.
    deinit {
        guard !isShutDown.withLock({ $0 }) else { return }
        logger.debug("SCIM client released without shutdown(); shutting it down")
        http.shutdown { _ in }
    }

    /// One answer, after retries.
    public struct Answer: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var json: JSON?
        public var requestID: String
    }

    /// Sends a request to `path` (relative to the base URL, with its query),
    /// retrying as the policy says; an error status is thrown as
    /// `SCIMClientError.answered` unless `accepting` it.
    public func send(
        _ method: HTTPMethod, _ path: String, body: JSON? = nil, headers extra: [String: String] = [:], accepting: Set<Int> = []
    ) async throws -> Answer {
        try await send(method, path, serialized: body?.serialized(), headers: extra, accepting: accepting)
    }

    /// `send` with a body that is already JSON text (a Bulk request written
    /// straight to bytes).
    public func send(
        _ method: HTTPMethod, _ path: String, serialized bytes: [UInt8]?, headers extra: [String: String] = [:], accepting: Set<Int> = []
    ) async throws -> Answer {
        let requestID = UUID().uuidString.lowercased()
        var token = try await credentials.token()
        var refreshed = false
        var attempt = 0
        var rateLimitWaited: TimeInterval = 0
        while true {
            attempt += 1
            var request = HTTPClientRequest(url: configuration.baseURL + path)
            request.method = method
            request.headers.add(name: "User-Agent", value: configuration.userAgent)
            request.headers.add(name: "X-Request-ID", value: requestID)
            request.headers.add(name: "Accept", value: "application/scim+json")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            for (name, value) in extra { request.headers.add(name: name, value: value) }
            if let bytes {
                request.headers.add(name: "Content-Type", value: "application/scim+json")
                request.body = .bytes(ByteBuffer(bytes: bytes))
            }
            let outcome: RetryPolicy.Outcome
            var failure: String
            do {
                await gate.enter()
                counts.withLock { counts in
                    if method == .GET { counts.reads += 1 } else { counts.writes += 1 }
                    if attempt > 1 { counts.retries += 1 }
                }
                let status: Int
                let buffer: ByteBuffer
                let response: HTTPClientResponse
                do {
                    response = try await http.execute(request, timeout: .seconds(Int64(configuration.requestTimeout)))
                    buffer = try await response.body.collect(upTo: 64 << 20)
                    status = Int(response.status.code)
                } catch {
                    _ = await gate.leave(rateLimited: false)
                    throw error
                }
                if let lowered = await gate.leave(rateLimited: status == 429), status == 429 {
                    logger.notice("the target is rate limiting: concurrency lowered", metadata: ["concurrency": "\(lowered)", "request": "\(requestID)"])
                }
                var headers: [String: String] = [:]
                for header in response.headers { headers[header.name.lowercased()] = header.value }
                let json = buffer.readableBytes > 0 ? try? JSON(parsing: buffer.readableBytesView) : nil
                if status == 401, !refreshed, let fresh = try await credentials.refresh() {
                    refreshed = true
                    token = fresh
                    attempt -= 1
                    continue
                }
                if status < 400 || accepting.contains(status) {
                    return Answer(status: status, headers: headers, json: json, requestID: requestID)
                }
                let error = json.flatMap { try? SCIMError(json: $0) }
                if status == 401 {
                    throw SCIMClientError.accessLost(detail: error?.detail ?? "401 Unauthorized", requestID: requestID)
                }
                outcome = .answered(status: status, retryAfter: RetryPolicy.retryAfter(headers["retry-after"]))
                failure = "\(status)"
                let decision = configuration.retry.decide(attempt: attempt, outcome: outcome, rateLimitWaited: rateLimitWaited, random: Double.random(in: 0..<1))
                guard case .retry(let wait) = decision else {
                    if status == 429 { throw SCIMClientError.rateLimited(requestID: requestID) }
                    throw SCIMClientError.answered(status: status, error: error, requestID: requestID)
                }
                if status == 429 { rateLimitWaited += wait }
                log(method, path, requestID, attempt, failure, wait)
                try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            } catch let error as SCIMClientError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failure = describe(transportFailure: error)
                if NetworkFailure.isCertificateProblem(error) { throw SCIMClientError.untrusted(underlying: failure, requestID: requestID) }
                if NetworkFailure.isNotTLS(error) { throw SCIMClientError.unreachable(underlying: failure, requestID: requestID) }
                let decision = configuration.retry.decide(attempt: attempt, outcome: .transportFailure, rateLimitWaited: rateLimitWaited, random: Double.random(in: 0..<1))
                guard case .retry(let wait) = decision else {
                    throw SCIMClientError.unreachable(underlying: failure, requestID: requestID)
                }
                log(method, path, requestID, attempt, failure, wait)
                try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            }
        }
    }

    private func log(_ method: HTTPMethod, _ path: String, _ requestID: String, _ attempt: Int, _ failure: String, _ wait: TimeInterval) {
        logger.notice(
            "retrying",
            metadata: [
                "method": "\(method.rawValue)", "path": "\(path)", "request": "\(requestID)", "attempt": "\(attempt)",
                "failure": "\(failure)", "wait_s": "\(String(format: "%.2f", wait))",
            ]
        )
    }
}
