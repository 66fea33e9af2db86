import Crypto
import Foundation

/// Authenticates requests between deployments: `X-Directoryd-Signature:
/// t=UNIX_SECONDS,v1=HEX`, an HMAC-SHA256 of `t`, the method, the path and
/// the body under the installation's shared secret. A signature more than
/// five minutes off is refused, so a captured request cannot be replayed
/// later.
enum PeerSignature {
    static let header = "X-Directoryd-Signature"
    static let tolerance: TimeInterval = 300

    static func sign(secret: [UInt8], method: String, path: String, body: [UInt8], at now: Date) -> String {
        let time = Int64(now.timeIntervalSince1970)
        return "t=\(time),v1=\(mac(secret: secret, time: time, method: method, path: path, body: body))"
    }

    static func verify(_ header: String?, secret: [UInt8], method: String, path: String, body: [UInt8], at now: Date) -> Bool {
        guard let header else { return false }
        var fields: [String: String] = [:]
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let timeText = fields["t"], let time = Int64(timeText), let given = fields["v1"],
              abs(now.timeIntervalSince1970 - Double(time)) <= tolerance
        else { return false }
        let expected = mac(secret: secret, time: time, method: method, path: path, body: body)
        return OAuthService.constantTimeEqual(expected, given)
    }

    private static func mac(secret: [UInt8], time: Int64, method: String, path: String, body: [UInt8]) -> String {
        var message = Array("\(time)\n\(method)\n\(path)\n".utf8)
        message += body
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return code.map { String(format: "%02x", $0) }.joined()
    }
}
