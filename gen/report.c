/*
 * The model's lookups, shared by the backends: see extern.h.  They read
 * the report only.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"

const struct assessment *
report_assessment(const struct measure *m, int year)
{
	size_t	 i;

	for (i = 0; i < m->nassess; i++)
		if (m->assess[i].year == year)
			return &m->assess[i];
	return NULL;
}

const struct value *
series_at(const struct series *s, int year)
{
	size_t	 i;

	for (i = 0; i < s->nvals; i++)
		if (s->vals[i].year == year)
			return &s->vals[i];
	return NULL;
}

const struct value *
series_last(const struct series *s, int year)
{
	const struct value *v = NULL;
	size_t	 i;

	for (i = 0; i < s->nvals && s->vals[i].year <= year; i++)
		v = &s->vals[i];
	return v;
}

int
indicator_has_data(const struct indicator *ind, int year)
{
	size_t	 i;

	for (i = 0; i < ind->nseries; i++)
		if (series_last(&ind->series[i], year) != NULL)
			return 1;
	return 0;
}

const struct edition *
report_edition(const struct report *r, int year)
{
	size_t	 i;

	for (i = 0; i < r->neds; i++)
		if (r->eds[i].year == year)
			return &r->eds[i];
	return NULL;
}

/* Where a status stands in the plan's scale, best first; a status the
 * scale lacks (only "not assessed", for a draft's missing assessment)
 * comes last. */
static size_t
status_rank(const struct plan *pl, enum status st)
{
	return pl->status[st] != NULL ?
	    (size_t)(pl->status[st] - pl->scale) : STATUS__MAX;
}

enum change
report_change(const struct plan *pl, enum status prev, enum status now)
{
	if (prev == now)
		return CHANGE_SAME;
	if (prev == STATUS_NOT_ASSESSED || now == STATUS_NOT_ASSESSED)
		return CHANGE_OTHER;
	return status_rank(pl, now) < status_rank(pl, prev) ?
	    CHANGE_BETTER : CHANGE_WORSE;
}

const char *
status_name(const struct plan *pl, enum status st)
{
	return pl->status[st] != NULL ? pl->status[st]->label :
	    T(status_label[st]);
}

const char *
status_id(const struct plan *pl, enum status st)
{
	return pl->status[st] != NULL ? pl->status[st]->id : status_code[st];
}

size_t
scale_legend(const struct plan *pl, const size_t *cnt,
    enum status *out)
{
	size_t	 i, n = 0;

	for (i = 0; i < pl->nscale; i++)
		out[n++] = pl->scale[i].slot;
	if (pl->status[STATUS_NOT_ASSESSED] == NULL && cnt != NULL &&
	    cnt[STATUS_NOT_ASSESSED] > 0)
		out[n++] = STATUS_NOT_ASSESSED;
	return n;
}

/* The levels of a plan that declares none, in French (T() translates
 * their names): the priorities, the objectives, the measures. */
static const struct level dflt[] = {
	{ N_("Priorité"), N_("Priorités"), "", NUMBERING_ROMAN, 0,
	    { NULL, 0, 0 } },
	{ N_("Objectif"), N_("Objectifs"), "", NUMBERING_ID, 0,
	    { NULL, 0, 0 } },
	{ N_("Mesure"), N_("Mesures"), "", NUMBERING_ARABIC, 0,
	    { NULL, 0, 0 } },
};
#define NDFLT	(sizeof(dflt) / sizeof(dflt[0]))

void
plan_defaults(struct plan *pl)
{
	size_t	 i;

	/* In the plan's language: plan_lang() has set it. */
	memcpy(pl->levels, dflt, sizeof(dflt));
	pl->nlevels = NDFLT;
	for (i = 0; i < pl->nlevels; i++) {
		pl->levels[i].singular = T(dflt[i].singular);
		pl->levels[i].plural = T(dflt[i].plural);
	}
	for (i = 0; i < STATUS__MAX; i++) {
		pl->scale[i].id = status_code[i];
		pl->scale[i].label = T(status_label[i]);
		pl->scale[i].slot = i;
		pl->status[i] = &pl->scale[i];
	}
	pl->nscale = STATUS__MAX;
	pl->own_scale = 0;
}

/* Roman numerals for any positive number: thousands as M. */
static void
roman(struct buf *b, int n)
{
	static const int	 val[] = { 1000, 900, 500, 400, 100, 90, 50,
	    40, 10, 9, 5, 4, 1 };
	static const char *const sym[] = { "M", "CM", "D", "CD", "C", "XC",
	    "L", "XL", "X", "IX", "V", "IV", "I" };
	size_t	 i;

	for (i = 0; i < sizeof(val) / sizeof(val[0]); i++)
		for (; n >= val[i]; n -= val[i])
			buf_puts(b, sym[i]);
}

char *
level_number(const struct level *lv, int pos, const char *id)
{
	struct buf	 b = { NULL, 0, 0 };

	switch (lv->numbering) {
	case NUMBERING_ROMAN:
		roman(&b, pos);
		break;
	case NUMBERING_ARABIC:
		buf_printf(&b, "%d", pos);
		break;
	case NUMBERING_ID:
	case NUMBERING__MAX:
		buf_puts(&b, id);
		break;
	}
	return buf_detach(&b);
}

char *
level_label(const struct plan *pl, size_t level, const char *num,
    const char *sep)
{
	const struct level *lv = &pl->levels[level];

	return xasprintf("%s%s%s%s%s", lv->singular, sep, lv->before,
	    lv->before[0] != '\0' ? sep : "", num);
}

/* The length in bytes of the capital letter s starts with, for the
 * capitals of Latin-1 (A-Z, À-Þ but ×), or 0; its lower case is the
 * same length, its last byte 0x20 higher. */
static size_t
capital(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] >= 'A' && u[0] <= 'Z')
		return 1;
	if (u[0] == 0xc3 && u[1] >= 0x80 && u[1] <= 0x9e && u[1] != 0x97)
		return 2;
	return 0;
}

char *
level_word(const struct plan *pl, size_t level, int plural)
{
	const struct level *lv = &pl->levels[level];
	char		*w = xstrdup(plural ? lv->plural : lv->singular);
	size_t		 n = capital(w);

	/* A name in capitals (an acronym) is kept as it is. */
	if (n > 0 && capital(w + n) == 0)
		w[n - 1] += 0x20;
	return w;
}

int
level_words_default(const struct plan *pl, size_t level)
{
	const struct level *lv = &pl->levels[level], *d;

	d = &dflt[level + 1 == pl->nlevels ? NDFLT - 1 : level == 0 ? 0 : 1];
	return strcmp(lv->singular, T(d->singular)) == 0 &&
	    strcmp(lv->plural, T(d->plural)) == 0;
}

int
plan_flat(const struct plan *pl)
{
	return pl->nlevels == 1;
}

size_t
plan_groups(const struct plan *pl)
{
	return plan_flat(pl) ? 0 : pl->nprios;
}
