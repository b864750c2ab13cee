// Package gdal reads rasters through a GDAL-style C API.
package gdal

/*
#include <stdlib.h>
#include <string.h>

typedef struct { int xsize, ysize; } GDALDataset;
typedef struct { int xsize, ysize; } GDALRasterBand;

static GDALDataset the_ds = { 256, 256 };
static GDALRasterBand the_band = { 256, 256 };

static GDALDataset* GDALOpen(const char* path, int access) { (void)access; return path[0] ? &the_ds : NULL; }
static GDALRasterBand* GDALGetRasterBand(GDALDataset* d, int i) { (void)d; return i == 1 ? &the_band : NULL; }
static int GDALRasterIO(GDALRasterBand* b, int write, int x, int y, int w, int h, void* buf, int bw, int bh) {
	(void)b; (void)x; (void)y; (void)w; (void)h;
	if (!write) memset(buf, 0, (size_t)bw * (size_t)bh * sizeof(double));
	return 0;
}
static int GDALGetRasterHistogram(GDALRasterBand* b, double lo, double hi, int buckets, unsigned long long* out) {
	(void)b; (void)lo; (void)hi; for (int i = 0; i < buckets; i++) out[i] = (unsigned long long)i; return 0;
}
static char** CSLSetNameValue(char** list, const char* name, const char* value) {
	int n = 0;
	while (list && list[n]) n++;
	list = realloc(list, (size_t)(n + 2) * sizeof(char*));
	list[n] = malloc(strlen(name) + strlen(value) + 2);
	strcpy(list[n], name); strcat(list[n], "="); strcat(list[n], value);
	list[n + 1] = NULL; return list;
}
static void CSLDestroy(char** list) { for (int i = 0; list && list[i]; i++) free(list[i]); free(list); }
static GDALDataset* GDALTranslate(const char* dst, GDALDataset* src, char** opts) { (void)opts; return dst[0] ? src : NULL; }
static char* GDALInfo(GDALDataset* d) {
	char* s = malloc(32); if (s) strcpy(s, d->xsize > 0 ? "Driver: GTiff" : "ERROR: no size"); return s;
}
static void CPLFree(void* p) { free(p); }
*/
import "C"

import (
	"errors"
	"strings"
	"unsafe"
)

var errNoMem = errors.New("gdal: out of memory")

// Dataset is an open raster dataset.
type Dataset struct{ c *C.GDALDataset }

// Band is one raster band.
type Band struct{ c *C.GDALRasterBand }

// Open opens a dataset read-only.
func Open(path string) (*Dataset, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	d := C.GDALOpen(cpath, 0)
	if d == nil {
		return nil, errors.New("gdal: cannot open " + path)
	}
	return &Dataset{c: d}, nil
}

// ReadBlock reads a w×h window as float64.
func (b *Band) ReadBlock(x, y, w, h int) ([]float64, error) {
	p := C.calloc(C.size_t(w*h), C.size_t(unsafe.Sizeof(C.double(0))))
	if p == nil {
		return nil, errNoMem
	}
	defer C.free(p)
	if C.GDALRasterIO(b.c, 0, C.int(x), C.int(y), C.int(w), C.int(h), p, C.int(w), C.int(h)) != 0 {
		return nil, errors.New("gdal: read failed")
	}
	return append([]float64(nil), unsafe.Slice((*float64)(p), w*h)...), nil
}

// ReadRows reads rows one at a time, growing the C buffer as it goes.
func (b *Band) ReadRows(w, rows int) ([]float64, error) {
	capRows := 16
	p := C.calloc(C.size_t(capRows*w), 8)
	if p == nil {
		return nil, errNoMem
	}
	defer func() { C.free(p) }()
	for r := 0; r < rows; r++ {
		if r == capRows {
			capRows *= 2
			np := C.realloc(p, C.size_t(capRows*w*8))
			if np == nil {
				return nil, errNoMem
			}
			p = np
		}
		C.GDALRasterIO(b.c, 0, 0, C.int(r), C.int(w), 1, unsafe.Add(p, r*w*8), C.int(w), 1)
	}
	vals := unsafe.Slice((*float64)(p), rows*w)
	return append([]float64(nil), vals...), nil
}

// Histogram returns bucket counts between lo and hi.
func (b *Band) Histogram(lo, hi float64, buckets int) []uint64 {
	p := C.calloc(C.size_t(buckets), 8) // want CGO002
	C.GDALGetRasterHistogram(b.c, C.double(lo), C.double(hi), C.int(buckets), (*C.ulonglong)(p))
	return unsafe.Slice((*uint64)(p), buckets)
}

// WriteBlock writes a w×h window.
func (b *Band) WriteBlock(x, y, w, h int, data []float64) {
	p := C.malloc(C.size_t(len(data) * 8)) // want CGO002
	buf := unsafe.Slice((*C.double)(p), len(data))
	for i, v := range data {
		buf[i] = C.double(v)
	}
	if C.GDALRasterIO(b.c, 1, C.int(x), C.int(y), C.int(w), C.int(h), p, C.int(w), C.int(h)) != 0 {
		panic("gdal: write failed")
	}
	C.free(p)
}

// Translate converts src to dst with creation options.
func Translate(src *Dataset, dst string, opts map[string]string) (*Dataset, error) {
	var list **C.char
	defer func() { C.CSLDestroy(list) }()
	for k, v := range opts {
		ck, cv := C.CString(k), C.CString(v)
		list = C.CSLSetNameValue(list, ck, cv)
		C.free(unsafe.Pointer(ck))
		C.free(unsafe.Pointer(cv))
	}
	cdst := C.CString(dst)
	defer C.free(unsafe.Pointer(cdst))
	d := C.GDALTranslate(cdst, src.c, list)
	if d == nil {
		return nil, errors.New("gdal: translate failed")
	}
	return &Dataset{c: d}, nil
}

// Info returns the gdalinfo report.
func (d *Dataset) Info() (string, error) {
	info := C.GDALInfo(d.c) // want CGO001
	if info == nil {
		return "", errNoMem
	}
	s := C.GoString(info)
	if strings.HasPrefix(s, "ERROR") {
		return "", errors.New(s)
	}
	C.CPLFree(unsafe.Pointer(info))
	return s, nil
}
