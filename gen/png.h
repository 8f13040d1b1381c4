/*
 * png.c: the PNG files the tool draws itself.  Apart from backend.h,
 * which the text modules include and which must not reach cairo's
 * headers (tests/t-code.sh).
 */
#ifndef PNG_H
#define PNG_H

#include <cairo.h>

struct buf;

/* An RGB24 or ARGB32 image surface as a PNG file's bytes, to the
 * buffer.  Returns 0 on another format or if deflating fails. */
int	 png_write(cairo_surface_t *, struct buf *);

#endif
