#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "audit.h"

audit_log *audit_open(const char *path)
{
	FILE *f = fopen(path, "a");
	if (f == NULL)
		return NULL;
	audit_log *a = calloc(1, sizeof *a);
	a->f = f;
	return a;
}

int audit_append(audit_log *a, const char *who, const char *what)
{
	a->items++;
	return fprintf(a->f, "%s\t%s\n", who, what) < 0 ? -1 : 0;
}

int audit_sync(audit_log *a)
{
	if (fflush(a->f) != 0)
		return -1;
	return fsync(fileno(a->f));
}

int audit_rotate(audit_log *a)
{
	fputs("-- rotated --\n", a->f);
	return audit_sync(a);
}

int audit_is_open(const audit_log *a)
{
	return a != NULL && a->f != NULL;
}

long item_count(const audit_log *a)
{
	return a->items;
}
