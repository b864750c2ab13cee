#include "capture.h"

int capture_version(void) { return 3; }

// capture_wait sleeps until the frame is due: blocking through a .c file.
int capture_wait(int frame) { return usleep(frame * 1000); }
