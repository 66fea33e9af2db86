import Foundation
import NIOHTTP1
public import SCIM

/// How a list is read page by page.
public enum SCIMPaging: Sendable, Hashable {
    /// RFC 7644 §3.4.2.4: `startIndex` and `count`.
    case index
    /// RFC 9865: an empty `cursor` for the first page, then each answer's
    /// `nextCursor` until an answer has none. A listing that changes while it
    /// is read neither skips nor repeats resources, as `startIndex` can.
    case cursor

    /// The method `/ServiceProviderConfig` advertises: cursors when RFC 9865
    /// §4's `pagination.cursor` is true, else indexes.
    public init(serviceProviderConfig config: JSON?) {
        self = config?["pagination"]?["cursor"]?.boolValue == true ? .cursor : .index
    }
}

extension SCIMClient {
    /// Every resource of `type` (matching `filter`), `pageSize` a page, with
    /// only `attributes` (RFC 7644 §3.4.2.5).
    public func list(
        _ type: SCIMResourceType, filter: String? = nil, attributes: [String] = [], pageSize: Int, paging: SCIMPaging
    ) async throws -> [JSON] {
        guard paging == .cursor else { return try await list(type, filter: filter, attributes: attributes, pageSize: pageSize) }
        var resources: [JSON] = []
        var cursor = ""
        var common = "count=\(pageSize)"
        if let filter { common += "&filter=" + Self.queryEscape(filter) }
        if !attributes.isEmpty { common += "&attributes=" + Self.queryEscape(attributes.joined(separator: ",")) }
        while true {
            let answer = try await send(.GET, "/\(type.rawValue)?\(common)&cursor=\(Self.queryEscape(cursor))")
            guard let page = answer.json else { throw SCIMClientError.malformed(detail: "no JSON body", requestID: answer.requestID) }
            resources += page["Resources"]?.arrayValue ?? []
            // RFC 9865 §3.2: no nextCursor on the last page.
            guard let next = page["nextCursor"]?.stringValue, !next.isEmpty, next != cursor else { return resources }
            cursor = next
        }
    }

    /// A query parameter's value, percent-encoded (RFC 3986 §3.4).
    static func queryEscape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+/?#\""))) ?? text
    }
}
