import GRDB

/// SQLite has one writer: each of these write transactions runs alone.
extension SQLiteDirectoryStore {
    public func reserveAddresses(_ keys: [String], reservationID: String, claimedAt: Int64, staleBefore: Int64) async throws -> Set<String> {
        try await pool.write { db in
            var promised = Set<String>()
            for key in keys {
                try db.execute(
                    sql: "INSERT INTO address_reservations (email_key, reservation_id, claimed_at) VALUES (?, ?, ?)",
                    arguments: [key, reservationID, claimedAt]
                )
                if try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM address_reservations WHERE email_key = ? AND reservation_id LIKE 'promise:%' AND claimed_at >= ?",
                    arguments: [key, staleBefore]
                ) == true {
                    promised.insert(key)
                }
            }
            return promised
        }
    }

    public func releaseAddresses(reservationID: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM address_reservations WHERE reservation_id = ?", arguments: [reservationID])
        }
    }

    public func answerPeer(_ keys: [String], peer: String, at now: Int64, staleBefore: Int64) async throws -> [String: AddressState] {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM address_reservations WHERE claimed_at < ?", arguments: [staleBefore])
            var states: [String: AddressState] = [:]
            for key in keys {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM user_emails WHERE email_key = ?", arguments: [key]) == true {
                    states[key] = .held
                } else if let claimedAt = try Int64.fetchOne(
                    db, sql: "SELECT min(claimed_at) FROM address_reservations WHERE email_key = ? AND reservation_id <> ?",
                    arguments: [key, AddressPromise.reservationID(peer: peer)]
                ) {
                    states[key] = .pending(claimedAt: claimedAt)
                } else {
                    states[key] = .free
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO address_reservations (email_key, reservation_id, claimed_at) VALUES (?, ?, ?)",
                        arguments: [key, AddressPromise.reservationID(peer: peer), now]
                    )
                }
            }
            return states
        }
    }
}
