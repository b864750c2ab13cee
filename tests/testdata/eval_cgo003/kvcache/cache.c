#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"

#define PAGE 4096
#define SLOTS 64
#define TRACE(...) fprintf(stderr, __VA_ARGS__)

struct cache {
	int fd;
	long cur;
	char buf[PAGE];
};

static ssize_t read_block(int fd, off_t off, void *buf, size_t n)
{
	return pread(fd, buf, n, off);
}

static int load_page(cache *c, long page)
{
	if (read_block(c->fd, (off_t)page * PAGE, c->buf, PAGE) != PAGE)
		return -1;
	c->cur = page;
	return 0;
}

cache *cache_open(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	cache *c = calloc(1, sizeof *c);
	c->fd = fd;
	c->cur = -1;
	return c;
}

int cache_get(cache *c, long key, char *out, int n)
{
	long page = key / SLOTS;
	if (page != c->cur && load_page(c, page) != 0)
		return -1;
	int slot = PAGE / SLOTS;
	if (n > slot)
		n = slot;
	memcpy(out, c->buf + (key % SLOTS) * slot, (size_t)n);
	return n;
}

int cache_peek(const cache *c, long key)
{
	return key / SLOTS == c->cur;
}

int cache_evict(cache *c, long key)
{
	TRACE("evict page of key %ld\n", key);
	c->cur = -1;
	return 0;
}

static int walk_children(cache *c, long node, int depth)
{
	int visited = 0;
	for (long child = node * 2; child <= node * 2 + 1; child++) {
		int v = walk_tree(c, child, depth + 1);
		if (v < 0)
			return v;
		visited += v;
	}
	return visited;
}

int walk_tree(cache *c, long node, int depth)
{
	if (depth > 8)
		return 0;
	if (load_page(c, node) != 0)
		return -1;
	return 1 + walk_children(c, node, depth);
}

int tree_depth(long n)
{
	return n <= 1 ? 0 : 1 + tree_depth(n / 2);
}
