import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SCIM

/// The internal API peers call (`Federation`): what this deployment knows
/// of some addresses. Signed requests only; not under /scim/v2 and not
/// reachable with a SCIM token.
struct PeerRoutes {
    let store: any DirectoryStore
    let federation: Federation

    func add(to router: Router<DirectoryRequestContext>) {
        router.post(RouterPath(stringLiteral: String(PeerClient.path.dropFirst()))) { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let body = Array(buffer.readableBytesView)
            guard PeerSignature.verify(
                request.headers[HTTPField.Name(PeerSignature.header)!], secret: federation.secret, method: "POST", path: PeerClient.path,
                body: body, at: Date()
            ) else {
                return Self.json(["error": "the request is not signed with this installation's peer secret"], status: .unauthorized)
            }
            guard let json = try? JSON(parsing: body), case .array(let values)? = json["keys"], let peer = json["from"]?.stringValue else {
                return Self.json(["error": "expected {\"from\": ID, \"keys\": [...]}"], status: .badRequest)
            }
            let keys = values.compactMap(\.stringValue)
            let now = Timestamps.milliseconds(Date())
            let staleBefore = now - Int64(AddressGuard.reservationLifetime * 1000)
            var addresses = JSONObject()
            for (key, state) in try await store.answerPeer(keys, peer: peer, at: now, staleBefore: staleBefore) {
                switch state {
                case .held: addresses[key] = ["state": "held"]
                case .free: addresses[key] = ["state": "free"]
                case .pending(let claimedAt): addresses[key] = ["state": "pending", "claimedAt": .number(Double(claimedAt))]
                }
            }
            return Self.json(["deployment": .string(federation.deployment), "addresses": .object(addresses)])
        }
    }

    static func json(_ json: JSON, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: json.serialized())))
    }
}
