/// The parameters of a query: the body of `POST /.search` (RFC 7644
/// §3.4.3) or the query string of a `GET` (§3.4.2), with RFC 9865's
/// `cursor`.
public struct SCIMSearchRequest: SCIMMessage, Hashable {
    /// RFC 7644 §3.4.2.3.
    public enum SortOrder: String, Sendable, Hashable {
        case ascending, descending
    }

    public var attributes: [String]?
    public var excludedAttributes: [String]?
    public var filter: String?
    public var sortBy: String?
    public var sortOrder: SortOrder?
    /// 1-based (RFC 7644 §3.4.2.4).
    public var startIndex: Int?
    public var count: Int?
    /// RFC 9865 §2: empty for the first page of a cursor-paged query.
    public var cursor: String?

    public init(
        filter: String? = nil,
        attributes: [String]? = nil,
        excludedAttributes: [String]? = nil,
        sortBy: String? = nil,
        sortOrder: SortOrder? = nil,
        startIndex: Int? = nil,
        count: Int? = nil,
        cursor: String? = nil
    ) {
        self.filter = filter
        self.attributes = attributes
        self.excludedAttributes = excludedAttributes
        self.sortBy = sortBy
        self.sortOrder = sortOrder
        self.startIndex = startIndex
        self.count = count
        self.cursor = cursor
    }

    /// The parsed filter, `nil` when there is none.
    public func parsedFilter(limits: SCIMFilter.Limits = .default) throws(SCIMSyntaxError) -> SCIMFilter? {
        guard let filter, !filter.allSatisfy({ $0 == " " }) else { return nil }
        return try SCIMFilter(parsing: filter, limits: limits)
    }

    /// `startIndex` as RFC 7644 §3.4.2.4 reads it: absent or below 1 means 1.
    public var effectiveStartIndex: Int {
        max(startIndex ?? 1, 1)
    }

    /// `count` as RFC 7644 §3.4.2.4 reads it: negative means 0, and no more
    /// than `maximum`; `defaultCount` when absent.
    public func effectiveCount(default defaultCount: Int, maximum: Int) -> Int {
        min(max(count ?? defaultCount, 0), maximum)
    }

    public var json: JSON {
        var object = JSONObject()
        object.set("schemas", [.string(SCIMSchemaURN.searchRequest)])
        object.set("attributes", attributes.map { .array($0.map(JSON.string)) })
        object.set("excludedAttributes", excludedAttributes.map { .array($0.map(JSON.string)) })
        object.set("filter", filter.map(JSON.string))
        object.set("sortBy", sortBy.map(JSON.string))
        object.set("sortOrder", sortOrder.map { .string($0.rawValue) })
        object.set("startIndex", startIndex.map { .number(Double($0)) })
        object.set("count", count.map { .number(Double($0)) })
        object.set("cursor", cursor.map(JSON.string))
        return .object(object)
    }

    public init(json: JSON) throws(SCIMDecodingError) {
        let reader = try SCIMMessageReader(json, message: "SearchRequest")
        try reader.expectSchema(SCIMSchemaURN.searchRequest)
        attributes = try reader.stringArray("attributes").map(Self.splitLists)
        excludedAttributes = try reader.stringArray("excludedAttributes").map(Self.splitLists)
        filter = try reader.string("filter")
        sortBy = try reader.string("sortBy")
        sortOrder = try Self.sortOrder(reader.string("sortOrder"), reader)
        startIndex = try reader.int("startIndex")
        count = try reader.int("count")
        cursor = try reader.string("cursor")
    }

    /// Reads URL query parameters (RFC 7644 §3.4.2), names matched
    /// case-insensitively; `attributes` and `excludedAttributes` are
    /// comma-separated (§3.4.2.5). Values are already percent-decoded.
    public init(query: [(name: String, value: String)]) throws(SCIMDecodingError) {
        var object = JSONObject()
        for (name, value) in query {
            switch ASCIICaseInsensitive.key(name) {
            case "startindex", "count":
                guard let number = Int(value) else {
                    throw SCIMDecodingError(message: "query", member: name, reason: "expected an integer")
                }
                object[name] = .number(Double(number))
            default:
                object[name] = .string(value)
            }
        }
        try self.init(json: .object(object))
    }

    private static func splitLists(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
    }

    private static func sortOrder(_ text: String?, _ reader: SCIMMessageReader) throws(SCIMDecodingError) -> SortOrder? {
        guard let text else { return nil }
        guard let order = SortOrder(rawValue: text.lowercased()) else {
            throw reader.fail("sortOrder", "expected \"ascending\" or \"descending\"")
        }
        return order
    }
}
