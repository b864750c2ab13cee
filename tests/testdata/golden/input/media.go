package media

/*
#cgo pkg-config: libswresample
#include <libswresample/swresample.h>
#include "bridge.h"
*/
import "C"

// Résumé: resample one block, "ünïcode" before the call.
func Resample(ctx *C.SwrContext) int { s := "ß→"; _ = s; return int(C.swr_convert(ctx, nil, 0, nil, 0)) }

func Close(ctx *C.SwrContext) {
	C.swr_free(&ctx) //cgolint:ignore CGO004 closing needs the C call until the port lands
	_ = 0 //cgolint:ignore CGO004 nothing here any more
}
