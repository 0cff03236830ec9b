/*
 * spy: the backend (and the canary) of the hostile tests.
 *
 * Built by the tests with -DSPY_DIR='"<dir>"'.  Every copy of this
 * program, wherever it is planted, leaves one file SPY_DIR/run.<pid>
 * when it runs (written under a temporary name, then renamed), holding
 * NUL-terminated items:
 *
 *   exe         readlink of /proc/self/exe: the file the kernel executed
 *               (a symlink's target, never the link)
 *   uid gid     real ids, as decimal text
 *   DEVICE_URI  "=" followed by its value, or "-" when it is unset
 *   argc        decimal text
 *   argv[0..]   every argument, as given
 *
 * So a test can tell what ran, from where, as whom, with which arguments,
 * and a copy planted outside the backend directory is a canary: if its
 * file appears, something outside the backend directory was executed.
 *
 * Built with -DSPY_MINIMAL it only creates SPY_DIR/<argv[1]> with O_EXCL
 * (a second run for the same job id fails) and exits 0: the cheap
 * backend of the load tests.
 *
 * It is a compiled program because the kernel replaces argv[0] of a "#!"
 * script, and argv[0] is one of the things checked.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SPY_DIR
#  error "build with -DSPY_DIR='\"<dir>\"'"
#endif

static int
put(int fd, const char *s)		/* One NUL-terminated item */
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

int
main(int argc, char *argv[])
{
  char		path[PATH_MAX], tmp[PATH_MAX], exe[PATH_MAX], num[64];
  const char	*uri = getenv("DEVICE_URI");
  ssize_t	len;
  int		fd, i, bad = 0;

#ifdef SPY_MINIMAL
  if (argc < 2 || !argv[1][0] || strchr(argv[1], '/'))
    return (1);
  snprintf(path, sizeof(path), "%s/%s", SPY_DIR, argv[1]);
  if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0)
    return (1);
  return (close(fd) ? 1 : 0);
#endif

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
