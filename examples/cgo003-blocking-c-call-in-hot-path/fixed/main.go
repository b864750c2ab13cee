// Command sensord serves a temperature reading over HTTP. One goroutine, locked to its own OS
// thread, owns the blocking C reads and publishes the latest value; handlers never wait on C.
package main

/*
#include <unistd.h>

// read_sensor simulates a slow device read: it waits like a blocking ioctl or read would.
static int read_sensor(int id) {
	usleep(2000);
	return 20 + id % 5;
}
*/
import "C"

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"sync/atomic"
)

var latest atomic.Int64

// sample reads the sensor on a dedicated OS thread until stop is closed.
func sample(stop <-chan struct{}, ready chan<- struct{}) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	latest.Store(int64(C.read_sensor(7)))
	close(ready)
	for {
		select {
		case <-stop:
			return
		default:
			latest.Store(int64(C.read_sensor(7)))
		}
	}
}

func temperature(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "%d\n", latest.Load())
}

func main() {
	stop, ready := make(chan struct{}), make(chan struct{})
	go sample(stop, ready)
	<-ready
	defer close(stop)
	srv := httptest.NewServer(http.HandlerFunc(temperature))
	defer srv.Close()
	for i := 0; i < 3; i++ {
		resp, err := http.Get(srv.URL + "/sensor")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Printf("reading %d: %s", i, body)
	}
}
