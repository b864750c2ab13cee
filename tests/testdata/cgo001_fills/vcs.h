// vcs.h: the C API both files of the package use.
#ifndef VCS_H
#define VCS_H
#include <stdlib.h>
#include <string.h>

typedef struct { int type; char *url; } proxy_options;
typedef struct { char **strings; size_t count; } strarray;
typedef struct { int prune; strarray custom_headers; proxy_options proxy_opts; } fetch_options;
typedef struct { int bare; char *checkout_branch; fetch_options fetch_opts; } clone_options;
typedef struct { char *path; int mode; } index_entry;

// The library's calls read their options during the call and keep nothing.
static int remote_fetch(void *remote, const fetch_options *opts) { return opts->proxy_opts.url ? (int)strlen(opts->proxy_opts.url) : 0; }
static int remote_connect(void *remote, const proxy_options *proxy) { return proxy->url ? 1 : 0; }
static int clone_repo(const char *url, const clone_options *opts) { return opts->bare; }
static int index_add(void *index, const index_entry *entry) { return entry->mode; }
static void proxy_options_init(proxy_options *p) { memset(p, 0, sizeof *p); }
#endif
