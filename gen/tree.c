/*
 * A plain-text dump of the model, one node a line, indented by depth: for
 * the loaders' golden tests and for bug reports (`rapporteur tree`).
 */
#include <stdio.h>

#include "report.h"
#include "extern.h"

static const char *const block_name[BLOCK__MAX] = {
	"paragraph",	/* BLOCK_PARAGRAPH */
	"heading",	/* BLOCK_HEADING */
	"list",		/* BLOCK_LIST */
	"item",		/* BLOCK_ITEM */
	"quote",	/* BLOCK_QUOTE */
	"code",		/* BLOCK_CODE */
	"rule",		/* BLOCK_RULE */
	"html",		/* BLOCK_HTML */
};

static const char *const span_name[SPAN__MAX] = {
	"text",		/* SPAN_TEXT */
	"code",		/* SPAN_CODE */
	"emph",		/* SPAN_EMPH */
	"strong",	/* SPAN_STRONG */
	"link",		/* SPAN_LINK */
	"image",	/* SPAN_IMAGE */
	"softbreak",	/* SPAN_SOFTBREAK */
	"linebreak",	/* SPAN_LINEBREAK */
	"html",		/* SPAN_HTML */
	"lang",		/* SPAN_LANG */
};

static const char *const chart_name[CHART__MAX] = {
	"line",		/* CHART_LINE */
	"bar",		/* CHART_BAR */
	"stacked",	/* CHART_STACKED */
	"hbar",		/* CHART_HBAR */
};

static void
indent(struct buf *b, int d)
{
	while (d-- > 0)
		BUF_PUTSL(b, "  ");
}

static void
dump_spans(struct buf *b, const struct span *s, int d)
{
	for (; s != NULL; s = s->next) {
		indent(b, d);
		buf_puts(b, span_name[s->type]);
		if (s->text != NULL)
			buf_printf(b, " \"%s\"", s->text);
		if (s->href != NULL)
			buf_printf(b, " <%s>", s->href);
		if (s->type == SPAN_IMAGE && s->path != NULL)
			buf_printf(b, " %dx%d", s->w, s->h);
		if (s->ref != NULL)
			buf_printf(b, " -> %d %s", s->ref->e->year,
			    s->ref->dest);
		if (s->pos.line > 0)
			buf_printf(b, " %d:%d", s->pos.line, s->pos.col);
		buf_putc(b, '\n');
		dump_spans(b, s->child, d + 1);
	}
}

static void
dump_blocks(struct buf *b, const struct block *k, int d)
{
	for (; k != NULL; k = k->next) {
		indent(b, d);
		buf_printf(b, "%s %d:%d", block_name[k->type], k->pos.line,
		    k->pos.col);
		if (k->type == BLOCK_HEADING)
			buf_printf(b, " level=%d id=%s", k->level,
			    k->id != NULL ? k->id : "-");
		if (k->type == BLOCK_LIST)
			buf_printf(b, " %s", k->ordered ? "ordered" :
			    "bullet");
		if (k->text != NULL)
			buf_printf(b, " \"%s\"", k->text);
		buf_putc(b, '\n');
		dump_spans(b, k->ins, d + 1);
		dump_blocks(b, k->child, d + 1);
	}
}

static void
dump_doc(struct buf *b, const char *what, const struct doc *doc, int d)
{
	indent(b, d);
	buf_printf(b, "%s %s words=%zu\n", what, doc->file ? doc->file : "-",
	    doc->words);
	dump_blocks(b, doc->blocks, d + 1);
}

void
tree_dump(struct buf *b, const struct report *r)
{
	const struct plan *pl = &r->plan;
	const struct measure *m;
	const struct indicator *ind;
	const struct series *s;
	const struct edition *e;
	char		 num[64];
	size_t		 i, j, k, l;

	buf_printf(b, "plan %d-%d data-from=%d \"%s\"\n", pl->start, pl->end,
	    pl->data_from, pl->title ? pl->title : "");
	if (plan_flat(pl))
		buf_printf(b, "  levels=1 measures=%zu\n", pl->nmeasures);
	for (i = 0; i < plan_groups(pl); i++) {
		buf_printf(b, "  priority %s \"%s\" objectives=%zu "
		    "measures=%zu\n", pl->prios[i].id, pl->prios[i].title,
		    pl->prios[i].nobjs, pl->prios[i].nmeasures);
		for (j = 0; j < pl->prios[i].nobjs; j++)
			buf_printf(b, "%*sobjective %s \"%s\" measures=%zu\n",
			    2 + 2 * (int)pl->prios[i].objs[j].level, "",
			    pl->prios[i].objs[j].id, pl->prios[i].objs[j].title,
			    pl->prios[i].objs[j].nmeasures);
	}
	for (i = 0; i < pl->nmeasures; i++) {
		m = &pl->measures[i];
		buf_printf(b, "  measure %s %d \"%s\"\n", m->id, m->number,
		    m->title);
		for (j = 0; j < m->ninds; j++) {
			ind = &m->inds[j];
			buf_printf(b, "    indicator %s unit=\"%s\" %s %s\n",
			    ind->id, ind->unit, chart_name[ind->chart],
			    ind->direction == DIRECTION_LOWER ? "lower" :
			    "higher");
			for (k = 0; k < ind->nseries; k++) {
				s = &ind->series[k];
				buf_printf(b, "      series %s \"%s\":",
				    s->id ? s->id : "-", s->label);
				for (l = 0; l < s->nvals; l++) {
					fmt_plain(num, sizeof(num),
					    s->vals[l].v);
					buf_printf(b, " %d=%s%s",
					    s->vals[l].year, num,
					    s->vals[l].illustrative ? "*" : "");
				}
				buf_putc(b, '\n');
			}
		}
		for (j = 0; j < m->nassess; j++)
			buf_printf(b, "    assessment %d %s\n",
			    m->assess[j].year,
			    status_id(pl, m->assess[j].status));
	}
	for (i = 0; i < r->neds; i++) {
		e = &r->eds[i];
		buf_printf(b, "edition %d %s %s \"%s\"\n", e->year,
		    e->draft ? "draft" : "final", e->date ? e->date : "-",
		    e->title ? e->title : "");
		for (j = 0; j < e->nfront; j++)
			dump_doc(b, "front", &e->front[j].doc, 1);
		for (j = 0; j < e->nback; j++)
			dump_doc(b, "back", &e->back[j].doc, 1);
		for (j = 0; j < pl->nmeasures; j++)
			dump_doc(b, pl->measures[j].id, &e->narr[j], 1);
	}
}
