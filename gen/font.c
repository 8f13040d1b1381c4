/*
 * The pinned fonts: a fontconfig configuration made of explicit font files
 * (Debian packages fonts-sil-charis, fonts-noto-core, fonts-wqy-microhei,
 * fonts-noto-cjk, fonts-dejavu-core, fonts-symbola), the theme's faces
 * and the files of styles/fonts/, built once per process.  No file of
 * the user's fontconfig configuration is read for layout: the system's is
 * asked only where the files of a family the theme names are, and which cache
 * holds the patterns of a font file (add_cached()).
 */
#include <dirent.h>
#include <err.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-ot.h>
#include <pango/pangofc-fontmap.h>

#include "report.h"
#include "extern.h"
#include "font.h"
#include "i18n.h"
#include "msg.h"
#include "theme.h"

#define NOTO	"/usr/share/fonts/truetype/noto/"

static const char *const font_files[] = {
	"/usr/share/fonts/truetype/charis/CharisSIL-Regular.ttf",
	"/usr/share/fonts/truetype/charis/CharisSIL-Italic.ttf",
	"/usr/share/fonts/truetype/charis/CharisSIL-Bold.ttf",
	"/usr/share/fonts/truetype/charis/CharisSIL-BoldItalic.ttf",
	NOTO "NotoSans-Regular.ttf",
	NOTO "NotoSans-Italic.ttf",
	NOTO "NotoSans-Bold.ttf",
	NOTO "NotoSans-BoldItalic.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
	/* The fallbacks, for the scripts the faces lack. */
	NOTO "NotoSansArabic-Regular.ttf",
	NOTO "NotoSansArabic-Bold.ttf",
	NOTO "NotoSansHebrew-Regular.ttf",
	NOTO "NotoSansHebrew-Bold.ttf",
	NOTO "NotoSansDevanagari-Regular.ttf",
	NOTO "NotoSansDevanagari-Bold.ttf",
	NOTO "NotoSansBengali-Regular.ttf",
	NOTO "NotoSansBengali-Bold.ttf",
	NOTO "NotoSansTamil-Regular.ttf",
	NOTO "NotoSansTamil-Bold.ttf",
	NOTO "NotoSansThai-Regular.ttf",
	NOTO "NotoSansThai-Bold.ttf",
	NOTO "NotoSansArmenian-Regular.ttf",
	NOTO "NotoSansArmenian-Bold.ttf",
	NOTO "NotoSansGeorgian-Regular.ttf",
	NOTO "NotoSansGeorgian-Bold.ttf",
	/*
	 * Chinese, Japanese and Korean in TrueType outlines: cairo 1.16's
	 * CFF subsetter loses some local subroutines of Noto Sans CJK's
	 * CID-keyed CFF (which, depends on the other glyphs of the subset),
	 * and the glyph is drawn blank.  Noto Sans CJK stays after it, for
	 * the few characters it lacks.
	 */
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
	/* Emoji and symbols, in outlines: cairo 1.16 embeds no colour
	 * bitmap font in a PDF. */
	"/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
};

/*
 * Every family asked for is followed by these, in this order, bound as
 * strongly as the family itself: fallback follows this list, never the
 * language or the order fontconfig happens to sort fonts in.  WenQuanYi
 * Micro Hei (one weight: bold CJK is set in it too) before Noto Sans CJK,
 * whose Simplified Chinese comes first of the faces of its collection.
 */
static const char fallback_rules[] =
"<?xml version=\"1.0\"?>\n"
"<fontconfig><match target=\"pattern\">"
"<edit name=\"family\" mode=\"append_last\" binding=\"strong\">"
"<string>Charis SIL</string><string>Noto Sans</string>"
"<string>Noto Sans Arabic</string><string>Noto Sans Hebrew</string>"
"<string>Noto Sans Devanagari</string><string>Noto Sans Bengali</string>"
"<string>Noto Sans Tamil</string><string>Noto Sans Thai</string>"
"<string>Noto Sans Armenian</string><string>Noto Sans Georgian</string>"
"<string>WenQuanYi Micro Hei</string>"
"<string>Noto Sans CJK SC</string><string>DejaVu Sans Mono</string>"
"<string>Symbola</string>"
"</edit></match></fontconfig>\n";

static pthread_once_t	 once = PTHREAD_ONCE_INIT;
static const char	*styles_dir;	/* for config_init(); not owned */
static FcConfig		*config;
static FcCharSet	*coverage;	/* of all the fonts of config: made and
					 * destroyed by font_check(), NULL
					 * out of it */
static int		 config_ok;
static char		**sfiles;	/* styles/fonts/ paths, by name; NULL-
					 * terminated, kept for the site */
static size_t		 nsfiles;

/*
 * The application font set of config.  fontconfig has no call that makes
 * it empty: it makes it at the first file added, even one holding no font
 * (/dev/null).  NULL if that changes.
 */
static FcFontSet *
app_set(void)
{
	FcFontSet	*set;

	if ((set = FcConfigGetFonts(config, FcSetApplication)) == NULL) {
		FcConfigAppFontAddFile(config, (const FcChar8 *)"/dev/null");
		set = FcConfigGetFonts(config, FcSetApplication);
	}
	return set;
}

/*
 * The patterns of fontconfig's cache of the folder of the font file
 * path, or NULL.  The last folder's are kept (most pinned files share
 * /usr/share/fonts/truetype/noto/) until folder_forget(); they hold a
 * reference to the cache, so it stays mapped without its own.
 */
static char		*folder;
static FcFontSet	*folder_fonts;

static void
folder_forget(void)
{
	if (folder_fonts != NULL)
		FcFontSetDestroy(folder_fonts);
	free(folder);
	folder = NULL;
	folder_fonts = NULL;
}

static FcFontSet *
folder_set(const char *path)
{
	FcCache		*cache;
	char		*dir;

	dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	if (folder != NULL && strcmp(folder, dir) == 0) {
		free(dir);
		return folder_fonts;
	}
	folder_forget();
	folder = dir;
	if ((cache = FcDirCacheLoad((const FcChar8 *)dir, NULL, NULL)) !=
	    NULL) {
		folder_fonts = FcCacheCopySet(cache);
		FcDirCacheUnload(cache);
	}
	return folder_fonts;
}

/*
 * Adds to config the patterns of the font file path that fontconfig's
 * cache of its folder holds: the cache of the system's configuration,
 * which fc-cache writes when a font package is installed.  They are the
 * patterns a scan of the file makes (the same order, character sets and
 * values), without reading the file's character map, which is most of
 * the time of a scan.  fontconfig checks the cache against the folder's
 * time stamp and ignores a stale one.  Each pattern added holds a
 * reference to the cache (mapped, owned by fontconfig).  Returns the
 * number of patterns added: 0 when the cache has none for path.
 */
static int
add_cached(const char *path)
{
	FcFontSet	*set, *fs;
	FcChar8		*file;
	int		 i, n = 0;

	if ((set = app_set()) == NULL || (fs = folder_set(path)) == NULL)
		return 0;
	for (i = 0; i < fs->nfont; i++)
		if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) ==
		    FcResultMatch && strcmp((char *)file, path) == 0) {
			FcPatternReference(fs->fonts[i]);
			if (!FcFontSetAdd(set, fs->fonts[i]))
				errx(EXIT_SYSTEM, "out of memory");
			n++;
		}
	return n;
}

/* The font file path (an absolute path): from fontconfig's cache, else
 * scanned.  Either way the same patterns, so the same output with or
 * without a cache. */
static int
add_file(const char *path)
{
	if (access(path, R_OK) != 0)
		return 0;
	return (path[0] == '/' && add_cached(path) > 0) ||
	    FcConfigAppFontAddFile(config, (const FcChar8 *)path);
}

static int
namecmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
font_name(const struct dirent *d)
{
	const char	*dot = strrchr(d->d_name, '.');

	return d->d_name[0] != '.' && dot != NULL &&
	    (strcasecmp(dot, ".ttf") == 0 || strcasecmp(dot, ".otf") == 0 ||
	    strcasecmp(dot, ".ttc") == 0);
}

/* The font files of <styles>/fonts, in the order of their names (not
 * the directory's).  Returns 0 after diag_sys() if one cannot be read. */
static int
add_styles_fonts(const char *styles)
{
	struct dirent	**ent;
	char		*dir, *path;
	int		 n, i, rc = 1;

	dir = xasprintf("%s/%s", styles, FONT_DIR);
	if ((n = scandir(dir, &ent, font_name, namecmp)) < 0) {
		free(dir);
		return 1;		/* no folder: no fonts */
	}
	sfiles = xcalloc((size_t)n + 1, sizeof(*sfiles));
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, ent[i]->d_name);
		if (rc && !add_file(path)) {
			diag_sys_msg(MSG_FONT_FILE, path);
			rc = 0;
		}
		sfiles[nsfiles++] = path;
		free(ent[i]);
	}
	free(ent);
	free(dir);
	return rc;
}

static int
pathcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Has config, or the system's configuration, fonts of family?  The
 * system's files of it are added to config, in the order of their
 * paths. */
static int
find_family(FcConfig *cf, const char *family, int add)
{
	FcPattern	*pat;
	FcObjectSet	*os;
	FcFontSet	*fs;
	FcChar8		*file;
	char		**files;
	int		 i, n = 0;

	pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family,
	    (char *)NULL);
	os = FcObjectSetBuild(FC_FILE, (char *)NULL);
	fs = FcFontList(cf, pat, os);
	if (fs != NULL && (n = fs->nfont) > 0 && add) {
		files = xcalloc((size_t)n, sizeof(*files));
		for (i = 0; i < n; i++)
			files[i] = FcPatternGetString(fs->fonts[i], FC_FILE,
			    0, &file) == FcResultMatch ?
			    xstrdup((char *)file) : xstrdup("");
		qsort(files, (size_t)n, sizeof(*files), pathcmp);
		for (i = 0; i < n; i++) {
			add_file(files[i]);
			free(files[i]);
		}
		free(files);
	}
	if (fs != NULL)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return n > 0;
}

/* Each face of the theme: in config already (pinned, or in
 * styles/fonts), else installed; an error otherwise. */
static int
theme_families(void)
{
	static const char *const prop[FONT__MAX] = {
		"--font-text", "--font-heading", "--font-code"
	};
	const struct theme *t = theme_get();
	int		 i, rc = 1;

	for (i = 0; i < FONT__MAX; i++) {
		if (find_family(config, t->font[i], 0) ||
		    find_family(NULL, t->font[i], 1))
			continue;
		diag_msg(DIAG_ERROR, t->font_set[i] ? &t->font_pos[i] : NULL,
		    MSG_FONT_FAMILY, t->font[i], prop[i],
		    styles_dir ? styles_dir : "styles", FONT_DIR);
		rc = 0;
	}
	return rc;
}

/*
 * The union of the characters of every font of config, into coverage.
 * font_check() destroys it when done: fontconfig keeps the leaves of a
 * character set at offsets from the set (FcPtr encoding), so a set held
 * to the end of the process looks definitely lost to memcheck.
 */
static void
coverage_init(void)
{
	FcFontSet	*fs = FcConfigGetFonts(config, FcSetApplication);
	FcCharSet	*cs;
	int		 i;

	coverage = FcCharSetCreate();
	for (i = 0; fs != NULL && i < fs->nfont; i++)
		if (FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &cs) ==
		    FcResultMatch)
			FcCharSetMerge(coverage, cs, NULL);
}

/* The configuration: the pinned fonts, the fallback rules, the theme's
 * faces.  Returns 0 after a diagnostic. */
static int
config_build(void)
{
	size_t	 i;

	config = FcConfigCreate();
	for (i = 0; i < sizeof(font_files) / sizeof(font_files[0]); i++)
		if (!add_file(font_files[i])) {
			diag_sys_msg(MSG_FONT_MISSING, font_files[i]);
			return 0;
		}
	if (!FcConfigParseAndLoadFromMemory(config,
	    (const FcChar8 *)fallback_rules, FcTrue)) {
		diag_sys_msg(MSG_FONT_FALLBACK);
		return 0;
	}
	if (!theme_load(styles_dir) ||
	    (styles_dir != NULL && !add_styles_fonts(styles_dir)) ||
	    !theme_families())
		return 0;
	return 1;
}

static pthread_t	 preload_thread;
static int		 preloading;	/* preload_thread runs or ended */

/* The thread of font_preload(): FcInit() reads the system's files, and
 * fontconfig keeps what it read for every later call of the process. */
static void *
preload(void *arg)
{
	(void)arg;
	FcInit();
	return NULL;
}

void
font_preload(void)
{
	/* Without the thread, the first call that needs it reads it. */
	if (!preloading && pthread_create(&preload_thread, NULL, preload,
	    NULL) == 0)
		preloading = 1;
}

void
font_preload_wait(void)
{
	if (!preloading)
		return;
	pthread_join(preload_thread, NULL);
	preloading = 0;
}

static void
config_init(void)
{
	font_preload_wait();
	config_ok = config_build();
	folder_forget();
}

int
font_load(const char *styles)
{
	styles_dir = styles;
	pthread_once(&once, config_init);
	return config_ok;
}

int
font_may_fit(const char *text, gssize len, double size, double w)
{
	return g_utf8_strlen(text, len) * size * 0.45 <= w;
}

const char *
font_family(enum font_role r)
{
	return theme_get()->font[r];
}

/* Is there a glyph for c in some font of the configuration? */
static int
font_has(gunichar c)
{
	return coverage != NULL && FcCharSetHasChar(coverage, c);
}

PangoFontMap *
font_map_new(void)
{
	PangoFontMap	*fm;

	pthread_once(&once, config_init);
	if (!config_ok)
		exit(EXIT_SYSTEM);
	fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), config);
	/* font_context()'s resolution, also for the contexts pango makes
	 * itself on fm (a font's metrics lay out a sample text at the
	 * font's size in pixels): at the default, 96, the same font is
	 * another pattern, which fontconfig sorts again. */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72.0);
	return fm;
}
PangoContext *
font_context(PangoFontMap *fm)
{
	PangoContext		*ctx;
	cairo_font_options_t	*fo;

	ctx = pango_font_map_create_context(fm);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(ctx, 72.0);	/* 1 unit = 1 pt */
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_context_set_language(ctx, pango_language_from_string(i18n_tag()));
	return ctx;
}

PangoFontDescription *
font_desc(const char *family, double size, PangoWeight weight)
{
	PangoFontDescription	*fd;

	fd = pango_font_description_new();
	pango_font_description_set_family(fd, family);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, weight);
	return fd;
}

PangoLayout *
font_layout(PangoContext *ctx, const char *family, double size,
    PangoWeight weight)
{
	PangoLayout		*l;
	PangoFontDescription	*fd;

	l = pango_layout_new(ctx);
	fd = font_desc(family, size, weight);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	return l;
}

/* Characters no font needs to draw: controls, format characters (joiners,
 * marks of direction), variation selectors, the soft hyphen. */
static int
invisible(gunichar c)
{
	GUnicodeType	 t = g_unichar_type(c);

	return c == '\n' || c == '\t' || c == 0xad ||
	    t == G_UNICODE_CONTROL || t == G_UNICODE_FORMAT ||
	    (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef);
}

/*
 * The characters below FINE_MAX (Latin, Greek, Cyrillic, Hebrew, Arabic,
 * Indic scripts, punctuation) that need no warning, a bit each: asking
 * fontconfig's character set for each character the narratives use
 * took more time than noting them.  Filled by font_check().
 */
#define FINE_MAX	0x3000
static unsigned char	 fine[FINE_MAX / 8];

static void
fine_init(void)
{
	gunichar	 c;

	for (c = 0; c < FINE_MAX; c++)
		if (invisible(c) || font_has(c))
			fine[c >> 3] |= 1 << (c & 7);
}

/* Is c a visible character that no font of the configuration has? */
static int
missing(gunichar c)
{
	if (c < FINE_MAX)
		return !(fine[c >> 3] & 1 << (c & 7));
	return !invisible(c) && !font_has(c);
}

/*
 * Warns at the first place of each character of d's file that no font of
 * the configuration has (the places the loader noted: the file is not
 * read again).
 */
static void
check_doc(const struct doc *d)
{
	struct pos	 pos = { d->file, 1, 1 };
	char		 u[6];
	size_t		 i;

	for (i = 0; i < d->nchars; i++) {
		if (!missing(d->chars[i].c))
			continue;
		pos.line = d->chars[i].line;
		pos.col = d->chars[i].col;
		diag_msg(DIAG_WARNING, &pos, MSG_FONT_GLYPH, d->chars[i].c,
		    g_unichar_to_utf8(d->chars[i].c, u), u);
	}
}

static void
check_parts(const struct part *pt, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (pt[i].doc.file != NULL)
			check_doc(&pt[i].doc);
}

void
font_check(const struct report *r)
{
	const struct edition *e;
	size_t		 i, k;

	if (!config_ok)
		return;
	coverage_init();
	fine_init();
	for (i = 0; i < r->neds; i++) {
		e = &r->eds[i];
		check_parts(e->front, e->nfront);
		for (k = 0; e->narr != NULL && k < r->plan.nmeasures; k++)
			if (e->narr[k].file != NULL)
				check_doc(&e->narr[k]);
		check_parts(e->back, e->nback);
	}
	FcCharSetDestroy(coverage);
	coverage = NULL;
}

int
font_site(void)
{
	const struct theme *t = theme_get();
	int		 i;

	for (i = 0; i < FONT__MAX; i++)
		if (t->font_set[i])
			return 1;
	return nsfiles > 0;
}

const char *const *
font_site_files(void)
{
	static const char *const none[] = { NULL };

	return sfiles != NULL ? (const char *const *)sfiles : none;
}

/* An @font-face rule for the font of styles/fonts/ at path, described
 * by its pattern in config. */
static void
face_rule(struct buf *b, const char *path, FcPattern *pat)
{
	FcChar8		*fam;
	int		 wt = FC_WEIGHT_REGULAR, sl = FC_SLANT_ROMAN;
	const char	*base = strrchr(path, '/') + 1, *dot;

	if (FcPatternGetString(pat, FC_FAMILY, 0, &fam) != FcResultMatch)
		return;
	FcPatternGetInteger(pat, FC_WEIGHT, 0, &wt);
	FcPatternGetInteger(pat, FC_SLANT, 0, &sl);
	dot = strrchr(base, '.');
	buf_printf(b, "@font-face {\n  font-family: \"%s\";\n"
	    "  src: url(\"fonts/%s\") format(\"%s\");\n"
	    "  font-weight: %d;\n  font-style: %s;\n}\n", (char *)fam, base,
	    strcasecmp(dot, ".otf") == 0 ? "opentype" : "truetype",
	    (int)FcWeightToOpenType(wt), sl != FC_SLANT_ROMAN ? "italic" :
	    "normal");
}

void
font_site_css(struct buf *b)
{
	static const char *const sel[FONT__MAX] = {
		"body", "h1, h2, h3, h4, h5, h6", "code, pre, kbd, samp"
	};
	static const char *const generic[FONT__MAX] = {
		"serif", "sans-serif", "monospace"
	};
	const struct theme *t = theme_get();
	FcFontSet	*fs = FcConfigGetFonts(config, FcSetApplication);
	FcChar8		*file;
	size_t		 k;
	int		 i;

	BUF_PUTSL(b, "/* The theme's faces: --font-text, --font-heading and "
	    "--font-code of theme.css,\n * and the font files of its "
	    "fonts folder (generated). */\n");
	for (k = 0; k < nsfiles; k++)
		for (i = 0; fs != NULL && i < fs->nfont; i++)
			if (FcPatternGetString(fs->fonts[i], FC_FILE, 0,
			    &file) == FcResultMatch &&
			    strcmp((char *)file, sfiles[k]) == 0)
				face_rule(b, sfiles[k], fs->fonts[i]);
	for (i = 0; i < FONT__MAX; i++)
		if (t->font_set[i])
			buf_printf(b, "%s {\n  font-family: \"%s\", %s;\n}\n",
			    sel[i], t->font[i], generic[i]);
}

/*
 * Texts that OpenType mark positioning leaves alone.
 *
 * The GPOS features mark and mkmk move a glyph only where one of their
 * lookups may act on it (lookup_marks()): a mark that a mark to base,
 * ligature or mark lookup covers, a glyph with an entry anchor in a
 * cursive one, the input of a lookup of any other type.  harfbuzz tests
 * every glyph of a text against each such lookup all the same.
 *
 * The glyphs harfbuzz positions come from the characters of the text
 * (the face's nominal glyphs, or glyph 0, or pango's glyphs of unknown
 * characters, which no coverage holds) and from GSUB's substitutions of
 * them.  So where the closure, under the GSUB lookups of the features
 * harfbuzz may apply unasked (applied_lookups()), of the glyphs of a
 * set of characters that are not combining marks (Unicode Mn, Mc, Me)
 * holds no glyph a mark lookup may act on, mark and mkmk cannot act on
 * a text of those characters in that face: the face is plain for them.
 *
 * The faces are those the theme's families resolve to, at each weight
 * and slant the layouts and charts ask for (the first font of the
 * fontset, which pango takes for each character it has).  The set of
 * characters: those of the Basic Multilingual Plane that every face
 * has (pango's test and harfbuzz's: so pango falls back to no other
 * font, and harfbuzz decomposes none), no mark, none whose own glyph a
 * mark lookup may act on.  A text drawn only in the faces is markless
 * if each of its characters is of the set and every face is plain for
 * it.  Controls (tab, CR, LF) need no glyph: pango picks no font for
 * them, and harfbuzz neither decomposes them nor maps them to a glyph
 * other than 0 or pango's.
 *
 * Built once per process on the first call's context (any context of a
 * font map of the pinned configuration gives the same answer), under a
 * lock: a table of the characters of markless texts.
 */
#define MARKS_MAX	0x10000		/* characters of markless texts
					   are below */

static pthread_mutex_t	 marks_lock = PTHREAD_MUTEX_INITIALIZER;
static int		 marks_done;	/* atomic */
static unsigned char	 marks_ok[MARKS_MAX / 8];

static gboolean
fontset_first(PangoFontset *fs, PangoFont *f, gpointer arg)
{
	(void)fs;
	*(PangoFont **)arg = g_object_ref(f);
	return TRUE;
}

static int
is_mark(hb_codepoint_t c)
{
	GUnicodeType	 t = g_unichar_type(c);

	return t == G_UNICODE_NON_SPACING_MARK ||
	    t == G_UNICODE_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK;
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/*
 * Adds to set the glyphs of the coverage table at off of the len bytes
 * of t; with rec, only those whose record (4 bytes each, nrec of them,
 * at rec in t, in the order of the coverage) has an entry anchor.
 * Returns 0 if the table does not fit in t.
 */
static int
coverage_add(const unsigned char *t, size_t len, size_t off, hb_set_t *set,
    size_t rec, size_t nrec)
{
	size_t	 n, i, k, g, first, last;

	if (off + 4 > len)
		return 0;
	n = be16(t + off + 2);
	switch (be16(t + off)) {
	case 1:
		if (off + 4 + 2 * n > len)
			return 0;
		for (i = 0; i < n; i++)
			if (rec == 0 || (i < nrec && be16(t + rec + 4 * i) != 0))
				hb_set_add(set, be16(t + off + 4 + 2 * i));
		return 1;
	case 2:
		if (off + 4 + 6 * n > len)
			return 0;
		for (i = 0; i < n; i++) {
			first = be16(t + off + 4 + 6 * i);
			last = be16(t + off + 6 + 6 * i);
			if (rec == 0) {
				hb_set_add_range(set, first, last);
				continue;
			}
			k = be16(t + off + 8 + 6 * i);
			for (g = first; g <= last; g++, k++)
				if (k < nrec && be16(t + rec + 4 * k) != 0)
					hb_set_add(set, g);
		}
		return 1;
	default:
		return 0;
	}
}

/*
 * Adds to set the glyphs that GPOS lookup k of face (its table t, len
 * bytes) may move: in each subtable (through extensions, type 9) the
 * first coverage of one of types 4 to 6 (mark to base, to ligature, to
 * mark: it moves a mark it covers), the glyphs with an entry anchor of
 * one of type 3 (cursive: it moves a glyph that has one); harfbuzz's
 * input glyphs of a lookup of another type.  Returns 0 if the table
 * does not hold together.
 */
static int
lookup_marks(hb_face_t *face, const unsigned char *t, size_t len,
    unsigned k, hb_set_t *set)
{
	size_t		 ll, lk, st, nrec;
	unsigned	 type, etype, n, i;

	if (len < 10)
		return 0;
	ll = be16(t + 8);
	if (ll + 2 + 2 * (k + 1) > len)
		return 0;
	lk = ll + be16(t + ll + 2 + 2 * k);
	if (lk + 6 > len)
		return 0;
	type = be16(t + lk);
	n = be16(t + lk + 4);
	if (lk + 6 + 2 * n > len)
		return 0;
	for (i = 0; i < n; i++) {
		st = lk + be16(t + lk + 6 + 2 * i);
		etype = type;
		if (type == 9) {
			if (st + 8 > len || be16(t + st) != 1)
				return 0;
			etype = be16(t + st + 2);
			st += (size_t)be16(t + st + 4) << 16 |
			    be16(t + st + 6);
		}
		if (etype < 3 || etype > 6) {
			hb_ot_layout_lookup_collect_glyphs(face,
			    HB_OT_TAG_GPOS, k, NULL, set, NULL, NULL);
			return 1;
		}
		if (st + 6 > len || be16(t + st) != 1)
			return 0;
		nrec = etype == 3 ? be16(t + st + 4) : 0;
		if (st + 6 + 4 * nrec > len || !coverage_add(t, len,
		    st + be16(t + st + 2), set, etype == 3 ? st + 6 : 0, nrec))
			return 0;
	}
	return 1;
}

/*
 * Features that harfbuzz applies only on request, none of which gen or
 * pango 1.50 asks for (gen sets no font feature but FONT_NO_MARKS, and
 * the pinned configuration none): their lookups are left out of the
 * closure.  Any other feature, known or not, counts as applied, those
 * of a font variant (small capitals, superscripts) too.
 */
static const char *const asked[] = {
	"aalt", "afrc", "cpsp", "cswh", "dlig", "dtls", "expt", "falt",
	"flac", "fwid", "halt", "hist", "hkna", "hlig", "hngl", "hojo",
	"hwid", "ital", "jalt", "jp04", "jp78", "jp83", "jp90", "lfbd",
	"lnum", "mgrk", "nalt", "nlck", "onum", "opbd", "ordn", "ornm",
	"palt", "pkna", "pnum", "pwid", "qwid", "rtbd", "ruby", "salt",
	"sinf", "size", "smpl", "ssty", "swsh", "tnam", "tnum", "trad",
	"twid", "vhal", "vkna", "vpal", "vrt2", "zero", NULL
};

static int
feature_asked(hb_tag_t tag)
{
	char	 s[5];
	size_t	 i;

	hb_tag_to_string(tag, s);
	s[4] = '\0';
	if ((strncmp(s, "ss", 2) == 0 || strncmp(s, "cv", 2) == 0) &&
	    g_ascii_isdigit(s[2]) && g_ascii_isdigit(s[3]))
		return 1;
	for (i = 0; asked[i] != NULL; i++)
		if (strcmp(s, asked[i]) == 0)
			return 1;
	return 0;
}

/* Adds to lookups those of the GSUB features of face that harfbuzz
 * may apply unasked, in any script and language. */
static void
applied_lookups(hb_face_t *face, hb_set_t *lookups)
{
	hb_tag_t	*tags;
	unsigned int	 n, i, j;

	n = hb_ot_layout_table_get_feature_tags(face, HB_OT_TAG_GSUB, 0,
	    NULL, NULL);
	tags = xcalloc(n + 1, sizeof(*tags));
	hb_ot_layout_table_get_feature_tags(face, HB_OT_TAG_GSUB, 0, &n,
	    tags);
	for (i = j = 0; i < n; i++)
		if (!feature_asked(tags[i]))
			tags[j++] = tags[i];
	tags[j] = HB_TAG_NONE;
	hb_ot_layout_collect_lookups(face, HB_OT_TAG_GSUB, NULL, NULL, tags,
	    lookups);
	free(tags);
}

/* Clears in marks_ok the characters that the face of font lacks
 * (pango's test or harfbuzz's), the marks, and those whose own glyph a
 * mark lookup may act on.  Is the face then plain for those left
 * (above)? */
static int
face_plain(PangoFont *font)
{
	static const hb_tag_t features[] = {
		HB_TAG('m', 'a', 'r', 'k'), HB_TAG('m', 'k', 'm', 'k'),
		HB_TAG_NONE
	};
	hb_font_t	*hf = pango_font_get_hb_font(font);
	hb_face_t	*face = hb_font_get_face(hf);
	hb_blob_t	*blob;
	hb_set_t	*chars, *glyphs, *lookups, *marks;
	hb_codepoint_t	 c, g, k;
	const unsigned char *t;
	unsigned char	 has[MARKS_MAX / 8];
	unsigned int	 len;
	size_t		 i;
	int		 ok = 1;

	chars = hb_set_create();
	glyphs = hb_set_create();
	lookups = hb_set_create();
	marks = hb_set_create();

	hb_ot_layout_collect_lookups(face, HB_OT_TAG_GPOS, NULL, NULL,
	    features, lookups);
	blob = hb_face_reference_table(face, HB_OT_TAG_GPOS);
	t = (const unsigned char *)hb_blob_get_data(blob, &len);
	k = HB_SET_VALUE_INVALID;
	while (ok && hb_set_next(lookups, &k))
		ok = lookup_marks(face, t, len, k, marks);
	hb_blob_destroy(blob);

	memset(has, 0, sizeof(has));
	hb_face_collect_unicodes(face, chars);
	c = HB_SET_VALUE_INVALID;
	while (hb_set_next(chars, &c) && c < MARKS_MAX)
		if ((marks_ok[c / 8] & (1u << (c % 8))) &&
		    hb_font_get_nominal_glyph(hf, c, &g) &&
		    !hb_set_has(marks, g) && !is_mark(c) &&
		    pango_font_has_char(font, c)) {
			has[c / 8] |= 1u << (c % 8);
			hb_set_add(glyphs, g);
		}
	for (i = 0; i < sizeof(has); i++)
		marks_ok[i] &= has[i];
	hb_set_add(glyphs, 0);

	hb_set_clear(lookups);
	applied_lookups(face, lookups);
	if (!hb_set_is_empty(lookups))
		hb_ot_layout_lookups_substitute_closure(face, lookups,
		    glyphs);
	hb_set_intersect(marks, glyphs);
	ok = ok && hb_set_is_empty(marks);

	hb_set_destroy(chars);
	hb_set_destroy(glyphs);
	hb_set_destroy(lookups);
	hb_set_destroy(marks);
	return ok;
}

/*
 * The font pango takes for the characters it has of a text in family at
 * weight, italic or not: the first of the fontset (a reference), or
 * NULL.  At one size: fontconfig tells the files of a family apart by
 * weight and slant (and by design size only in files that declare a
 * range of them, which the pinned ones do not).
 */
static PangoFont *
face_font(PangoContext *ctx, const char *family, PangoWeight weight,
    int italic)
{
	PangoFontDescription *fd;
	PangoFontset	*fs;
	PangoFont	*f = NULL;

	fd = font_desc(family, 10, weight);
	if (italic)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	fs = pango_context_load_fontset(ctx, fd,
	    pango_context_get_language(ctx));
	pango_font_description_free(fd);
	if (fs != NULL) {
		pango_fontset_foreach(fs, fontset_first, &f);
		g_object_unref(fs);
	}
	return f;
}

/* Builds marks_ok from the faces of every role, at each weight the
 * layouts and charts ask for (spans add bold), upright and italic. */
static void
marks_init(PangoContext *ctx)
{
	static const PangoWeight weights[] = {
		PANGO_WEIGHT_NORMAL, PANGO_WEIGHT_SEMIBOLD, PANGO_WEIGHT_BOLD
	};
	PangoFont	*f;
	hb_face_t	*seen[FONT__MAX * 3 * 2], *face;
	size_t		 nseen = 0, i;
	int		 r, w, it, plain = 1;
	gunichar	 c;

	memset(marks_ok, 0xff, sizeof(marks_ok));
	for (r = 0; r < FONT__MAX; r++)
		for (w = 0; w < 3; w++)
			for (it = 0; it < 2; it++) {
				if ((f = face_font(ctx, font_family(r),
				    weights[w], it)) == NULL) {
					plain = 0;
					continue;
				}
				face = hb_font_get_face(
				    pango_font_get_hb_font(f));
				for (i = 0; i < nseen && seen[i] != face; i++)
					continue;
				if (i == nseen) {
					seen[nseen++] = face;
					plain = face_plain(f) && plain;
				}
				g_object_unref(f);
			}
	if (!plain)
		memset(marks_ok, 0, sizeof(marks_ok));
	else
		for (c = '\t'; c <= '\r'; c++)
			if (c != '\v' && c != '\f')
				marks_ok[c / 8] |= 1u << (c % 8);
}

int
font_markless(PangoContext *ctx, const char *text, gssize len)
{
	const char	*p, *e;
	gunichar	 c;

	if (!__atomic_load_n(&marks_done, __ATOMIC_ACQUIRE)) {
		pthread_mutex_lock(&marks_lock);
		if (!marks_done) {
			marks_init(ctx);
			__atomic_store_n(&marks_done, 1, __ATOMIC_RELEASE);
		}
		pthread_mutex_unlock(&marks_lock);
	}
	e = text + (len < 0 ? strlen(text) : (size_t)len);
	for (p = text; p < e; p = g_utf8_next_char(p)) {
		if ((unsigned char)*p < 0x80)
			c = (unsigned char)*p;
		else if ((c = g_utf8_get_char_validated(p, e - p)) >=
		    MARKS_MAX)
			return 0;
		if (!(marks_ok[c / 8] & (1u << (c % 8))))
			return 0;
	}
	return 1;
}

void
font_set_text(PangoLayout *l, const char *text, int len)
{
	PangoContext	*ctx = pango_layout_get_context(l);
	PangoAttrList	*al;

	pango_layout_set_text(l, text, len);
	if (!font_markless(ctx, text, len))
		return;
	al = pango_attr_list_new();
	pango_attr_list_insert(al, pango_attr_font_features_new(FONT_NO_MARKS));
	pango_layout_set_attributes(l, al);
	pango_attr_list_unref(al);
}
