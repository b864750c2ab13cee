#include <libswresample/swresample.h>
int bridge_init(SwrContext *s);
