import GRDB
import SCIM

/// The seats of the organizations a batch of creates touches, counted in
/// memory inside the batch's write transaction and written back once at
/// its end: one UPDATE per organization instead of one per user.
///
/// Exact because SQLite has one writer: from the read at the first user
/// to the write-back, no other transaction can change `seats_used`. The
/// rule is the counter's (`seats_used < seat_limit` before each seat taken).
struct SeatLedger {
    private var seats: [String: (used: Int, limit: Int, start: Int)] = [:]

    /// Checks that `organizationID` has a free seat; `commit` takes it once
    /// the user is written.
    func check(_ db: Database, organizationID: String) throws -> (used: Int, limit: Int) {
        if let known = seats[organizationID] {
            guard known.used < known.limit else { throw Self.full(known.limit) }
            return (known.used, known.limit)
        }
        let row = try Row.fetchOne(cached: db, sql: "SELECT seats_used, seat_limit FROM organizations WHERE id = ?", arguments: [organizationID])
        let used: Int = row?[0] ?? 0
        let limit: Int = row?[1] ?? 0
        guard used < limit else { throw Self.full(limit) }
        return (used, limit)
    }

    mutating func take(organizationID: String, counted: (used: Int, limit: Int)) {
        let start = seats[organizationID]?.start ?? counted.used
        seats[organizationID] = (counted.used + 1, counted.limit, start)
    }

    /// Writes the counters that changed.
    func write(_ db: Database) throws {
        for (organizationID, seat) in seats where seat.used != seat.start {
            try db.executeCached(sql: "UPDATE organizations SET seats_used = ? WHERE id = ?", arguments: [seat.used, organizationID])
        }
    }

    static func full(_ limit: Int) -> DirectoryError {
        .rule(.planLimit, attribute: "active", detail: "the organization's plan allows \(limit) active users, and all seats are taken")
    }
}
