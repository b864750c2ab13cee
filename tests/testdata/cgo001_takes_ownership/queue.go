package owned

/*
#include <stdlib.h>
// From a queue library: the queue takes the buffer and frees it when the item is consumed.
void msgqueue_push_steal(void *queue, char *buf);
*/
import "C"

import "unsafe"

// Push hands the buffer to a function whose name says it adopts it: assumed owned, not reported,
// and counted in the JSON output's assumed_owned.
func Push(q unsafe.Pointer, msg string) {
	C.msgqueue_push_steal(q, C.CString(msg))
}
