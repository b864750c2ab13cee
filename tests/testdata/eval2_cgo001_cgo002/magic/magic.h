#ifndef GOMAGIC_H
#define GOMAGIC_H

#include <stddef.h>

typedef struct magic_set magic_set;

magic_set* magic_open(int flags);
void magic_close(magic_set* m);
int magic_load(magic_set* m, const char* db);
const char* magic_error(magic_set* m);

/* The result points into m and is overwritten by the next call. */
const char* magic_file(magic_set* m, const char* path);
const char* magic_buffer(magic_set* m, const void* buf, size_t n);

/* Returns a heap copy that the caller releases with magic_string_free. */
char* magic_describe_dup(magic_set* m, const char* path);
void magic_string_free(char* s);

/* Takes ownership of path; it is kept until the next call. */
void magic_set_default_db(char* path);

#endif
