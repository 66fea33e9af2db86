import PostgresNIO

/// Each transaction first takes a transaction-level advisory lock per
/// address (sorted, so two never wait on each other in a cycle): a
/// reservation and an answer for one address run one after the other, in
/// any number of processes.
extension PostgresDirectoryStore {
    public func reserveAddresses(_ keys: [String], reservationID: String, claimedAt: Int64, staleBefore: Int64) async throws -> Set<String> {
        try await transaction { connection in
            try await Self.lockAddresses(connection, keys, logger: logger)
            var promised = Set<String>()
            for key in keys {
                try await connection.query("""
                    INSERT INTO address_reservations (email_key, reservation_id, claimed_at) VALUES (\(key), \(reservationID), \(claimedAt))
                    """, logger: logger)
                let rows = try await connection.query("""
                    SELECT email_key FROM address_reservations
                    WHERE email_key = \(key) AND reservation_id LIKE 'promise:%' AND claimed_at >= \(staleBefore) LIMIT 1
                    """, logger: logger)
                for try await _ in rows.decode(String.self) { promised.insert(key) }
            }
            return promised
        }
    }

    public func releaseAddresses(reservationID: String) async throws {
        try await client.query("DELETE FROM address_reservations WHERE reservation_id = \(reservationID)", logger: logger)
    }

    public func answerPeer(_ keys: [String], peer: String, at now: Int64, staleBefore: Int64) async throws -> [String: AddressState] {
        try await transaction { connection in
            try await Self.lockAddresses(connection, keys, logger: logger)
            try await connection.query("DELETE FROM address_reservations WHERE claimed_at < \(staleBefore)", logger: logger)
            let promise = AddressPromise.reservationID(peer: peer)
            var states: [String: AddressState] = [:]
            for key in keys {
                var held = false
                for try await _ in try await connection.query(
                    "SELECT email_key FROM user_emails WHERE email_key = \(key)", logger: logger
                ).decode(String.self) { held = true }
                if held {
                    states[key] = .held
                    continue
                }
                var claimedAt: Int64?
                let rows = try await connection.query(
                    "SELECT min(claimed_at) FROM address_reservations WHERE email_key = \(key) AND reservation_id <> \(promise)", logger: logger
                )
                for try await value in rows.decode(Int64?.self) { claimedAt = value }
                if let claimedAt {
                    states[key] = .pending(claimedAt: claimedAt)
                } else {
                    states[key] = .free
                    try await connection.query("""
                        INSERT INTO address_reservations (email_key, reservation_id, claimed_at) VALUES (\(key), \(promise), \(now))
                        ON CONFLICT (email_key, reservation_id) DO UPDATE SET claimed_at = EXCLUDED.claimed_at
                        """, logger: logger)
                }
            }
            return states
        }
    }

    private static func lockAddresses(_ connection: PostgresConnection, _ keys: [String], logger: Logger) async throws {
        for key in Set(keys).sorted() {
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(key)))", logger: logger)
        }
    }
}
