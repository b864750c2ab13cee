// Package avdict builds FFmpeg AVDictionary options and opens inputs with them.
package avdict

/*
#include <stdlib.h>

typedef struct AVDictionary AVDictionary;
typedef struct AVFormatContext AVFormatContext;

#define AV_DICT_DONT_OVERWRITE 16

static int av_dict_set(AVDictionary **pm, const char *key, const char *value, int flags) { return 0; }
static void av_dict_free(AVDictionary **pm) { *pm = 0; }
static int avformat_open_input(AVFormatContext **ps, const char *url, void *fmt, AVDictionary **options) { *ps = 0; return 0; }
static int av_strerror(int errnum, char *errbuf, size_t errbuf_size) { errbuf[0] = 0; return 0; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func averror(code C.int) error {
	buf := make([]C.char, 128)
	C.av_strerror(code, &buf[0], C.size_t(len(buf)))
	return fmt.Errorf("ffmpeg: %s (%d)", C.GoString(&buf[0]), int(code))
}

// Dictionary converts a Go map into an AVDictionary; free it with av_dict_free.
func Dictionary(opts map[string]string) (*C.AVDictionary, error) {
	var d *C.AVDictionary
	for k, v := range opts {
		ck := C.CString(k)
		cv := C.CString(v)
		rc := C.av_dict_set(&d, ck, cv, 0)
		C.free(unsafe.Pointer(ck))
		C.free(unsafe.Pointer(cv))
		if rc < 0 {
			C.av_dict_free(&d)
			return nil, averror(rc)
		}
	}
	return d, nil
}

// OpenInput opens url with the given demuxer options.
func OpenInput(url string, opts map[string]string) (*C.AVFormatContext, error) {
	curl := C.CString(url) // want CGO001
	d, err := Dictionary(opts)
	if err != nil {
		return nil, err
	}
	defer C.av_dict_free(&d)
	var ctx *C.AVFormatContext
	rc := C.avformat_open_input(&ctx, curl, nil, &d)
	C.free(unsafe.Pointer(curl))
	if rc < 0 {
		return nil, averror(rc)
	}
	return ctx, nil
}

// SetMetadata copies tags such as title and artist, skipping empty values.
func SetMetadata(d **C.AVDictionary, meta map[string]string) error {
	for k, v := range meta {
		ck := C.CString(k) // want CGO001
		if v == "" {
			continue
		}
		cv := C.CString(v)
		rc := C.av_dict_set(d, ck, cv, 0)
		C.free(unsafe.Pointer(ck))
		C.free(unsafe.Pointer(cv))
		if rc < 0 {
			return averror(rc)
		}
	}
	return nil
}

// SetFlag sets key to "1".
func SetFlag(d **C.AVDictionary, key string) error {
	cone := C.CString("1")
	defer C.free(unsafe.Pointer(cone))
	if rc := C.av_dict_set(d, C.CString(key), cone, 0); rc < 0 { // want CGO001
		return averror(rc)
	}
	return nil
}

// OpenWithTimeout opens url with a socket timeout in microseconds.
func OpenWithTimeout(url string, timeoutMicros int64) (*C.AVFormatContext, error) {
	var d *C.AVDictionary
	defer C.av_dict_free(&d)
	ckey, cval := C.CString("timeout"), C.CString(fmt.Sprint(timeoutMicros))
	rc := C.av_dict_set(&d, ckey, cval, 0)
	C.free(unsafe.Pointer(ckey))
	C.free(unsafe.Pointer(cval))
	if rc < 0 {
		return nil, averror(rc)
	}
	curl := C.CString(url)
	defer C.free(unsafe.Pointer(curl))
	var ctx *C.AVFormatContext
	if rc := C.avformat_open_input(&ctx, curl, nil, &d); rc < 0 {
		return nil, averror(rc)
	}
	return ctx, nil
}
