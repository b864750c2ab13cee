#include <unistd.h>
#include "worker.h"
int compress_all(int n) { return n; }
