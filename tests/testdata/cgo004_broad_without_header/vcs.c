#include "vcs.h"

int git_repository_open(const char *path) { return path[0] == '/'; }

unsigned int crc32_of_int(int n) { return (unsigned int)n * 2654435761u; }
