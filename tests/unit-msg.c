/*
 * Unit tests of the diagnostics' message table (gen/msg.h, gen/diag.c):
 * every id has a message, each message is written once, and a message
 * reported by id keeps its id and the table's text, the loader's too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "tap.h"

/*
 * The loader (xml.c) reports by id: plan.xml empty, then holding a NUL
 * byte (both found before libxml2 reads the file, whose own messages
 * stay free text).
 */
static void
test_loader(void)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
		enum msgid	 id;
		int		 line, col;
		const char	*msg;
	} cases[] = {
		{ "", 0, MSG_XML_EMPTY_FILE, 0, 0, "empty file" },
		{ "<plan>\n  \0</plan>", 17, MSG_XML_NUL, 2, 3,
		    "NUL byte (the rest of the file would be ignored)" },
	};
	char		 dir[] = "/tmp/rapporteur-msg.XXXXXX", *path;
	struct report	*r;
	const struct diag *d;
	FILE		*f;
	size_t		 i, n;

	if (mkdtemp(dir) == NULL) {
		ok(0, "loader: a scratch folder", NULL);
		return;
	}
	path = xasprintf("%s/plan.xml", dir);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if ((f = fopen(path, "w")) == NULL ||
		    fwrite(cases[i].bytes, 1, cases[i].len, f) != cases[i].len ||
		    fclose(f) != 0) {
			ok(0, "loader: plan.xml written", path);
			continue;
		}
		r = xcalloc(1, sizeof(*r));
		r->ar = arena_new();
		diag_reset();
		ok(!xml_load_plan(r, path), "loader: the plan refused", NULL);
		d = diag_list(&n);
		ok(n == 1 && d[0].id == (int)cases[i].id && strcmp(d[0].msg,
		    cases[i].msg) == 0 && d[0].line == cases[i].line &&
		    d[0].col == cases[i].col,
		    cases[i].id == MSG_XML_NUL ? "loader: NUL byte by id" :
		    "loader: empty file by id", n > 0 ? d[0].msg : NULL);
		arena_free(r->ar);
		free(r);
	}
	diag_reset();
	unlink(path);
	rmdir(dir);
	free(path);
}

int
main(void)
{
	const struct diag *d;
	struct pos	 p = { "f.xml", 3, 7 };
	char		 detail[256];
	size_t		 n;
	int		 i, j, bad;

	ok(msg_fmt(MSG_FREE) == NULL, "MSG_FREE has no message", NULL);
	for (bad = 0, i = MSG_FREE + 1; i < MSG__MAX; i++)
		if (msg_fmt(i) == NULL || *msg_fmt(i) == '\0') {
			snprintf(detail, sizeof(detail), "id %d", i);
			bad++;
		}
	ok(bad == 0, "every id has a message", bad ? detail : NULL);
	for (bad = 0, i = MSG_FREE + 1; i < MSG__MAX; i++)
		for (j = i + 1; j < MSG__MAX; j++)
			if (strcmp(msg_fmt(i), msg_fmt(j)) == 0) {
				snprintf(detail, sizeof(detail), "ids %d and "
				    "%d: %s", i, j, msg_fmt(i));
				bad++;
			}
	ok(bad == 0, "each message is written once", bad ? detail : NULL);
	ok(msg_fmt(MSG__MAX) == NULL, "an id past the table has none", NULL);

	/* Reported by id: the id kept, the text the table's, filled in. */
	diag_init(DFORMAT_JSON, 0);	/* nothing on stderr */
	diag_msg(DIAG_ERROR, &p, MSG_EDITION_EXPOST, 2031, 10, 2020);
	diag_msg(DIAG_WARNING, &p, MSG_EMPTY_PART);
	diag(DIAG_ERROR, &p, "free %s", "text");
	d = diag_list(&n);
	ok(n == 3, "three diagnostics kept", NULL);
	ok(n == 3 && d[0].id == MSG_EDITION_EXPOST && strcmp(d[0].msg,
	    "edition 2031 is more than 10 years after the plan's end, 2020") ==
	    0,
	    "diag_msg: id and formatted text", n > 0 ? d[0].msg : NULL);
	ok(n == 3 && d[1].id == MSG_EMPTY_PART && d[1].level ==
	    DIAG_WARNING && strcmp(d[1].msg, "empty part") == 0,
	    "diag_msg: a message without arguments, its level",
	    n > 1 ? d[1].msg : NULL);
	ok(n == 3 && d[2].id == MSG_FREE && strcmp(d[2].msg, "free text") ==
	    0, "diag: free text is MSG_FREE", n > 2 ? d[2].msg : NULL);
	ok(diag_count(DIAG_ERROR) == 2 && diag_count(DIAG_WARNING) == 1,
	    "counted by level", NULL);
	diag_reset();
	test_loader();
	return failures != 0;
}
