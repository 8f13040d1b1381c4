/*
 * The words that go with a chart (title, a sentence stating the data),
 * shared by the SVG <title>/<desc>, the site's text alternatives and the
 * PDF, and the figures of the synthesis sheet.  No cairo here: the site
 * includes this, not chart.h.  Include "report.h", "extern.h" first.
 */
#ifndef CHARTDESC_H
#define CHARTDESC_H

/* "charts/m01-victimes-suivies.svg".  Caller frees. */
char	*chart_file(const struct indicator *);
/* The narrow variant's file of a chart's file: "charts/statuts.svg" ->
 * "charts/statuts-etroit.svg" (fname(), FNAME_NARROW).  Caller frees. */
char	*chart_file_narrow(const char *file);

/* Title and a sentence stating the data, values after year left out:
 * "De 712 en 2015 à 1 118 en 2016 ; cible 1 500 en 2016."  Caller frees. */
char	*chart_title(const struct indicator *, int year);
char	*chart_desc(const struct indicator *, int year);
/* The change of the indicator's last value since the previous edition,
 * one sentence: "1 118 en 2016, contre 712 en 2015 (+57 %)." or "Pas de
 * nouvelle valeur depuis 2015.".  NULL for categories or when there is
 * nothing to compare.  Caller frees. */
char	*chart_change(const struct indicator *, int year, int prevyear);
char	*chart_title_status(const struct report *, const struct edition *);
char	*chart_desc_status(const struct report *, const struct edition *);
char	*chart_title_progress(const struct report *, const struct edition *);
char	*chart_desc_progress(const struct report *, const struct edition *);
char	*chart_title_sheet(const struct report *, const struct edition *);
char	*chart_desc_sheet(const struct report *, const struct edition *);

/* The unit of a value v, singular or plural ("1 carte", "2 cartes"):
 * caller frees. */
char	*chart_unit(const char *unit, double v);

/* A value as a chart labels it: fmt_value(), except that a small
 * non-zero value keeps its significant digits ("0,004"). */
void	 chart_fmt(char *buf, size_t size, double v, const char *unit);

/* Values of s up to year: how many (they come first, sorted). */
size_t	 chart_upto(const struct series *, int year);
/* First and last year with a value up to year, over all series; 0 if
 * none. */
int	 chart_year_span(const struct indicator *, int year, int *first,
	    int *last);
/* l inside a sentence, its first (ASCII) capital lowered: "mesure 12". */
void	 chart_put_lower(struct buf *, const char *);
/* A measure's status in year (STATUS_NOT_ASSESSED without an
 * assessment), and the number of measures per status, cnt[STATUS__MAX]. */
enum status chart_status_of(const struct measure *, int year);
void	 chart_count_status(const struct report *, int year, size_t *cnt);

/* The key figures of the synthesis sheet: the statuses, then indicator
 * values of the edition year (the year before if too few), in plan
 * order.  Returns how many of f[CHART_MAX_FIGS] it filled; free them
 * with chart_figs_free(). */
#define CHART_MAX_FIGS	6

struct chart_fig {
	char	 value[64];
	char	*label;		/* caller frees */
	char	*detail;	/* caller frees; may be "" */
};

size_t	 chart_key_figures(const struct report *, const struct edition *,
	    struct chart_fig *);
void	 chart_figs_free(struct chart_fig *, size_t);

#endif /* CHARTDESC_H */
