/*
 * spy: a CUPS backend for the end-to-end tests that records what it was
 * given, then exits with a status the test chooses.
 *
 * It is a program and not a shell script because the kernel replaces
 * argv[0] of a "#!" script with the interpreter's, and argv[0] is one of
 * the things the tests check.
 *
 * lib.sh builds it with -DSPY_DIR='"<dir>"'.  Each run with arguments
 * leaves a directory SPY_DIR/<argv[1]>.<pid> holding:
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
