/*
 * build --watch: build, then build again whenever a file changes under
 * the content or styles folder (inotify), until Ctrl-C.
 *
 * Changes are debounced: after the first event, events are read until
 * none came for WATCH_QUIET_MS, so that an editor saving several files (or
 * one file in several writes) starts one build.  Each run is a whole
 * `build` (load, check, build; its task stamps skip what did not change),
 * printing its problems and what it rebuilt.
 *
 * A change seen while a build ran makes the next build a full one (the
 * task stamps of the last one may have hashed the new bytes).
 *
 * SIGINT and SIGTERM only set a flag here: a build under way is finished
 * (and committed, or abandoned with out/ as it was) before the loop ends,
 * so out/ is always a complete build.  Folders created or removed are
 * taken into account: the watches are set again before each build.
 */
#include <sys/inotify.h>
#include <sys/stat.h>

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "backend.h"

#define WATCH_QUIET_MS	200	/* [ms] no event for this long: build */

static volatile sig_atomic_t	 stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* The inotify descriptor that nftw() fills (nftw takes no argument). */
static int	 watch_fd;

static int
add_dir(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag != FTW_D)
		return 0;
	/* A folder that cannot be watched (vanished, no permission) is
	 * left out: the build will say what is wrong with it. */
	inotify_add_watch(watch_fd, path, IN_CLOSE_WRITE | IN_MOVED_TO |
	    IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB |
	    IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR);
	return 0;
}

/* A new inotify descriptor watching every folder under the content and
 * styles folders, or -1 after diag_sys(). */
static int
watch_open(const struct opts *o)
{
	if ((watch_fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) == -1) {
		diag_sys_msg(MSG_WATCH, strerror(errno));
		return -1;
	}
	nftw(o->content, add_dir, 16, FTW_PHYS);
	nftw(o->styles, add_dir, 16, FTW_PHYS);
	return watch_fd;
}

/* Reads what is pending on fd; the name of the first file seen goes into
 * first (if empty).  Returns the number of events. */
static size_t
drain(int fd, char *first, size_t sz)
{
	char		 ev[4096] __attribute__((aligned(
			    __alignof__(struct inotify_event))));
	const struct inotify_event *e;
	ssize_t		 n;
	size_t		 k = 0;
	char		*p;

	while ((n = read(fd, ev, sizeof(ev))) > 0)
		for (p = ev; p < ev + n; p += sizeof(*e) + e->len) {
			e = (const struct inotify_event *)p;
			k++;
			if (first[0] == '\0' && e->len > 0)
				snprintf(first, sz, "%s", e->name);
		}
	return k;
}

/*
 * Waits on fd until something changed and then was quiet for
 * WATCH_QUIET_MS (what changed during the last build is already queued).
 * Returns the number of events (with the first file name in first), or
 * 0 when stopped by a signal or an error.
 */
static size_t
wait_change(int fd, char *first, size_t sz)
{
	struct pollfd	 pfd;
	size_t		 n = 0;
	int		 r;

	first[0] = '\0';
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (!stop) {
		r = poll(&pfd, 1, n > 0 ? WATCH_QUIET_MS : -1);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			diag_sys_msg(MSG_WATCH, strerror(errno));
			n = 0;
			break;
		}
		if (r == 0)
			break;		/* quiet: build */
		n += drain(fd, first, sz);
	}
	return stop ? 0 : n;
}

/* Did something change (an event waits on fd)? */
static int
pending(int fd)
{
	struct pollfd	 pfd;

	pfd.fd = fd;
	pfd.events = POLLIN;
	return poll(&pfd, 1, 0) > 0;
}

int
watch_run(const struct opts *o, int (*once)(const struct opts *))
{
	struct sigaction sa;
	char		 first[NAME_MAX + 1];
	size_t		 n;
	int		 rc, fd, raced;

	/* No SA_RESTART: poll() returns at once on Ctrl-C. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	/* The watches are set before each build, so that what is saved
	 * while it runs starts the next one; set again each time, they
	 * follow folders created and removed. */
	if ((fd = watch_open(o)) == -1)
		return EXIT_SYSTEM;
	rc = once(o);
	raced = pending(fd);
	while (!stop) {
		fprintf(stderr, "%s: watching %s and %s for changes "
		    "(Ctrl-C to stop)\n", PROGNAME, o->content, o->styles);
		if ((n = wait_change(fd, first, sizeof(first))) == 0)
			break;
		fprintf(stderr, "%s: %zu change%s (%s%s): building again\n",
		    PROGNAME, n, n > 1 ? "s" : "", first[0] ? first :
		    "a folder", n > 1 ? ", …" : "");
		close(fd);
		if ((fd = watch_open(o)) == -1)
			return EXIT_SYSTEM;
		/* A file saved while the last build ran may have been read
		 * by its input hashes (stamp.c) after the model was loaded:
		 * the stamps would then call stale output up to date. */
		if (raced)
			stamp_remove(o);
		rc = once(o);
		raced = pending(fd);
	}
	close(fd);
	fprintf(stderr, "%s: stopped; %s holds the last complete build\n",
	    PROGNAME, o->out);
	/* Stopped by the user: the last build's status is not a failure
	 * of this command. */
	return rc == EXIT_SYSTEM ? rc : EXIT_OK;
}
