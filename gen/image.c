/*
 * PNG images of the narratives, checked once when the content is loaded
 * so that no build can fail on one: the file is read whole and decoded by
 * cairo (the same decoder the PDF uses), its sides held to what a cairo
 * image surface takes, and its bytes hashed, which names its one copy in
 * the site and its one object in the PDF.
 *
 * Memory: each path is decoded once per process; the results (a few
 * bytes each) stay in a table for the life of the process.  Decoded
 * pixels are freed at once.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>

#include "report.h"
#include "extern.h"

/* One path probed. */
struct probed {
	enum image_err		 err;
	struct image_info	 ii;
};

static GHashTable	*probed;	/* path (owned) -> struct probed */

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

static enum image_err
probe(const char *path, struct image_info *ii)
{
	static const unsigned char sig[8] =
	    { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	struct buf	 b = { NULL, 0, 0 };
	struct stat	 st;
	struct reader	 rd;
	cairo_surface_t	*img;
	const unsigned char *u;
	FILE		*f;
	char		 chunk[65536];
	size_t		 n;
	GChecksum	*ck;
	enum image_err	 rc = IMAGE_UNREADABLE;

	memset(ii, 0, sizeof(*ii));
	/* A FIFO would block fopen(), a device would never end. */
	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size > MAX_FILE_SIZE || (f = fopen(path, "rb")) == NULL)
		return IMAGE_UNREADABLE;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	    b.len <= MAX_FILE_SIZE)
		buf_put(&b, chunk, n);
	if (ferror(f) || b.len > MAX_FILE_SIZE) {
		fclose(f);
		goto out;
	}
	fclose(f);
	rc = IMAGE_NOT_PNG;
	u = (const unsigned char *)b.data;
	if (b.len < 24 || memcmp(u, sig, 8) != 0 ||
	    memcmp(u + 12, "IHDR", 4) != 0)
		goto out;
	ii->w = (int)((unsigned)u[16] << 24 | u[17] << 16 | u[18] << 8 |
	    u[19]);
	ii->h = (int)((unsigned)u[20] << 24 | u[21] << 16 | u[22] << 8 |
	    u[23]);
	ii->bytes = b.len;
	if (ii->w <= 0 || ii->h <= 0)
		goto out;
	/* Told before decoding: cairo would try to allocate them. */
	if ((double)ii->w * ii->h > MAX_IMAGE_PIXELS) {
		rc = IMAGE_TOO_MANY_PIXELS;
		goto out;
	}
	if (ii->w > MAX_IMAGE_SIDE || ii->h > MAX_IMAGE_SIDE) {
		rc = IMAGE_TOO_WIDE;
		goto out;
	}
	/* Decoded whole: a broken body (bad CRC, truncated or corrupt
	 * data) is found here, not while the PDF is drawn, where cairo
	 * reports any PNG error as "out of memory". */
	rd.p = u;
	rd.left = b.len;
	img = cairo_image_surface_create_from_png_stream(read_mem, &rd);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS ||
	    cairo_image_surface_get_width(img) != ii->w ||
	    cairo_image_surface_get_height(img) != ii->h) {
		cairo_surface_destroy(img);
		rc = IMAGE_BROKEN;
		goto out;
	}
	cairo_surface_destroy(img);
	ck = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(ck, u, b.len);
	memcpy(ii->hash, g_checksum_get_string(ck), sizeof(ii->hash) - 1);
	ii->hash[sizeof(ii->hash) - 1] = '\0';
	g_checksum_free(ck);
	rc = IMAGE_OK;
out:
	buf_free(&b);
	return rc;
}

enum image_err
image_probe(const char *path, struct image_info *ii)
{
	struct probed	*pr;

	if (probed == NULL)
		probed = g_hash_table_new_full(g_str_hash, g_str_equal, free,
		    free);
	if ((pr = g_hash_table_lookup(probed, path)) == NULL) {
		pr = xcalloc(1, sizeof(*pr));
		pr->err = probe(path, &pr->ii);
		g_hash_table_insert(probed, xstrdup(path), pr);
	}
	*ii = pr->ii;
	return pr->err;
}
