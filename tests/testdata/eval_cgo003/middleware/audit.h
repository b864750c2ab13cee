#ifndef API_AUDIT_H
#define API_AUDIT_H

#include <stdio.h>

typedef struct {
	FILE *f;
	long items;
} audit_log;

audit_log *audit_open(const char *path);
int audit_append(audit_log *a, const char *who, const char *what);
int audit_sync(audit_log *a);
int audit_rotate(audit_log *a);
int audit_is_open(const audit_log *a);
long item_count(const audit_log *a);

#endif
