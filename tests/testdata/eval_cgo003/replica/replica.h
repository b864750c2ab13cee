#ifndef REPLICA_H
#define REPLICA_H

int wire_dial(const char *host, const char *port);
int wire_query(int fd, const char *q, char *out, int n);
int wire_ping(int fd);
int apply_batch(const char *path, const char *rows, int n);
unsigned checksum_rows(const char *rows, int n);

#endif
