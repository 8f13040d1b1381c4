/*
 * Times a command for the benchmark when hyperfine is not installed.
 *
 *	timer [-n runs] [-w warmups] [-p prepare] [-e errfile] command [arg ...]
 *
 * Runs prepare (through /bin/sh -c, not timed) before every run, then the
 * command itself (no shell: no shell start-up in the figure), with stdout
 * and stdin on /dev/null and stderr into errfile (default /dev/null).
 * Prints one line: "median min max cpu maxrss sys": the wall clock times
 * (CLOCK_MONOTONIC) and the median CPU time (user + system, the command
 * and its children) in milliseconds, the largest ru_maxrss of the runs in
 * kilobytes (the figure /usr/bin/time -v prints), then the median system
 * time in milliseconds.  Exit status 1
 * as soon as a run fails.
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
prepare(const char *cmd)
{
	int	 st;
	pid_t	 pid;

	if (cmd == NULL)
		return 1;
	if ((pid = fork()) == -1)
		return 0;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0;
}

static double
tv_ms(struct timeval tv)
{
	return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3;
}

static double
median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

/* One run: its wall, CPU and system times [ms] and peak RSS [kB]; 0 if
 * it failed. */
static int
run(char *const argv[], const char *errfile, double *ms, double *cpu,
    double *sys, long *rss, int *st)
{
	struct timespec	 t0, t1;
	struct rusage	 ru;
	pid_t		 pid;
	int		 fd;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == -1)
		return 0;
	if (pid == 0) {
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 0);
			dup2(fd, 1);
		}
		if ((fd = open(errfile, O_WRONLY | O_CREAT | O_APPEND,
		    0644)) != -1)
			dup2(fd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, st, 0, &ru) != pid)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	*cpu = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
	*sys = tv_ms(ru.ru_stime);
	*rss = ru.ru_maxrss;
	return WIFEXITED(*st) && WEXITSTATUS(*st) == 0;
}

int
main(int argc, char *argv[])
{
	const char	*prep = NULL, *errfile = "/dev/null";
	double		*t, *c, *s, ms, cpu, sys, med;
	long		 rss, maxrss = 0;
	int		 ch, n = 5, w = 0, i, st = 0;

	while ((ch = getopt(argc, argv, "+n:w:p:e:")) != -1)
		switch (ch) {
		case 'n':
			n = atoi(optarg);
			break;
		case 'w':
			w = atoi(optarg);
			break;
		case 'p':
			prep = optarg;
			break;
		case 'e':
			errfile = optarg;
			break;
		default:
			goto usage;
		}
	argc -= optind;
	argv += optind;
	if (argc < 1 || n < 1 || w < 0)
		goto usage;
	if ((t = calloc((size_t)n, sizeof(*t))) == NULL ||
	    (c = calloc((size_t)n, sizeof(*c))) == NULL ||
	    (s = calloc((size_t)n, sizeof(*s))) == NULL)
		return 1;
	for (i = -w; i < n; i++) {
		if (!prepare(prep)) {
			fprintf(stderr, "timer: prepare failed: %s\n", prep);
			return 1;
		}
		if (!run(argv, errfile, &ms, &cpu, &sys, &rss, &st)) {
			if (WIFSIGNALED(st))
				fprintf(stderr, "timer: %s: killed by signal "
				    "%d (%s)\n", argv[0], WTERMSIG(st),
				    strsignal(WTERMSIG(st)));
			else
				fprintf(stderr, "timer: %s: exit status %d\n",
				    argv[0], WEXITSTATUS(st));
			return 1;
		}
		if (i < 0)
			continue;
		t[i] = ms;
		c[i] = cpu;
		s[i] = sys;
		if (rss > maxrss)
			maxrss = rss;
	}
	med = median(t, n);
	printf("%.1f %.1f %.1f %.1f %ld %.1f\n", med, t[0], t[n - 1],
	    median(c, n), maxrss, median(s, n));
	free(t);
	free(c);
	free(s);
	return 0;
usage:
	fprintf(stderr, "usage: timer [-n runs] [-w warmups] [-p prepare] "
	    "[-e errfile] command [arg ...]\n");
	return 2;
}
