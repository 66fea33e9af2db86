import Foundation
import SCIM

/// Answers a list request for one resource type: in the store when the
/// filter is an indexed equality (or absent) and the order is a stored
/// column; otherwise over the candidates an index narrows down (or all the
/// organization's resources), filtered, sorted and paged in memory.
struct ResourceListing<Resource: StoredResource> {
    /// userName or displayName: equality on it uses the name key index.
    let nameAttribute: String
    let schema: String
    let fetch: (ResourceQuery) async throws -> (total: Int, resources: [Resource])
    /// The full resource, to evaluate filters and sort keys on.
    let json: (Resource) async throws -> JSON
    /// Multi-valued attributes whose `value` has an index of its own
    /// (`emails` for users, `members` for groups).
    let indexedValues: [String: (String) -> ResourceQuery.Equality]

    struct Page {
        var resources: [Resource]
        var total: Int
        var startIndex: Int?
        var nextCursor: String?
    }

    func list(_ request: ListRequest, now: Date) async throws -> Page {
        let equality = request.filter.flatMap(indexedEquality)
        let column = request.sortBy.map(sortColumn) ?? .id
        let storeAnswers = (request.filter == nil || isExactlyIndexed(request.filter)) && column != nil
        if storeAnswers, let column, !Self.isOffsetCursor(request.paging) {
            return try await listInStore(request, equality: equality, column: column, now: now)
        }
        return try await listInMemory(request, equality: equality, now: now)
    }

    private func listInStore(_ request: ListRequest, equality: ResourceQuery.Equality?, column: ResourceQuery.SortColumn, now: Date) async throws -> Page {
        var query = ResourceQuery(equality: equality, sort: column, ascending: request.ascending, count: request.count)
        switch request.paging {
        case .index(let startIndex):
            query.startIndex = startIndex
            let (total, resources) = try await fetch(query)
            return Page(resources: resources, total: total, startIndex: startIndex)
        case .cursor(let cursor):
            if case .after(let position)? = cursor?.position { query.after = position }
            query.count = request.count + 1
            var (total, resources) = try await fetch(query)
            var next: String?
            if resources.count > request.count {
                resources.removeLast(resources.count - request.count)
                if let last = resources.last {
                    let position = ResourceQuery.Position(key: last.sortKey(column), id: last.id)
                    next = ListCursor(position: .after(position), query: request.queryDigest, issued: Timestamps.milliseconds(now)).encoded()
                }
            }
            return Page(resources: resources, total: total, nextCursor: next)
        }
    }

    private func listInMemory(_ request: ListRequest, equality: ResourceQuery.Equality?, now: Date) async throws -> Page {
        let (_, candidates) = try await fetch(ResourceQuery(equality: equality))
        var matching: [(resource: Resource, key: SortValue)] = []
        for resource in candidates {
            let document = try await json(resource)
            if let filter = request.filter, !filter.matches(document) { continue }
            matching.append((resource, request.sortBy.map { SortValue(document, $0) } ?? .string(resource.id)))
        }
        let ascending = request.ascending
        matching.sort { a, b in
            if a.key != b.key { return ascending ? a.key < b.key : b.key < a.key }
            return ascending ? a.resource.id < b.resource.id : b.resource.id < a.resource.id
        }
        let offset: Int
        switch request.paging {
        case .index(let startIndex): offset = startIndex - 1
        case .cursor(let cursor):
            if case .offset(let value)? = cursor?.position { offset = value } else { offset = 0 }
        }
        let page = Array(matching.dropFirst(offset).prefix(request.count).map(\.resource))
        switch request.paging {
        case .index(let startIndex):
            return Page(resources: page, total: matching.count, startIndex: startIndex)
        case .cursor:
            let end = offset + page.count
            let next = end < matching.count
                ? ListCursor(position: .offset(end), query: request.queryDigest, issued: Timestamps.milliseconds(now)).encoded() : nil
            return Page(resources: page, total: matching.count, nextCursor: next)
        }
    }

    /// An equality an index answers, alone or as one side of an `and`.
    func indexedEquality(_ filter: SCIMFilter) -> ResourceQuery.Equality? {
        switch filter {
        case .and(let operands):
            return operands.lazy.compactMap(indexedEquality).first
        case .comparison(let path, .eq, .string(let value)):
            guard path.schema == nil || path.schema?.caseInsensitiveEquals(schema) == true else { return nil }
            let name = path.name.lowercased()
            if let sub = path.subAttribute {
                guard sub.lowercased() == "value" else { return nil }
                return indexedValues[name].map { $0(value) }
            }
            switch name {
            case nameAttribute.lowercased(): return .nameKey(SCIMCaseFolding.key(value))
            case "externalid": return .externalID(value)
            case "id": return .id(value)
            default: return indexedValues[name].map { $0(value) }
            }
        case .valuePath(let path, .comparison(let inner, .eq, .string(let value))) where inner.name.lowercased() == "value":
            return indexedValues[path.name.lowercased()].map { $0(value) }
        default:
            return nil
        }
    }

    /// Whether the store's equality is the whole filter (no re-check needed).
    private func isExactlyIndexed(_ filter: SCIMFilter?) -> Bool {
        guard let filter, case .comparison(let path, .eq, .string) = filter, path.subAttribute == nil else { return false }
        switch indexedEquality(filter) {
        case .nameKey?, .externalID?, .id?: return true
        default: return false
        }
    }

    /// The stored column a `sortBy` names, if any.
    private func sortColumn(_ path: SCIMAttributePath) -> ResourceQuery.SortColumn? {
        guard path.schema == nil || path.schema?.caseInsensitiveEquals(schema) == true else { return nil }
        switch (path.name.lowercased(), path.subAttribute?.lowercased()) {
        case ("id", nil): return .id
        case (nameAttribute.lowercased(), nil): return .name
        case ("externalid", nil): return .externalID
        case ("meta", "created"): return .created
        case ("meta", "lastmodified"): return .lastModified
        default: return nil
        }
    }

    private static func isOffsetCursor(_ paging: ListRequest.Paging) -> Bool {
        if case .cursor(let cursor?) = paging, case .offset = cursor.position { return true }
        return false
    }
}

extension SCIMListResponse {
    /// The answer to a list request: `page` with its resources as `resources`.
    init<Resource>(_ page: ResourceListing<Resource>.Page, resources: [JSON]) {
        self.init(
            resources: resources, totalResults: page.total, startIndex: page.startIndex, itemsPerPage: page.resources.count,
            nextCursor: page.nextCursor
        )
    }
}

/// What the store orders users and groups by, for a cursor's position.
protocol StoredResource: Sendable {
    var id: String { get }
    /// The case-folded key of userName or displayName.
    var nameKey: String { get }
    var externalID: String? { get }
    var created: Date { get }
    var lastModified: Date { get }
}

extension StoredResource {
    /// The value the store orders `column` by (`ListSQL.sortExpression`).
    func sortKey(_ column: ResourceQuery.SortColumn) -> String {
        switch column {
        case .id: id
        case .name: nameKey
        case .externalID: externalID ?? ""
        case .created: Timestamps.format(created)
        case .lastModified: Timestamps.format(lastModified)
        }
    }
}

extension StoredUser: StoredResource {
    var nameKey: String { userNameKey }
}

extension ListedUser: StoredResource {
    /// Computed only for a cursor's position: most lists never need it.
    var nameKey: String { SCIMCaseFolding.key(userName) }
}

extension StoredGroup: StoredResource {
    var nameKey: String { displayNameKey }
}

/// A sort key taken from a resource (RFC 7644 §3.4.2.3): of a multi-valued
/// attribute, the primary value or else the first; strings compare by
/// their case-folded key; a resource without the attribute sorts last when
/// ascending.
enum SortValue: Comparable {
    case bool(Bool)
    case number(Double)
    case string(String)
    case missing

    private var rank: Int {
        switch self {
        case .bool: 0
        case .number: 1
        case .string: 2
        case .missing: 3
        }
    }

    static func < (a: SortValue, b: SortValue) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): !x && y
        case (.number(let x), .number(let y)): x < y
        case (.string(let x), .string(let y)): x < y
        default: a.rank < b.rank
        }
    }

    init(_ document: JSON, _ path: SCIMAttributePath) {
        var value = document[path.name] ?? path.schema.flatMap { document[$0]?[path.name] }
        if case .array(let elements)? = value {
            value = elements.first { $0["primary"] == .bool(true) } ?? elements.first
        }
        if case .object? = value { value = value?[path.subAttribute ?? "value"] } else if path.subAttribute != nil { value = nil }
        switch value {
        case .string(let text)?: self = .string(SCIMCaseFolding.key(text))
        case .number(let number)?: self = .number(number)
        case .bool(let flag)?: self = .bool(flag)
        default: self = .missing
        }
    }
}
