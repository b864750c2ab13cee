#ifndef KVCACHE_CACHE_H
#define KVCACHE_CACHE_H

typedef struct cache cache;

cache *cache_open(const char *path);
int cache_get(cache *c, long key, char *out, int n);
int cache_peek(const cache *c, long key);
int cache_evict(cache *c, long key);
int walk_tree(cache *c, long node, int depth);
int tree_depth(long n);

#endif
