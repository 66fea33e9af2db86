#ifndef CSQLITE_TUNING_H
#define CSQLITE_TUNING_H

/* SQLite without memory statistics (SQLITE_CONFIG_MEMSTATUS off), set by a
 * constructor in SQLiteTuning.c when the program loads, before any
 * connection opens (sqlite3_config is refused once SQLite is initialized).
 *
 * With the statistics on (SQLite's default), every sqlite3_malloc and
 * sqlite3_free takes one process-wide mutex to count the bytes: threads
 * reading at the same time wait for each other on it, once per request in
 * directoryd's lookups (measured: ~0.9 futex calls per lookup). Nothing
 * here reads the statistics (sqlite3_memory_used, soft heap limits).
 *
 * Returns whether the setting was taken (0 if SQLite was already
 * initialized when the constructor ran). */
int directorysync_sqlite_memory_statistics_off(void);

#endif
