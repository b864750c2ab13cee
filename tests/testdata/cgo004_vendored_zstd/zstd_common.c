/* zstd_common.c: error codes and version, from the vendored Zstandard sources. */
#include "zstd.h"

#define ERROR(e) ((size_t)-(e))

enum { ZSTD_error_no_error, ZSTD_error_GENERIC, ZSTD_error_dstSize_tooSmall, ZSTD_error_srcSize_wrong, ZSTD_error_maxCode = 120 };

unsigned ZSTD_versionNumber(void) { return ZSTD_VERSION_NUMBER; }

unsigned ZSTD_isError(size_t code) { return code > ERROR(ZSTD_error_maxCode); }

const char *ZSTD_getErrorName(size_t code) {
	if (!ZSTD_isError(code)) {
		return "No error detected";
	}
	switch ((int)(0 - code)) {
	case ZSTD_error_dstSize_tooSmall:
		return "Destination buffer is too small";
	case ZSTD_error_srcSize_wrong:
		return "Src size is incorrect";
	default:
		return "Error (generic)";
	}
}
