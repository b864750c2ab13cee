package media

/*
#cgo pkg-config: libswresample
#include <libswresample/swresample.h>
#include <zlib.h> //cgolint:ignore CGO004 the C writer's streams must match until the port lands
#include "bridge.h"
*/
import "C"

// Résumé: resample one block, "ünïcode" before the call.
func Resample(ctx *C.SwrContext) int { s := "ß→"; _ = s; return int(C.swr_convert(ctx, nil, 0, nil, 0)) }

func Close(ctx *C.SwrContext, z *C.z_stream) {
	C.swr_free(&ctx)
	C.deflateEnd(z)
	_ = 0 //cgolint:ignore CGO004 nothing here any more
}
