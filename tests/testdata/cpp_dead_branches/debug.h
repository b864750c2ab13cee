/* Debug switches of the vendored entropy coder. */
#ifndef HISTSRV_DEBUG_H
#define HISTSRV_DEBUG_H

#include <stdio.h>

/* 0: release, 1: assertions, 2: logs on stderr, 3+: verbose. */
#define DEBUGLEVEL 0

#if DEBUGLEVEL >= 2
#  define DEBUGLOG(...) fprintf(stderr, __VA_ARGS__)
#else
#  define DEBUGLOG(...) do { } while (0)
#endif

#endif /* HISTSRV_DEBUG_H */
