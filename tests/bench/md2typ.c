/*
 * The benchmark's Typst input: narratives in Markdown to one Typst
 * document, so that Typst typesets the same text as our PDF.
 *
 *	md2typ TITLE [PART FILE.md]...
 *
 * writes to standard output a document titled TITLE, then for each pair a
 * level-1 heading PART and the Markdown of FILE.md (CommonMark, read with
 * the cmark we build with) as Typst markup: headings (the narratives start
 * at "##", level 2, under the part),
 * paragraphs, lists, emphasis, strong, links, code, quotes, breaks.  Raw
 * HTML and images, which the narratives do not hold, are dropped.  Fonts:
 * ours only (Charis SIL, Noto Sans, DejaVu Sans Mono); the bench gives
 * Typst no other font.
 */
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void	block(cmark_node *, int);

static void
die(const char *what)
{
	perror(what);
	exit(1);
}

/*
 * Text as Typst markup: every ASCII character that markup gives a meaning
 * to is escaped, so that text never becomes a heading, list, label or
 * emphasis.  Quotes are left to Typst's smart quotes, as ours are typeset.
 */
static void
text(const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr("\\*_`#$@<>[]~=-+/.", *s) != NULL)
			putchar('\\');
		putchar(*s);
	}
}

/* A Typst string literal. */
static void
str(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		if (*s == '\n')
			fputs("\\n", stdout);
		else
			putchar(*s);
	}
	putchar('"');
}

static void
inlines(cmark_node *n)
{
	cmark_node	*c;

	for (c = cmark_node_first_child(n); c != NULL;
	    c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			text(cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
			putchar(' ');
			break;
		case CMARK_NODE_LINEBREAK:
			fputs(" \\\n", stdout);
			break;
		case CMARK_NODE_CODE:
			fputs("#raw(", stdout);
			str(cmark_node_get_literal(c));
			fputs(")", stdout);
			break;
		case CMARK_NODE_EMPH:
			fputs("#emph[", stdout);
			inlines(c);
			putchar(']');
			break;
		case CMARK_NODE_STRONG:
			fputs("#strong[", stdout);
			inlines(c);
			putchar(']');
			break;
		case CMARK_NODE_LINK:
			fputs("#link(", stdout);
			str(cmark_node_get_url(c));
			fputs(")[", stdout);
			inlines(c);
			putchar(']');
			break;
		default:
			inlines(c);
			break;
		}
	}
}

static void
indent(int depth)
{
	int	i;

	for (i = 0; i < depth; i++)
		fputs("  ", stdout);
}

/* The blocks under N; DEPTH: the list nesting, two spaces a level. */
static void
blocks(cmark_node *n, int depth)
{
	cmark_node	*c;

	for (c = cmark_node_first_child(n); c != NULL;
	    c = cmark_node_next(c))
		block(c, depth);
}

static void
block(cmark_node *n, int depth)
{
	cmark_node	*c, *b;
	int		 i;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HEADING:
		for (i = 0; i < cmark_node_get_heading_level(n); i++)
			putchar('=');
		putchar(' ');
		inlines(n);
		fputs("\n\n", stdout);
		break;
	case CMARK_NODE_PARAGRAPH:
		indent(depth);
		inlines(n);
		fputs("\n\n", stdout);
		break;
	case CMARK_NODE_LIST:
		for (c = cmark_node_first_child(n); c != NULL;
		    c = cmark_node_next(c)) {
			indent(depth);
			fputs(cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ?
			    "+ " : "- ", stdout);
			/* The item's first paragraph on the marker's line. */
			b = cmark_node_first_child(c);
			if (cmark_node_get_type(b) == CMARK_NODE_PARAGRAPH) {
				inlines(b);
				fputs(cmark_node_get_list_tight(n) ? "\n" :
				    "\n\n", stdout);
			} else
				block(b, depth + 1);
			for (b = cmark_node_next(cmark_node_first_child(c));
			    b != NULL; b = cmark_node_next(b))
				block(b, depth + 1);
		}
		if (depth == 0)
			putchar('\n');
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		fputs("#quote(block: true)[\n", stdout);
		blocks(n, 0);
		fputs("]\n\n", stdout);
		break;
	case CMARK_NODE_CODE_BLOCK:
		fputs("#raw(block: true, ", stdout);
		str(cmark_node_get_literal(n));
		fputs(")\n\n", stdout);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		fputs("#line(length: 100%)\n\n", stdout);
		break;
	default:
		break;
	}
}

static void
part(const char *title, const char *path)
{
	cmark_node	*doc;
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL)
		die(path);
	if ((doc = cmark_parse_file(f, CMARK_OPT_DEFAULT)) == NULL)
		die(path);
	fclose(f);
	fputs("= ", stdout);
	text(title);
	fputs("\n\n", stdout);
	blocks(doc, 0);
	cmark_node_free(doc);
}

int
main(int argc, char *argv[])
{
	int	i;

	if (argc < 2 || argc % 2 != 0) {
		fputs("usage: md2typ TITLE [PART FILE.md]...\n", stderr);
		return 2;
	}
	fputs("#set document(title: ", stdout);
	str(argv[1]);
	fputs(")\n"
	    "#set page(paper: \"a4\", margin: 2.5cm, numbering: \"1\")\n"
	    "#set text(font: \"Charis SIL\", size: 10.5pt, lang: \"fr\")\n"
	    "#set par(justify: true)\n"
	    "#show heading: set text(font: \"Noto Sans\")\n"
	    "#show heading.where(level: 1): it => pagebreak(weak: true) + it\n"
	    "#show raw: set text(font: \"DejaVu Sans Mono\")\n\n"
	    "#text(size: 20pt, font: \"Noto Sans\")[", stdout);
	text(argv[1]);
	fputs("]\n\n#outline()\n\n", stdout);
	for (i = 2; i < argc; i += 2)
		part(argv[i], argv[i + 1]);
	if (fflush(stdout) == EOF || ferror(stdout))
		die("stdout");
	return 0;
}
