/*
 * The theme's logo and icon, loaded and drawn (logo.c).  Include
 * "report.h" first; the site includes this without cairo.
 */
#ifndef LOGO_H
#define LOGO_H

struct _cairo;			/* cairo_t */

enum logo_kind {
	LOGO_MAIN,		/* --logo: masthead, cover, running head */
	LOGO_ICON,		/* --icon: the favicon */
	LOGO__MAX
};

struct logo {
	enum img_kind	 kind;		/* IMG_SVG or IMG_PNG */
	struct buf	 data;		/* the file's bytes */
	struct buf	 data2x;	/* a PNG's copy at twice the size */
	double		 w, h;		/* [px] intrinsic size: an SVG's,
					   a PNG's 1x file's */
	const char	*name;		/* its file name in the styles
					   folder */
	char		*name2x;	/* a PNG's copy's, else NULL */
	const char	*alt;		/* its text alternative ("" for the
					   icon) */
};

/* Loads the process theme's logo and icon once per process (theme_load()
 * first).  Returns 0 after diag_sys() if one cannot be read or drawn, 1
 * otherwise, also when the theme has none. */
int		 logo_load(const char *styles);
/* The loaded logo or icon, or NULL if the theme has none.  Read-only. */
const struct logo *logo_get(enum logo_kind);
/* Draws it into the box (x, y, w, h) of cr, its aspect kept, centred
 * (a PNG's copy at twice the size, scaled).  Returns 0 if there is none
 * or librsvg or cairo failed. */
int		 logo_draw(enum logo_kind, struct _cairo *, double x, double y,
		    double w, double h);

#endif /* LOGO_H */
