#include <unistd.h>
int capture_version(void);
int capture_wait(int frame);
