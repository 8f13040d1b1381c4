/*
 * The theme's logo, loaded and drawn (logo.c).  Include <cairo.h> and
 * "report.h" first.
 */
#ifndef LOGO_H
#define LOGO_H

struct logo {
	struct buf	 svg;		/* the file's bytes */
	double		 w, h;		/* [px] intrinsic size */
	const char	*name;		/* its file name in the styles
					   folder */
	const char	*alt;		/* its text alternative */
};

/* Loads the process theme's logo once per process (theme_load() first).
 * Returns 0 after diag_sys() if it cannot be read or drawn, 1 otherwise,
 * also when the theme has none. */
int		 logo_load(const char *styles);
/* The loaded logo, or NULL if there is none.  Read-only. */
const struct logo *logo_get(void);
/* Draws the logo into the box (x, y, w, h) of cr, its aspect kept.
 * Returns 0 if there is none or librsvg failed. */
int		 logo_draw(cairo_t *, double x, double y, double w,
		    double h);

#endif /* LOGO_H */
