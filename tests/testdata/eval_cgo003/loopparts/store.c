#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

struct store {
	int fd;
	int count;
	char reply[4096];
};

struct cursor {
	store *s;
	int left;
};

static int request(store *s, const char *verb, const char *arg)
{
	char line[256];
	int n = snprintf(line, sizeof line, "%s %s\n", verb, arg);
	return write(s->fd, line, (size_t)n) == n ? 0 : -1;
}

static int reply_into(store *s, void *buf, size_t n)
{
	return (int)read(s->fd, buf, n);
}

int count_records(store *s)
{
	int n = 0;
	if (request(s, "COUNT", "*") != 0 || reply_into(s, &n, sizeof n) != sizeof n)
		return -1;
	s->count = n;
	return n;
}

int cached_count(const store *s)
{
	return s->count;
}

const char *run_query(store *s, const char *q)
{
	if (request(s, "QUERY", q) != 0)
		return "";
	int n = reply_into(s, s->reply, sizeof s->reply - 1);
	s->reply[n < 0 ? 0 : n] = '\0';
	return s->reply;
}

int fetch_all(store *s, const char *q, record *out, int max)
{
	if (request(s, "FETCH", q) != 0)
		return -1;
	int n = reply_into(s, out, sizeof *out * (size_t)max);
	return n < 0 ? -1 : n / (int)sizeof *out;
}

cursor *open_cursor(store *s)
{
	if (request(s, "SCAN", "*") != 0)
		return NULL;
	cursor *c = malloc(sizeof *c);
	c->s = s;
	c->left = s->count;
	return c;
}

int next_record(cursor *c, record *r)
{
	if (c->left-- <= 0)
		return 0;
	return reply_into(c->s, r, sizeof *r) == sizeof *r;
}

void close_cursor(cursor *c)
{
	free(c);
}

int mark_seen(store *s, long id)
{
	char arg[24];
	snprintf(arg, sizeof arg, "%ld", id);
	return request(s, "SEEN", arg);
}
