import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// An HTTP proxy on loopback between `dsync` and a real directoryd that
/// misbehaves deterministically: every `unavailableEvery`-th request is
/// answered 503 without reaching the directory, and every `stallEvery`-th
/// one reaches it (so the write happens) but its answer is held back for
/// `stall`, longer than the agent's timeout, then dropped for a 504; every
/// `throttleEvery`-th is answered 429 with `Retry-After: 1` without
/// reaching the directory. The directory's own answers (its 429s among
/// them) pass through.
struct FaultInjectingProxy: Sendable {
    let upstream: String
    let unavailableEvery: Int
    let stallEvery: Int
    let stall: Duration
    let throttleEvery: Int
    let counts = Counts()

    actor Counts {
        var requests = 0
        var unavailable = 0
        var stalled = 0
        var throttled = 0
        var injectedThrottles = 0

        func next() -> Int {
            requests += 1
            return requests
        }

        func count(unavailable: Bool = false, stalled: Bool = false, throttled: Bool = false, injectedThrottle: Bool = false) {
            if injectedThrottle { injectedThrottles += 1 }
            if unavailable { self.unavailable += 1 }
            if stalled { self.stalled += 1 }
            if throttled { self.throttled += 1 }
        }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("**", method: method) { request, _ in try await forward(request) }
        }
        return router
    }

    static let hopByHop: Set<String> = ["connection", "content-length", "transfer-encoding", "keep-alive", "host"]

    func forward(_ request: Request) async throws -> Response {
        let number = await counts.next()
        if number % unavailableEvery == 0 {
            await counts.count(unavailable: true)
            return Response(status: .serviceUnavailable)
        }
        if number % throttleEvery == 0 {
            await counts.count(injectedThrottle: true)
            return Response(status: .tooManyRequests, headers: [.retryAfter: "1"])
        }
        var outbound = HTTPClientRequest(url: upstream + request.uri.description)
        outbound.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where !Self.hopByHop.contains(field.name.canonicalName) {
            outbound.headers.add(name: field.name.rawName, value: field.value)
        }
        outbound.body = .bytes(try await request.body.collect(upTo: 64 << 20))
        let answer = try await HTTPClient.shared.execute(outbound, timeout: .seconds(60))
        let body = try await answer.body.collect(upTo: 64 << 20)
        if answer.status.code == 429 { await counts.count(throttled: true) }
        if number % stallEvery == 0 {
            await counts.count(stalled: true)
            try await Task.sleep(for: stall)
            return Response(status: .gatewayTimeout)
        }
        var headers = HTTPFields()
        for (name, value) in answer.headers where !Self.hopByHop.contains(name.lowercased()) {
            if let fieldName = HTTPField.Name(name) { headers.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: Int(answer.status.code)), headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
