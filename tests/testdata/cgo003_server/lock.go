package server

/*
#include "capture.h"
*/
import "C"

import "runtime"

func runtimeLock() { runtime.LockOSThread() }

// Render is a render loop on a dedicated thread.
func Render(frames <-chan int) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for f := range frames {
		C.capture_wait(C.int(f))
	}
}
