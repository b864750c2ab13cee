// Package blasws manages C-allocated BLAS/LAPACK workspaces.
package blasws

/*
#cgo LDFLAGS: -lm
#include <math.h>
#include <stdlib.h>

static void dgemm_stub(int m, int n, int k, const double *a, const double *b, double *c) {
	for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
		double s = 0; for (int p = 0; p < k; p++) s += a[i*k+p] * b[p*n+j]; c[i*n+j] = s;
	}
}
static int dgesv_stub(int n, double *a, int *ipiv, double *b) {
	for (int i = 0; i < n; i++) { ipiv[i] = i + 1; if (a[i*n+i] == 0) return i + 1; b[i] /= a[i*n+i]; }
	return 0;
}
static double dnrm2_stub(int n, const double *x) {
	double s = 0; for (int i = 0; i < n; i++) s += x[i] * x[i]; return sqrt(s);
}
static int dgeqrf_stub(int m, int n, double *a, double *tau, double *work, int lwork) {
	return lwork < n ? -6 : 0;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

var errNoMem = errors.New("blasws: out of memory")

type Workspace struct {
	mem  unsafe.Pointer
	Work []float64
}

func NewWorkspace(n int) *Workspace {
	mem := C.calloc(C.size_t(n), C.sizeof_double)
	return &Workspace{mem: mem, Work: unsafe.Slice((*float64)(mem), n)}
}

func (w *Workspace) Free() { C.free(w.mem); w.mem, w.Work = nil, nil }

func Dgemm(m, n, k int, a, b []float64) []float64 {
	pa := C.calloc(C.size_t(m*k), C.sizeof_double)
	defer C.free(pa)
	pb := C.calloc(C.size_t(k*n), C.sizeof_double)
	defer C.free(pb)
	pc := C.calloc(C.size_t(m*n), C.sizeof_double)
	copy(unsafe.Slice((*float64)(pa), m*k), a)
	copy(unsafe.Slice((*float64)(pb), k*n), b)
	C.dgemm_stub(C.int(m), C.int(n), C.int(k), (*C.double)(pa), (*C.double)(pb), (*C.double)(pc))
	out := append([]float64(nil), unsafe.Slice((*float64)(pc), m*n)...)
	C.free(pc)
	return out
}

func Dgesv(n int, a, b []float64) ([]float64, error) {
	pa := C.calloc(C.size_t(n*n), C.sizeof_double)
	defer C.free(pa)
	copy(unsafe.Slice((*float64)(pa), n*n), a)
	pb := C.calloc(C.size_t(n), C.sizeof_double)
	x := unsafe.Slice((*float64)(pb), n)
	copy(x, b)
	ipiv := C.malloc(C.size_t(n) * C.sizeof_int) // want CGO002
	piv := unsafe.Slice((*C.int)(ipiv), n)
	if info := C.dgesv_stub(C.int(n), (*C.double)(pa), &piv[0], (*C.double)(pb)); info != 0 {
		C.free(pb)
		return nil, fmt.Errorf("blasws: dgesv: singular at %d", info)
	}
	res := append([]float64(nil), x...)
	C.free(pb)
	C.free(ipiv)
	return res, nil
}

func allocVector(n int) []float64 {
	p := C.calloc(C.size_t(n), C.sizeof_double) // want CGO002
	return unsafe.Slice((*float64)(p), n)
}

func allocVectorOwned(n int) (unsafe.Pointer, []float64) {
	p := C.calloc(C.size_t(n), C.sizeof_double)
	return p, unsafe.Slice((*float64)(p), n)
}

func Nrm2(x []float64) float64 {
	raw := C.malloc(C.size_t(len(x)) * C.sizeof_double) // want CGO002
	ptr := (*float64)(raw)
	v := unsafe.Slice(ptr, len(x))
	copy(v, x)
	return float64(C.dnrm2_stub(C.int(len(x)), (*C.double)(raw)))
}

func Geqrf(m, n int, a []float64, ws *Workspace) ([]float64, error) {
	k := min(m, n)
	tp := C.malloc(C.size_t(k) * C.sizeof_double)
	if tp == nil {
		return nil, errNoMem
	}
	defer func() { C.free(tp) }()
	tau := (*[1 << 28]float64)(tp)[:k:k]
	mem, ca := allocVectorOwned(len(a))
	defer C.free(mem)
	copy(ca, a)
	if info := C.dgeqrf_stub(C.int(m), C.int(n), (*C.double)(mem), (*C.double)(tp), (*C.double)(ws.mem), C.int(len(ws.Work))); info != 0 {
		return nil, fmt.Errorf("blasws: dgeqrf: info=%d", info)
	}
	return append([]float64(nil), tau...), nil
}
