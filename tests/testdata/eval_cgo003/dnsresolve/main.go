// Command dnsresolve is a tiny HTTP front end to the system resolver.
package main

/*
#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static int resolve_first(const char *host, char *out, int outlen)
{
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	int rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0)
		return rc;
	void *addr = res->ai_family == AF_INET
		? (void *)&((struct sockaddr_in *)res->ai_addr)->sin_addr
		: (void *)&((struct sockaddr_in6 *)res->ai_addr)->sin6_addr;
	inet_ntop(res->ai_family, addr, out, (socklen_t)outlen);
	freeaddrinfo(res);
	return 0;
}

static int legacy_lookup(const char *host)
{
	struct hostent *he = gethostbyname(host);
	return he == NULL ? -1 : he->h_length;
}

static int valid_hostname(const char *h)
{
	size_t n = strlen(h);
	if (n == 0 || n > 253)
		return 0;
	for (; *h; h++)
		if (!isalnum((unsigned char)*h) && *h != '-' && *h != '.')
			return 0;
	return 1;
}
*/
import "C"

import (
	"fmt"
	"log"
	"net/http"
	"sync"
	"unsafe"
)

var (
	cacheMu sync.Mutex
	cache   = map[string]string{}
)

var upstreams = []string{"db.internal", "cache.internal", "auth.internal"}

func init() {
	lh := C.CString("localhost")
	defer C.free(unsafe.Pointer(lh))
	if C.legacy_lookup(lh) < 0 {
		log.Print("warning: localhost does not resolve")
	}
}

func resolveHandler(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	ch := C.CString(host)
	defer C.free(unsafe.Pointer(ch))
	if C.valid_hostname(ch) == 0 {
		http.Error(w, "bad host", http.StatusBadRequest)
		return
	}
	cacheMu.Lock()
	addr, ok := cache[host]
	cacheMu.Unlock()
	if !ok {
		var out [64]C.char
		if rc := C.resolve_first(ch, &out[0], C.int(len(out))); rc != 0 { // want CGO003
			http.Error(w, C.GoString(C.gai_strerror(rc)), http.StatusBadGateway)
			return
		}
		addr = C.GoString(&out[0])
		cacheMu.Lock()
		cache[host] = addr
		cacheMu.Unlock()
	}
	fmt.Fprintln(w, addr)
}

// probeAll checks that every upstream still has an address record.
func probeAll(hosts []string) int {
	bad := 0
	for _, h := range hosts {
		ch := C.CString(h)
		var res *C.struct_addrinfo
		if C.getaddrinfo(ch, nil, nil, &res) != 0 { // want CGO003
			bad++
		} else {
			C.freeaddrinfo(res)
		}
		C.free(unsafe.Pointer(ch))
	}
	return bad
}

func main() {
	for _, h := range upstreams {
		ch := C.CString(h)
		var out [64]C.char
		if C.resolve_first(ch, &out[0], C.int(len(out))) == 0 { // want CGO003
			cache[h] = C.GoString(&out[0])
		}
		C.free(unsafe.Pointer(ch))
	}
	if n := probeAll(upstreams); n > 0 {
		log.Printf("%d upstreams do not resolve", n)
	}
	http.HandleFunc("/resolve", resolveHandler)
	log.Fatal(http.ListenAndServe(":8053", nil))
}
