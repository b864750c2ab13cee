#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "db.h"

struct db_conn {
	int fd;
	char err[128];
};

static int send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, 0);
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int recv_reply(db_conn *c, char *out, int outlen)
{
	int got = 0;
	while (got < outlen - 1) {
		ssize_t r = recv(c->fd, out + got, 1, 0);
		if (r <= 0) {
			snprintf(c->err, sizeof c->err, "connection lost");
			return -1;
		}
		if (out[got] == '\n')
			break;
		got++;
	}
	out[got] = '\0';
	return got;
}

db_conn *db_connect(const char *host, int port)
{
	struct addrinfo hints, *res = NULL;
	char svc[16];
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	snprintf(svc, sizeof svc, "%d", port);
	if (getaddrinfo(host, svc, &hints, &res) != 0)
		return NULL;
	int fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
	if (fd < 0 || connect(fd, res->ai_addr, res->ai_addrlen) != 0) {
		freeaddrinfo(res);
		return NULL;
	}
	freeaddrinfo(res);
	db_conn *c = calloc(1, sizeof *c);
	c->fd = fd;
	return c;
}

int db_query(db_conn *c, const char *sql, char *out, int outlen)
{
	if (send_all(c->fd, sql, strlen(sql)) != 0 || send_all(c->fd, "\n", 1) != 0) {
		snprintf(c->err, sizeof c->err, "send failed");
		return -1;
	}
	return recv_reply(c, out, outlen);
}

int db_exec(db_conn *c, const char *sql)
{
	char ok[8];
	return db_query(c, sql, ok, sizeof ok) < 0 ? -1 : 0;
}

int db_prepare(db_conn *c, const char *name, const char *sql)
{
	char stmt[512];
	snprintf(stmt, sizeof stmt, "PREPARE %s AS %s", name, sql);
	return db_exec(c, stmt);
}

int db_escape(const char *in, char *out, int outlen)
{
	int j = 0;
	for (; *in != '\0'; in++) {
		if (j + 2 >= outlen)
			return -1;
		if (*in == '\'')
			out[j++] = '\'';
		out[j++] = *in;
	}
	out[j] = '\0';
	return j;
}

const char *db_last_error(const db_conn *c)
{
	return c->err;
}

void db_close(db_conn *c)
{
	close(c->fd);
	free(c);
}
