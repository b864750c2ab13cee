// Command netserver is an echo server on raw sockets with a checksum trailer.
package main

/*
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int listen_tcp(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 128) != 0)
		return -1;
	return fd;
}

static int accept_client(int lfd) { return accept(lfd, NULL, NULL); }
static int recv_msg(int fd, char *b, int n) { return (int)recv(fd, b, (size_t)n, 0); }
static int send_msg(int fd, const char *b, int n) { return (int)send(fd, b, (size_t)n, MSG_NOSIGNAL); }

static int set_nodelay(int fd)
{
	int one = 1;
	return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static unsigned checksum(const char *b, int n)
{
	unsigned s = 0;
	while (n-- > 0)
		s = (s << 1 | s >> 31) ^ (unsigned char)*b++;
	return s;
}
*/
import "C"

import (
	"fmt"
	"log"
	"unsafe"
)

func cbuf(b []byte) *C.char { return (*C.char)(unsafe.Pointer(&b[0])) }

func handle(fd C.int) {
	defer C.close(fd)
	buf := make([]byte, 4096)
	for {
		n := C.recv_msg(fd, cbuf(buf), C.int(len(buf))) // not hot (relabelled): a per-connection protocol loop in its own goroutine
		if n <= 0 {
			return
		}
		sum := C.checksum(cbuf(buf), n)
		reply := append(buf[:n:n], fmt.Sprintf(" #%08x\n", uint32(sum))...)
		if C.send_msg(fd, cbuf(reply), C.int(len(reply))) < 0 { // not hot (relabelled): a per-connection protocol loop in its own goroutine
			return
		}
	}
}

func main() {
	lfd := C.listen_tcp(9000)
	if lfd < 0 {
		log.Fatal("listen failed")
	}
	for {
		fd := C.accept_client(lfd) // not hot (relabelled): main's accept loop, a dedicated loop
		if fd < 0 {
			continue
		}
		if C.set_nodelay(fd) != 0 {
			log.Print("TCP_NODELAY not set")
		}
		go handle(fd)
	}
}
