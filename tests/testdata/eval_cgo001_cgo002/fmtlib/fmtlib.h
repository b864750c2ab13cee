#ifndef FMTLIB_H
#define FMTLIB_H

/* Returns a malloc'd version string; the caller frees it with free(). */
char *fmt_version(void);

/* Returns a malloc'd description; the caller releases it with fmt_release(). */
char *fmt_describe(int code);

/* Returns a pointer into a static table; never free it. */
const char *fmt_category(int code);

/* Frees a string returned by this library. */
void fmt_release(char *s);

/* Renders tmpl followed by arg into out (at most outlen bytes); returns the length or -1. */
int fmt_render(const char *tmpl, const char *arg, char *out, int outlen);

#endif
