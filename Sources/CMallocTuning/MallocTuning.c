#include "CMallocTuning.h"

#include <stdlib.h> /* defines __GLIBC__ under glibc */

static int tuned = 0;

#if defined(__GLIBC__)
#include <malloc.h>

__attribute__((constructor)) static void tune_malloc(void) {
	tuned = mallopt(M_ARENA_MAX, DSYNC_MALLOC_ARENAS) == 1;
}

void dsync_malloc_return_freed(void) {
	malloc_trim(0);
}
#else
void dsync_malloc_return_freed(void) {}
#endif

int dsync_malloc_tuned(void) {
	return tuned;
}
