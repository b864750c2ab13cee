/* The package's own header pulls in zlib, so broad zlib names count. */
#ifndef ZWRAP_H
#define ZWRAP_H
#include <zlib.h>
#endif
