// Command renderloop draws scenes on a dedicated render thread, or exports them as PGM files.
package main

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
	int w, h;
	unsigned char *pixels;
} surface;

static surface *surface_new(int w, int h)
{
	surface *s = malloc(sizeof *s);
	s->w = w;
	s->h = h;
	s->pixels = calloc((size_t)w * h, 1);
	return s;
}

static void surface_free(surface *s) { free(s->pixels); free(s); }

static void draw_quad(surface *s, int x, int y, int w, int h, unsigned char c)
{
	for (int row = y; row < y + h && row < s->h; row++)
		memset(s->pixels + (size_t)row * s->w + x, c, (size_t)(x + w > s->w ? s->w - x : w));
}

static void wait_vsync(void)
{
	struct timespec ts = {0, 16666666};
	nanosleep(&ts, NULL);
}

static int swap_buffers(surface *s)
{
	wait_vsync();
	memset(s->pixels, 0, (size_t)s->w * s->h);
	return 0;
}

static int dump_pgm(const surface *s, const char *path)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return -1;
	fprintf(f, "P5 %d %d 255\n", s->w, s->h);
	fwrite(s->pixels, 1, (size_t)s->w * s->h, f);
	return fclose(f);
}
*/
import "C"

import (
	"flag"
	"fmt"
	"log"
	"runtime"
	"time"
	"unsafe"
)

type quad struct{ X, Y, W, H, Shade int }
type scene struct{ Quads []quad }

func draw(s *C.surface, sc scene) {
	for _, q := range sc.Quads {
		C.draw_quad(s, C.int(q.X), C.int(q.Y), C.int(q.W), C.int(q.H), C.uchar(q.Shade))
	}
}

func present(s *C.surface) {
	if C.swap_buffers(s) != 0 {
		log.Print("swap failed")
	}
}

// renderThread owns the surface; GL-style APIs need one fixed OS thread.
func renderThread(s *C.surface, scenes <-chan scene, done chan<- struct{}) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for sc := range scenes {
		draw(s, sc)
		present(s)
	}
	close(done)
}

func exportFrames(s *C.surface, scenes []scene, dir string) {
	for i, sc := range scenes {
		draw(s, sc)
		p := C.CString(fmt.Sprintf("%s/frame%04d.pgm", dir, i))
		if C.dump_pgm(s, p) != 0 { // want CGO003
			log.Printf("frame %d: write failed", i)
		}
		C.free(unsafe.Pointer(p))
	}
}

func main() {
	export := flag.String("export", "", "write frames to this directory instead of showing them")
	flag.Parse()
	s := C.surface_new(320, 240)
	defer C.surface_free(s)

	scenes := []scene{{Quads: []quad{{10, 10, 50, 50, 200}}}, {Quads: []quad{{40, 40, 80, 30, 90}}}}
	if *export != "" {
		exportFrames(s, scenes, *export)
		return
	}

	go func() {
		runtime.LockOSThread()
		for range time.Tick(time.Second) {
			C.wait_vsync()
		}
	}()

	ch := make(chan scene)
	done := make(chan struct{})
	go renderThread(s, ch, done)
	for _, sc := range scenes {
		ch <- sc
	}
	close(ch)
	<-done
}
