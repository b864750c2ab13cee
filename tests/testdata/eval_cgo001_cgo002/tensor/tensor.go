// Package tensor feeds float32 tensors to an ONNX Runtime-style C API.
package tensor

/*
#include <stdlib.h>
#include <stdint.h>

typedef struct OrtValue OrtValue;

#define ORT_ERR_SHORT_BUFFER 7

static int ort_create_tensor(float *data, size_t count, const int64_t *shape, size_t rank, OrtValue **out) { *out = 0; return 0; }
static void ort_release_value(OrtValue *v) {}
static int ort_run(const char *input_name, OrtValue *in, float *out, size_t n) { return 0; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Tensor is a float32 tensor whose data lives in C memory; the runtime does not copy it.
type Tensor struct {
	Data  []float32
	Shape []int64
	mem   unsafe.Pointer
	value *C.OrtValue
}

// NewTensor allocates a zeroed tensor; release it with Release.
func NewTensor(shape ...int64) (*Tensor, error) {
	n := 1
	for _, d := range shape {
		n *= int(d)
	}
	mem := C.calloc(C.size_t(n), 4)
	data := unsafe.Slice((*float32)(mem), n)
	var v *C.OrtValue
	if rc := C.ort_create_tensor((*C.float)(mem), C.size_t(n), (*C.int64_t)(unsafe.Pointer(&shape[0])), C.size_t(len(shape)), &v); rc != 0 {
		C.free(mem)
		return nil, fmt.Errorf("tensor: create: %d", int(rc))
	}
	return &Tensor{Data: data, Shape: shape, mem: mem, value: v}, nil
}

// Release frees the tensor.
func (t *Tensor) Release() {
	C.ort_release_value(t.value)
	C.free(t.mem)
	t.mem, t.Data, t.value = nil, nil, nil
}

// Run runs the model and returns the output copied into Go memory.
func Run(input string, in *Tensor, outLen int) ([]float32, error) {
	cname := C.CString(input)
	defer C.free(unsafe.Pointer(cname))
	out := C.malloc(C.size_t(outLen) * 4)
	defer C.free(out)
	res := (*[1 << 28]C.float)(out)[:outLen:outLen]
	if rc := C.ort_run(cname, in.value, &res[0], C.size_t(outLen)); rc != 0 {
		return nil, fmt.Errorf("tensor: run: %d", int(rc))
	}
	vals := make([]float32, outLen)
	for i, v := range res {
		vals[i] = float32(v)
	}
	return vals, nil
}

// RunView returns the output in C memory together with its release function.
func RunView(input string, in *Tensor, outLen int) ([]float32, func(), error) {
	cname := C.CString(input)
	defer C.free(unsafe.Pointer(cname))
	out := C.malloc(C.size_t(outLen) * 4)
	res := unsafe.Slice((*float32)(out), outLen)
	if rc := C.ort_run(cname, in.value, (*C.float)(out), C.size_t(outLen)); rc != 0 {
		C.free(out)
		return nil, nil, fmt.Errorf("tensor: run: %d", int(rc))
	}
	return res, func() { C.free(out) }, nil
}

// RunRetry runs the model, retrying once with a larger buffer if the output did not fit.
func RunRetry(input string, in *Tensor, outLen int) ([]float32, error) {
	cname := C.CString(input)
	defer C.free(unsafe.Pointer(cname))
	out := C.malloc(C.size_t(outLen) * 4)
	defer C.free(out)
	rc := C.ort_run(cname, in.value, (*C.float)(out), C.size_t(outLen))
	if rc == C.ORT_ERR_SHORT_BUFFER {
		outLen *= 2
		out = C.malloc(C.size_t(outLen) * 4) // want CGO002
		rc = C.ort_run(cname, in.value, (*C.float)(out), C.size_t(outLen))
	}
	if rc != 0 {
		return nil, fmt.Errorf("tensor: run: %d", int(rc))
	}
	res := unsafe.Slice((*float32)(out), outLen)
	return append([]float32(nil), res...), nil
}

// Normalize scales in so that it sums to one, writing into C memory for the next stage.
func Normalize(in []float32) []float32 {
	mem := C.malloc(C.size_t(len(in)) * 4) // want CGO002
	out := unsafe.Slice((*float32)(mem), len(in))
	var sum float32
	for _, v := range in {
		sum += v
	}
	for i, v := range in {
		out[i] = v / sum
	}
	return out
}
