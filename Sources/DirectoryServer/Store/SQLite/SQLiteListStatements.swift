import Synchronization

/// The SQL text of a list query, built once per shape: the table, which
/// equality, the order, a cursor position or not, a page or all rows. A
/// lookup by userName used to rebuild the same text with string
/// interpolation on every request; the shapes are few (a handful of
/// equalities × five sort columns × two directions × cursor × page).
struct SQLiteListShape: Hashable, Sendable {
    enum Equality: Hashable, Sendable {
        case nameKey, externalID, id, emailKey, member
    }

    var table: String
    var columns: String
    var nameKeyColumn: String
    var equality: Equality?
    var sort: ResourceQuery.SortColumn
    var ascending: Bool
    var afterPosition: Bool
    var paged: Bool

    init(table: String, columns: String, nameKeyColumn: String, query: ResourceQuery) {
        self.table = table
        self.columns = columns
        self.nameKeyColumn = nameKeyColumn
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

    init(_ shape: SQLiteListShape) {
        var condition = "organization_id = ?"
        switch shape.equality {
        case .nameKey?: condition += " AND \(shape.nameKeyColumn) = ?"
        case .externalID?: condition += " AND external_id = ?"
        case .id?: condition += " AND id = ?"
        case .emailKey?: condition += " AND id IN (SELECT user_id FROM user_emails WHERE email_key = ?)"
        case .member?: condition += " AND id IN (SELECT group_id FROM group_members WHERE member_id = ?)"
        case nil: break
        }
        // The count is of every match, before the cursor position.
        count = "SELECT count(*) FROM \(shape.table) WHERE \(condition)"
        let column = ListSQL.sortExpression(shape.sort, nameKeyColumn: shape.nameKeyColumn)
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
                SELECT \(shape.columns) FROM \(shape.table) WHERE rowid IN
                  (SELECT rowid FROM \(shape.table) WHERE \(condition) ORDER BY \(order) LIMIT ? OFFSET ?)
                ORDER BY \(order)
                """
        } else {
            select = "SELECT \(shape.columns) FROM \(shape.table) WHERE \(condition) ORDER BY \(order)"
        }
    }

    private static let built = Mutex<[SQLiteListShape: SQLiteListStatements]>([:])

    /// The statements of `shape`, built on first use.
    static func of(_ shape: SQLiteListShape) -> SQLiteListStatements {
        if let known = built.withLock({ $0[shape] }) { return known }
        let statements = SQLiteListStatements(shape)
        built.withLock { $0[shape] = statements }
        return statements
    }
}
