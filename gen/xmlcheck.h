/*
 * Schema problems in the tool's own words (xmlcheck.c), for xml.c: the
 * libxml2 side of the loader, so it includes libxml2.
 */
#ifndef XMLCHECK_H
#define XMLCHECK_H

#include <libxml/tree.h>

enum xmlcheck_schema {
	XMLCHECK_PLAN,		/* plan.xml */
	XMLCHECK_INDICATORS,	/* indicators/mNN.xml */
	XMLCHECK_EDITION,	/* editions/YYYY/edition.xml */
	XMLCHECK_SITE,		/* site.xml */
	XMLCHECK__MAX
};

/* Called for each problem: n the element, attr the attribute concerned
 * (or NULL), msg the message (only valid during the call). */
typedef void	(*xmlcheck_fn)(void *arg, const xmlNode *n, const char *attr,
		    const char *msg);

/*
 * Walks doc against a description of its schema (the same rules as
 * gen/schema/<s>.rng) and calls fn for every element, attribute and text
 * that breaks them: what was found, what is expected, the allowed values.
 * Returns the number of problems.
 */
size_t	 xmlcheck_doc(enum xmlcheck_schema s, const xmlDoc *doc,
	    xmlcheck_fn fn, void *arg);

/* The message for a problem the walk did not explain, at element n. */
void	 xmlcheck_fallback(const xmlNode *n, xmlcheck_fn fn, void *arg);

/*
 * libxml2's RELAX NG validator compiles the regular expression of a
 * pattern facet (<param name="pattern">) anew for every value it tests,
 * and looks every XML Schema type up by name: most of the work of
 * validating an indicator file.  So xml.c validates with schemas that
 * xmlcheck_simplify() made from the parsed .rng documents (rng, changed
 * in place): no pattern facet, and RELAX NG's own token for an XML
 * Schema token with no facet left (both take any string).  Then
 * xmlcheck_patterns() tests the patterns: it knows each pattern of the
 * schema s (years, ids, addresses, file names) as a type of its tables
 * and matches it exactly, on the value as the validator reads it (the
 * blanks around it dropped).  Together they accept the documents the
 * .rng files accept (tests/unit.c compares them on many values).
 * xmlcheck_patterns() returns NULL if every pattern matches, else the
 * first element with an attribute that does not.
 */
void		 xmlcheck_simplify(xmlDoc *rng);

/* The node after n in a walk of its tree in document order: its first
 * child if n is an element with children, else the next sibling of n
 * or of its nearest element ancestor; NULL at the end.  Iterative: the
 * walks need no stack. */
const xmlNode	*xmlcheck_next(const xmlNode *n);
const xmlNode	*xmlcheck_patterns(enum xmlcheck_schema s,
		    const xmlDoc *doc);

#endif /* XMLCHECK_H */
