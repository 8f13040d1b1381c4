/*
 * The site's icon: the theme's --icon; else its logo fitted into a
 * 32-unit square of --background with rounded corners, ICON_PAD from its
 * sides; else three rising bars in --on-primary on --primary (the
 * masthead's colours).  One drawing for favicon.svg and the PNG copies
 * (32 px, and 180 px for phones' home screens).
 *
 * Drawn with cairo here so that the site's text (html.c) needs no
 * drawing library.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>		/* base64 for the icon's logo */
#include <zlib.h>

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "msg.h"
#include "logo.h"
#include "theme.h"

#define ICON_PAD	2	/* [32nds] around the logo */

static const struct {
	int	 x, y, w, h;
} icon_bars[] = {
	{ 7, 18, 5, 8 }, { 14, 12, 5, 14 }, { 21, 6, 5, 20 },
};

/* The logo as an <image> of the icon's square: its file's bytes (a
 * PNG's copy at twice the size) in a data: address, the one kind of
 * address an SVG drawn as an image, as favicons are, may load. */
static void
icon_svg_logo(struct buf *b, const struct logo *l)
{
	const struct buf *d = l->kind == IMG_PNG ? &l->data2x : &l->data;
	gchar		*enc;

	enc = g_base64_encode((const guchar *)d->data, d->len);
	buf_printf(b, "<image x=\"%d\" y=\"%d\" width=\"%d\" "
	    "height=\"%d\" href=\"data:image/%s;base64,", ICON_PAD, ICON_PAD,
	    32 - 2 * ICON_PAD, 32 - 2 * ICON_PAD,
	    l->kind == IMG_PNG ? "png" : "svg+xml");
	buf_puts(b, enc);
	BUF_PUTSL(b, "\"/>");
	g_free(enc);
}

static void
icon_svg(struct buf *b)
{
	const struct theme *th = theme_get();
	const struct logo *l = logo_get(LOGO_ICON);
	size_t		 i;

	if (l != NULL) {
		buf_put(b, l->data.data, l->data.len);
		return;
	}
	l = logo_get(LOGO_MAIN);
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" "
	    "rx=\"6\" fill=\"#%06x\"/>", theme_hex(th->ink[l != NULL ?
	    INK_BACKGROUND : INK_PRIMARY]));
	if (l != NULL)
		icon_svg_logo(b, l);
	else
		for (i = 0; i < sizeof(icon_bars) / sizeof(icon_bars[0]); i++)
			buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"#%06x\"/>", icon_bars[i].x,
			    icon_bars[i].y, icon_bars[i].w, icon_bars[i].h,
			    theme_hex(th->ink[INK_ON_PRIMARY]));
	BUF_PUTSL(b, "</svg>\n");
}

/*
 * The PNG of the icon: the bytes cairo 1.16 writes with libpng 1.6
 * (cairo_surface_write_to_png_stream(); tests/unit-cairo.c compares
 * them), made here because libpng trying each of its five row filters
 * on every whole row cost as much as all the pages of a small site.  Its
 * choice is kept: per row, the filter whose bytes, read as signed, have
 * the least sum of magnitudes, the first of None, Sub, Up, Average,
 * Paeth on a tie.  Up, which wins most rows of a drawing, is summed
 * first; the others stop as soon as they cannot win.
 */

/* A byte's weight in libpng's sum: its magnitude, read as signed. */
#define MAG(v)	((unsigned)abs((int)(signed char)(v)))

static unsigned
paeth(unsigned a, unsigned b, unsigned c)
{
	int	 p = (int)b - (int)c, q = (int)a - (int)c;
	int	 pa = abs(p), pb = abs(q), pc = abs(p + q);

	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* What filter f (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth) writes for
 * byte i of row r; prev is the row above (zeros above the first), bpp
 * the bytes of a pixel. */
static unsigned char
filt_byte(int f, const unsigned char *r, const unsigned char *prev,
    size_t i, size_t bpp)
{
	unsigned	 a = i >= bpp ? r[i - bpp] : 0, b = prev[i];
	unsigned	 c = i >= bpp ? prev[i - bpp] : 0;

	return (unsigned char)(r[i] - (f == 0 ? 0 : f == 1 ? a : f == 2 ?
	    b : f == 3 ? (a + b) / 2 : paeth(a, b, c)));
}

/* The sum of filter f's bytes for row r of n bytes, or any sum above
 * lim once it is above (then f has lost), in runs of 64 bytes. */
static size_t
png_sum(int f, const unsigned char *r, const unsigned char *prev, size_t n,
    size_t bpp, size_t lim)
{
	size_t		 sum = 0, i, k, end;

	for (i = 0; i < bpp && i < n; i++)
		sum += MAG(filt_byte(f, r, prev, i, bpp));
	for (; i < n && sum <= lim; i = end) {
		end = n - i > 64 ? i + 64 : n;
		/* One loop a filter: each is short and branch-free. */
		if (f == 0)
			for (k = i; k < end; k++)
				sum += MAG(r[k]);
		else if (f == 1)
			for (k = i; k < end; k++)
				sum += MAG(r[k] - r[k - bpp]);
		else if (f == 2)
			for (k = i; k < end; k++)
				sum += MAG(r[k] - prev[k]);
		else if (f == 3)
			for (k = i; k < end; k++)
				sum += MAG(r[k] - (r[k - bpp] + prev[k]) / 2);
		else
			for (k = i; k < end; k++)
				sum += MAG(r[k] - paeth(r[k - bpp], prev[k],
				    prev[k - bpp]));
	}
	return sum;
}

/* Row r (n bytes; prev the row above) filtered into out (n + 1 bytes:
 * the filter's type first), with libpng's choice of filter. */
static void
png_filter(unsigned char *out, const unsigned char *r,
    const unsigned char *prev, size_t n, size_t bpp)
{
	static const int order[] = { 0, 1, 3, 4 };	/* after Up */
	size_t		 mins, sum, lim, i;
	int		 best = 2, f;

	mins = png_sum(2, r, prev, n, bpp, SIZE_MAX);
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		f = order[i];
		/* A tie goes to the filter that comes first. */
		if (f > best && mins == 0)
			continue;
		lim = f < best ? mins : mins - 1;
		if ((sum = png_sum(f, r, prev, n, bpp, lim)) <= lim) {
			mins = sum;
			best = f;
		}
	}
	*out++ = (unsigned char)best;
	for (i = 0; i < bpp && i < n; i++)
		out[i] = filt_byte(best, r, prev, i, bpp);
	if (best == 0)
		memcpy(out + i, r + i, n - i);
	else if (best == 1)
		for (; i < n; i++)
			out[i] = (unsigned char)(r[i] - r[i - bpp]);
	else if (best == 2)
		for (; i < n; i++)
			out[i] = (unsigned char)(r[i] - prev[i]);
	else if (best == 3)
		for (; i < n; i++)
			out[i] = (unsigned char)(r[i] - (r[i - bpp] + prev[i]) /
			    2);
	else
		for (; i < n; i++)
			out[i] = (unsigned char)(r[i] - paeth(r[i - bpp],
			    prev[i], prev[i - bpp]));
}

static void
png_chunk(struct buf *b, const char *type, const unsigned char *d,
    size_t n)
{
	unsigned char	 be[4];
	uLong		 crc;

	be[0] = (unsigned char)(n >> 24);
	be[1] = (unsigned char)(n >> 16);
	be[2] = (unsigned char)(n >> 8);
	be[3] = (unsigned char)n;
	buf_put(b, be, 4);
	buf_put(b, type, 4);
	buf_put(b, d, n);
	crc = crc32(0, (const Bytef *)type, 4);
	if (n > 0)	/* crc32() of NULL is the initial value */
		crc = crc32(crc, d, (uInt)n);
	be[0] = (unsigned char)(crc >> 24);
	be[1] = (unsigned char)(crc >> 16);
	be[2] = (unsigned char)(crc >> 8);
	be[3] = (unsigned char)crc;
	buf_put(b, be, 4);
}

/* Row y of s (w pixels) as cairo hands it to libpng: RGB if the whole
 * image is opaque, else RGBA with the colours divided by the alpha. */
static void
png_row(unsigned char *out, const unsigned char *data, int stride, int w,
    int y, int opaque)
{
	const unsigned char *row = data + (size_t)y * (size_t)stride;
	uint32_t	 px;
	unsigned	 al;
	int		 x;

	for (x = 0; x < w; x++) {
		memcpy(&px, row + 4 * x, 4);
		al = px >> 24;
		if (opaque || al == 0xff) {
			/* (c * 255 + al / 2) / al is c */
			*out++ = (unsigned char)(px >> 16);
			*out++ = (unsigned char)(px >> 8);
			*out++ = (unsigned char)px;
		} else if (al == 0) {
			memset(out, 0, 3);
			out += 3;
		} else {
			*out++ = (unsigned char)((((px >> 16) & 0xff) * 255 +
			    al / 2) / al);
			*out++ = (unsigned char)((((px >> 8) & 0xff) * 255 +
			    al / 2) / al);
			*out++ = (unsigned char)(((px & 0xff) * 255 + al / 2) /
			    al);
		}
		if (!opaque)
			*out++ = (unsigned char)al;
	}
}

/* libpng's last touch to the zlib header (its optimize_cmf()): the
 * window it names is the smallest that holds the image's n bytes, down
 * to 256, below what zlib accepts to work with; the check bits follow. */
static void
png_cmf(unsigned char *z, size_t n)
{
	unsigned	 cinfo = z[0] >> 4, half = 1U << (cinfo + 7), t;

	if (n > 16384 || (z[0] & 0x0f) != 8 || cinfo > 7 || n > half)
		return;
	do {
		half >>= 1;
		cinfo--;
	} while (cinfo > 0 && n <= half);
	z[0] = (unsigned char)(8 | cinfo << 4);
	t = z[1] & 0xe0;
	t += 0x1f - ((unsigned)z[0] << 8 | t) % 0x1f;
	z[1] = (unsigned char)t;
}

/* The filtered rows of s (w × h, bpp bytes a pixel), deflated as libpng
 * does (level 6, Z_FILTERED, the smallest window that holds them) into
 * z.  Returns 0 if zlib failed. */
static int
png_idat(struct buf *z, cairo_surface_t *s, int w, int h, size_t bpp)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int		 stride = cairo_image_surface_get_stride(s), y;
	int		 wbits = 15, ok;
	size_t		 n = bpp * (size_t)w, rows = (n + 1) * (size_t)h;
	unsigned char	*prev, *cur, *filt;
	z_stream	 zs;

	while (wbits > 8 && rows + 262 <= (size_t)1 << (wbits - 1))
		wbits--;
	prev = xcalloc(2 * n + rows + 1, 1);
	cur = prev + n;
	filt = cur + n;
	for (y = 0; y < h; y++) {
		png_row(cur, d, stride, w, y, bpp == 3);
		png_filter(filt + (size_t)y * (n + 1), cur, prev, n, bpp);
		memcpy(prev, cur, n);
	}
	memset(&zs, 0, sizeof(zs));
	ok = deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, wbits, 8,
	    Z_FILTERED) == Z_OK;
	if (ok) {
		z->cap = deflateBound(&zs, rows) + 1;
		z->data = xmalloc(z->cap);
		zs.next_in = filt;
		zs.avail_in = (uInt)rows;
		zs.next_out = (Bytef *)z->data;
		zs.avail_out = (uInt)z->cap;
		ok = deflate(&zs, Z_FINISH) == Z_STREAM_END;
		z->len = zs.total_out;
		deflateEnd(&zs);
	}
	free(prev);
	if (ok && z->len >= 2)
		png_cmf((unsigned char *)z->data, rows);
	return ok;
}

int
favicon_png(struct buf *b, cairo_surface_t *s)
{
	static const unsigned char sig[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
	};
	/* bKGD: white, as cairo sets it (16 bits a channel). */
	static const unsigned char bkgd[6] = { 0, 0xff, 0, 0xff, 0, 0xff };
	struct buf	 z = { NULL, 0, 0 };
	unsigned char	 ihdr[13];
	const unsigned char *d;
	size_t		 off;
	int		 w, h, x, y, stride, opaque = 1;

	cairo_surface_flush(s);
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	d = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (y = 0; y < h && opaque; y++)
		for (x = 0; x < w && opaque; x++)
			opaque = d[(size_t)y * (size_t)stride + 4 * x +
			    (G_BYTE_ORDER == G_LITTLE_ENDIAN ? 3 : 0)] == 0xff;
	if (!png_idat(&z, s, w, h, opaque ? 3 : 4)) {
		buf_free(&z);
		return 0;
	}
	ihdr[0] = (unsigned char)(w >> 24);
	ihdr[1] = (unsigned char)(w >> 16);
	ihdr[2] = (unsigned char)(w >> 8);
	ihdr[3] = (unsigned char)w;
	ihdr[4] = (unsigned char)(h >> 24);
	ihdr[5] = (unsigned char)(h >> 16);
	ihdr[6] = (unsigned char)(h >> 8);
	ihdr[7] = (unsigned char)h;
	ihdr[8] = 8;			/* bits a channel */
	ihdr[9] = opaque ? 2 : 6;	/* RGB, RGBA */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	buf_put(b, sig, sizeof(sig));
	png_chunk(b, "IHDR", ihdr, sizeof(ihdr));
	png_chunk(b, "bKGD", bkgd, sizeof(bkgd));
	/* libpng's IDAT chunks: 8192 bytes, the last one shorter. */
	for (off = 0; off < z.len; off += 8192)
		png_chunk(b, "IDAT", (unsigned char *)z.data + off,
		    z.len - off < 8192 ? z.len - off : 8192);
	png_chunk(b, "IEND", NULL, 0);
	buf_free(&z);
	return 1;
}

/* The icon's rounded square in c, on cr scaled to 32 units. */
static void
icon_tile(cairo_t *cr, struct rgb c)
{
	double		 r = 6;

	cairo_new_sub_path(cr);
	cairo_arc(cr, 32 - r, r, r, -M_PI / 2, 0);
	cairo_arc(cr, 32 - r, 32 - r, r, 0, M_PI / 2);
	cairo_arc(cr, r, 32 - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, r, r, r, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
	cairo_fill(cr);
}

/* The icon with no --icon, on cr scaled to 32 units: the logo on the
 * theme's background, or the bars of its colours. */
static int
icon_own_draw(cairo_t *cr)
{
	const struct theme *th = theme_get();
	struct rgb	 c = th->ink[INK_ON_PRIMARY];
	size_t		 i;

	if (logo_get(LOGO_MAIN) != NULL) {
		icon_tile(cr, th->ink[INK_BACKGROUND]);
		return logo_draw(LOGO_MAIN, cr, ICON_PAD, ICON_PAD,
		    32 - 2 * ICON_PAD, 32 - 2 * ICON_PAD);
	}
	icon_tile(cr, th->ink[INK_PRIMARY]);
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
	for (i = 0; i < sizeof(icon_bars) / sizeof(icon_bars[0]); i++)
		cairo_rectangle(cr, icon_bars[i].x, icon_bars[i].y,
		    icon_bars[i].w, icon_bars[i].h);
	cairo_fill(cr);
	return 1;
}

/* The icon as a PNG of px × px pixels, appended to b.  Returns 0 if
 * cairo or librsvg failed. */
static int
icon_draw_png(struct buf *b, int px)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	int		 ok = 1;

	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px, px);
	cr = cairo_create(s);
	if (logo_get(LOGO_ICON) != NULL)
		ok = logo_draw(LOGO_ICON, cr, 0, 0, px, px);
	else {
		cairo_scale(cr, px / 32.0, px / 32.0);
		ok = icon_own_draw(cr);
	}
	cairo_destroy(cr);
	ok = ok && favicon_png(b, s);
	cairo_surface_destroy(s);
	return ok;
}

/*
 * icon_draw_png(), once per size and process: the site writes the same
 * icons at its root and in each edition, and they depend only on the
 * theme and the icon, which are loaded once per process too.  Choosing
 * each row's filter and deflating make each copy cost as much as a few
 * pages.  The copies kept live with the process.
 */
static int
icon_png(struct buf *b, int px)
{
	static struct {
		int		 px;
		struct buf	 png;
	} made[2];			/* favicon.png, apple-touch-icon.png */
	size_t		 i, start = b->len;

	for (i = 0; i < sizeof(made) / sizeof(made[0]); i++)
		if (made[i].px == px) {
			buf_put(b, made[i].png.data, made[i].png.len);
			return 1;
		} else if (made[i].px == 0)
			break;
	if (!icon_draw_png(b, px))
		return 0;
	if (i < sizeof(made) / sizeof(made[0])) {
		made[i].px = px;
		buf_put(&made[i].png, b->data + start, b->len - start);
	}
	return 1;
}

/* The icon as a PNG of px × px pixels, dir/name. */
static int
write_png(struct outdir *od, const char *dir, const char *name, int px)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*rel;
	int		 rc;

	rel = xasprintf("%s/%s", dir, name);
	if (!(rc = icon_png(&b, px)))
		diag_sys_msg(MSG_ICON, rel);
	rc = rc && out_write(od, rel, b.data, b.len);
	free(rel);
	buf_free(&b);
	return rc;
}

int
favicon_write(struct outdir *od, const char *dir)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*rel;
	int		 rc;

	icon_svg(&b);
	rel = xasprintf("%s/favicon.svg", dir);
	rc = out_write(od, rel, b.data, b.len);
	free(rel);
	buf_free(&b);
	return rc && write_png(od, dir, "favicon.png", 32) &&
	    write_png(od, dir, "apple-touch-icon.png", 180);
}
