#ifndef CMALLOC_TUNING_H
#define CMALLOC_TUNING_H

/* dsync's glibc malloc settings, set by a constructor in MallocTuning.c when
 * the program loads: glibc fixes the arena limit when the first thread past
 * the main one allocates, and Swift's async `main` already runs on such a
 * thread.
 *
 * Up to DSYNC_MALLOC_ARENAS arenas: the threads that allocate most at once
 * (the event loop sending requests, the planner, the read's object builder,
 * the state database's writer) each get one, instead of waiting on one
 * arena's lock and carving chunks out of what another thread freed. Memory
 * freed in one arena is not reused by another's threads, so the program gives
 * it back with dsync_malloc_return_freed() (malloc_trim) after every fourth
 * window of a run and each large release. */
#define DSYNC_MALLOC_ARENAS 8

/* Whether the settings were applied (0 where the C library is not glibc:
 * nothing to tune). */
int dsync_malloc_tuned(void);

/* Gives the memory every arena holds free back to the system
 * (malloc_trim(0)); nothing where the C library is not glibc. */
void dsync_malloc_return_freed(void);

#endif
