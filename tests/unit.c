/*
 * Unit tests of the core: typography, number formatting, buffers, and the
 * model loaded from tests/fixtures/mini.  Prints one "ok - " or
 * "not ok - " line per test, like the test scripts.
 */
#include <sys/wait.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "xmlcheck.h"

static int failed;

static void
expect_str(const char *name, const char *got, const char *want)
{
	if (strcmp(got, want) == 0)
		printf("ok - %s\n", name);
	else {
		printf("not ok - %s\n#   got:  \"%s\"\n#   want: \"%s\"\n", name,
		    got, want);
		failed++;
	}
}

static void
expect(const char *name, int cond)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", name);
	failed += !cond;
}

static void
typo(const char *name, const char *in, const char *want)
{
	struct typo	 t = { 0, 0, 0 };
	struct buf	 b = { NULL, 0, 0 };

	typo_fr(&t, &b, in);
	expect_str(name, b.data ? b.data : "", want);
	buf_free(&b);
}

static void
num(double v, int d, const char *want)
{
	char	 got[64], name[96];

	fmt_num(got, sizeof(got), v, d);
	snprintf(name, sizeof(name), "fmt_num(%.17g, %d)", v, d);
	expect_str(name, got, want);
}

static void
val(double v, const char *unit, const char *want)
{
	char	 got[64], name[96];

	fmt_value(got, sizeof(got), v, unit);
	snprintf(name, sizeof(name), "fmt_value(%.17g, %s)", v, unit);
	expect_str(name, got, want);
}

#define NN "\xe2\x80\xaf"	/* U+202F */
#define NB "\xc2\xa0"		/* U+00A0 */

static void
test_typo(void)
{
	typo("quotes", "il dit \"non\" ici", "il dit «" NN "non" NN "» ici");
	typo("guillemets spaced", "« oui »", "«" NN "oui" NN "»");
	typo("guillemets tight", "«oui»", "«" NN "oui" NN "»");
	typo("apostrophe", "l'accès", "l’accès");
	typo("semicolon", "un ; deux", "un" NN "; deux");
	typo("question tight", "Pourquoi?", "Pourquoi" NN "?");
	typo("interrobang", "Vraiment ?!", "Vraiment" NN "?!");
	typo("colon", "ainsi : voici", "ainsi" NB ": voici");
	typo("colon tight", "note: voir", "note" NB ": voir");
	typo("time untouched", "à 10:30", "à 10:30");
	typo("url untouched", "voir https://a.fr/x?y=1;z", "voir https://a.fr/x?y=1;z");
	typo("ellipsis", "et puis...", "et puis…");
	typo("already typographic", "non" NN "?", "non" NN "?");
	typo("start of run", "; suite", "; suite");
	typo("percent", "81 % des victimes", "81" NN "% des victimes");
	typo("euro", "170 000 €", "170" NN "000" NN "€");
	typo("thousands", "les 1 826 victimes", "les 1" NN "826 victimes");
	typo("not thousands", "en 2015 2016 fois", "en 2015 2016 fois");
	typo("scheme-like text", "javascript:alert(1)", "javascript:alert(1)");
	typo("query-like text", "page?id=3", "page?id=3");
	typo("end of sentence", "Vraiment?", "Vraiment" NN "?");
}

static void
test_numbers(void)
{
	num(0, -1, "0");
	num(-0.0, -1, "0");
	num(1826, -1, "1" NN "826");
	num(4983960, -1, "4" NN "983" NN "960");
	num(12.5, -1, "12,5");
	num(0.125, 2, "0,13");		/* half away from zero */
	num(999.95, 1, "1" NN "000,0");
	num(0.5, 0, "1");
	num(2.675, 2, "2,68");		/* binary 2.67499… */
	num(0.0049, 2, "0,00");
	num(1234567.891, 2, "1" NN "234" NN "567,89");
	val(999999, "€", "1,00" NN "M€");
	val(99999999, "€", "100" NN "M€");
	val(99.96, "%", "100" NN "%");
	val(9.996, "%", "10,0" NN "%");
	num(-0.004, 2, "0,00");		/* rounds to zero: no minus */
	num(-1234.5, 1, "\xe2\x88\x92" "1" NN "234,5");
	num(1e9, -1, "1" NN "000" NN "000" NN "000");
	num(0.004, -1, "0");
	num(2.25, -1, "2,25");
	num(100.25, -1, "100,3");
	val(12.5, "%", "12,5" NN "%");
	val(81, "%", "81" NN "%");
	val(4983960, "€", "4,98" NN "M€");
	val(205000, "€", "205" NN "k€");
	val(12500, "€", "12,5" NN "k€");
	val(9500, "€", "9" NN "500" NN "€");
	val(1118, "personnes", "1" NN "118");
}

static void
test_date(void)
{
	char	 d[64];

	fmt_date(d, sizeof(d), "2017-07-06");
	expect_str("fmt_date", d, "6 juillet 2017");
	fmt_date(d, sizeof(d), "2016-03-01");
	expect_str("fmt_date first", d, "1er mars 2016");
}

/* buf_dec() and buf_udec() write what printf's %0*lld and %0*llu
 * write; html_esc_href() percent-encodes and escapes within runs. */
static void
test_dec(void)
{
	static const long long v[] = {
		0, 7, -7, 42, -42, 999999999, 1000000000, 1796214477,
		-1796214477, 9223372036854775807LL, -9223372036854775807LL - 1,
	};
	struct buf	 b = { NULL, 0, 0 };
	char		 want[64];
	size_t		 i;
	int		 w, bad = 0;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		for (w = 0; w <= 12; w++) {
			buf_reset(&b);
			buf_dec(&b, v[i], w);
			snprintf(want, sizeof(want), "%0*lld", w, v[i]);
			bad += b.len != strlen(want) || strcmp(b.data, want);
			buf_reset(&b);
			buf_udec(&b, (unsigned long long)v[i], w);
			snprintf(want, sizeof(want), "%0*llu", w,
			    (unsigned long long)v[i]);
			bad += b.len != strlen(want) || strcmp(b.data, want);
		}
	expect("buf_dec, buf_udec write what printf writes (22 numbers, "
	    "widths 0 to 12)", bad == 0);
	buf_reset(&b);
	html_esc_href(&b, "a b/é?x=1&y='2'#z%41\x7f");
	expect_str("html_esc_href", b.data, "a%20b/%C3%A9?x=1&amp;y=&#39;2&#39;"
	    "#z%41%7F");
	buf_free(&b);
}

static void
test_buf(void)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*s;
	int		 i;

	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	expect("buf grows", b.len == 3890 && strncmp(b.data, "0,1,2,", 6) == 0);
	s = buf_detach(&b);
	expect("buf_detach empties", b.data == NULL && b.len == 0 &&
	    s[b.len] == '0');
	free(s);
}

/* The edges of buf_put()'s and buf_putc()'s inline path: the bytes that
 * fill the buffer to its last byte (the NUL's) stay in it, one more goes
 * through buf_put_grow(); an empty append still allocates; reserved
 * room is used without moving the data. */
static void
test_buf_room(void)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 fill[512];
	const char	*was;

	buf_put(&b, "", 0);
	expect("buf_put of nothing allocates an empty string",
	    b.data != NULL && b.len == 0 && b.data[0] == '\0');
	memset(fill, 'x', sizeof(fill));
	buf_put(&b, fill, b.cap - 1);
	was = b.data;
	expect("buf_put to the last byte stays", b.data == was &&
	    b.len == b.cap - 1 && b.data[b.len] == '\0');
	buf_putc(&b, 'y');
	expect("buf_putc past it grows", b.len > 0 && b.cap > b.len &&
	    b.data[b.len - 1] == 'y' && b.data[b.len] == '\0' &&
	    b.data[b.len - 2] == 'x');
	buf_reset(&b);
	while (b.cap - b.len > 2)
		buf_putc(&b, 'z');
	buf_putc(&b, 'z');
	expect("buf_putc fills to the NUL's byte", b.len == b.cap - 1 &&
	    b.data[b.len] == '\0' && b.data[b.len - 1] == 'z');
	buf_free(&b);
	buf_reserve(&b, 10000);
	was = b.data;
	while (b.len + sizeof(fill) < 10000)
		buf_put(&b, fill, sizeof(fill));
	expect("buf_reserve: no move", b.data == was && b.cap >= 10001);
	buf_free(&b);
}

/* file_get_fd() of a pipe a child writes n bytes of data into. */
static int
pipe_get(const char *data, size_t n, size_t max, struct buf *b,
    struct file_fail *ff)
{
	pid_t	 pid;
	int	 p[2], ok;

	if (pipe(p) == -1 || (pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		close(p[0]);
		_exit(write(p[1], data, n) != (ssize_t)n);
	}
	close(p[1]);
	ok = file_get_fd(p[0], max, b, ff);
	close(p[0]);
	waitpid(pid, NULL, 0);
	return ok;
}

/* file_get() reads a file in the room its size gives; file_get_fd() a
 * pipe of more than its 64 KB steps; both refuse more than max. */
static void
test_file_get(void)
{
	struct buf	 b = { NULL, 0, 0 };
	struct file_fail ff;
	char		 path[] = "/tmp/unit-file-XXXXXX", data[70000];
	size_t		 i;
	int		 fd, ok;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (char)('a' + i % 26);
	if ((fd = mkstemp(path)) == -1 ||
	    write(fd, data, sizeof(data)) != (ssize_t)sizeof(data)) {
		expect("file_get: a temporary file", 0);
		return;
	}
	close(fd);
	ok = file_get(path, sizeof(data), &b, &ff);
	expect("file_get: the whole file, NUL after", ok &&
	    b.len == sizeof(data) && memcmp(b.data, data, b.len) == 0 &&
	    b.data[b.len] == '\0');
	ok = file_get(path, sizeof(data) - 1, &b, &ff);
	expect("file_get: a byte over max refused", !ok &&
	    ff.why == FILE_TOO_LARGE && ff.size == (long long)sizeof(data));
	unlink(path);
	ok = pipe_get(data, sizeof(data), sizeof(data), &b, &ff);
	expect("file_get_fd: a pipe past 64 KB, whole", ok == 1 &&
	    b.len == sizeof(data) && memcmp(b.data, data, b.len) == 0 &&
	    b.data[b.len] == '\0');
	ok = pipe_get(data, sizeof(data), 65536, &b, &ff);
	expect("file_get_fd: a pipe past max refused", ok == 0 &&
	    ff.why == FILE_TOO_LARGE && ff.size == -1);
	buf_free(&b);
}

static void
test_load(const char *dir)
{
	struct report	*r;
	const struct measure *m;
	const struct indicator *ind;
	const struct edition *e;
	const struct span *s;
	size_t		 errs = diag_count(DIAG_ERROR);

	r = report_load(dir);
	validate(r);
	expect("fixture loads without error", r != NULL &&
	    diag_count(DIAG_ERROR) == errs);
	expect("3 measures, 2 priorities", r->plan.nmeasures == 3 &&
	    r->plan.nprios == 2);
	expect("priority II has no objective", r->plan.prios[1].nobjs == 0 &&
	    r->plan.prios[1].nmeasures == 1);
	m = &r->plan.measures[0];
	expect("measure m01", strcmp(m->id, "m01") == 0 && m->number == 1 &&
	    m->objective == &r->plan.prios[0].objs[0]);
	ind = &m->inds[0];
	expect("one series of 3 values", ind->nseries == 1 &&
	    ind->series[0].nvals == 3 && ind->series[0].vals[1].v == 12.5 &&
	    ind->series[0].vals[2].illustrative);
	expect("default chart is line", ind->chart == CHART_LINE);
	expect("series_last cuts at the year",
	    series_last(&ind->series[0], 2015)->v == 12.5 &&
	    series_last(&ind->series[0], 2013) == NULL);
	expect("assessment 2016", report_assessment(m, 2016) != NULL &&
	    report_assessment(m, 2016)->status == STATUS_PARTIAL);
	e = report_edition(r, 2016);
	expect("edition 2016 with its narratives", e != NULL &&
	    e->nfront == 1 && e->narr[2].blocks != NULL &&
	    e->narr[2].blocks->type == BLOCK_HEADING);
	for (s = e->narr[0].blocks->next->ins; s != NULL; s = s->next)
		if (s->text != NULL && strstr(s->text, NB ": «" NN) != NULL)
			break;
	expect("typography applied to narratives", s != NULL);
	report_free(r);
}

/* UTF-8: a cut never splits a character, broken sequences are told. */
static void
test_utf8(void)
{
	expect("utf8_cut: ASCII shorter than the cut", utf8_cut("abc", 40) == 3);
	expect("utf8_cut: before a 2-byte character it would split",
	    utf8_cut("ab\xc3\xa9", 3) == 2);
	expect("utf8_cut: before a 3-byte character it would split",
	    utf8_cut("a\xe2\x82\xac\xe2\x82\xac", 5) == 4 &&
	    utf8_cut("a\xe2\x82\xac\xe2\x82\xac", 4) == 4);
	expect("utf8_cut: before a 4-byte character it would split",
	    utf8_cut("a\xf0\x9f\x98\x80", 4) == 1);
	expect("utf8_cut: stray continuation bytes cut at the count",
	    utf8_cut("\x80\x80\x80\x80\x80\x80", 5) == 5);
	expect("utf8_len: 1 to 4 bytes",
	    utf8_len("a", 1) == 1 && utf8_len("\xc3\xa9", 2) == 2 &&
	    utf8_len("\xe2\x82\xac", 3) == 3 &&
	    utf8_len("\xf0\x9f\x98\x80", 4) == 4);
	expect("utf8_len: stray, cut, overlong, surrogate, past U+10FFFF",
	    utf8_len("\x80", 1) == 0 && utf8_len("\xe2\x82", 2) == 0 &&
	    utf8_len("\xc0\xaf", 2) == 0 && utf8_len("\xe0\x80\xaf", 3) == 0 &&
	    utf8_len("\xed\xa0\x80", 3) == 0 &&
	    utf8_len("\xf4\x90\x80\x80", 4) == 0 &&
	    utf8_len("\xff", 1) == 0);
}

/* Writes s into path. */
static void
put_file(const char *path, const char *s)
{
	FILE	*f;

	if ((f = fopen(path, "wb")) != NULL) {
		fputs(s, f);
		fclose(f);
	}
}

/*
 * The stamp hashes the bytes a loader read, not what the file holds when
 * the stamp is made: a file edited after it was loaded gives another
 * hash than its new bytes, so the next build sees the edit.
 */
static void
test_stamp(void)
{
	struct opts	 o;
	char		 dir[] = "/tmp/rapporteur-unit.XXXXXX", *file, *sty;
	uint64_t	 h_old, h_new, h_loaded;

	if (mkdtemp(dir) == NULL) {
		expect("stamp: a scratch folder", 0);
		return;
	}
	file = xasprintf("%s/x.md", dir);
	sty = xasprintf("%s/styles", dir);	/* none */
	memset(&o, 0, sizeof(o));
	o.content = dir;
	o.styles = sty;
	o.out = "out";
	/* Each build begins with stamp_loaded_reset() (a build reads each
	 * input once: the file is edited between builds). */
	stamp_loaded_reset();
	put_file(file, "ancien");
	h_old = stamp_inputs(&o);
	stamp_loaded_reset();
	put_file(file, "nouveau");
	h_new = stamp_inputs(&o);
	/* Edited during the build: the build's hashes keep what it read
	 * first; the next build sees the edit. */
	put_file(file, "autre");
	expect("stamp: a build reads each input once",
	    stamp_inputs(&o) == h_new);
	/* The loader read "ancien", then the file was edited. */
	stamp_loaded_reset();
	stamp_loaded(file, "ancien", 6);
	h_loaded = stamp_inputs(&o);
	stamp_loaded_reset();
	expect("stamp: an edited file hashes differently", h_old != h_new);
	expect("stamp: the hash of what the loader read, not of a second "
	    "read", h_loaded == h_old);
	unlink(file);
	rmdir(dir);
	free(file);
	free(sty);
}

/* schema_data.c: the .rng files, compiled in. */
extern const char schema_plan_rng[], schema_indicators_rng[],
    schema_edition_rng[];
extern const size_t schema_plan_rng_len, schema_indicators_rng_len,
    schema_edition_rng_len;

static void
quiet(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

/* A schema from its .rng text, as written or as loading simplifies it. */
static xmlRelaxNGPtr
schema(const char *rng, size_t len, int simplify)
{
	xmlDocPtr	 doc;
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGPtr	 s;

	doc = xmlReadMemory(rng, (int)len, NULL, NULL, XML_PARSE_NONET);
	if (simplify)
		xmlcheck_simplify(doc);
	pc = xmlRelaxNGNewDocParserCtxt(doc);
	s = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	xmlFreeDoc(doc);
	return s;
}

static int
schema_valid(xmlRelaxNGPtr s, xmlDocPtr doc)
{
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(s);
	int		 rc;

	xmlRelaxNGSetValidStructuredErrors(vc, quiet, NULL);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	return rc == 0;
}

/* The element after n in document order, or NULL. */
static xmlNodePtr
next_element(xmlNodePtr n)
{
	xmlNodePtr	 k;

	for (k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			return k;
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		for (k = n->next; k != NULL; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				return k;
	return NULL;
}

/*
 * Loading validates with simplified schemas, their patterns tested by
 * xmlcheck_patterns() instead: both ways must accept the same documents.
 * Each element of a document that uses every attribute of its schema gets
 * each attribute name of the schemas set to each of many values, and the
 * .rng file's verdict is compared with the loader's.
 */
static void
test_patterns(void)
{
	static const struct {
		enum xmlcheck_schema s;
		const char	*rng;
		const size_t	*len;
		const char	*doc;
	} cases[] = {
		{ XMLCHECK_PLAN, schema_plan_rng, &schema_plan_rng_len,
		  "<plan start='2014' end='2016' lang='fr' data-from='2013'>"
		  "<title>T</title><source url='https://x.fr/a'>S</source>"
		  "<levels><level singular='A' plural='As'/></levels>"
		  "<statuses><status id='fait' label='Fait' "
		  "theme='implemented'/></statuses>"
		  "<priority id='I'><title>P</title><objective id='I.1'>"
		  "<title>O</title><measure id='m01' number='1'>"
		  "<title>M</title></measure></objective></priority>"
		  "<priority id='II'><title>P</title><measure id='m02' "
		  "number='2'><title>M</title></measure></priority></plan>" },
		{ XMLCHECK_INDICATORS, schema_indicators_rng,
		  &schema_indicators_rng_len,
		  "<indicators measure='m01'><indicator id='a' unit='u' "
		  "direction='higher'><label>L</label><definition>D"
		  "</definition><source url='http://x.fr'>S</source>"
		  "<baseline year='2013' value='1'/><target year='2020' "
		  "value='2'/><value year='2014'>1</value></indicator>"
		  "<indicator id='b' unit='u' direction='lower' "
		  "chart='stacked'><label>L</label><definition>D</definition>"
		  "<source>S</source><category id='c-1' label='C'><value "
		  "year='2014' note='n'>1</value></category></indicator>"
		  "<assessment year='2016' status='partial'>J</assessment>"
		  "</indicators>" },
		{ XMLCHECK_EDITION, schema_edition_rng, &schema_edition_rng_len,
		  "<edition year='2016' status='final' date='2017-07-06'>"
		  "<title>T</title><institution>I</institution><author>A"
		  "</author><front><part file='avant-propos.md'>A</part>"
		  "</front><back><part file='m.md'>M</part></back>"
		  "</edition>" },
	};
	static const char *const names[] = { "start", "end", "data-from",
	    "url", "id", "number", "measure", "year", "file", "value",
	    "status", "date", "label", "lang" };
	static const char *const values[] = { "2016", "0000", "201",
	    "20166", "\xd9\xa2\xd9\xa0\xd9\xa1\xd9\xa6", " 2016",
	    "2016 ", "20 16", "m07", "m7", "m0123", "m01234", "M07", "mm07",
	    "a", "a-b", "-a", "a-", "0", "A", "I", "I.2", ".I", "I-2", "I_2",
	    "\xc3\xa9", "http://x", "https://x", "http://", "https://",
	    "ftp://x", "http://x y", "http://x\ty", "HTTP://x", "a.md",
	    ".md", "-a.md", "A.md", "a.MD", "a_b.md", "a.md.md", "a b", "",
	    "true", "partial", "2017-07-06", "7", "fr" };
	xmlRelaxNGPtr	 full, loader;
	xmlDocPtr	 doc;
	xmlNodePtr	 n;
	xmlChar		*was;
	size_t		 i, j, k, checks, differ;
	char		 name[128];
	int		 v1, v2;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		full = schema(cases[i].rng, *cases[i].len, 0);
		loader = schema(cases[i].rng, *cases[i].len, 1);
		doc = xmlReadMemory(cases[i].doc, (int)strlen(cases[i].doc),
		    NULL, NULL, XML_PARSE_NONET);
		checks = differ = 0;
		expect("patterns: the sample document is valid both ways",
		    schema_valid(full, doc) && schema_valid(loader, doc) &&
		    xmlcheck_patterns(cases[i].s, doc) == NULL);
		for (n = xmlDocGetRootElement(doc); n != NULL;
		    n = next_element(n))
			for (j = 0; j < sizeof(names) / sizeof(names[0]); j++) {
				was = xmlGetNoNsProp(n,
				    (const xmlChar *)names[j]);
				for (k = 0; k < sizeof(values) /
				    sizeof(values[0]); k++) {
					xmlSetProp(n, (const xmlChar *)names[j],
					    (const xmlChar *)values[k]);
					v1 = schema_valid(full, doc);
					v2 = schema_valid(loader, doc) &&
					    xmlcheck_patterns(cases[i].s,
					    doc) == NULL;
					checks++;
					if (v1 != v2 && differ++ == 0)
						printf("# <%s %s=\"%s\">: %s "
						    "by the .rng file only\n",
						    (const char *)n->name,
						    names[j], values[k], v1 ?
						    "valid" : "invalid");
				}
				if (was != NULL)
					xmlSetProp(n, (const xmlChar *)names[j],
					    was);
				else
					xmlUnsetProp(n,
					    (const xmlChar *)names[j]);
				xmlFree(was);
			}
		snprintf(name, sizeof(name), "patterns: schema %zu, %zu "
		    "values, the same verdict from the simplified schema", i,
		    checks);
		expect(name, checks > 1000 && differ == 0);
		xmlFreeDoc(doc);
		xmlRelaxNGFree(full);
		xmlRelaxNGFree(loader);
	}
}

int
main(int argc, char *argv[])
{
	diag_init(DFORMAT_GCC, 0);
	xml_init();
	test_typo();
	test_numbers();
	test_date();
	test_buf();
	test_buf_room();
	test_file_get();
	test_dec();
	test_utf8();
	test_load(argc > 1 ? argv[1] : "tests/fixtures/mini");
	test_stamp();
	test_patterns();
	xml_cleanup();
	diag_finish();
	return failed != 0;
}
