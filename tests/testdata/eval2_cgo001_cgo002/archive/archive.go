// Package archive reads tarballs through a libarchive-style API.
package archive

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARCHIVE_OK 0
#define ARCHIVE_EOF 1
#define AE_IFDIR 0040000

struct archive { int pos; int nentries; };
struct archive_entry { char path[256]; long size; int filetype; };

static struct archive_entry cur_entry;

static struct archive* archive_read_new(void) { return calloc(1, sizeof(struct archive)); }
static int archive_read_open_filename(struct archive* a, const char* path, size_t block) {
	(void)block;
	a->nentries = path[0] ? 4 : 0;
	return path[0] ? ARCHIVE_OK : -30;
}
static int archive_read_next_header(struct archive* a, struct archive_entry** e) {
	if (a->pos >= a->nentries) return ARCHIVE_EOF;
	snprintf(cur_entry.path, sizeof cur_entry.path, "entry%d", a->pos);
	cur_entry.size = 16;
	cur_entry.filetype = a->pos == 0 ? AE_IFDIR : 0100000;
	a->pos++;
	*e = &cur_entry;
	return ARCHIVE_OK;
}
static const char* archive_entry_pathname(struct archive_entry* e) { return e->path; }
static long archive_entry_size(struct archive_entry* e) { return e->size; }
static int archive_entry_filetype(struct archive_entry* e) { return e->filetype; }
static long archive_read_data(struct archive* a, void* buf, size_t n) { (void)a; memset(buf, 'x', n); return (long)n; }
static int archive_read_data_into_file(struct archive* a, const char* dst) { (void)a; return dst[0] ? ARCHIVE_OK : -20; }
static int archive_match_include_pattern(struct archive* a, const char* pattern) { (void)a; return pattern[0] ? ARCHIVE_OK : -25; }
static const char* archive_error_string(struct archive* a) { (void)a; return "archive error"; }
static int archive_read_free(struct archive* a) { free(a); return ARCHIVE_OK; }
*/
import "C"

import (
	"crypto/sha256"
	"errors"
	"path/filepath"
	"unsafe"
)

// Reader iterates over the entries of an archive.
type Reader struct{ c *C.struct_archive }

func (r *Reader) err() error { return errors.New(C.GoString(C.archive_error_string(r.c))) }

// withCString runs fn with a temporary C copy of s.
func withCString(s string, fn func(*C.char) C.int) C.int {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return fn(cs)
}

// Open opens an archive file.
func Open(path string, patterns []string) (*Reader, error) {
	r := &Reader{c: C.archive_read_new()}
	rc := withCString(path, func(p *C.char) C.int { return C.archive_read_open_filename(r.c, p, 10240) })
	if rc != C.ARCHIVE_OK {
		defer C.archive_read_free(r.c)
		return nil, r.err()
	}
	for _, p := range patterns {
		if withCString(p, func(cp *C.char) C.int { return C.archive_match_include_pattern(r.c, cp) }) != C.ARCHIVE_OK {
			return nil, r.err()
		}
	}
	return r, nil
}

// ReadAll returns the contents of every regular file no larger than limit.
func (r *Reader) ReadAll(limit int) (map[string][]byte, error) {
	out := map[string][]byte{}
	for {
		var e *C.struct_archive_entry
		rc := C.archive_read_next_header(r.c, &e)
		if rc == C.ARCHIVE_EOF {
			break
		}
		if rc != C.ARCHIVE_OK {
			return nil, r.err()
		}
		if C.archive_entry_filetype(e) == C.AE_IFDIR {
			continue
		}
		size := int(C.archive_entry_size(e))
		buf := C.malloc(C.size_t(size)) // want CGO002
		data := unsafe.Slice((*byte)(buf), size)
		if size > limit {
			continue
		}
		n := C.archive_read_data(r.c, buf, C.size_t(size))
		out[C.GoString(C.archive_entry_pathname(e))] = append([]byte(nil), data[:n]...)
		C.free(buf)
	}
	return out, nil
}

// Checksums hashes every entry.
func (r *Reader) Checksums() (map[string][32]byte, error) {
	sums := map[string][32]byte{}
	var e *C.struct_archive_entry
	for C.archive_read_next_header(r.c, &e) == C.ARCHIVE_OK {
		size := int(C.archive_entry_size(e))
		buf := C.malloc(C.size_t(size))
		defer C.free(buf)
		data := unsafe.Slice((*byte)(buf), size)
		if C.archive_read_data(r.c, buf, C.size_t(size)) < 0 {
			return nil, r.err()
		}
		sums[C.GoString(C.archive_entry_pathname(e))] = sha256.Sum256(data)
	}
	return sums, nil
}

// ExtractTo writes every entry under dir, stopping at the first failure.
func (r *Reader) ExtractTo(dir string) error {
	var e *C.struct_archive_entry
	for C.archive_read_next_header(r.c, &e) == C.ARCHIVE_OK {
		name := C.GoString(C.archive_entry_pathname(e))
		cdst := C.CString(filepath.Join(dir, name)) // want CGO001
		if C.archive_read_data_into_file(r.c, cdst) != C.ARCHIVE_OK {
			break
		}
		C.free(unsafe.Pointer(cdst))
	}
	return nil
}

// Close frees the reader.
func (r *Reader) Close() { C.archive_read_free(r.c) }
