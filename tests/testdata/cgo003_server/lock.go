package server

/*
#include "capture.h"
*/
import "C"

import (
	"net/http"
	"runtime"
)

func runtimeLock() { runtime.LockOSThread() }

// Render is a render loop on a dedicated thread.
func Render(frames <-chan int) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for f := range frames {
		C.capture_wait(C.int(f))
	}
}

// Await is a handler that blocks in the package's .c file.
func Await(w http.ResponseWriter, r *http.Request) {
	C.capture_wait(5) // want CGO003 "C.capture_wait can block \(capture_wait → usleep: .*\) in request-serving code: Await is an HTTP handler"
}
