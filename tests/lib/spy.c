/*
 * spy: the CUPS backend (and the canary) of the end-to-end and hostile
 * tests, which records what it was given.
 *
 * It is a program and not a shell script because the kernel replaces
 * argv[0] of a "#!" script with the interpreter's, and argv[0] is one of
 * the things the tests check.
 *
 * The harness (tests/lib/harness.sh, e2e_build_spy) builds it with
 * -DSPY_DIR='"<dir>"' in one of three forms:
 *
 * By default (the end-to-end tests), each run with arguments leaves a
 * directory SPY_DIR/<argv[1]>.<pid> holding:
 *   argv    every argument, argv[0] first, each ended by a NUL
 *   env     the environment, each entry ended by a NUL
 *   fds     the open descriptors, one "N TARGET" line each (readlink of
 *           /proc/self/fd/N), listed before the spy opened anything
 *   ids     "uid euid gid egid" on one line, the groups on the next
 *   state   the working directory, then the Umask, SigBlk and SigIgn lines
 *           of /proc/self/status
 *   stdin   what stdin held (read only with 6 arguments, as a backend does)
 * The directory gets its final name only when complete.  The exit status
 * is the number in SPY_DIR/status (0 when there is none); before a
 * non-zero exit the spy prints "ERROR: spy exits with status N".
 * Called with no arguments (device discovery) it prints nothing and
 * exits 0.
 *
 * With -DSPY_RUN_FILE (the hostile matrix), every copy of this program,
 * wherever it is planted, leaves one file SPY_DIR/run.<pid> when it runs
 * (written under a temporary name, then renamed), holding NUL-terminated
 * items:
 *   exe         readlink of /proc/self/exe: the file the kernel executed
 *               (a symlink's target, never the link)
 *   uid gid     real ids, as decimal text
 *   DEVICE_URI  "=" followed by its value, or "-" when it is unset
 *   argc        decimal text
 *   argv[0..]   every argument, as given
 * So a test can tell what ran, from where, as whom, with which arguments,
 * and a copy planted outside the backend directory is a canary: if its
 * file appears, something outside the backend directory was executed.
 *
 * With -DSPY_MINIMAL it only creates SPY_DIR/<argv[1]> with O_EXCL (a
 * second run for the same job id fails) and exits 0: the cheap backend
 * of the load tests.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SPY_DIR
#  error "build with -DSPY_DIR='\"<dir>\"'"
#endif

extern char **environ;

#if defined(SPY_MINIMAL)
/* One empty file a job id, created once. */
int
main(int argc, char *argv[])
{
  char	path[PATH_MAX];
  int	fd;

  if (argc < 2 || !argv[1][0] || strchr(argv[1], '/'))
    return (1);
  snprintf(path, sizeof(path), "%s/%s", SPY_DIR, argv[1]);
  if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0)
    return (1);
  return (close(fd) ? 1 : 0);
}

#elif defined(SPY_RUN_FILE)
/* One NUL-terminated item */
static int
put(int fd, const char *s)
{
  size_t	len = strlen(s) + 1;
  ssize_t	n;

  while (len > 0)
  {
    if ((n = write(fd, s, len)) < 0)
    {
      if (errno == EINTR)
        continue;
      return (-1);
    }
    s   += n;
    len -= (size_t)n;
  }
  return (0);
}

/* What ran, from where, as whom, with which arguments: SPY_DIR/run.<pid>. */
int
main(int argc, char *argv[])
{
  char		path[PATH_MAX], tmp[PATH_MAX], exe[PATH_MAX], num[64];
  const char	*uri = getenv("DEVICE_URI");
  ssize_t	len;
  int		fd, i, bad = 0;

  if ((len = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) < 0)
    len = 0;
  exe[len] = '\0';

  snprintf(path, sizeof(path), "%s/run.%ld", SPY_DIR, (long)getpid());
  snprintf(tmp, sizeof(tmp), "%s/.tmp.%ld", SPY_DIR, (long)getpid());
  if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
    return (1);

  bad |= put(fd, exe);
  snprintf(num, sizeof(num), "%ld", (long)getuid());
  bad |= put(fd, num);
  snprintf(num, sizeof(num), "%ld", (long)getgid());
  bad |= put(fd, num);
  if (uri)
  {
    bad |= write(fd, "=", 1) != 1;
    bad |= put(fd, uri);
  }
  else
    bad |= put(fd, "-");
  snprintf(num, sizeof(num), "%d", argc);
  bad |= put(fd, num);
  for (i = 0; i < argc; i ++)
    bad |= put(fd, argv[i]);

  if (close(fd) || bad || rename(tmp, path))
    return (1);

  return (0);
}

#else

static void
fail(const char *what)
{
  fprintf(stderr, "ERROR: spy: %s: %s\n", what, strerror(errno));
  exit(1);
}

static FILE *
create(const char *dir, const char *name)
{
  char	path[PATH_MAX];
  FILE	*fp;

  if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
  {
    errno = ENAMETOOLONG;
    fail(name);
  }
  if ((fp = fopen(path, "we")) == NULL)
    fail(path);
  return (fp);
}

static void
finish(FILE *fp, const char *name)
{
  if (ferror(fp) || fclose(fp))
    fail(name);
}

/* The open descriptors as "N TARGET\n" lines, before the spy opens any. */
static char *
list_fds(void)
{
  DIR		*d;
  struct dirent	*e;
  char		*text;
  size_t	size;
  FILE		*mem;

  if ((mem = open_memstream(&text, &size)) == NULL)
    fail("open_memstream");
  if ((d = opendir("/proc/self/fd")) == NULL)
    fail("/proc/self/fd");
  while ((e = readdir(d)) != NULL)
  {
    char	link[PATH_MAX], target[PATH_MAX];
    ssize_t	len;

    if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d))
      continue;
    snprintf(link, sizeof(link), "/proc/self/fd/%s", e->d_name);
    if ((len = readlink(link, target, sizeof(target) - 1)) < 0)
      continue;
    target[len] = '\0';
    fprintf(mem, "%s %s\n", e->d_name, target);
  }
  closedir(d);
  if (fclose(mem))
    fail("memstream");
  return (text);
}

/* The working directory, umask and signal masks, which a wrapper could change. */
static void
copy_state(FILE *fp)
{
  char	line[PATH_MAX];
  FILE	*status;

  if (!getcwd(line, sizeof(line)))
    fail("getcwd");
  fprintf(fp, "cwd %s\n", line);
  if ((status = fopen("/proc/self/status", "re")) == NULL)
    fail("/proc/self/status");
  while (fgets(line, sizeof(line), status))
    if (!strncmp(line, "Umask:", 6) || !strncmp(line, "SigBlk:", 7) ||
        !strncmp(line, "SigIgn:", 7))
      fputs(line, fp);
  fclose(status);
}

/* A directory a run: arguments, environment, descriptors, ids, state, stdin. */
int
main(int argc, char *argv[])
{
  char		*fds = list_fds();
  char		tmpdir[PATH_MAX], outdir[PATH_MAX];
  FILE		*fp;
  gid_t		groups[NGROUPS_MAX];
  int		i, ngroups, status = 0;
  char		**env;

  if (argc < 2)
    return (0);

  snprintf(outdir, sizeof(outdir), "%s/%s.%ld", SPY_DIR, argv[1], (long)getpid());
  snprintf(tmpdir, sizeof(tmpdir), "%s/.tmp.%ld", SPY_DIR, (long)getpid());
  if (mkdir(tmpdir, 0755))
    fail(tmpdir);

  fp = create(tmpdir, "argv");
  for (i = 0; i < argc; i ++)
    fwrite(argv[i], 1, strlen(argv[i]) + 1, fp);
  finish(fp, "argv");

  fp = create(tmpdir, "env");
  for (env = environ; *env; env ++)
    fwrite(*env, 1, strlen(*env) + 1, fp);
  finish(fp, "env");

  fp = create(tmpdir, "fds");
  fputs(fds, fp);
  finish(fp, "fds");
  free(fds);

  fp = create(tmpdir, "ids");
  fprintf(fp, "%ld %ld %ld %ld\n", (long)getuid(), (long)geteuid(),
          (long)getgid(), (long)getegid());
  if ((ngroups = getgroups(NGROUPS_MAX, groups)) < 0)
    fail("getgroups");
  for (i = 0; i < ngroups; i ++)
    fprintf(fp, "%s%ld", i ? " " : "", (long)groups[i]);
  fputc('\n', fp);
  finish(fp, "ids");

  fp = create(tmpdir, "state");
  copy_state(fp);
  finish(fp, "state");

  fp = create(tmpdir, "stdin");
  if (argc == 6)
  {
    char	buf[65536];
    size_t	n;

    while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
      fwrite(buf, 1, n, fp);
  }
  finish(fp, "stdin");

  if (rename(tmpdir, outdir))
    fail(outdir);

  if ((fp = fopen(SPY_DIR "/status", "re")) != NULL)
  {
    if (fscanf(fp, "%d", &status) != 1)
      status = 0;
    fclose(fp);
  }
  if (status)
    fprintf(stderr, "ERROR: spy exits with status %d\n", status);
  return (status);
}
#endif /* SPY_MINIMAL, SPY_RUN_FILE */
