import Synchronization

/// A table lists read from, with the SQL text of each query shape built
/// once: a lookup by userName used to rebuild the same text with string
/// interpolation on every request. The shapes are few (five equalities or
/// none × five sort columns × two directions × cursor or not × page or all).
final class SQLiteListTable: Sendable {
    let name: String
    let columns: String
    let nameKeyColumn: String
    private let built = Mutex<[SQLiteListShape: SQLiteListStatements]>([:])

    init(name: String, columns: String = "*", nameKeyColumn: String) {
        self.name = name
        self.columns = columns
        self.nameKeyColumn = nameKeyColumn
    }

    /// The statements of `query`'s shape, built on first use.
    func statements(_ query: ResourceQuery) -> SQLiteListStatements {
        let shape = SQLiteListShape(query)
        if let known = built.withLock({ $0[shape] }) { return known }
        let statements = SQLiteListStatements(table: self, shape: shape)
        built.withLock { $0[shape] = statements }
        return statements
    }
}

/// What the SQL text of a list query depends on, besides its table.
struct SQLiteListShape: Hashable, Sendable {
    enum Equality: Hashable, Sendable {
        case nameKey, externalID, id, emailKey, member
    }

    var equality: Equality?
    var sort: ResourceQuery.SortColumn
    var ascending: Bool
    var afterPosition: Bool
    var paged: Bool

    init(_ query: ResourceQuery) {
        switch query.equality {
        case .nameKey?: equality = .nameKey
        case .externalID?: equality = .externalID
        case .id?: equality = .id
        case .emailKey?: equality = .emailKey
        case .member?: equality = .member
        case nil: equality = nil
        }
        sort = query.sort
        ascending = query.ascending
        afterPosition = query.after != nil
        paged = query.count != nil
    }
}

/// The statements of one shape: the page (or all rows) and the count.
/// Arguments, in order: the organization id, the equality's value if any,
/// the position's key, key again and id if any, then count and offset if
/// paged; the count takes the first two only.
struct SQLiteListStatements: Sendable {
    let select: String
    let count: String

    init(table: SQLiteListTable, shape: SQLiteListShape) {
        var condition = "organization_id = ?"
        switch shape.equality {
        case .nameKey?: condition += " AND \(table.nameKeyColumn) = ?"
        case .externalID?: condition += " AND external_id = ?"
        case .id?: condition += " AND id = ?"
        case .emailKey?: condition += " AND id IN (SELECT user_id FROM user_emails WHERE email_key = ?)"
        case .member?:
            // The member's id, a user's or a group's, as its membership key.
            condition += """
                 AND seq IN (SELECT m.group_seq FROM (SELECT ? AS value) AS given JOIN group_members m
                   ON m.member IN (SELECT seq FROM users WHERE id = given.value UNION ALL SELECT -seq FROM groups WHERE id = given.value))
                """
        case nil: break
        }
        // The count is of every match, before the cursor position.
        count = "SELECT count(*) FROM \(table.name) WHERE \(condition)"
        let column = ListSQL.sortExpression(shape.sort, nameKeyColumn: table.nameKeyColumn)
        let direction = shape.ascending ? "ASC" : "DESC"
        if shape.afterPosition {
            let comparison = shape.ascending ? ">" : "<"
            condition += " AND (\(column) \(comparison) ? OR (\(column) = ? AND id \(comparison) ?))"
        }
        let order = ListSQL.orderBy(column, direction: direction)
        if shape.paged {
            // The page's rows are found in the index alone (which holds the
            // rowid), so an offset skips index entries, not table rows.
            select = """
                SELECT \(table.columns) FROM \(table.name) WHERE rowid IN
                  (SELECT rowid FROM \(table.name) WHERE \(condition) ORDER BY \(order) LIMIT ? OFFSET ?)
                ORDER BY \(order)
                """
        } else {
            select = "SELECT \(table.columns) FROM \(table.name) WHERE \(condition) ORDER BY \(order)"
        }
    }
}
