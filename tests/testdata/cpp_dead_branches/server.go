// Package histsrv serves normalised symbol tables for an entropy coder.
package histsrv

/*
#include <stdlib.h>
#include <unistd.h>

#include "debug.h"
#include "norm.h"

static unsigned table_log_for(size_t total, unsigned max_symbol)
{
#if NORM_STRATEGY == 1
	usleep(1000); // the per-symbol loader needs the table file to settle
#endif
#if DEBUGLEVEL >= 1
	fprintf(stderr, "table_log_for: %zu\n", total);
#endif
#ifdef NORM_HAVE_BMI2
	return norm_optimal_table_log(11, total, max_symbol);
#else
	return norm_optimal_table_log(0, total, max_symbol);
#endif
}
*/
import "C"

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"unsafe"
)

// Server answers /normalize and /table requests.
type Server struct {
	mu    sync.Mutex
	table *C.FILE
}

// New opens the precomputed table file the /table endpoint serves.
func New(tablePath string) (*Server, error) {
	path := C.CString(tablePath)
	defer C.free(unsafe.Pointer(path))
	mode := C.CString("rb")
	defer C.free(unsafe.Pointer(mode))
	f := C.fopen(path, mode)
	if f == nil {
		return nil, fmt.Errorf("histsrv: cannot open %s", tablePath)
	}
	return &Server{table: f}, nil
}

func (s *Server) serveNormalize(w http.ResponseWriter, r *http.Request) {
	var counts []uint32
	if err := json.NewDecoder(r.Body).Decode(&counts); err != nil || len(counts) == 0 || len(counts) > C.NORM_MAX_SYMBOL+1 {
		http.Error(w, "want a JSON array of 1 to 256 counts", http.StatusBadRequest)
		return
	}
	ccount := make([]C.uint, len(counts))
	var total C.size_t
	for i, c := range counts {
		ccount[i] = C.uint(c)
		total += C.size_t(c)
	}
	maxSymbol := C.uint(len(counts) - 1)
	norm := make([]C.short, len(counts))
	tableLog := C.table_log_for(total, maxSymbol)
	if C.norm_count(&norm[0], tableLog, &ccount[0], total, maxSymbol) == 0 {
		http.Error(w, "cannot normalise", http.StatusUnprocessableEntity)
		return
	}
	out := make([]int16, len(norm))
	for i, p := range norm {
		out[i] = int16(p)
	}
	json.NewEncoder(w).Encode(out)
}

func (s *Server) serveTable(w http.ResponseWriter, r *http.Request) {
	var norm [C.NORM_MAX_SYMBOL + 1]C.short
	s.mu.Lock()
	rc := C.norm_read_table(s.table, &norm[0], C.NORM_MAX_SYMBOL) // want CGO003 "C.norm_read_table can block .norm_read_table → fread"
	s.mu.Unlock()
	if rc != 0 {
		http.Error(w, "table unavailable", http.StatusServiceUnavailable)
		return
	}
	out := make([]int16, len(norm))
	for i, p := range norm {
		out[i] = int16(p)
	}
	json.NewEncoder(w).Encode(out)
}

// Handler routes the server's endpoints.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/normalize", s.serveNormalize)
	mux.HandleFunc("/table", s.serveTable)
	return mux
}
