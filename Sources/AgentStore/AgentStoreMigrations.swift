import Foundation
import GRDB
import SyncEngine

/// The agent's SQLite schema. Migrations never change once shipped: a
/// change is a new migration appended here.
enum AgentStoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: links, members, counts, watermarks, runs, results, retries, intents") { db in
            try db.execute(sql: """
                CREATE TABLE links (
                    anchor TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    target_id TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    mapping_version TEXT NOT NULL,
                    field_hashes TEXT NOT NULL,
                    active INTEGER NOT NULL,
                    unique_keys TEXT NOT NULL,
                    missing_in_target INTEGER NOT NULL,
                    source_deleted_at REAL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX links_source_deleted_at ON links(source_deleted_at) WHERE source_deleted_at IS NOT NULL;
                CREATE TABLE members_written (
                    group_anchor TEXT NOT NULL,
                    member_anchor TEXT NOT NULL,
                    PRIMARY KEY (group_anchor, member_anchor)
                ) WITHOUT ROWID;
                CREATE TABLE base_dn_counts (
                    base_dn TEXT PRIMARY KEY NOT NULL,
                    count INTEGER NOT NULL
                );
                CREATE TABLE watermarks (
                    source TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    mode TEXT NOT NULL CHECK (mode IN ('plan', 'sync')),
                    started_at REAL NOT NULL,
                    ended_at REAL,
                    counts_by_action TEXT NOT NULL DEFAULT '{}',
                    counts_by_condition TEXT NOT NULL DEFAULT '{}',
                    outcome TEXT
                );
                CREATE INDEX runs_started_at ON runs(started_at);
                CREATE TABLE object_results (
                    id INTEGER PRIMARY KEY,
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    anchor TEXT NOT NULL,
                    kind TEXT,
                    action TEXT NOT NULL,
                    code TEXT,
                    attribute TEXT,
                    value TEXT,
                    request_id TEXT,
                    detail TEXT,
                    failed INTEGER NOT NULL
                );
                CREATE INDEX object_results_run ON object_results(run_id, anchor);
                CREATE TABLE retry_queue (
                    anchor TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    queued_at REAL NOT NULL
                );
                CREATE TABLE intents (
                    id TEXT PRIMARY KEY NOT NULL,
                    operation TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    anchor TEXT NOT NULL,
                    target_id TEXT,
                    created_at REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: links.source_digest") { db in
            // Empty for links written before: their objects are mapped once
            // more, then settled.
            try db.execute(sql: "ALTER TABLE links ADD COLUMN source_digest TEXT NOT NULL DEFAULT ''")
        }
        migrator.registerMigration("v3: the journal, a row per window") { db in
            // An intent a crashed run of an earlier version left becomes an
            // entry of its own, in `AgentStore.encode`'s form.
            try db.execute(sql: """
                CREATE TABLE journal (
                    id TEXT PRIMARY KEY NOT NULL,
                    intents TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                INSERT INTO journal (id, intents, created_at)
                    SELECT id, json_array(json_array(operation, kind, anchor, target_id)), created_at FROM intents;
                DROP TABLE intents;
                """)
        }
        migrator.registerMigration("v4: object_results by run and id") { db in
            // Results are read by run in id order; an index by run and anchor
            // took every insert to a random place in it, so each window's
            // transaction wrote most of the index's pages to the WAL again
            // (10 MB of index at 100,000 results).
            try db.execute(sql: """
                DROP INDEX object_results_run;
                CREATE INDEX object_results_run_id ON object_results(run_id, id);
                """)
        }
        migrator.registerMigration("v5: members written, a row per group") { db in
            try db.execute(sql: "CREATE TABLE group_members_written (group_anchor TEXT PRIMARY KEY NOT NULL, members BLOB NOT NULL)")
            var members: [String: Set<Anchor>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT group_anchor, member_anchor FROM members_written") {
                members[row[0], default: []].insert(Anchor(row[1] as String))
            }
            for (group, anchors) in members {
                try db.execute(
                    sql: "INSERT INTO group_members_written (group_anchor, members) VALUES (?, ?)",
                    arguments: [group, Data(StoredMembers(anchors).bytes)])
            }
            try db.execute(sql: "DROP TABLE members_written")
        }
        migrator.registerMigration("v6: names of links and results") { db in
            // Links written before are named at their next rename; until
            // then a user is named by the userName among its unique keys.
            try db.execute(sql: """
                ALTER TABLE links ADD COLUMN name TEXT NOT NULL DEFAULT '';
                ALTER TABLE object_results ADD COLUMN name TEXT;
                """)
        }
        return migrator
    }
}
