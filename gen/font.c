/*
 * The pinned fonts: a fontconfig configuration made of explicit font files
 * (Debian packages fonts-sil-charis, fonts-noto-core, fonts-dejavu-core),
 * built once per process.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>

#include "report.h"
#include "extern.h"
#include "font.h"
#include "i18n.h"

static const char *const font_files[] = {
	"/usr/share/fonts/truetype/charis/CharisSIL-Regular.ttf",
	"/usr/share/fonts/truetype/charis/CharisSIL-Italic.ttf",
	"/usr/share/fonts/truetype/charis/CharisSIL-Bold.ttf",
	"/usr/share/fonts/truetype/charis/CharisSIL-BoldItalic.ttf",
	"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf",
	"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
	"/usr/share/fonts/truetype/noto/NotoSans-BoldItalic.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
};

static pthread_once_t	 once = PTHREAD_ONCE_INIT;
static FcConfig		*config;

static void
config_init(void)
{
	size_t	 i;

	config = FcConfigCreate();
	for (i = 0; i < sizeof(font_files) / sizeof(font_files[0]); i++)
		if (access(font_files[i], R_OK) == -1 ||
		    !FcConfigAppFontAddFile(config,
		    (const FcChar8 *)font_files[i])) {
			diag_sys("missing font %s (run make deps)",
			    font_files[i]);
			exit(EXIT_SYSTEM);
		}
}

PangoFontMap *
font_map_new(void)
{
	PangoFontMap	*fm;

	pthread_once(&once, config_init);
	fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), config);
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

PangoLayout *
font_layout(PangoContext *ctx, const char *family, double size,
    PangoWeight weight)
{
	PangoLayout		*l;
	PangoFontDescription	*fd;

	l = pango_layout_new(ctx);
	fd = pango_font_description_new();
	pango_font_description_set_family(fd, family);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, weight);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	return l;
}
