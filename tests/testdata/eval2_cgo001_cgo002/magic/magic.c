#include <stdlib.h>
#include <string.h>

#include "magic.h"

struct magic_set {
	int flags;
	char result[128];
	char error[128];
};

static char* g_default_db;

magic_set* magic_open(int flags) {
	magic_set* m = calloc(1, sizeof *m);
	if (m != NULL) m->flags = flags;
	return m;
}

void magic_close(magic_set* m) { free(m); }

int magic_load(magic_set* m, const char* db) {
	if (db == NULL) db = g_default_db;
	if (db == NULL || db[0] == 0) {
		strcpy(m->error, "no magic database");
		return -1;
	}
	return 0;
}

const char* magic_error(magic_set* m) { return m->error; }

const char* magic_file(magic_set* m, const char* path) {
	if (path[0] == 0) {
		strcpy(m->error, "empty path");
		return NULL;
	}
	strcpy(m->result, "ASCII text");
	return m->result;
}

const char* magic_buffer(magic_set* m, const void* buf, size_t n) {
	if (buf == NULL || n == 0) {
		strcpy(m->error, "empty buffer");
		return NULL;
	}
	strcpy(m->result, "data");
	return m->result;
}

char* magic_describe_dup(magic_set* m, const char* path) {
	const char* r = magic_file(m, path);
	if (r == NULL) return NULL;
	size_t n = strlen(r) + 1;
	char* out = malloc(n);
	if (out != NULL) memcpy(out, r, n);
	return out;
}

void magic_string_free(char* s) { free(s); }

void magic_set_default_db(char* path) {
	free(g_default_db);
	g_default_db = path;
}
