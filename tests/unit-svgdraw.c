/*
 * gen/svgdraw.c: what an SVG image may hold, its size, and that it is
 * drawn where it is asked to be.  (An SVG bomb, which takes librsvg a
 * few seconds to refuse: tests/bad/narrative-image-svg-bomb.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "report.h"
#include "extern.h"
#include "svgdraw.h"
#include "tap.h"

/* Loads the SVG s; returns what svgdraw_load() says, *w and *h set. */
static enum svgdraw_err
load(const char *s, double *w, double *h)
{
	struct svgdraw	*sd;
	enum svgdraw_err e;

	e = svgdraw_load(s, strlen(s), &sd, w, h);
	svgdraw_free(sd);
	return e;
}

int
main(void)
{
	struct svgdraw	*sd;
	cairo_surface_t	*s;
	cairo_t		*cr;
	unsigned char	*px;
	double		 w, h;
	char		*b;
	const char	*red = "<svg xmlns='http://www.w3.org/2000/svg' "
	    "width='40' height='20'><rect width='40' height='20' "
	    "fill='#ff0000'/></svg>";

	ok(load(red, &w, &h) == SVGDRAW_OK && w == 40 && h == 20,
	    "width and height give the size", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 300 "
	    "150'/>", &w, &h) == SVGDRAW_OK && w == 300 && h == 150,
	    "a viewBox alone gives the size", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' width='2in' "
	    "height='1in'/>", &w, &h) == SVGDRAW_OK && w == 192 && h == 96,
	    "inches are 96 pixels", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg'/>", &w, &h) ==
	    SVGDRAW_NO_SIZE, "no size refused", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' width='40000' "
	    "height='1'/>", &w, &h) == SVGDRAW_TOO_WIDE,
	    "a side past MAX_SVG_SIDE refused", NULL);
	ok(load("\x89PNG\r\n\x1a\n", &w, &h) == SVGDRAW_NOT_SVG,
	    "a PNG is not an SVG", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' width='1' "
	    "height='1'><rect", &w, &h) == SVGDRAW_NOT_SVG,
	    "a truncated SVG refused", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink="
	    "'http://www.w3.org/1999/xlink' width='1' height='1'><image "
	    "xlink:href='/etc/logo.png' width='1' height='1'/></svg>", &w,
	    &h) == SVGDRAW_EXTERNAL, "an image of another file refused", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' width='1' "
	    "height='1'><rect fill='url( \"https://x.example/p#a\")'/></svg>",
	    &w, &h) == SVGDRAW_EXTERNAL, "a url() elsewhere refused", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' width='1' "
	    "height='1'><style>@import 'a.css';</style></svg>", &w, &h) ==
	    SVGDRAW_EXTERNAL, "@import refused", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' width='1' "
	    "height='1'><defs><linearGradient id='g'/></defs><rect "
	    "fill='url(#g)'/><a href = '#g'/></svg>", &w, &h) == SVGDRAW_OK,
	    "references inside the file allowed", NULL);
	ok(load("<?xml version='1.0'?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD "
	    "SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/"
	    "svg11.dtd\">\n<svg xmlns='http://www.w3.org/2000/svg' width='4' "
	    "height='4'/>", &w, &h) == SVGDRAW_OK && w == 4,
	    "the SVG 1.1 DOCTYPE of drawing programs allowed", NULL);
	ok(load("<!DOCTYPE svg [<!ENTITY a 'aaaa'>]><svg xmlns="
	    "'http://www.w3.org/2000/svg' width='1' height='1'>&a;</svg>", &w,
	    &h) == SVGDRAW_ENTITY, "entities refused", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' width='1' "
	    "height='1'><script>alert(1)</script></svg>", &w, &h) ==
	    SVGDRAW_SCRIPT, "<script> refused", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' width='1' "
	    "height='1' onload = 'alert(1)'/>", &w, &h) == SVGDRAW_SCRIPT,
	    "an event handler refused", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' width='1' "
	    "height='1'><foreignObject width='1' height='1'><p xmlns="
	    "'http://www.w3.org/1999/xhtml'>x</p></foreignObject></svg>", &w,
	    &h) == SVGDRAW_SCRIPT, "<foreignObject> refused", NULL);
	ok(load("<svg xmlns='http://www.w3.org/2000/svg' width='1' "
	    "height='1'><desc>only on = paper</desc><g id='x' "
	    "class=\" onload=\"/></svg>", &w, &h) == SVGDRAW_OK,
	    "\"on...=\" in text or a value is no handler", NULL);
	b = xcalloc(1, MAX_SVG_BYTES + 2);
	memset(b, ' ', MAX_SVG_BYTES + 1);
	ok(load(b, &w, &h) == SVGDRAW_TOO_LARGE, "past MAX_SVG_BYTES refused",
	    NULL);
	free(b);

	/* Drawn into its box only: red at (30, 15), white at (5, 5). */
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 20);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	svgdraw_load(red, strlen(red), &sd, &w, &h);
	ok(sd != NULL && svgdraw_draw(sd, cr, 20, 10, 20, 10), "drawn", NULL);
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	ok(px[15 * cairo_image_surface_get_stride(s) + 30 * 4 + 2] == 255 &&
	    px[15 * cairo_image_surface_get_stride(s) + 30 * 4 + 1] == 0,
	    "red inside the box", NULL);
	ok(px[5 * cairo_image_surface_get_stride(s) + 5 * 4 + 1] == 255,
	    "white outside the box", NULL);
	svgdraw_free(sd);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return failures != 0;
}
