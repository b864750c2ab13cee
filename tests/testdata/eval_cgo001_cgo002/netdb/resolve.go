// Package netdb resolves names with the C library's getaddrinfo.
package netdb

/*
#include <stdlib.h>
#include <string.h>
#include <netdb.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static int addrinfo_port(struct addrinfo *ai) {
	if (ai->ai_family == AF_INET) return ntohs(((struct sockaddr_in *)ai->ai_addr)->sin_port);
	if (ai->ai_family == AF_INET6) return ntohs(((struct sockaddr_in6 *)ai->ai_addr)->sin6_port);
	return -1;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

const maxHost = 1025

func gaiError(what string, rc C.int) error {
	return fmt.Errorf("netdb: %s: %s", what, C.GoString(C.gai_strerror(rc)))
}

// LookupHost returns the numeric addresses of host.
func LookupHost(host string) ([]string, error) {
	chost := C.CString(host)
	defer C.free(unsafe.Pointer(chost))
	var hints C.struct_addrinfo
	hints.ai_socktype = C.SOCK_STREAM
	var res *C.struct_addrinfo
	if rc := C.getaddrinfo(chost, nil, &hints, &res); rc != 0 {
		return nil, gaiError(host, rc)
	}
	defer C.freeaddrinfo(res)
	var addrs []string
	for ai := res; ai != nil; ai = ai.ai_next {
		var buf [maxHost]C.char
		if C.getnameinfo(ai.ai_addr, ai.ai_addrlen, &buf[0], maxHost, nil, 0, C.NI_NUMERICHOST) == 0 {
			addrs = append(addrs, C.GoString(&buf[0]))
		}
	}
	return addrs, nil
}

// LookupPort resolves a service name such as "https" for "tcp" or "udp".
func LookupPort(network, service string) (int, error) {
	cservice := C.CString(service) // want CGO001
	var hints C.struct_addrinfo
	switch network {
	case "tcp":
		hints.ai_socktype = C.SOCK_STREAM
	case "udp":
		hints.ai_socktype = C.SOCK_DGRAM
	default:
		return 0, fmt.Errorf("netdb: unknown network %q", network)
	}
	var res *C.struct_addrinfo
	rc := C.getaddrinfo(nil, cservice, &hints, &res)
	C.free(unsafe.Pointer(cservice))
	if rc != 0 {
		return 0, gaiError(service, rc)
	}
	defer C.freeaddrinfo(res)
	return int(C.addrinfo_port(res)), nil
}

// CanonicalName returns the canonical DNS name of host.
func CanonicalName(host string) (name string, err error) {
	chost := C.CString(host)
	defer func() {
		C.free(unsafe.Pointer(chost))
	}()
	var hints C.struct_addrinfo
	hints.ai_flags = C.AI_CANONNAME
	var res *C.struct_addrinfo
	if rc := C.getaddrinfo(chost, nil, &hints, &res); rc != 0 {
		err = gaiError(host, rc)
		return
	}
	defer C.freeaddrinfo(res)
	name = C.GoString(res.ai_canonname)
	return
}

// CountAddrs resolves several hosts and counts their addresses; it stops at the first failure.
func CountAddrs(hosts []string) (map[string]int, error) {
	counts := make(map[string]int, len(hosts))
	for _, h := range hosts {
		ch := C.CString(h) // want CGO001
		var res *C.struct_addrinfo
		if rc := C.getaddrinfo(ch, nil, nil, &res); rc != 0 {
			return nil, gaiError(h, rc)
		}
		n := 0
		for ai := res; ai != nil; ai = ai.ai_next {
			n++
		}
		C.freeaddrinfo(res)
		C.free(unsafe.Pointer(ch))
		counts[h] = n
	}
	return counts, nil
}
