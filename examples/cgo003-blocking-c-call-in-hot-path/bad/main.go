// Command sensord serves a temperature reading over HTTP. Every request calls into C, and the C
// read waits on the (simulated) device: each in-flight request holds an OS thread while it waits.
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
)

func temperature(w http.ResponseWriter, r *http.Request) {
	v := C.read_sensor(C.int(len(r.URL.Path)))
	fmt.Fprintf(w, "%d\n", int(v))
}

func main() {
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
