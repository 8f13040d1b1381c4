/*
 * The model's lookups, shared by the backends: see extern.h.  They read
 * the report only.
 */
#include <stddef.h>

#include "report.h"
#include "extern.h"

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

enum change
report_change(enum status prev, enum status now)
{
	if (prev == now)
		return CHANGE_SAME;
	if (prev == STATUS_NOT_ASSESSED || now == STATUS_NOT_ASSESSED)
		return CHANGE_OTHER;
	/* The enum runs from best to worst. */
	return now < prev ? CHANGE_BETTER : CHANGE_WORSE;
}
