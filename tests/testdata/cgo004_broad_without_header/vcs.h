#include <stdlib.h>
int git_repository_open(const char *path);
unsigned int crc32_of_int(int n);
static void free_path(char *p) { free(p); }
