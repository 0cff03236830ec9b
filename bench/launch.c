/*
 * launch: start CUPS backends exactly as cupsd 2.4 on Linux starts them,
 * and time them in paired, alternating rounds.
 *
 * Usage:
 *   launch [options] NAME COMMAND URI SERVERROOT [NAME COMMAND URI SERVERROOT]...
 *   launch -1 [options] NAME COMMAND URI SERVERROOT [-- WRAPPER [ARG]...]
 *
 * Options:
 *   -e FILE    the environment, one NAME=VALUE a line, in cupsd's order
 *              (DEVICE_URI and CUPS_SERVERROOT are set per variant)
 *   -o FILE    the options string (argv[5]): the file's exact bytes
 *   -f FILE    the job file (argv[6]; stdin is /dev/null, as on a raw queue)
 *   -j ID -u USER -T TITLE -c COPIES   argv[1] to argv[4] (150 allen.golbig test 1)
 *   -U USER -G GROUP   cupsd's User and Group (lp, lp)
 *   -n ROUNDS  measured rounds (20); each runs every variant once
 *   -w ROUNDS  warm-up rounds, not measured (2)
 *   -t SECONDS longest job; the job's process group is killed after it (60)
 *   -l LABEL   label of the summary lines (the job size, say)
 *   -s FILE    append a tab-separated summary line per variant
 *   -r FILE    append every measured job: label, round, variant, wall, cpu
 *   -a         any exit status is fine (else a job must exit 0); a job that
 *              is killed or times out still fails
 *   -1         run the first variant once; with "-- WRAPPER..." cupsd's
 *              cups-exec runs WRAPPER... COMMAND ARGS (valgrind, time);
 *              prints "status wall_ms cpu_ms", the job's stderr to -E FILE
 *   -E FILE    where -1 writes the job's stderr (default: our stderr)
 *
 * What cupsd does (scheduler/job.c cupsdContinueJob, process.c
 * cupsdStartProcess, cups-exec.c), and so what this does for every job:
 *   - posix_spawn() of <CUPS_SERVERBIN>/daemon/cups-exec with
 *     "-g GID -n 0 -u UID none COMMAND URI job user title copies options file",
 *     in a process group of its own, SIGTERM, SIGCHLD, SIGPIPE (here every
 *     catchable signal) at their defaults, no signal blocked;
 *   - UID 0 when the backend file's mode has none of g+w, o+w, o+x (stat
 *     follows symlinks, as cupsd's does), else User; GID always Group;
 *   - stdin /dev/null and the spool file as argv[6] (a raw queue), stdout
 *     /dev/null, stderr the status pipe (read here until EOF), fd 3 the
 *     write end of the back-channel pipe, fd 4 one end of the side-channel
 *     socketpair (cups-exec makes both non-blocking); cupsd closes its own
 *     ends of both once the backend of a single-file job has started, and
 *     so does this.
 * A job is done when the backend has exited and the status pipe is at EOF.
 * Wall time is from posix_spawn() to then; CPU time is user + system of the
 * backend and the children it waited for (wait4()).
 *
 * Rounds alternate the order of the variants (rotated each round, reversed
 * every other round) so that drift touches every variant alike; ratios are
 * paired: variant / first variant in the same round, and their median is
 * reported (wall and CPU), with a 95% confidence interval of the median
 * wall ratio (distribution-free, from order statistics).  Also
 * shown: the ratio of the 10th percentiles of wall time, which on a busy
 * machine is closer to what a quiet one gives.
 *
 * The summary (-s) line per variant: label, name, rounds, wall median,
 * p25, p75, CPU median (ms), wall ratio median, its 95% CI low and high,
 * CPU ratio median, failures, p10 wall ratio, median minor page faults
 * (the job's process, from wait4(): deterministic where times are not).
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef _GNU_SOURCE
#  define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <math.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_VARIANTS 16
#define MAX_ENV      128
#define KEEP_STDERR  65536		/* Bytes of a job's stderr kept */

typedef struct variant_s		/* One way of running the job */
{
  const char	*name;			/* Short name */
  const char	*command;		/* Program cupsd would run */
  const char	*uri;			/* Device URI (argv[0], DEVICE_URI) */
  const char	*serverroot;		/* CUPS_SERVERROOT */
  int		as_root;		/* cupsd's rule for the file's mode */
  char		*envp[MAX_ENV + 1];	/* The environment */
  double	*wall, *cpu;		/* Samples, ms */
  double	*faults;		/* Samples, minor page faults */
  int		failures;		/* Jobs that did not exit 0 */
} variant_t;

typedef struct job_result_s		/* What one job did */
{
  int		status;			/* Wait status */
  int		timed_out;		/* Killed after the timeout */
  double	wall_ms, cpu_ms;	/* Times */
  long		minflt;			/* Minor page faults */
  char		err[KEEP_STDERR + 1];	/* Its stderr (start of) */
  size_t	errlen;			/* Bytes kept */
} job_result_t;

extern char	**environ;

static volatile pid_t	running = 0;	/* The job now running, for on_signal() */

static const char *cups_exec;		/* <serverbin>/daemon/cups-exec */
static gid_t	cups_gid;		/* Group */
static uid_t	cups_uid;		/* User */
static char	*job_argv[7];		/* uri job user title copies options file */
static char	**wrapper;		/* -1 -- WRAPPER... */
static double	job_timeout = 60.0;	/* Seconds */
static int	any_status = 0;		/* -a */


static void
die(const char *format, ...) __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *format, ...)
{
  va_list ap;

  va_start(ap, format);
  fputs("launch: ", stderr);
  vfprintf(stderr, format, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(2);
}


/*
 * 'on_signal()' - Stopped from outside (timeout, ^C): take the job along.
 */

static void
on_signal(int sig)
{
  if (running > 0)
  {
    kill(-running, SIGKILL);
    kill(running, SIGKILL);
  }
  _exit(128 + sig);
}


/*
 * 'now_ms()' - Monotonic time in milliseconds.
 */

static double
now_ms(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}


/*
 * 'read_file()' - A file's bytes, nul-terminated.
 */

static char *
read_file(const char *path, size_t *len)
{
  FILE		*fp = fopen(path, "rb");
  char		*data;
  long		size;

  if (!fp)
    die("%s: %s", path, strerror(errno));
  if (fseek(fp, 0, SEEK_END) || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET))
    die("%s: cannot size it", path);
  if ((data = malloc((size_t)size + 1)) == NULL)
    die("out of memory");
  if (fread(data, 1, (size_t)size, fp) != (size_t)size)
    die("%s: short read", path);
  fclose(fp);
  data[size] = '\0';
  if (len)
    *len = (size_t)size;
  return (data);
}


/*
 * 'load_env()' - The base environment from a NAME=VALUE file.
 */

static int
load_env(const char *path, char **env)
{
  char	*text = read_file(path, NULL), *line, *next;
  int	n = 0;

  for (line = text; line && *line; line = next)
  {
    if ((next = strchr(line, '\n')) != NULL)
      *next++ = '\0';
    if (!*line || *line == '#')
      continue;
    if (!strchr(line, '='))
      die("%s: not NAME=VALUE: %s", path, line);
    if (n >= MAX_ENV - 4)
      die("%s: too many variables", path);
    env[n ++] = line;
  }
  env[n] = NULL;
  return (n);
}


/*
 * 'set_env()' - Replace NAME's entry in place, or append it.
 */

static void
set_env(char **env, const char *name, const char *value)
{
  size_t	len = strlen(name);
  char		*entry;
  int		i;

  if (asprintf(&entry, "%s=%s", name, value) < 0)
    die("out of memory");
  for (i = 0; env[i]; i ++)
    if (!strncmp(env[i], name, len) && env[i][len] == '=')
    {
      env[i] = entry;
      return;
    }
  if (i >= MAX_ENV)
    die("too many variables");
  env[i]     = entry;
  env[i + 1] = NULL;
}


static const char *
get_env(char **env, const char *name)
{
  size_t len = strlen(name);

  for (; *env; env ++)
    if (!strncmp(*env, name, len) && (*env)[len] == '=')
      return (*env + len + 1);
  return (NULL);
}


/*
 * 'high_fd()' - Move fd to 10 or above, close-on-exec, so that no dup2()
 *               of the spawn is a no-op that leaves FD_CLOEXEC set.
 */

static int
high_fd(int fd)
{
  int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 10);

  if (nfd < 0)
    die("fcntl: %s", strerror(errno));
  close(fd);
  return (nfd);
}


/*
 * 'run_job()' - Start one job as cupsd does and wait for it.
 */

static void
run_job(variant_t *v, job_result_t *res)
{
  posix_spawn_file_actions_t	actions;
  posix_spawnattr_t		attrs;
  sigset_t			defsigs, nosigs;
  int				status_pipe[2], back_pipe[2], side_pipe[2];
  int				pidfd, status = 0, eof = 0, exited = 0, sig, err;
  char				gid_str[16], uid_str[16], *args[64];
  int				n = 0, i;
  pid_t				pid;
  struct rusage			ru;
  struct pollfd			pfds[2];
  double			start, deadline;
  char				buf[65536];
  ssize_t			got;


  res->status    = 0;
  res->timed_out = 0;
  res->errlen    = 0;
  res->err[0]    = '\0';

  if (pipe2(status_pipe, O_CLOEXEC) || pipe2(back_pipe, O_CLOEXEC) ||
      socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, side_pipe))
    die("pipe: %s", strerror(errno));
  for (i = 0; i < 2; i ++)
  {
    status_pipe[i] = high_fd(status_pipe[i]);
    back_pipe[i]   = high_fd(back_pipe[i]);
    side_pipe[i]   = high_fd(side_pipe[i]);
  }

  snprintf(gid_str, sizeof(gid_str), "%d", (int)cups_gid);
  snprintf(uid_str, sizeof(uid_str), "%d", v->as_root ? 0 : (int)cups_uid);
  args[n ++] = (char *)cups_exec;
  args[n ++] = (char *)"-g";
  args[n ++] = gid_str;
  args[n ++] = (char *)"-n";
  args[n ++] = (char *)"0";
  args[n ++] = (char *)"-u";
  args[n ++] = uid_str;
  args[n ++] = (char *)"none";
  if (wrapper)
  {
    // cups-exec runs wrapper[0] with argv wrapper..., COMMAND, args.
    args[n ++] = wrapper[0];
    for (i = 0; wrapper[i] && n < 40; i ++)
      args[n ++] = wrapper[i];
    args[n ++] = (char *)v->command;
  }
  else
  {
    args[n ++] = (char *)v->command;
    args[n ++] = (char *)v->uri;
  }
  for (i = 1; i < 7; i ++)
    args[n ++] = job_argv[i];
  args[n] = NULL;

  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, status_pipe[1], 2);
  posix_spawn_file_actions_adddup2(&actions, back_pipe[1], 3);
  posix_spawn_file_actions_adddup2(&actions, side_pipe[1], 4);

  sigemptyset(&nosigs);
  sigemptyset(&defsigs);
  for (sig = 1; sig < 32; sig ++)
    if (sig != SIGKILL && sig != SIGSTOP)
      sigaddset(&defsigs, sig);
  posix_spawnattr_init(&attrs);
  posix_spawnattr_setflags(&attrs, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                                   POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attrs, 0);
  posix_spawnattr_setsigdefault(&attrs, &defsigs);
  posix_spawnattr_setsigmask(&attrs, &nosigs);

  start = now_ms();
  if ((err = posix_spawn(&pid, cups_exec, &actions, &attrs, args, v->envp)) != 0)
    die("posix_spawn %s: %s", cups_exec, strerror(err));
  running = pid;
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attrs);

  // cupsd's own ends of the back and side channels close once the backend
  // of a single-file job runs; the status pipe it reads until EOF.
  close(status_pipe[1]);
  close(back_pipe[0]);
  close(back_pipe[1]);
  close(side_pipe[0]);
  close(side_pipe[1]);

  if ((pidfd = (int)syscall(SYS_pidfd_open, pid, 0)) < 0)
    die("pidfd_open: %s", strerror(errno));

  deadline = start + job_timeout * 1000.0;
  while (!eof || !exited)
  {
    int		nfds = 0, ms;
    double	left = deadline - now_ms();

    if (left <= 0 && !res->timed_out)
    {
      res->timed_out = 1;
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      deadline = now_ms() + 5000.0;	// Bounded even now
      continue;
    }
    else if (left <= 0)
      die("job of %s: still running 5 s after SIGKILL", v->name);

    if (!eof)
    {
      pfds[nfds].fd     = status_pipe[0];
      pfds[nfds].events = POLLIN;
      nfds ++;
    }
    if (!exited)
    {
      pfds[nfds].fd     = pidfd;
      pfds[nfds].events = POLLIN;
      nfds ++;
    }
    ms = left > 1000.0 ? 1000 : (int)left + 1;
    if (poll(pfds, (nfds_t)nfds, ms) < 0)
    {
      if (errno == EINTR)
        continue;
      die("poll: %s", strerror(errno));
    }
    for (i = 0; i < nfds; i ++)
    {
      if (!pfds[i].revents)
        continue;
      if (pfds[i].fd == pidfd)
        exited = 1;
      else if ((got = read(status_pipe[0], buf, sizeof(buf))) > 0)
      {
        size_t keep = (size_t)got;

        if (keep > KEEP_STDERR - res->errlen)
          keep = KEEP_STDERR - res->errlen;
        memcpy(res->err + res->errlen, buf, keep);
        res->errlen += keep;
        res->err[res->errlen] = '\0';
      }
      else if (got == 0 || errno != EINTR)
        eof = 1;
    }
  }

  while (wait4(pid, &status, 0, &ru) < 0)
    if (errno != EINTR)
      die("wait4: %s", strerror(errno));
  running      = 0;
  res->wall_ms = now_ms() - start;
  res->cpu_ms  = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
                 ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
  res->minflt  = ru.ru_minflt;
  res->status  = status;
  close(pidfd);
  close(status_pipe[0]);
}


static int
cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return ((x > y) - (x < y));
}


/*
 * 'quantile()' - q-quantile of n samples (linear interpolation).
 */

static double
quantile(const double *samples, int n, double q)
{
  double	*s = malloc((size_t)n * sizeof(double)), pos, value;
  int		lo;

  if (!s || n < 1)
    die("quantile of nothing");
  memcpy(s, samples, (size_t)n * sizeof(double));
  qsort(s, (size_t)n, sizeof(double), cmp_double);
  pos   = q * (n - 1);
  lo    = (int)pos;
  value = lo + 1 < n ? s[lo] + (pos - lo) * (s[lo + 1] - s[lo]) : s[lo];
  free(s);
  return (value);
}


/*
 * 'median_ci()' - Distribution-free 95% confidence interval of the median:
 *                 the order statistics n/2 -+ 1.96 sqrt(n)/2.
 */

static void
median_ci(const double *samples, int n, double *lo, double *hi)
{
  double	*s = malloc((size_t)n * sizeof(double)), half = 0.98 * sqrt((double)n);
  int		l = (int)floor(n / 2.0 - half), h = (int)ceil(n / 2.0 + half);

  if (!s)
    die("out of memory");
  memcpy(s, samples, (size_t)n * sizeof(double));
  qsort(s, (size_t)n, sizeof(double), cmp_double);
  *lo = s[l < 0 ? 0 : l];
  *hi = s[h > n - 1 ? n - 1 : h];
  free(s);
}


static void
usage(void)
{
  fputs("Usage: launch [-n rounds] [-w warmup] [-t timeout] [-e envfile] [-o optionsfile]\n"
        "              [-f jobfile] [-j id] [-u user] [-T title] [-c copies] [-U user] [-G group]\n"
        "              [-l label] [-s summary.tsv] [-r raw.tsv] [-a] [-1 [-E stderrfile]]\n"
        "              NAME COMMAND URI SERVERROOT ... [-- WRAPPER ARGS...]\n", stderr);
  exit(2);
}


int
main(int argc, char *argv[])
{
  variant_t	variants[MAX_VARIANTS];
  int		nvariants = 0, rounds = 20, warmup = 2, once = 0, opt, i, r, k;
  const char	*envfile = NULL, *optfile = NULL, *jobfile = "/dev/null",
		*label = "-", *summary = NULL, *rawfile = NULL, *errfile = NULL,
		*user = "lp", *group = "lp";
  char		*base_env[MAX_ENV + 1];
  struct passwd	*pw;
  struct group	*gr;
  FILE		*raw = NULL, *sum = NULL;
  job_result_t	*res;


  job_argv[1] = (char *)"150";
  job_argv[2] = (char *)"allen.golbig";
  job_argv[3] = (char *)"test";
  job_argv[4] = (char *)"1";
  job_argv[5] = (char *)"";

  while ((opt = getopt(argc, argv, "+n:w:t:e:o:f:j:u:T:c:U:G:l:s:r:1E:a")) != -1)
  {
    switch (opt)
    {
      case 'n' : rounds = atoi(optarg); break;
      case 'w' : warmup = atoi(optarg); break;
      case 't' : job_timeout = atof(optarg); break;
      case 'e' : envfile = optarg; break;
      case 'o' : optfile = optarg; break;
      case 'f' : jobfile = optarg; break;
      case 'j' : job_argv[1] = optarg; break;
      case 'u' : job_argv[2] = optarg; break;
      case 'T' : job_argv[3] = optarg; break;
      case 'c' : job_argv[4] = optarg; break;
      case 'U' : user = optarg; break;
      case 'G' : group = optarg; break;
      case 'l' : label = optarg; break;
      case 's' : summary = optarg; break;
      case 'r' : rawfile = optarg; break;
      case '1' : once = 1; break;
      case 'E' : errfile = optarg; break;
      case 'a' : any_status = 1; break;
      default  : usage();
    }
  }
  if (!envfile || rounds < 1 || warmup < 0 || job_timeout <= 0)
    usage();
  if (optfile)
    job_argv[5] = read_file(optfile, NULL);
  job_argv[6] = (char *)jobfile;

  if ((pw = getpwnam(user)) == NULL || (gr = getgrnam(group)) == NULL)
    die("unknown user %s or group %s", user, group);
  cups_uid = pw->pw_uid;
  cups_gid = gr->gr_gid;

  load_env(envfile, base_env);
  {
    static char	path[1024];
    const char	*serverbin = get_env(base_env, "CUPS_SERVERBIN");

    if (!serverbin)
      die("%s has no CUPS_SERVERBIN", envfile);
    snprintf(path, sizeof(path), "%s/daemon/cups-exec", serverbin);
    cups_exec = path;
  }

  for (i = optind; i < argc; i += 4)
  {
    variant_t	*v = variants + nvariants;
    struct stat	info;

    if (!strcmp(argv[i], "--"))
    {
      if (!once || i + 1 >= argc)
        usage();
      wrapper = argv + i + 1;
      break;
    }
    if (i + 4 > argc || nvariants >= MAX_VARIANTS)
      usage();
    memset(v, 0, sizeof(*v));
    v->name       = argv[i];
    v->command    = argv[i + 1];
    v->uri        = argv[i + 2];
    v->serverroot = argv[i + 3];
    if (stat(v->command, &info))
      die("%s: %s", v->command, strerror(errno));
    v->as_root = !(info.st_mode & (S_IWGRP | S_IWOTH | S_IXOTH));
    memcpy(v->envp, base_env, sizeof(base_env));
    set_env(v->envp, "DEVICE_URI", v->uri);
    set_env(v->envp, "CUPS_SERVERROOT", v->serverroot);
    if ((v->wall = calloc((size_t)rounds, sizeof(double))) == NULL ||
        (v->cpu = calloc((size_t)rounds, sizeof(double))) == NULL ||
        (v->faults = calloc((size_t)rounds, sizeof(double))) == NULL)
      die("out of memory");
    nvariants ++;
  }
  if (nvariants < 1)
    usage();

  signal(SIGPIPE, SIG_IGN);
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  signal(SIGHUP, on_signal);
  if ((res = malloc(sizeof(*res))) == NULL)
    die("out of memory");

  if (once)
  {
    FILE *ef = stderr;

    run_job(variants, res);
    if (errfile && (ef = fopen(errfile, "w")) == NULL)
      die("%s: %s", errfile, strerror(errno));
    fwrite(res->err, 1, res->errlen, ef);
    if (ef != stderr)
      fclose(ef);
    printf("%d %.3f %.3f\n", WIFEXITED(res->status) ? WEXITSTATUS(res->status) :
                             128 + WTERMSIG(res->status), res->wall_ms, res->cpu_ms);
    return (res->timed_out ? 3 : 0);
  }

  if (rawfile && (raw = fopen(rawfile, "a")) == NULL)
    die("%s: %s", rawfile, strerror(errno));

  for (r = -warmup; r < rounds; r ++)
  {
    int rr = r + warmup;

    for (k = 0; k < nvariants; k ++)
    {
      int	vi = (rr & 1) ? nvariants - 1 - (k + rr / 2) % nvariants
		              : (k + rr / 2) % nvariants;
      variant_t	*v = variants + vi;

      run_job(v, res);
      if (res->timed_out || !WIFEXITED(res->status) || (WEXITSTATUS(res->status) && !any_status))
      {
        v->failures ++;
        fprintf(stderr, "launch: %s job (%s) %s %d; its stderr:\n%.*s\n", v->name, label,
                res->timed_out ? "timed out, status" : "ended with status",
                WIFEXITED(res->status) ? WEXITSTATUS(res->status) : 128 + WTERMSIG(res->status),
                (int)(res->errlen > 4000 ? 4000 : res->errlen), res->err);
      }
      if (r < 0)
        continue;
      v->wall[r] = res->wall_ms;
      v->cpu[r]  = res->cpu_ms;
      v->faults[r] = (double)res->minflt;
      if (raw)
        fprintf(raw, "%s\t%d\t%s\t%.4f\t%.4f\n", label, r, v->name, res->wall_ms, res->cpu_ms);
    }
  }
  if (raw)
    fclose(raw);

  if (summary && (sum = fopen(summary, "a")) == NULL)
    die("%s: %s", summary, strerror(errno));

  printf("  %-10s %9s %21s %8s %9s %19s %8s %8s %4s %6s\n", "variant", "wall ms", "[p25 .. p75]",
         "cpu ms", "wall/ref", "[95% CI]", "cpu/ref", "p10/ref", "fail", "faults");
  for (i = 0; i < nvariants; i ++)
  {
    variant_t	*v = variants + i;
    double	*rw = calloc((size_t)rounds, sizeof(double)),
		*rc = calloc((size_t)rounds, sizeof(double));
    double	wall, w25, w75, cpu, rwall, rw25, rw75, rcpu, r10, faults;

    if (!rw || !rc)
      die("out of memory");
    for (r = 0; r < rounds; r ++)
    {
      rw[r] = v->wall[r] / variants[0].wall[r];
      rc[r] = variants[0].cpu[r] > 0 ? v->cpu[r] / variants[0].cpu[r] : 1.0;
    }
    wall  = quantile(v->wall, rounds, 0.5);
    w25   = quantile(v->wall, rounds, 0.25);
    w75   = quantile(v->wall, rounds, 0.75);
    cpu   = quantile(v->cpu, rounds, 0.5);
    rwall = quantile(rw, rounds, 0.5);
    median_ci(rw, rounds, &rw25, &rw75);
    rcpu  = quantile(rc, rounds, 0.5);
    // The fastest tenth of each variant's jobs, compared: what a machine
    // without other work would show (waiting for a CPU only adds time).
    r10   = quantile(v->wall, rounds, 0.1) / quantile(variants[0].wall, rounds, 0.1);
    faults = quantile(v->faults, rounds, 0.5);
    printf("  %-10s %9.3f [%8.3f .. %8.3f] %8.3f %9.4f [%7.4f .. %7.4f] %8.3f %8.4f %4d %6.0f\n",
           v->name, wall, w25, w75, cpu, rwall, rw25, rw75, rcpu, r10, v->failures, faults);
    if (sum)
      fprintf(sum, "%s\t%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.5f\t%.5f\t%.5f\t%.5f\t%d\t%.5f\t%.1f\n",
              label, v->name, rounds, wall, w25, w75, cpu, rwall, rw25, rw75, rcpu,
              v->failures, r10, faults);
    free(rw);
    free(rc);
  }
  if (sum)
    fclose(sum);

  for (i = 0; i < nvariants; i ++)
    if (variants[i].failures)
      return (1);
  return (0);
}
