import Foundation
import SCIM

/// A list request of `/Users` or `/Groups` (RFC 7644 §3.4.2), from a GET
/// query string or a POST `.search` body (§3.4.3), checked once.
struct ListRequest {
    enum Paging {
        /// startIndex / count (RFC 7644 §3.4.2.4).
        case index(startIndex: Int)
        /// RFC 9865: the first page (an empty `cursor`) or a later one.
        case cursor(ListCursor?)
    }

    var filter: SCIMFilter?
    var sortBy: SCIMAttributePath?
    var ascending: Bool
    var count: Int
    var paging: Paging
    var projection: AttributeProjection
    /// The filter and sortBy as given, for the digest.
    private var filterText: String?
    private var sortByText: String?

    /// The digest a cursor of this query carries (computed only for
    /// cursors, not for every lookup).
    var queryDigest: String {
        ListCursor.digest(filter: filterText, sortBy: sortByText, ascending: ascending)
    }

    static let defaultCount = 100
    static let maximumCount = 1000

    init(_ search: SCIMSearchRequest, now: Date) throws {
        do {
            filter = try search.parsedFilter()
        } catch {
            throw DirectoryError.scim(SCIMError(status: 400, scimType: .invalidFilter, detail: "\(error)"))
        }
        if let sortBy = search.sortBy, !sortBy.isEmpty {
            do { self.sortBy = try SCIMAttributePath(parsing: sortBy) } catch {
                throw DirectoryError.scim(SCIMError(status: 400, scimType: .invalidValue, detail: "sortBy \"\(sortBy)\" is not an attribute path: \(error)"))
            }
        }
        // RFC 7644 §3.4.2.3: ascending unless told otherwise.
        ascending = search.sortOrder != .descending
        if let requested = search.count, requested > Self.maximumCount, search.cursor != nil {
            throw DirectoryError.scim(SCIMError(status: 400, scimType: .invalidValue, detail: "count \(requested) is above the maximum page size \(Self.maximumCount)"))
        }
        count = search.effectiveCount(default: Self.defaultCount, maximum: Self.maximumCount)
        filterText = search.filter
        sortByText = search.sortBy
        if let cursor = search.cursor {
            guard search.startIndex == nil else {
                throw DirectoryError.scim(SCIMError(status: 400, scimType: .invalidValue, detail: "give either startIndex or cursor, not both"))
            }
            paging = .cursor(cursor.isEmpty ? nil : try ListCursor.decode(cursor, query: ListCursor.digest(filter: search.filter, sortBy: search.sortBy, ascending: ascending), now: now))
        } else {
            paging = .index(startIndex: search.effectiveStartIndex)
        }
        projection = try AttributeProjection(
            attributes: search.attributes?.joined(separator: ","), excludedAttributes: search.excludedAttributes?.joined(separator: ",")
        )
    }

    /// The GET form: query parameters, percent-decoded.
    init(query: [(name: String, value: String)], now: Date) throws {
        let search: SCIMSearchRequest
        do { search = try SCIMSearchRequest(query: query) } catch {
            throw DirectoryError.scim(SCIMError(status: 400, scimType: .invalidValue, detail: "\(error)"))
        }
        try self.init(search, now: now)
    }
}
