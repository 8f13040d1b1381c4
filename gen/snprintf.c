/*
 * snprintf() and __snprintf_chk() for the whole process, through
 * printf_fast_vsnprintf() (gen/printf_fast.c: glibc's output, byte for
 * byte), defined here so that the dynamic linker binds every library's
 * calls to them (a symbol of the executable comes before libc's): cairo
 * writes each number of a PDF with snprintf().  The Makefile links this
 * file into each program of the tool as an object (see PRINTF_O).
 */
#undef _FORTIFY_SOURCE	/* snprintf() is defined here, not wrapped */

#include <stdarg.h>
#include <stdio.h>

#include "report.h"
#include "extern.h"

/* glibc's fortified entry point (<bits/stdio2.h>), declared here for
 * builds without _FORTIFY_SOURCE. */
int	 __snprintf_chk(char *, size_t, int, size_t, const char *, ...);
void	 __chk_fail(void) __attribute__((noreturn));

int
snprintf(char *restrict s, size_t max, const char *restrict fmt, ...)
{
	va_list	 ap;
	int	 r;

	va_start(ap, fmt);
	r = printf_fast_vsnprintf(s, max, fmt, ap);
	va_end(ap);
	return r;
}

/* glibc's contract: a buffer of slen bytes smaller than max is a
 * caller's overflow, stopped before anything is written. */
int
__snprintf_chk(char *s, size_t max, int flag, size_t slen, const char *fmt,
    ...)
{
	va_list	 ap;
	int	 r;

	if (slen < max)
		__chk_fail();
	va_start(ap, fmt);
	r = printf_fast_vsnprintf_chk(s, max, flag, slen, fmt, ap);
	va_end(ap);
	return r;
}
