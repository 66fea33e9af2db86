public import Foundation
import GRDB
import SCIM
public import SyncEngine

extension AgentStore {
    /// The state the planner reads: every link (those of objects deleted in
    /// the source too, while they are kept), the members written per group
    /// and the base-DN counts.
    public func loadState() async throws -> SyncState {
        try await pool.read { db in
            // Cursors, not arrays of rows: 100,000 links and 400,000 members
            // written as GRDB rows all at once cost more memory than the
            // state they make.
            var state = SyncState()
            var decoder = StoredTextDecoder()
            state.links.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM links") ?? 0)
            let links = try Row.fetchCursor(db, sql: "SELECT \(LinkRow.columns) FROM links")
            while let row = try links.next() {
                state.links[(row[0] as StoredAnchor).anchor] = try LinkRow.link(from: row, decoder: &decoder)
            }
            let members = try Row.fetchCursor(db, sql: "SELECT group_anchor, members FROM group_members_written")
            while let row = try members.next() {
                state.membersWritten[(row[0] as StoredAnchor).anchor] = try Self.members(row, at: 1)
            }
            for row in try Row.fetchAll(db, sql: "SELECT base_dn, count FROM base_dn_counts") {
                state.baseDNCounts[row[0]] = row[1]
            }
            return state
        }
    }

    /// Marks links whose source object was deleted; they are kept for
    /// `retention.deletedLinks`, then purged. Upserting a link again (the
    /// object was restored) clears the mark.
    public func markSourceDeleted(_ anchors: [Anchor]) async throws {
        let time = now().timeIntervalSince1970
        try await pool.write { db in
            for anchor in anchors {
                try db.execute(
                    sql: "UPDATE links SET source_deleted_at = ? WHERE anchor = ? AND source_deleted_at IS NULL",
                    arguments: [time, anchor.rawValue])
            }
        }
    }

    /// When the source object of a link was deleted, if it was.
    public func sourceDeletedAt(_ anchor: Anchor) async throws -> Date? {
        try await pool.read { db in
            try Double.fetchOne(db, sql: "SELECT source_deleted_at FROM links WHERE anchor = ?", arguments: [anchor.rawValue])
        }.map { Date(timeIntervalSince1970: $0) }
    }

    /// Replaces the objects per base DN after a complete, trusted read
    /// (`Plan.baseDNCounts`).
    public func saveBaseDNCounts(_ counts: [String: Int]) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM base_dn_counts")
            for (baseDN, count) in counts {
                try db.execute(sql: "INSERT INTO base_dn_counts (base_dn, count) VALUES (?, ?)", arguments: [baseDN, count])
            }
        }
    }

    /// The watermark a source's next read starts after.
    public func watermark(source: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM watermarks WHERE source = ?", arguments: [source])
        }
    }

    /// Objects that failed in an earlier run: the source re-reads them.
    public func retryQueue() async throws -> [(anchor: Anchor, kind: ObjectKind, attempts: Int)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT anchor, kind, attempts FROM retry_queue ORDER BY queued_at, anchor").map { row in
                (Anchor(row[0] as String), ObjectKind(rawValue: row[1]) ?? .user, row[2] as Int)
            }
        }
    }

    /// Removes what retention no longer keeps: links of objects deleted in
    /// the source longer ago than `deletedLinks` (with the members written
    /// for them), and runs started longer ago than `runs` with their
    /// results. Returns how many links and runs went.
    @discardableResult
    public func purgeExpired() async throws -> (links: Int, runs: Int) {
        let time = now().timeIntervalSince1970
        let linkCutoff = time - retention.deletedLinks
        let runCutoff = time - retention.runs
        return try await pool.write { db in
            let expired = try String.fetchAll(
                db, sql: "SELECT anchor FROM links WHERE source_deleted_at IS NOT NULL AND source_deleted_at < ?", arguments: [linkCutoff])
            for anchor in expired {
                try db.execute(sql: "DELETE FROM links WHERE anchor = ?", arguments: [anchor])
                try db.execute(sql: "DELETE FROM group_members_written WHERE group_anchor = ?", arguments: [anchor])
            }
            if !expired.isEmpty {
                // As members, they leave every group that has them.
                let gone = Set(expired.map { Anchor($0) })
                for row in try Row.fetchAll(db, sql: "SELECT group_anchor, members FROM group_members_written") {
                    var members = try Self.members(row, at: 1)
                    guard !members.isDisjoint(with: gone) else { continue }
                    members.subtract(gone)
                    try Self.saveMembers(members, of: row[0] as String, db)
                }
            }
            try db.execute(sql: "DELETE FROM runs WHERE started_at < ?", arguments: [runCutoff])
            return (expired.count, db.changesCount)
        }
    }
}

extension AgentStore {
    /// A group's members written, from a `group_members_written.members` column.
    static func members(_ row: Row, at index: Int) throws -> Set<Anchor> {
        try row.withUnsafeData(atIndex: index) { data in
            guard let data else { return [] }
            return try data.withUnsafeBytes { try StoredMembers(decoding: $0).anchors }
        }
    }

    /// Stores a group's members written; none deletes its row.
    static func saveMembers(_ members: Set<Anchor>, of group: String, _ db: Database) throws {
        guard !members.isEmpty else {
            try db.cachedStatement(sql: "DELETE FROM group_members_written WHERE group_anchor = ?").execute(arguments: [group])
            return
        }
        var upsert = RawStatement(try db.cachedStatement(sql: """
            INSERT INTO group_members_written (group_anchor, members) VALUES (?, ?)
            ON CONFLICT(group_anchor) DO UPDATE SET members = excluded.members
            """))
        upsert.text(group)
        upsert.blob(StoredMembers(members).bytes)
        try upsert.run(db)
    }
}

/// A link as a row of `links`.
enum LinkRow {
    /// The columns `link(from:)` reads, by position (a lookup by name
    /// compares column names for every value of 100,000 rows).
    static let columns = "anchor, kind, target_id, origin, hash, mapping_version, field_hashes, active, unique_keys, missing_in_target, source_digest, name"

    static func link(from row: Row, decoder: inout StoredTextDecoder) throws -> Link {
        Link(
            kind: ObjectKind(rawValue: row[1]) ?? .user,
            targetID: row[2],
            origin: Link.Origin(rawValue: row[3]) ?? .linked,
            hash: shortened(row[4]),
            mappingVersion: decoder.share(row[5]),
            fieldHashes: try decoder.fieldHashes(row[6]),
            active: row[7],
            uniqueKeys: try decoder.list(row[8]),
            missingInTarget: row[9],
            sourceDigest: shortened(row[10]),
            name: row[11])
    }

    /// An object hash or settled digest of an earlier version (64 and 32
    /// digits) as today's 15: the same first digits, held inline.
    static func shortened(_ text: String) -> String {
        text.utf8.count > ObjectHash.objectHashLength ? String(text.prefix(ObjectHash.objectHashLength)) : text
    }

    /// The statement of `upsert`, looked up once for a window's links.
    static func upsertStatement(_ db: Database) throws -> Statement {
        try db.cachedStatement(
            sql: """
                INSERT INTO links (anchor, kind, target_id, origin, hash, mapping_version, field_hashes, active, unique_keys,
                                   missing_in_target, source_digest, name, source_deleted_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
                ON CONFLICT(anchor) DO UPDATE SET kind = excluded.kind, target_id = excluded.target_id, origin = excluded.origin,
                    hash = excluded.hash, mapping_version = excluded.mapping_version, field_hashes = excluded.field_hashes,
                    active = excluded.active, unique_keys = excluded.unique_keys, missing_in_target = excluded.missing_in_target,
                    source_digest = excluded.source_digest, name = excluded.name, source_deleted_at = NULL,
                    updated_at = excluded.updated_at
                """)
    }

    static func upsert(_ link: Link, anchor: Anchor, at time: Double, with statement: inout RawStatement, _ db: Database) throws {
        statement.text(anchor.rawValue)
        statement.text(link.kind.rawValue)
        statement.text(link.targetID)
        statement.text(link.origin.rawValue)
        statement.text(link.hash)
        statement.text(link.mappingVersion)
        statement.text(encode(link.fieldHashes))
        statement.bool(link.active)
        statement.text(encode(link.uniqueKeys))
        statement.bool(link.missingInTarget)
        statement.text(link.sourceDigest)
        statement.text(link.name)
        statement.double(time)
        try statement.run(db)
    }

    /// Field hashes as a JSON object, keys sorted (the SCIM module's
    /// serializer: Foundation's `JSONEncoder` was a tenth of a sync's CPU).
    /// Written straight to text (`JSONWriter`); names equal but for case,
    /// which a `JSONObject` folds into one member, go through one.
    static func encode(_ hashes: FieldHashes) -> String {
        let names = hashes.keys
        for (index, name) in names.enumerated() {
            for other in names[(index + 1)...] where other.utf8.count == name.utf8.count && ASCIICaseInsensitive.equal(name, other) {
                return JSON.object(JSONObject(hashes.pairs.map { ($0, JSON.string($1)) })).serializedString()
            }
        }
        var writer = JSONWriter(capacity: 32 * names.count + 2)
        writer.beginObject()
        for (name, digest) in hashes.pairs { writer.member(name, digest) }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func encode(_ values: [String]) -> String {
        var writer = JSONWriter(capacity: 48 * values.count + 2)
        writer.beginArray()
        for value in values { writer.string(value) }
        writer.endArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Counts as a JSON object, keys sorted.
    static func encode(_ counts: [String: Int]) -> String {
        JSON.object(JSONObject(counts.sorted { $0.key < $1.key }.map { ($0.key, JSON.number(Double($0.value))) })).serializedString()
    }

    static func decode<Value: Decodable>(_ text: String) throws -> Value {
        try JSONDecoder().decode(Value.self, from: Data(text.utf8))
    }

    /// A JSON object of strings, as `encode` wrote it. Read with the SCIM
    /// module's parser: Foundation's `JSONDecoder` cost more than the rest
    /// of loading 100,000 links together.
    static func decodeStrings(_ text: String) throws -> [String: String] {
        guard let object = try JSON(parsing: text).objectValue else { throw StoredValueError(text: text) }
        var values: [String: String] = [:]
        values.reserveCapacity(object.count)
        for member in object {
            guard let string = member.value.stringValue else { throw StoredValueError(text: text) }
            values[member.key] = string
        }
        return values
    }

    /// Field hashes; those of earlier versions (16 digits) compare by their
    /// first 15, today's length.
    static func decodeFieldHashes(_ text: String) throws -> [String: String] {
        var values = try decodeStrings(text)
        for (field, hash) in values where hash.utf8.count > ObjectHash.fieldHashLength {
            values[field] = String(hash.prefix(ObjectHash.fieldHashLength))
        }
        return values
    }

    /// A JSON array of strings, as `encode` wrote it.
    static func decodeList(_ text: String) throws -> [String] {
        guard let array = try JSON(parsing: text).arrayValue else { throw StoredValueError(text: text) }
        return try array.map { value in
            guard let string = value.stringValue else { throw StoredValueError(text: text) }
            return string
        }
    }
}

/// A stored value that is not what the agent wrote.
struct StoredValueError: Error, CustomStringConvertible {
    let text: String
    var description: String { "a stored value is not in the form the agent writes: \(text.prefix(80))" }
}
