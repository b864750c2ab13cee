#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "replica.h"

int wire_dial(const char *host, const char *port)
{
	struct addrinfo hints, *res;
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &res) != 0)
		return -1;
	int fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
	if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) != 0) {
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

static int roundtrip(int fd, const char *q, size_t qn, char *out, int n)
{
	if (send(fd, q, qn, 0) != (ssize_t)qn)
		return -1;
	ssize_t r = recv(fd, out, (size_t)n - 1, 0);
	if (r < 0)
		return -1;
	out[r] = '\0';
	return (int)r;
}

int wire_query(int fd, const char *q, char *out, int n)
{
	return roundtrip(fd, q, strlen(q), out, n);
}

int wire_ping(int fd)
{
	char pong[8];
	return roundtrip(fd, "PING\n", 5, pong, sizeof pong) == 5 ? 0 : -1;
}
