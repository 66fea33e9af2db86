/// A query response (RFC 7644 §3.4.2), with the cursor attributes of
/// RFC 9865 §2.
///
/// `totalResults` is optional because RFC 9865 lets a cursor-paging service
/// provider omit it; `startIndex` and `itemsPerPage` are optional because
/// RFC 7644 requires them only for paged (index) responses. The resources
/// stay `JSON`: their shape depends on the resource type and on
/// `attributes`/`excludedAttributes`.
public struct SCIMListResponse: SCIMMessage, Hashable {
    public var totalResults: Int?
    public var startIndex: Int?
    public var itemsPerPage: Int?
    public var resources: [JSON]
    /// RFC 9865: present on every page but the last.
    public var nextCursor: String?
    public var previousCursor: String?

    public init(
        resources: [JSON],
        totalResults: Int? = nil,
        startIndex: Int? = nil,
        itemsPerPage: Int? = nil,
        nextCursor: String? = nil,
        previousCursor: String? = nil
    ) {
        self.resources = resources
        self.totalResults = totalResults
        self.startIndex = startIndex
        self.itemsPerPage = itemsPerPage
        self.nextCursor = nextCursor
        self.previousCursor = previousCursor
    }

    public var json: JSON {
        var object = JSONObject()
        object.set("schemas", [.string(SCIMSchemaURN.listResponse)])
        object.set("totalResults", totalResults.map { .number(Double($0)) })
        object.set("startIndex", startIndex.map { .number(Double($0)) })
        object.set("itemsPerPage", itemsPerPage.map { .number(Double($0)) })
        object.set("nextCursor", nextCursor.map(JSON.string))
        object.set("previousCursor", previousCursor.map(JSON.string))
        object.set("Resources", .array(resources))
        return .object(object)
    }

    /// The compact serialization, with the elements of `Resources` written
    /// by `writeResources` (comma-separated) instead of taken from
    /// `resources`: for resources serialized another way.
    public func serialized(writingResources writeResources: (inout [UInt8]) -> Void) -> [UInt8] {
        var empty = self
        empty.resources = []
        var output = empty.json.serialized()
        // `json` sets `Resources` last: the text ends with `[]}`.
        precondition(output.suffix(3).elementsEqual("[]}".utf8), "Resources is not the last member")
        output.removeLast(2)
        writeResources(&output)
        output.append(contentsOf: "]}".utf8)
        return output
    }

    /// Reads `Resources` in any case and reads a missing one as empty
    /// (RFC 7644 §3.4.2 requires it only when there are results).
    public init(json: JSON) throws(SCIMDecodingError) {
        let reader = try SCIMMessageReader(json, message: "ListResponse")
        try reader.expectSchema(SCIMSchemaURN.listResponse)
        totalResults = try reader.int("totalResults")
        startIndex = try reader.int("startIndex")
        itemsPerPage = try reader.int("itemsPerPage")
        nextCursor = try reader.string("nextCursor")
        previousCursor = try reader.string("previousCursor")
        resources = try reader.array("Resources") ?? []
    }
}
