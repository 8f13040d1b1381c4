/*
 * gen/shape.c: the process's hb_shape_full(), which cuts a run of text
 * from the glyphs of a text shaped just before.  For texts with
 * ligatures across soft hyphens, kerning pairs, marks, Greek, Cyrillic
 * and Arabic, every run between two character boundaries is shaped as
 * pango does it (a sub-font of the font per call, the whole text as
 * context) after the whole text, and compared with what HarfBuzz's own
 * hb_shape_full() gives: the same glyphs, clusters and positions, cut or
 * not.  Runs must have been cut (a test of the cutting, not of HarfBuzz
 * alone), and never a right-to-left text.  A text with a hyphen added in
 * the cluster of its last character, as pango ends a line at a soft
 * hyphen, holds the text without it in no run.
 *
 * The process's hb_ot_color_glyph_get_layers(), hb_ot_color_has_png()
 * and hb_ot_color_has_svg() answer as HarfBuzz's: for every glyph of
 * Charis SIL (no colour table), and for faces built with a COLR table
 * (glyph 3 of two layers) or PNG tables, asked in turn with more faces
 * than a thread notes.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-ot.h>

#include "report.h"
#include "extern.h"
#include "tap.h"

typedef hb_bool_t (*shape_fn)(hb_font_t *, hb_buffer_t *,
    const hb_feature_t *, unsigned int, const char *const *);

#define FACES_ASKED	12	/* more than gen/shape.c's FACES */

/* The file of the family's regular face, or NULL.  Caller frees. */
static char *
font_file(const char *family)
{
	FcPattern	*p, *m;
	FcResult	 res;
	FcChar8		*file;
	char		*s = NULL;

	p = FcNameParse((const FcChar8 *)family);
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	if ((m = FcFontMatch(NULL, p, &res)) != NULL &&
	    FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch)
		s = strdup((const char *)file);
	if (m != NULL)
		FcPatternDestroy(m);
	FcPatternDestroy(p);
	return s;
}

/* [off, off + len) of text shaped by fn as pango shapes an item: a
 * sub-font made for the call, the text around as context; with hyphen,
 * as pango shapes an item that ends a line at a soft hyphen: U+2010
 * added in the cluster of its last character. */
static hb_buffer_t *
shape(shape_fn fn, hb_font_t *font, const char *text, int off, int len,
    hb_direction_t dir, int hyphen)
{
	hb_buffer_t	*b = hb_buffer_create();
	hb_font_t	*sub = hb_font_create_sub_font(font);

	hb_buffer_add_utf8(b, text, (int)strlen(text), (unsigned int)off,
	    len);
	if (hyphen)
		hb_buffer_add(b, 0x2010, (unsigned int)(off + len - 1));
	hb_buffer_guess_segment_properties(b);
	hb_buffer_set_direction(b, dir);
	hb_buffer_set_language(b, hb_language_from_string("fr", -1));
	hb_buffer_set_cluster_level(b,
	    HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
	hb_buffer_set_flags(b, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT);
	fn(sub, b, NULL, 0, NULL);
	hb_font_destroy(sub);
	return b;
}

/* Do a and b hold the same glyphs, clusters and positions? */
static int
same(hb_buffer_t *a, hb_buffer_t *b)
{
	hb_glyph_info_t	*ai, *bi;
	hb_glyph_position_t *ap, *bp;
	unsigned int	 na, nb, i;

	ai = hb_buffer_get_glyph_infos(a, &na);
	bi = hb_buffer_get_glyph_infos(b, &nb);
	ap = hb_buffer_get_glyph_positions(a, NULL);
	bp = hb_buffer_get_glyph_positions(b, NULL);
	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (ai[i].codepoint != bi[i].codepoint ||
		    ai[i].cluster != bi[i].cluster ||
		    memcmp(&ap[i], &bp[i], sizeof(ap[i])) != 0)
			return 0;
	return 1;
}

/* Every run of text after the whole: the number of runs that differ
 * from HarfBuzz's own shaping, the first one in bad[]. */
static int
runs(shape_fn hb, hb_font_t *font, const char *text, hb_direction_t dir,
    char *bad, size_t badlen)
{
	int		 len = (int)strlen(text), a, z, nbad = 0;
	hb_buffer_t	*whole, *mine, *theirs;

	for (a = 0; a < len; a++) {
		if (((unsigned char)text[a] & 0xc0) == 0x80)
			continue;
		for (z = a + 1; z <= len; z++) {
			if (z < len && ((unsigned char)text[z] & 0xc0) == 0x80)
				continue;
			whole = shape(hb_shape_full, font, text, 0, len,
			    dir, 0);
			mine = shape(hb_shape_full, font, text, a, z - a,
			    dir, 0);
			theirs = shape(hb, font, text, a, z - a, dir, 0);
			if (!same(mine, theirs) && nbad++ == 0)
				snprintf(bad, badlen, "bytes [%d, %d) of %s",
				    a, z, text);
			hb_buffer_destroy(whole);
			hb_buffer_destroy(mine);
			hb_buffer_destroy(theirs);
		}
	}
	return nbad;
}

typedef unsigned int (*layers_fn)(hb_face_t *, hb_codepoint_t,
    unsigned int, unsigned int *, hb_ot_color_layer_t *);
typedef hb_bool_t (*has_fn)(hb_face_t *);

/* COLR version 0: glyph 3 drawn as glyphs 4 and 5 in colours 0 and 1. */
static const unsigned char colr[] = {
	0, 0, 0, 1, 0, 0, 0, 14, 0, 0, 0, 20, 0, 2,	/* header */
	0, 3, 0, 0, 0, 2,				/* base glyph */
	0, 4, 0, 0, 0, 5, 0, 1				/* layers */
};
/* CBLC and CBDT version 3.0 with no strike: tables HarfBuzz finds. */
static const unsigned char cblc[] = { 0, 3, 0, 0, 0, 0, 0, 0 };
static const unsigned char cbdt[] = { 0, 3, 0, 0 };

/* A face of the tables given (tag, bytes, length; tag 0 ends). */
static hb_face_t *
built_face(hb_tag_t tag1, const unsigned char *p1, unsigned int n1,
    hb_tag_t tag2, const unsigned char *p2, unsigned int n2)
{
	hb_face_t	*f = hb_face_builder_create();
	hb_blob_t	*b;

	if (tag1 != 0) {
		b = hb_blob_create((const char *)p1, n1, HB_MEMORY_MODE_READONLY,
		    NULL, NULL);
		hb_face_builder_add_table(f, tag1, b);
		hb_blob_destroy(b);
	}
	if (tag2 != 0) {
		b = hb_blob_create((const char *)p2, n2, HB_MEMORY_MODE_READONLY,
		    NULL, NULL);
		hb_face_builder_add_table(f, tag2, b);
		hb_blob_destroy(b);
	}
	return f;
}

/* How many of glyphs [0, n) of face the process's colour functions
 * answer otherwise than HarfBuzz's; the first told in bad. */
static int
colours(hb_face_t *face, unsigned int n, char *bad, size_t badlen)
{
	layers_fn	 hb_layers;
	has_fn		 hb_png, hb_svg;
	hb_ot_color_layer_t la[4], lb[4];
	unsigned int	 g, ca, cb, ra, rb;
	int		 nbad = 0;

	hb_layers = (layers_fn)dlsym(RTLD_NEXT,
	    "hb_ot_color_glyph_get_layers");
	hb_png = (has_fn)dlsym(RTLD_NEXT, "hb_ot_color_has_png");
	hb_svg = (has_fn)dlsym(RTLD_NEXT, "hb_ot_color_has_svg");
	if (hb_layers == NULL || hb_png == NULL || hb_svg == NULL ||
	    hb_layers == hb_ot_color_glyph_get_layers) {
		snprintf(bad, badlen, "HarfBuzz's functions not found");
		return 1;
	}
	if (!hb_ot_color_has_png(face) != !hb_png(face) ||
	    !hb_ot_color_has_svg(face) != !hb_svg(face)) {
		snprintf(bad, badlen, "has_png %d, %d; has_svg %d, %d",
		    hb_ot_color_has_png(face), hb_png(face),
		    hb_ot_color_has_svg(face), hb_svg(face));
		nbad++;
	}
	for (g = 0; g < n; g++) {
		ca = cb = 4;
		memset(la, 0, sizeof(la));
		memset(lb, 0, sizeof(lb));
		ra = hb_ot_color_glyph_get_layers(face, g, 0, &ca, la);
		rb = hb_layers(face, g, 0, &cb, lb);
		if (ra != rb || ca != cb || memcmp(la, lb, sizeof(la)) != 0 ||
		    hb_ot_color_glyph_get_layers(face, g, 0, NULL, NULL) !=
		    hb_layers(face, g, 0, NULL, NULL)) {
			if (nbad++ == 0)
				snprintf(bad, badlen, "glyph %u: %u layers "
				    "(%u written), HarfBuzz %u (%u)", g, ra,
				    ca, rb, cb);
		}
	}
	return nbad;
}

int
main(void)
{
	static const char *ltr[] = {
		/* ff and fi ligatures spanning soft hyphens */
		"L\xe2\x80\x99" "ef\xc2\xad" "fet des of\xc2\xad" "fices : "
		    "af\xc2\xad" "fi\xc2\xad" "ches, fi\xc2\xad" "nan\xc2\xad"
		    "ce\xc2\xad" "ment \xc2\xab effi\xc2\xad" "cace \xc2\xbb.",
		/* kerning pairs, numbers, punctuation */
		"AVANT To Wa \xe2\x80\x93 12\xe2\x80\xaf" "345 \xe2\x82\xac, "
		    "3,5 % ; (\xe2\x80\x9c" "f\xe2\x80\x9d) \xe2\x80\x94 ffl.",
		/* combining marks, one after a space */
		"e\xcc\x81te\xcc\x81 \xcc\x81" "a co\xcc\x88" "ope\xcc\x81rer",
		"\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce"
		    "\xac \xd1\x80\xd1\x83\xd1\x81\xd1\x81\xd0\xba\xd0\xb8\xd0"
		    "\xb9 \xd1\x82\xd0\xb5\xd0\xba\xd1\x81\xd1\x82",
	};
	static const char rtl[] = "\xd8\xa7\xd9\x84\xd9\x86\xd8\xb5 "
	    "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a";
	shape_fn	 hb;
	hb_buffer_t	*whole, *mine, *theirs;
	hb_blob_t	*blob;
	hb_face_t	*face;
	hb_font_t	*font;
	unsigned long	 cuts0, cuts1, cuts2, wholes;
	char		*file, bad[512], name[128];
	size_t		 i;
	int		 nbad;

	hb = (shape_fn)dlsym(RTLD_NEXT, "hb_shape_full");
	ok(hb != NULL && hb != hb_shape_full,
	    "shape: the tool's hb_shape_full() stands before HarfBuzz's", NULL);
	if (hb == NULL || (file = font_file("Charis SIL")) == NULL) {
		ok(0, "shape: Charis SIL found", NULL);
		return 1;
	}
	blob = hb_blob_create_from_file(file);
	face = hb_face_create(blob, 0);
	font = hb_font_create(face);
	hb_font_set_scale(font, 10 * 64, 10 * 64);
	shape_counts(&cuts0, &wholes);
	for (i = 0; i < sizeof(ltr) / sizeof(ltr[0]); i++) {
		nbad = runs(hb, font, ltr[i], HB_DIRECTION_LTR, bad,
		    sizeof(bad));
		snprintf(name, sizeof(name), "shape: every run of text %zu "
		    "as HarfBuzz shapes it", i + 1);
		ok(nbad == 0, name, bad);
	}
	/* Two characters in one cluster: the text without its hyphen is
	 * no run of the text with it. */
	whole = shape(hb_shape_full, font, "effet", 0, 5, HB_DIRECTION_LTR,
	    1);
	mine = shape(hb_shape_full, font, "effet", 0, 5, HB_DIRECTION_LTR, 0);
	theirs = shape(hb, font, "effet", 0, 5, HB_DIRECTION_LTR, 0);
	ok(same(mine, theirs), "shape: a text, then the same without the "
	    "hyphen added to its cluster", NULL);
	hb_buffer_destroy(whole);
	hb_buffer_destroy(mine);
	hb_buffer_destroy(theirs);
	shape_counts(&cuts1, &wholes);
	snprintf(name, sizeof(name), "shape: runs were cut from the whole "
	    "(%lu)", cuts1 - cuts0);
	ok(cuts1 - cuts0 > 1000, name, NULL);
	nbad = runs(hb, font, rtl, HB_DIRECTION_RTL, bad, sizeof(bad));
	ok(nbad == 0, "shape: every run of an Arabic text as HarfBuzz shapes "
	    "it", bad);
	shape_counts(&cuts2, &wholes);
	ok(cuts2 == cuts1, "shape: right-to-left text never cut", NULL);

	nbad = colours(face, hb_face_get_glyph_count(face), bad, sizeof(bad));
	snprintf(name, sizeof(name), "shape: colour glyphs of the %u glyphs "
	    "of Charis SIL as HarfBuzz answers", hb_face_get_glyph_count(face));
	ok(nbad == 0, name, bad);
	{
		hb_face_t	*built[FACES_ASKED];
		hb_ot_color_layer_t l[4];
		unsigned int	 k, c = 4;

		for (k = 0; k < FACES_ASKED; k++)
			built[k] = k % 3 == 0 ? built_face(0, NULL, 0, 0,
			    NULL, 0) : k % 3 == 1 ? built_face(HB_TAG('C',
			    'O', 'L', 'R'), colr, sizeof(colr), 0, NULL, 0) :
			    built_face(HB_TAG('C', 'B', 'L', 'C'), cblc,
			    sizeof(cblc), HB_TAG('C', 'B', 'D', 'T'), cbdt,
			    sizeof(cbdt));
		ok(hb_ot_color_glyph_get_layers(built[1], 3, 0, &c, l) == 2 &&
		    c == 2 && l[0].glyph == 4 && l[1].glyph == 5 &&
		    l[1].color_index == 1,
		    "shape: glyph 3 of the COLR face has its two layers", NULL);
		nbad = 0;
		for (i = 0; i < 2; i++)
			for (k = 0; k < FACES_ASKED; k++) {
				nbad += colours(built[k], 8, bad, sizeof(bad));
				nbad += colours(face, 8, bad, sizeof(bad));
			}
		ok(nbad == 0, "shape: colour glyphs of faces with colour "
		    "tables and without, in turn, as HarfBuzz answers", bad);
		for (k = 0; k < FACES_ASKED; k++)
			hb_face_destroy(built[k]);
	}
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	free(file);
	return failures != 0;
}
