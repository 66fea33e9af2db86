#include "CSQLiteTuning.h"

#include <sqlite3.h>

static int statistics_off = 0;

/* https://sqlite.org/c3ref/config.html: "sqlite3_config() … must be invoked
 * prior to library initialization"; SQLITE_CONFIG_MEMSTATUS at
 * https://sqlite.org/c3ref/c_config_covering_index_scan.html. */
__attribute__((constructor)) static void turn_memory_statistics_off(void) {
	statistics_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

int directorysync_sqlite_memory_statistics_off(void) {
	return statistics_off;
}
