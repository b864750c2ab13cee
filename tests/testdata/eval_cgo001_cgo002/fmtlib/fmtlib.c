#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmtlib.h"

static const char *categories[] = {"ok", "warning", "error"};

char *fmt_version(void) {
	return strdup("fmtlib 2.4.1");
}

char *fmt_describe(int code) {
	char buf[64];
	if (code < 0) {
		return NULL;
	}
	snprintf(buf, sizeof buf, "code %d (%s)", code, fmt_category(code));
	return strdup(buf);
}

const char *fmt_category(int code) {
	if (code < 0 || code > 2) {
		return "unknown";
	}
	return categories[code];
}

void fmt_release(char *s) {
	free(s);
}

int fmt_render(const char *tmpl, const char *arg, char *out, int outlen) {
	int n = snprintf(out, (size_t)outlen, "%s%s", tmpl, arg);
	return n < outlen ? n : -1;
}
