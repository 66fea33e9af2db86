#ifndef CMALLOC_TUNING_H
#define CMALLOC_TUNING_H

/* dsync runs with one glibc malloc arena (mallopt(M_ARENA_MAX, 1)), set by
 * a constructor in MallocTuning.c when the program loads: glibc fixes the
 * arena limit when the first thread past the main one allocates, and Swift's
 * async `main` already runs on such a thread. Returns whether the limit was
 * set (0 where the C library is not glibc: nothing to tune). */
int dsync_malloc_arenas_limited(void);

#endif
