// Command startup is a one-file key server: config and sockets are set up once, then it serves.
package main

/*
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int load_config(const char *path, char *buf, int n)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	size_t got = fread(buf, 1, (size_t)n - 1, f);
	buf[got] = '\0';
	fclose(f);
	return (int)got;
}

// listen_on binds and listens; neither call waits for a peer.
static int listen_on(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 64) != 0)
		return -1;
	return fd;
}

static int serve_one(int lfd)
{
	int c = accept(lfd, NULL, NULL);
	if (c < 0)
		return -1;
	const char msg[] = "ok\n";
	write(c, msg, sizeof msg - 1);
	close(c);
	return 0;
}

static char warm[1 << 16];

static void warm_cache(void)
{
	FILE *f = fopen("/var/cache/keys.bin", "rb");
	if (f != NULL) {
		fread(warm, 1, sizeof warm, f);
		fclose(f);
	}
}

static unsigned hash_key(const char *k, size_t n)
{
	unsigned h = 5381;
	while (n--)
		h = h * 33 + (unsigned char)*k++;
	return h;
}
*/
import "C"

import (
	"log"
	"sync"
	"unsafe"
)

var (
	cfg  [4096]C.char
	once sync.Once
	hits = map[uint32]int{}
)

func init() {
	p := C.CString("/etc/keyserver.conf")
	defer C.free(unsafe.Pointer(p))
	if C.load_config(p, &cfg[0], C.int(len(cfg))) < 0 {
		log.Print("no config file; using defaults")
	}
}

func count(keys <-chan string) {
	for key := range keys {
		once.Do(func() { C.warm_cache() })
		ck := C.CString(key)
		h := C.hash_key(ck, C.size_t(len(key)))
		C.free(unsafe.Pointer(ck))
		hits[uint32(h)]++
	}
}

func main() {
	lfd := C.listen_on(8081)
	if lfd < 0 {
		log.Fatal("listen failed")
	}
	keys := make(chan string, 16)
	go count(keys)
	keys <- "boot"
	for {
		if C.serve_one(lfd) < 0 { // not hot (relabelled): main's serve loop, a dedicated loop
			break
		}
	}
	close(keys)
}
