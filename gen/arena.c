/*
 * A region allocator: the report model is built once and freed at once, so
 * its strings and arrays come from here and nothing is freed one by one.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"

#define CHUNK	(64 * 1024)

struct chunk {
	struct chunk	*next;
	size_t		 used;
	size_t		 size;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk	*head;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *ar)
{
	struct chunk	*c, *next;

	if (ar == NULL)
		return;
	for (c = ar->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(ar);
}

void
arena_adopt(struct arena *to, struct arena *from)
{
	struct chunk	*last;

	if (from->head != NULL) {
		/* Behind to's current chunk, which stays the one to fill. */
		for (last = from->head; last->next != NULL; last = last->next)
			continue;
		if (to->head == NULL)
			to->head = from->head;
		else {
			last->next = to->head->next;
			to->head->next = from->head;
		}
	}
	free(from);
}

void *
arena_alloc(struct arena *ar, size_t sz)
{
	struct chunk	*c;
	size_t		 al = alignof(max_align_t), need;
	void		*p;

	sz = (sz + al - 1) / al * al;
	if (sz == 0)
		sz = al;
	c = ar->head;
	if (c == NULL || c->size - c->used < sz) {
		need = sz > CHUNK ? sz : CHUNK;
		c = xmalloc(sizeof(*c) + need);
		c->size = need;
		c->used = 0;
		c->next = ar->head;
		ar->head = c;
	}
	p = c->data + c->used;
	c->used += sz;
	memset(p, 0, sz);
	return p;
}

void *
arena_array(struct arena *ar, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz / 2)
		errx(EXIT_SYSTEM, "allocation too large");
	return arena_alloc(ar, n * sz);
}

char *
arena_strndup(struct arena *ar, const char *s, size_t n)
{
	char	*p;

	p = arena_alloc(ar, n + 1);
	memcpy(p, s, n);
	return p;
}

char *
arena_strdup(struct arena *ar, const char *s)
{
	return s == NULL ? NULL : arena_strndup(ar, s, strlen(s));
}

void
arena_grow(struct arena *ar, void **arr, size_t *cap, size_t n, size_t sz)
{
	void	*p;
	size_t	 ncap;

	if (n < *cap)
		return;
	ncap = *cap == 0 ? 4 : *cap * 2;
	p = arena_array(ar, ncap, sz);
	if (n > 0)
		memcpy(p, *arr, n * sz);
	*arr = p;
	*cap = ncap;
}
