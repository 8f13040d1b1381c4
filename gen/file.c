/*
 * Whole-file reading, in one place: see extern.h.  The content loaders,
 * the site (style sheets, images), the theme, the build stamp and the
 * PDF finishing pass all read through file_get() or file_get_fd().
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "msg.h"

int
file_get_fd(int fd, size_t max, struct buf *b, struct file_fail *ff)
{
	ssize_t	 n;
	size_t	 room;

	buf_reset(b);
	for (;;) {
		/* Read straight into the buffer: into the room file_get()
		 * reserved (the file's size, and a byte for the read that
		 * finds its end), else 64 KB or more at a time. */
		if (b->cap < b->len + 2)
			buf_reserve(b, 65536);
		room = b->cap - b->len - 1;
		if ((n = read(fd, b->data + b->len, room)) == -1) {
			if (errno == EINTR)
				continue;
			ff->why = FILE_SYS;
			ff->err = errno;
			return 0;
		}
		if (n == 0)
			break;
		/* A file that grew past max since it was measured. */
		if ((size_t)n > max - b->len) {
			ff->why = FILE_TOO_LARGE;
			ff->size = -1;
			return 0;
		}
		b->len += (size_t)n;
	}
	b->data[b->len] = '\0';
	return 1;
}

int
file_get(const char *path, size_t max, struct buf *b, struct file_fail *ff)
{
	struct stat	 st;
	int		 fd, rc = 0, saved;

	buf_reset(b);
	memset(ff, 0, sizeof(*ff));
	/* O_NONBLOCK: a FIFO must not block the open; it is refused next. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		ff->why = FILE_SYS;
		ff->err = errno;
		return 0;
	}
	if (fstat(fd, &st) == -1) {
		ff->why = FILE_SYS;
		ff->err = errno;
	} else if (!S_ISREG(st.st_mode))
		ff->why = FILE_NOT_REGULAR;
	else if ((uintmax_t)st.st_size > max) {
		ff->why = FILE_TOO_LARGE;
		ff->size = (long long)st.st_size;
	} else {
		buf_reserve(b, (size_t)st.st_size + 1);
		rc = file_get_fd(fd, max, b, ff);
	}
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

void
file_diag_sys(const char *path, const struct file_fail *ff)
{
	switch (ff->why) {
	case FILE_SYS:
		diag_sys_msg(MSG_PATH_ERRNO, path, strerror(ff->err));
		break;
	case FILE_NOT_REGULAR:
		diag_sys_msg(MSG_FILE_NOT_REGULAR_AT, path);
		break;
	case FILE_TOO_LARGE:
		diag_sys_msg(MSG_FILE_TOO_LARGE_AT, path);
		break;
	}
}

int
file_read_sys(const char *path, size_t max, struct buf *b)
{
	struct file_fail ff;

	if (file_get(path, max, b, &ff))
		return 1;
	file_diag_sys(path, &ff);
	return 0;
}

int
file_read(const char *path, struct buf *b)
{
	struct pos	 p = { path, 0, 0 };
	struct file_fail ff;

	if (file_get(path, MAX_FILE_SIZE, b, &ff)) {
		stamp_loaded(path, b->data, b->len);
		return 1;
	}
	switch (ff.why) {
	case FILE_SYS:
		diag_msg(DIAG_ERROR, &p, MSG_LOAD_READ, strerror(ff.err));
		break;
	case FILE_NOT_REGULAR:
		diag_msg(DIAG_ERROR, &p, MSG_FILE_NOT_REGULAR);
		break;
	case FILE_TOO_LARGE:
		if (ff.size >= 0)
			diag_msg(DIAG_ERROR, &p, MSG_FILE_TOO_LARGE,
			    ff.size, MAX_FILE_SIZE);
		else
			diag_msg(DIAG_ERROR, &p, MSG_FILE_TOO_LARGE_MAX,
			    MAX_FILE_SIZE);
		break;
	}
	return 0;
}
