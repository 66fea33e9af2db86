#include "CMallocTuning.h"

#include <stdlib.h> /* defines __GLIBC__ under glibc */

static int limited = 0;

#if defined(__GLIBC__)
#include <malloc.h>

__attribute__((constructor)) static void limit_malloc_arenas(void) {
	limited = mallopt(M_ARENA_MAX, 1) == 1;
}
#endif

int dsync_malloc_arenas_limited(void) {
	return limited;
}
