/* The package's own header pulls in zlib, so broad zlib names count. */
#ifndef ZWRAP_H
#define ZWRAP_H
#include <zlib.h> // want CGO004 "^Package zwrap calls into zlib from 2 call sites in 1 file; pure-Go replacements: hash/crc32 for crc32; compress/zlib for compress2\."
#endif
