/*
 * hb_shape_full() for the whole process, defined here so that the
 * dynamic linker binds pango's calls to it (a symbol of the executable
 * comes before the library's, as snprintf() in snprintf.c); HarfBuzz's
 * own is reached through dlsym(RTLD_NEXT).  The Makefile links this
 * file into each program of the tool as an object (PROCESS_O).
 *
 * Why: pango 1.50 lays a paragraph out by shaping each item whole, to
 * measure it, then shaping again each piece it puts on a line, the part
 * it breaks off as the item that fits whole: every character twice
 * (README, "What the two failing targets need").  The piece is a run of
 * the characters shaped just before, and HarfBuzz says where such a run
 * may be cut from the whole: at the start of a cluster whose glyph has
 * no HB_GLYPH_FLAG_UNSAFE_TO_BREAK, breaking the text and shaping the two
 * sides separately gives "the exact same result" (hb-buffer.h).  So each
 * thread keeps its last KEEP results, and a buffer whose characters
 * (code points and clusters) are a run of one of them, shaped with the
 * same font, properties, flags and features, gets its glyphs and
 * positions cut from it, when both ends of the run start clusters of
 * that kind.  Glyph flags come as they were in the whole.
 *
 * Only where that holds whatever text lies around the buffer (HarfBuzz
 * reads pango's context only to join letters and to put a dotted circle
 * before a leading mark): text set left to right in a script of
 * HarfBuzz's default shaper (Latin, Greek, Cyrillic, Han, kana, common
 * and inherited characters), clusters in order, a run that does not
 * begin with a mark.  The font compared is the one pango's sub-font of
 * each call stands for (its parent), with its scale; the functions pango
 * gives the sub-font change only with PANGO_ATTR_SHOW, which the tool
 * never sets (tests/t-shape.sh).  Everything else is HarfBuzz's, whole.
 *
 * Pango then asks, of each glyph it has shaped, whether it is a colour
 * glyph: hb_ot_color_glyph_get_layers(), hb_ot_color_has_png() and
 * hb_ot_color_has_svg(), three calls a glyph, each finding the face's
 * table again (about 2 % of a PDF's instructions).  They are defined
 * here too.  A face with none of the tables colour glyphs are read from
 * (COLR, CBDT, CBLC, sbix, SVG) has none: HarfBuzz reads an empty table
 * and answers 0 whatever the glyph, and so do these, from what the
 * thread noted of its last FACES faces.  Every other call is HarfBuzz's.
 *
 * RAPPORTEUR_SHAPE=whole (tests only) sends every call to HarfBuzz.
 */
#include <dlfcn.h>
#include <err.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-ot.h>

#include "report.h"
#include "extern.h"

#define KEEP	8	/* results kept by a thread */
#define FACES	8	/* faces a thread notes the colour tables of */

typedef hb_bool_t (*shape_fn)(hb_font_t *, hb_buffer_t *,
    const hb_feature_t *, unsigned int, const char *const *);

/* What a buffer is shaped with, but the features. */
struct setting {
	hb_font_t	*font;		/* the parent of pango's sub-font */
	int		 xscale, yscale;
	hb_segment_properties_t props;
	hb_buffer_flags_t flags;
	hb_buffer_cluster_level_t level;
	hb_codepoint_t	 invisible, replacement, not_found;
};

/* A buffer shaped: its setting and features, its characters and the
 * glyphs HarfBuzz made of them.  Arrays owned, each of its capacity;
 * set.font referenced. */
struct shaped {
	struct setting	 set;
	hb_feature_t	*feat;
	unsigned int	 nfeat, featcap;
	hb_glyph_info_t	*in;		/* characters: codepoint, cluster */
	unsigned int	 n, incap;	/* n 0: an empty slot */
	hb_glyph_info_t	*gi;		/* glyphs */
	hb_glyph_position_t *gp;
	unsigned int	 ng, gcap, pcap;
};

typedef unsigned int (*layers_fn)(hb_face_t *, hb_codepoint_t,
    unsigned int, unsigned int *, hb_ot_color_layer_t *);
typedef hb_bool_t (*has_fn)(hb_face_t *);

/* A face, referenced so that its address is never another face's while
 * it is noted, and whether it has a table of colour glyphs. */
struct face_note {
	hb_face_t	*face;
	int		 colour;
};

/* A thread's last results and faces, the oldest replaced first. */
struct recent {
	struct shaped	 s[KEEP];
	unsigned int	 next;
	struct face_note f[FACES];
	unsigned int	 nextf;
};

static shape_fn		 hb_whole;
static layers_fn	 hb_layers;
static has_fn		 hb_has_png, hb_has_svg;
static int		 whole_only;
static pthread_key_t	 recent_key;
static pthread_once_t	 once = PTHREAD_ONCE_INIT;
static atomic_ulong	 ncut, nwhole;

static void
shaped_clear(struct shaped *s)
{
	if (s->set.font != NULL)
		hb_font_destroy(s->set.font);
	free(s->feat);
	free(s->in);
	free(s->gi);
	free(s->gp);
	memset(s, 0, sizeof(*s));
}

static void
recent_free(void *p)
{
	struct recent	*r = p;
	size_t		 i;

	for (i = 0; i < KEEP; i++)
		shaped_clear(&r->s[i]);
	for (i = 0; i < FACES; i++)
		if (r->f[i].face != NULL)
			hb_face_destroy(r->f[i].face);
	free(r);
}

/* HarfBuzz's own function name, or exit. */
static void *
harfbuzz(const char *name)
{
	void	*f;

	if ((f = dlsym(RTLD_NEXT, name)) == NULL)
		errx(EXIT_SYSTEM, "HarfBuzz's %s() not found: %s", name,
		    dlerror());
	return f;
}

static void
init(void)
{
	const char	*env = getenv("RAPPORTEUR_SHAPE");

	hb_whole = (shape_fn)harfbuzz("hb_shape_full");
	hb_layers = (layers_fn)harfbuzz("hb_ot_color_glyph_get_layers");
	hb_has_png = (has_fn)harfbuzz("hb_ot_color_has_png");
	hb_has_svg = (has_fn)harfbuzz("hb_ot_color_has_svg");
	whole_only = env != NULL && strcmp(env, "whole") == 0;
	if (pthread_key_create(&recent_key, recent_free) != 0)
		whole_only = 1;
}

/* The calling thread's results (made on its first call). */
static struct recent *
recent(void)
{
	struct recent	*r;

	if ((r = pthread_getspecific(recent_key)) == NULL) {
		r = xcalloc(1, sizeof(*r));
		if (pthread_setspecific(recent_key, r) != 0) {
			free(r);
			return NULL;
		}
	}
	return r;
}

/* The font a call's results are kept under: pango shapes each item with
 * a sub-font of the font's own, made for the call. */
static hb_font_t *
base_font(hb_font_t *font)
{
	hb_font_t	*parent = hb_font_get_parent(font);

	return parent != NULL && parent != hb_font_get_empty() ? parent : font;
}

static int
default_shaper(hb_script_t sc)
{
	static const hb_script_t plain[] = { HB_SCRIPT_LATIN,
	    HB_SCRIPT_GREEK, HB_SCRIPT_CYRILLIC, HB_SCRIPT_HAN,
	    HB_SCRIPT_HIRAGANA, HB_SCRIPT_KATAKANA, HB_SCRIPT_COMMON,
	    HB_SCRIPT_INHERITED };
	size_t		 i;

	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		if (sc == plain[i])
			return 1;
	return 0;
}

static int
is_mark(hb_buffer_t *b, hb_codepoint_t c)
{
	hb_unicode_general_category_t gc;

	gc = hb_unicode_general_category(hb_buffer_get_unicode_funcs(b), c);
	return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
	    gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
	    gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

/* Could b be cut from a whole, or a whole be kept for that? */
static int
cuttable(hb_buffer_t *b, const char *const *shapers)
{
	hb_buffer_cluster_level_t lv = hb_buffer_get_cluster_level(b);
	hb_segment_properties_t p;

	hb_buffer_get_segment_properties(b, &p);
	return shapers == NULL && hb_buffer_get_length(b) > 0 &&
	    hb_buffer_get_content_type(b) == HB_BUFFER_CONTENT_TYPE_UNICODE &&
	    p.direction == HB_DIRECTION_LTR && default_shaper(p.script) &&
	    (lv == HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES ||
	    lv == HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
}

static void
setting_of(hb_font_t *font, hb_buffer_t *b, struct setting *st)
{
	st->font = base_font(font);
	hb_font_get_scale(font, &st->xscale, &st->yscale);
	hb_buffer_get_segment_properties(b, &st->props);
	st->flags = hb_buffer_get_flags(b);
	st->level = hb_buffer_get_cluster_level(b);
	st->invisible = hb_buffer_get_invisible_glyph(b);
	st->replacement = hb_buffer_get_replacement_codepoint(b);
	st->not_found = hb_buffer_get_not_found_glyph(b);
}

/* Was s shaped as a buffer of setting st and these features would be? */
static int
same_setting(const struct shaped *s, const struct setting *st,
    const hb_feature_t *feat, unsigned int nfeat)
{
	const struct setting *t = &s->set;

	return t->font == st->font && t->xscale == st->xscale &&
	    t->yscale == st->yscale &&
	    hb_segment_properties_equal(&t->props, &st->props) &&
	    t->flags == st->flags && t->level == st->level &&
	    t->invisible == st->invisible &&
	    t->replacement == st->replacement &&
	    t->not_found == st->not_found && s->nfeat == nfeat &&
	    (nfeat == 0 || memcmp(s->feat, feat, nfeat * sizeof(*feat)) == 0);
}

/* The first of v[0..n) whose cluster is not below c: left to right,
 * clusters grow along the characters and along the glyphs. */
static unsigned int
first_at(const hb_glyph_info_t *v, unsigned int n, unsigned int c)
{
	unsigned int	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid].cluster < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Does character k of s (0 < k < s->n) start a cluster whose first
 * glyph, *g, HarfBuzz does not mark unsafe to break at? */
static int
safe_start(const struct shaped *s, unsigned int k, unsigned int *g)
{
	unsigned int	 c = s->in[k].cluster;

	*g = first_at(s->gi, s->ng, c);
	return s->in[k - 1].cluster != c && *g < s->ng &&
	    s->gi[*g].cluster == c && !(hb_glyph_info_get_glyph_flags(
	    &s->gi[*g]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK);
}

/* The glyphs [*g0, *g1) of s that its characters [i, i + n) make, if
 * the run may be cut there: each end is an end of s or a safe_start(). */
static int
run_glyphs(const struct shaped *s, unsigned int i, unsigned int n,
    unsigned int *g0, unsigned int *g1)
{
	*g0 = 0;
	*g1 = s->ng;
	return (i == 0 || safe_start(s, i, g0)) &&
	    (i + n == s->n || safe_start(s, i + n, g1));
}

/* Puts in b the glyphs [g0, g1) of s.  Returns 0 if b cannot hold them
 * (b is then as it was). */
static int
put_glyphs(hb_buffer_t *b, const struct shaped *s, unsigned int g0,
    unsigned int g1)
{
	hb_glyph_info_t	*gi;
	hb_glyph_position_t *gp;

	if (!hb_buffer_set_length(b, g1 - g0))
		return 0;
	hb_buffer_set_content_type(b, HB_BUFFER_CONTENT_TYPE_GLYPHS);
	gi = hb_buffer_get_glyph_infos(b, NULL);
	gp = hb_buffer_get_glyph_positions(b, NULL);
	memcpy(gi, s->gi + g0, (g1 - g0) * sizeof(*gi));
	memcpy(gp, s->gp + g0, (g1 - g0) * sizeof(*gp));
	return 1;
}

static int
same_chars(const hb_glyph_info_t *a, const hb_glyph_info_t *b,
    unsigned int n)
{
	unsigned int	 i;

	for (i = 0; i < n; i++)
		if (a[i].codepoint != b[i].codepoint ||
		    a[i].cluster != b[i].cluster)
			return 0;
	return 1;
}

/* b shaped by cutting it from one of r's results, if it can be. */
static int
cut(struct recent *r, const struct setting *st, hb_buffer_t *b,
    const hb_feature_t *feat, unsigned int nfeat)
{
	const hb_glyph_info_t *in;
	const struct shaped *s;
	unsigned int	 n, k, i, g0, g1;

	in = hb_buffer_get_glyph_infos(b, &n);
	if (is_mark(b, in[0].codepoint))
		return 0;
	for (k = 0; k < KEEP; k++) {
		s = &r->s[k];
		if (s->n < n || !same_setting(s, st, feat, nfeat))
			continue;
		i = first_at(s->in, s->n, in[0].cluster);
		if (i + n > s->n || s->in[i].cluster != in[0].cluster)
			continue;
		if (!same_chars(s->in + i, in, n))
			continue;
		if (run_glyphs(s, i, n, &g0, &g1) && put_glyphs(b, s, g0, g1))
			return 1;
	}
	return 0;
}

/* *p holding need elements of size at least (its capacity *cap, grown
 * only: a slot's arrays serve call after call). */
static void
grow(void *p, unsigned int *cap, unsigned int need, size_t size)
{
	void	**pp = p;

	if (need > *cap) {
		*pp = xreallocarray(*pp, need, size);
		*cap = need;
	}
}

/* Keeps in s what b, shaped from s's n characters, was shaped with
 * (setting st) and its glyphs. */
static void
keep(struct shaped *s, const struct setting *st, hb_buffer_t *b,
    const hb_feature_t *feat, unsigned int nfeat, unsigned int n)
{
	const hb_glyph_info_t *gi;
	const hb_glyph_position_t *gp;
	unsigned int	 ng;

	if (s->set.font != st->font) {
		if (s->set.font != NULL)
			hb_font_destroy(s->set.font);
		hb_font_reference(st->font);
	}
	s->set = *st;
	grow(&s->feat, &s->featcap, nfeat, sizeof(*feat));
	if ((s->nfeat = nfeat) > 0)
		memcpy(s->feat, feat, nfeat * sizeof(*feat));
	gi = hb_buffer_get_glyph_infos(b, &ng);
	gp = hb_buffer_get_glyph_positions(b, NULL);
	grow(&s->gi, &s->gcap, ng, sizeof(*gi));
	grow(&s->gp, &s->pcap, ng, sizeof(*gp));
	if ((s->ng = ng) > 0) {
		memcpy(s->gi, gi, ng * sizeof(*gi));
		memcpy(s->gp, gp, ng * sizeof(*gp));
	}
	s->n = n;
}

hb_bool_t
hb_shape_full(hb_font_t *font, hb_buffer_t *b, const hb_feature_t *feat,
    unsigned int nfeat, const char *const *shapers)
{
	struct recent	*r;
	struct shaped	*s;
	struct setting	 st;
	const hb_glyph_info_t *in;
	unsigned int	 n;
	hb_bool_t	 ok;

	pthread_once(&once, init);
	if (whole_only || !cuttable(b, shapers) || (r = recent()) == NULL)
		return hb_whole(font, b, feat, nfeat, shapers);
	setting_of(font, b, &st);
	if (cut(r, &st, b, feat, nfeat)) {
		atomic_fetch_add_explicit(&ncut, 1, memory_order_relaxed);
		return 1;
	}
	/* The oldest slot takes the characters, before shaping turns
	 * them into glyphs, then the glyphs. */
	s = &r->s[r->next % KEEP];
	s->n = 0;
	in = hb_buffer_get_glyph_infos(b, &n);
	grow(&s->in, &s->incap, n, sizeof(*in));
	memcpy(s->in, in, n * sizeof(*in));
	ok = hb_whole(font, b, feat, nfeat, shapers);
	atomic_fetch_add_explicit(&nwhole, 1, memory_order_relaxed);
	if (ok && hb_buffer_get_content_type(b) ==
	    HB_BUFFER_CONTENT_TYPE_GLYPHS) {
		keep(s, &st, b, feat, nfeat, n);
		r->next++;
	}
	return ok;
}

/* The face the thread last asked about, one of its notes, and what
 * colour() answered: pango asks three times a glyph, mostly of one face. */
static _Thread_local hb_face_t	*last_face;
static _Thread_local int	 last_colour;

/* Has face a table colour glyphs are read from?  1 also when the thread
 * cannot keep notes, or with RAPPORTEUR_SHAPE=whole: HarfBuzz answers. */
static int
colour_noted(hb_face_t *face)
{
	static const hb_tag_t tags[] = {
		HB_TAG('C', 'O', 'L', 'R'), HB_TAG('C', 'B', 'D', 'T'),
		HB_TAG('C', 'B', 'L', 'C'), HB_TAG('s', 'b', 'i', 'x'),
		HB_TAG('S', 'V', 'G', ' ')
	};
	struct recent	*r;
	struct face_note *f;
	hb_blob_t	*blob;
	size_t		 i;
	int		 colour = 0;

	pthread_once(&once, init);
	if (whole_only || (r = recent()) == NULL)
		return 1;
	for (i = 0; i < FACES; i++)
		if (r->f[i].face == face) {
			f = &r->f[i];
			goto found;
		}
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]) && !colour; i++) {
		blob = hb_face_reference_table(face, tags[i]);
		colour = hb_blob_get_length(blob) > 0;
		hb_blob_destroy(blob);
	}
	f = &r->f[r->nextf++ % FACES];
	if (f->face != NULL)
		hb_face_destroy(f->face);
	f->face = hb_face_reference(face);
	f->colour = colour;
found:
	last_face = f->face;
	last_colour = f->colour;
	return f->colour;
}

static inline int
colour(hb_face_t *face)
{
	return face == last_face ? last_colour : colour_noted(face);
}

unsigned int
hb_ot_color_glyph_get_layers(hb_face_t *face, hb_codepoint_t glyph,
    unsigned int start, unsigned int *count, hb_ot_color_layer_t *layers)
{
	if (colour(face))
		return hb_layers(face, glyph, start, count, layers);
	if (count != NULL)
		*count = 0;
	return 0;
}

hb_bool_t
hb_ot_color_has_png(hb_face_t *face)
{
	return colour(face) ? hb_has_png(face) : 0;
}

hb_bool_t
hb_ot_color_has_svg(hb_face_t *face)
{
	return colour(face) ? hb_has_svg(face) : 0;
}

void
shape_counts(unsigned long *cuts, unsigned long *wholes)
{
	*cuts = atomic_load_explicit(&ncut, memory_order_relaxed);
	*wholes = atomic_load_explicit(&nwhole, memory_order_relaxed);
}
