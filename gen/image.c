/*
 * PNG, JPEG and SVG images of the narratives, checked once when the
 * content is loaded so that no build can fail on one: the file is read
 * whole and checked as the PDF will use it (a PNG decoded by cairo, the
 * markers of a JPEG walked to its end, since the PDF embeds its bytes as
 * they are, an SVG loaded and drawn by svgdraw.c), its sides held to
 * what a cairo image surface takes, and its bytes hashed, which names
 * its one copy in the site and its one object in the PDF.  A file whose
 * bytes are another kind than its name says is refused: the site serves
 * it by its name.
 *
 * Memory: each path is probed once per process; the results (a few
 * bytes each) stay in a table for the life of the process.  Decoded
 * pixels and parsed SVG are freed at once.
 */

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <glib.h>

#include "report.h"
#include "extern.h"
#include "svgdraw.h"

/* One path probed. */
struct probed {
	enum image_err		 err;
	struct image_info	 ii;
};

static GHashTable	*probed;	/* path (owned) -> struct probed */
/* Narratives load on several threads: one probe at a time. */
static pthread_mutex_t	 probe_lock = PTHREAD_MUTEX_INITIALIZER;

/* The bytes cairo's PNG reader asks for, from memory. */
struct reader {
	const unsigned char	*p;
	size_t			 left;
};

static cairo_status_t
read_mem(void *arg, unsigned char *data, unsigned int len)
{
	struct reader	*r = arg;

	if (len > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p, len);
	r->p += len;
	r->left -= len;
	return CAIRO_STATUS_SUCCESS;
}

/* The kind the bytes are, by their signature, or IMG__MAX. */
static enum img_kind
sniff(const unsigned char *u, size_t n)
{
	static const unsigned char png[8] =
	    { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	if (n >= 8 && memcmp(u, png, 8) == 0)
		return IMG_PNG;
	if (n >= 3 && u[0] == 0xff && u[1] == 0xd8 && u[2] == 0xff)
		return IMG_JPEG;
	if (memmem(u, n < 4096 ? n : 4096, "<svg", 4) != NULL)
		return IMG_SVG;
	return IMG__MAX;
}

/* Sides: told before decoding, which would allocate them. */
static enum image_err
sides(const struct image_info *ii)
{
	if (ii->w <= 0 || ii->h <= 0)
		return IMAGE_BROKEN;
	if ((double)ii->w * ii->h > MAX_IMAGE_PIXELS)
		return IMAGE_TOO_MANY_PIXELS;
	if (ii->w > MAX_IMAGE_SIDE || ii->h > MAX_IMAGE_SIDE)
		return IMAGE_TOO_WIDE;
	return IMAGE_OK;
}

cairo_surface_t *
image_png_surface(const void *data, size_t len)
{
	struct reader	 rd;

	rd.p = data;
	rd.left = len;
	return cairo_image_surface_create_from_png_stream(read_mem, &rd);
}

static enum image_err
png(const unsigned char *u, size_t n, struct image_info *ii)
{
	cairo_surface_t	*img;
	enum image_err	 rc;

	if (n < 24 || memcmp(u + 12, "IHDR", 4) != 0)
		return IMAGE_NOT_KIND;
	ii->w = (int)((unsigned)u[16] << 24 | u[17] << 16 | u[18] << 8 |
	    u[19]);
	ii->h = (int)((unsigned)u[20] << 24 | u[21] << 16 | u[22] << 8 |
	    u[23]);
	if ((rc = sides(ii)) != IMAGE_OK)
		return rc;
	/* Decoded whole: a broken body (bad CRC, truncated or corrupt
	 * data) is found here, not while the PDF is drawn, where cairo
	 * reports any PNG error as "out of memory". */
	img = image_png_surface(u, n);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS ||
	    cairo_image_surface_get_width(img) != ii->w ||
	    cairo_image_surface_get_height(img) != ii->h)
		rc = IMAGE_BROKEN;
	cairo_surface_destroy(img);
	return rc;
}

/* A JPEG frame header (SOFn) at u, len bytes: baseline, extended or
 * progressive Huffman coding of 8-bit samples, 1, 3 or 4 components,
 * which a PDF's DCTDecode filter reads (cairo checks the same). */
static enum image_err
jpeg_frame(int m, const unsigned char *u, size_t len, struct image_info *ii)
{
	if (len < 8)
		return IMAGE_BROKEN;
	ii->h = u[3] << 8 | u[4];
	ii->w = u[5] << 8 | u[6];
	if (m > 0xc2 || u[2] != 8 || (u[7] != 1 && u[7] != 3 && u[7] != 4))
		return IMAGE_UNSUPPORTED;
	return sides(ii);
}

/*
 * The segments of a JPEG walked to its end-of-image marker, each length
 * within the file, with one frame header before the first scan.  The
 * PDF embeds the bytes as they are, so they are not decoded: what a PDF
 * reader would stumble on is a file cut short or whose markers are
 * wrong, which this finds.
 */
static enum image_err
jpeg(const unsigned char *u, size_t n, struct image_info *ii)
{
	enum image_err	 rc;
	size_t		 i = 2, len;
	int		 m, frame = 0;

	for (;;) {
		if (i + 2 > n)
			return IMAGE_TRUNCATED;
		if (u[i] != 0xff)
			return IMAGE_BROKEN;
		if ((m = u[i + 1]) == 0xff) {	/* fill byte */
			i++;
			continue;
		}
		i += 2;
		if (m == 0xd9)			/* end of image */
			return frame ? IMAGE_OK : IMAGE_BROKEN;
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			continue;		/* no length */
		if (i + 2 > n)
			return IMAGE_TRUNCATED;
		len = (size_t)u[i] << 8 | u[i + 1];
		if (len < 2)
			return IMAGE_BROKEN;
		if (i + len > n)
			return IMAGE_TRUNCATED;
		/* SOF0 to SOF15 but DHT, JPG and DAC. */
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (frame++)
				return IMAGE_BROKEN;
			if ((rc = jpeg_frame(m, u + i, len, ii)) != IMAGE_OK)
				return rc;
		}
		i += len;
		if (m != 0xda)
			continue;
		if (!frame)
			return IMAGE_BROKEN;
		/* Entropy-coded data: up to a marker that is neither a
		 * stuffed 0xff00 nor a restart. */
		while (i + 1 < n && !(u[i] == 0xff && u[i + 1] != 0 &&
		    (u[i + 1] < 0xd0 || u[i + 1] > 0xd7)))
			i++;
	}
}

static enum image_err
svg(const unsigned char *u, size_t n, struct image_info *ii)
{
	struct svgdraw	*sd;
	enum svgdraw_err e;
	double		 w, h;

	if ((e = svgdraw_load(u, n, &sd, &w, &h)) != SVGDRAW_OK) {
		ii->svgerr = e;
		return e == SVGDRAW_NOT_SVG ? IMAGE_NOT_KIND :
		    IMAGE_SVG_REFUSED;
	}
	svgdraw_free(sd);
	ii->w = (int)ceil(w);
	ii->h = (int)ceil(h);
	return IMAGE_OK;
}

static enum image_err
probe(const char *path, enum img_kind kind, struct image_info *ii)
{
	struct buf	 b = { NULL, 0, 0 };
	struct file_fail ff;
	const unsigned char *u;
	GChecksum	*ck;
	enum image_err	 rc = IMAGE_UNREADABLE;

	memset(ii, 0, sizeof(*ii));
	/* Not a regular file (a FIFO, a device), too large, unreadable:
	 * all the same to the caller. */
	if (!file_get(path, MAX_FILE_SIZE, &b, &ff))
		goto out;
	u = (const unsigned char *)b.data;
	ii->bytes = b.len;
	ii->found = sniff(u, b.len);
	if (ii->found != kind && ii->found != IMG__MAX) {
		rc = IMAGE_OTHER_KIND;
		goto out;
	}
	switch (kind) {
	case IMG_PNG:
		rc = ii->found == IMG_PNG ? png(u, b.len, ii) : IMAGE_NOT_KIND;
		break;
	case IMG_JPEG:
		rc = ii->found == IMG_JPEG ? jpeg(u, b.len, ii) :
		    IMAGE_NOT_KIND;
		break;
	case IMG_SVG:
		rc = svg(u, b.len, ii);
		break;
	case IMG__MAX:
	default:
		abort();
	}
	if (rc != IMAGE_OK)
		goto out;
	ck = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(ck, u, b.len);
	memcpy(ii->hash, g_checksum_get_string(ck), sizeof(ii->hash) - 1);
	ii->hash[sizeof(ii->hash) - 1] = '\0';
	g_checksum_free(ck);
out:
	buf_free(&b);
	return rc;
}

enum img_kind
image_kind(const char *name)
{
	static const struct {
		const char	*ext;
		enum img_kind	 kind;
	} ext[] = {
		{ ".png", IMG_PNG },
		{ ".jpg", IMG_JPEG },
		{ ".jpeg", IMG_JPEG },
		{ ".svg", IMG_SVG },
	};
	size_t	 i, n = strlen(name), k;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		k = strlen(ext[i].ext);
		if (n > k && strcasecmp(name + n - k, ext[i].ext) == 0)
			return ext[i].kind;
	}
	return IMG__MAX;
}

const char *
image_kind_name(enum img_kind k)
{
	static const char *const names[IMG__MAX] = {
		"PNG",		/* IMG_PNG */
		"JPEG",		/* IMG_JPEG */
		"SVG",		/* IMG_SVG */
	};

	if (k >= IMG__MAX)
		abort();
	return names[k];
}

enum image_err
image_probe(const char *path, enum img_kind kind, struct image_info *ii)
{
	struct probed	*pr;
	enum image_err	 e;

	pthread_mutex_lock(&probe_lock);
	if (probed == NULL)
		probed = g_hash_table_new_full(g_str_hash, g_str_equal, free,
		    free);
	if ((pr = g_hash_table_lookup(probed, path)) == NULL) {
		pr = xcalloc(1, sizeof(*pr));
		pr->err = probe(path, kind, &pr->ii);
		g_hash_table_insert(probed, xstrdup(path), pr);
	}
	*ii = pr->ii;
	e = pr->err;
	pthread_mutex_unlock(&probe_lock);
	return e;
}
