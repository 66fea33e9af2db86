import Crypto
import Foundation
import SCIM

/// An RFC 9865 cursor: opaque to clients, it says where the previous page
/// ended (the last resource's sort key and id, or an offset for orders the
/// store cannot index) and which query it belongs to. It holds no secret
/// and grants nothing: the organization still comes from the token.
struct ListCursor: Codable, Hashable {
    enum Position: Codable, Hashable {
        case after(ResourceQuery.Position)
        case offset(Int)
    }

    var position: Position
    /// A digest of the filter and the order; a cursor used with another
    /// query is `invalidCursor`.
    var query: String
    /// When the cursor was made (ms since 1970), for `expiredCursor`.
    var issued: Int64

    /// How long a cursor stays valid (advertised as `cursorTimeout`).
    static let lifetime: TimeInterval = 3600

    static func digest(filter: String?, sortBy: String?, ascending: Bool) -> String {
        let text = [filter ?? "", sortBy ?? "", ascending ? "a" : "d"].joined(separator: "\u{0}")
        let hex = Array("0123456789abcdef".utf8)
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        for byte in SHA256.hash(data: Array(text.utf8)).prefix(12) {
            digits.append(hex[Int(byte >> 4)])
            digits.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: digits, as: UTF8.self)
    }

    func encoded() -> String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a cursor a client sent back (RFC 9865 §2.2 errors).
    static func decode(_ text: String, query: String, now: Date) throws(DirectoryError) -> ListCursor {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(ListCursor.self, from: data) else {
            throw .scim(SCIMError(status: 400, scimType: .invalidCursor, detail: "the cursor is not one this server issued"))
        }
        guard cursor.query == query else {
            throw .scim(SCIMError(status: 400, scimType: .invalidCursor, detail: "the cursor belongs to a query with another filter or order"))
        }
        if Double(Timestamps.milliseconds(now) - cursor.issued) / 1000 > lifetime {
            throw .scim(SCIMError(status: 400, scimType: .expiredCursor, detail: "the cursor is older than \(Int(lifetime)) seconds; start again without one"))
        }
        return cursor
    }
}
