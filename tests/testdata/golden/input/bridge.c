#include "bridge.h"

int bridge_init(SwrContext *s) {
	return swr_init(s);
}
