/*
 * printaudit unit tests: the JsonLog sink (lib/jsonlog.c).
 *
 * The owner and mode checks apply when the caller is root; the cases that
 * need the other side run in a child that has become nobody.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>


static char	tmpdir[256];		/* Private directory for the files */


/*
 * 'setupDir()', 'removeDir()' - One directory per test (a checked
 * fixture: each test runs in a process of its own).
 */

static void
setupDir(void)
{
  unitTempDir(tmpdir, sizeof(tmpdir), "jsonlog");
  ck_assert_int_eq(chmod(tmpdir, 0755), 0);
}


static void
removeDir(void)
{
  unitTempDirRemove(tmpdir);
}


/*
 * 'pathIn()' - A path in the test's directory.
 *
 * O - Static buffer (one of four, used in turn).
 */

static const char *
pathIn(const char *name)		/* I - Name in tmpdir */
{
  static char	paths[4][512];
  static int	next = 0;
  char		*path = paths[next ++ % 4];


  snprintf(path, sizeof(paths[0]), "%s/%s", tmpdir, name);
  return (path);
}


/*
 * 'writeFile()' - Create a file with contents and a mode.
 */

static void
writeFile(const char *path,		/* I - File */
          const char *text,		/* I - Contents */
          mode_t     mode)		/* I - Permissions */
{
  FILE	*fp = fopen(path, "wb");


  ck_assert_msg(fp != NULL, "cannot create %s: %s", path, strerror(errno));
  ck_assert_int_eq(fputs(text, fp) >= 0, 1);
  ck_assert_int_eq(fclose(fp), 0);
  ck_assert_int_eq(chmod(path, mode), 0);
}


/*
 * 'logWrite()' - pauditJSONLogWrite() of a string.
 */

static paudit_status_t
logWrite(const char     *path,		/* I - JsonLog */
         const char     *text,		/* I - Record */
         paudit_error_t *error)		/* O - Error */
{
  pauditErrorClear(error);
  return (pauditJSONLogWrite(path, text, strlen(text), error));
}


START_TEST(test_jsonlog_append)
{
  paudit_error_t	error;
  const char		*log = pathIn("audit.jsonl");
  char			*data;
  struct stat		info;


  ck_assert_int_eq(logWrite(log, "{\"a\":1}", &error), PAUDIT_STATUS_OK);
  ck_assert_int_eq(logWrite(log, "{\"a\":2}", &error), PAUDIT_STATUS_OK);
  data = unitReadFile(log, NULL);
  ck_assert_str_eq(data, "{\"a\":1}\n{\"a\":2}\n");
  free(data);

  // The writers' lock: a regular file of the caller's alone.
  ck_assert_int_eq(lstat(pathIn("audit.jsonl.lock"), &info), 0);
  ck_assert(S_ISREG(info.st_mode));
  ck_assert_uint_eq(info.st_mode & 07777, 0600);
  ck_assert_uint_eq(info.st_uid, geteuid());
}
END_TEST


START_TEST(test_jsonlog_partial_line)
{
  paudit_error_t	error;
  const char		*log = pathIn("audit.jsonl");
  char			*data;


  // A writer killed mid-write left a line without a newline.
  writeFile(log, "{\"a\":1}\n{\"torn\":", 0640);
  ck_assert_int_eq(logWrite(log, "{\"a\":2}", &error), PAUDIT_STATUS_OK);
  ck_assert_int_eq(logWrite(log, "{\"a\":3}", &error), PAUDIT_STATUS_OK);
  data = unitReadFile(log, NULL);
  ck_assert_str_eq(data, "{\"a\":1}\n{\"torn\":\n{\"a\":2}\n{\"a\":3}\n");
  free(data);
}
END_TEST


/*
 * pread() is this program's (-Wl,--wrap): it can cut the file short first,
 * as logrotate's copytruncate (which takes no lock) may between the
 * writer's fstat() and its read of the last byte.
 */

static int	truncate_before_pread = 0;	/* Times to truncate first */

ssize_t __real_pread(int fd, void *buf, size_t count, off_t offset);
ssize_t __wrap_pread(int fd, void *buf, size_t count, off_t offset);

ssize_t
__wrap_pread(int    fd,			/* I - File */
             void   *buf,		/* O - Bytes */
             size_t count,		/* I - Bytes wanted */
             off_t  offset)		/* I - Where */
{
  if (truncate_before_pread > 0)
  {
    truncate_before_pread --;
    if (ftruncate(fd, 0))
      return (-1);
  }

  return (__real_pread(fd, buf, count, offset));
}


/*
 * writev() and ftruncate() are this program's too: a write that stops
 * part way (ENOSPC), and a roll-back that fails (EIO).
 */

static int	writev_short = 0,	/* 1: write 3 bytes, then ENOSPC */
		ftruncate_fails = 0;	/* 1: fail with EIO */

ssize_t __real_writev(int fd, const struct iovec *iov, int count);
ssize_t __wrap_writev(int fd, const struct iovec *iov, int count);
int __real_ftruncate(int fd, off_t length);
int __wrap_ftruncate(int fd, off_t length);

ssize_t
__wrap_writev(int                fd,	/* I - File */
              const struct iovec *iov,	/* I - Parts */
              int                count)	/* I - Number of parts */
{
  struct iovec	part;			/* First bytes only */


  if (writev_short == 1 && count > 0 && iov[0].iov_len > 3)
  {
    writev_short = 2;
    part.iov_base = iov[0].iov_base;
    part.iov_len  = 3;
    return (__real_writev(fd, &part, 1));
  }
  if (writev_short == 2)
  {
    writev_short = 0;
    errno        = ENOSPC;
    return (-1);
  }

  return (__real_writev(fd, iov, count));
}

int
__wrap_ftruncate(int   fd,		/* I - File */
                 off_t length)		/* I - Size */
{
  if (ftruncate_fails)
  {
    ftruncate_fails = 0;
    errno           = EIO;
    return (-1);
  }

  return (__real_ftruncate(fd, length));
}


START_TEST(test_jsonlog_write_fails)
{
  paudit_error_t	error;
  const char		*log = pathIn("audit.jsonl");
  char			*data;


  // A write that stops part way is taken back...
  writeFile(log, "{\"a\":1}\n", 0640);
  writev_short = 1;
  ck_assert_int_eq(logWrite(log, "{\"a\":2}", &error), PAUDIT_STATUS_IO);
  ck_assert_msg(strstr(error.text, "No space left on device") &&
                !strstr(error.text, "partial line"), "error \"%s\"", error.text);
  data = unitReadFile(log, NULL);
  ck_assert_str_eq(data, "{\"a\":1}\n");
  free(data);

  // ...and when that fails too, the message says a partial line is left.
  writev_short    = 1;
  ftruncate_fails = 1;
  ck_assert_int_eq(logWrite(log, "{\"a\":3}", &error), PAUDIT_STATUS_IO);
  ck_assert_msg(strstr(error.text, "No space left on device") &&
                strstr(error.text, "partial line"), "error \"%s\"", error.text);
  data = unitReadFile(log, NULL);
  ck_assert_str_eq(data, "{\"a\":1}\n{\"a");
  free(data);
}
END_TEST


START_TEST(test_jsonlog_copytruncate)
{
  paudit_error_t	error;
  const char		*log = pathIn("audit.jsonl");
  char			*data;


  // Truncated under the writer: the record goes to the emptied file.
  writeFile(log, "{\"a\":1}\n{\"torn\":", 0640);
  truncate_before_pread = 1;
  ck_assert_int_eq(logWrite(log, "{\"a\":2}", &error), PAUDIT_STATUS_OK);
  ck_assert_str_eq(error.text, "");
  data = unitReadFile(log, NULL);
  ck_assert_str_eq(data, "{\"a\":2}\n");
  free(data);
}
END_TEST


START_TEST(test_jsonlog_relative)
{
  paudit_error_t	error;


  ck_assert_int_eq(logWrite("audit.jsonl", "{}", &error), PAUDIT_STATUS_IO);
  ck_assert_str_eq(error.text, "JsonLog audit.jsonl is not an absolute path");
}
END_TEST


START_TEST(test_jsonlog_symlink_ancestor)
{
  paudit_error_t	error;
  char			want[1024];
  struct stat	info;


  ck_assert_int_eq(mkdir(pathIn("real"), 0755), 0);
  ck_assert_int_eq(symlink(pathIn("real"), pathIn("link")), 0);
  ck_assert_int_eq(logWrite(pathIn("link/audit.jsonl"), "{}", &error), PAUDIT_STATUS_IO);
  snprintf(want, sizeof(want), "Unable to open JsonLog %s/link/audit.jsonl: %s/link is a symbolic link",
           tmpdir, tmpdir);
  ck_assert_str_eq(error.text, want);
  ck_assert_int_eq(stat(pathIn("real/audit.jsonl"), &info), -1);

  // "//" and a trailing component that is a link are refused as well.
  writeFile(pathIn("target"), "", 0640);
  ck_assert_int_eq(symlink(pathIn("target"), pathIn("last.jsonl")), 0);
  ck_assert_int_eq(logWrite(pathIn("/last.jsonl"), "{}", &error), PAUDIT_STATUS_IO);
  ck_assert_msg(strstr(error.text, "it is a symbolic link") != NULL, "%s", error.text);
}
END_TEST


START_TEST(test_jsonlog_lock_timeout)
{
  paudit_error_t	error;
  const char		*log = pathIn("audit.jsonl");
  int			held;
  struct timespec	start, end;
  double		took;
  struct sigaction	before, after;
  struct itimerval	timer;
  sigset_t		mask, now;
  char			want[1024];


  // Another writer (another open file description) holds the lock.
  held = open(pathIn("audit.jsonl.lock"), O_RDWR | O_CREAT, 0600);
  ck_assert_int_ge(held, 0);
  ck_assert_int_eq(flock(held, LOCK_EX), 0);

  // The caller's SIGALRM is blocked and handled its own way: the wait
  // still ends, and all of it is the caller's again afterwards.
  memset(&before, 0, sizeof(before));
  before.sa_handler = SIG_IGN;
  ck_assert_int_eq(sigaction(SIGALRM, &before, NULL), 0);
  sigemptyset(&mask);
  sigaddset(&mask, SIGALRM);
  ck_assert_int_eq(sigprocmask(SIG_BLOCK, &mask, NULL), 0);

  clock_gettime(CLOCK_MONOTONIC, &start);
  ck_assert_int_eq(logWrite(log, "{}", &error), PAUDIT_STATUS_IO);
  clock_gettime(CLOCK_MONOTONIC, &end);
  took = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
  ck_assert_msg(took >= 1.9 && took < 3.5, "gave up after %.2f s", took);
  snprintf(want, sizeof(want), "JsonLog %s is locked by another writer: gave up after 2000 ms", log);
  ck_assert_str_eq(error.text, want);

  ck_assert_int_eq(sigaction(SIGALRM, NULL, &after), 0);
  ck_assert(after.sa_handler == SIG_IGN);
  ck_assert_int_eq(sigprocmask(SIG_BLOCK, NULL, &now), 0);
  ck_assert_int_eq(sigismember(&now, SIGALRM), 1);
  ck_assert_int_eq(sigismember(&now, SIGTERM), 0);
  ck_assert_int_eq(getitimer(ITIMER_REAL, &timer), 0);
  ck_assert(timer.it_value.tv_sec == 0 && timer.it_value.tv_usec == 0);

  // Released: the next write goes through at once.
  ck_assert_int_eq(close(held), 0);
  ck_assert_int_eq(logWrite(log, "{}", &error), PAUDIT_STATUS_OK);
}
END_TEST


START_TEST(test_jsonlog_lock_released)
{
  paudit_error_t	error;
  const char		*log = pathIn("audit.jsonl");
  int			held;
  pid_t			pid;
  char			*data;


  // A writer that holds the lock for 0.3 s: the next one waits, then writes.
  held = open(pathIn("audit.jsonl.lock"), O_RDWR | O_CREAT, 0600);
  ck_assert_int_ge(held, 0);
  ck_assert_int_eq(flock(held, LOCK_EX), 0);
  if ((pid = fork()) == 0)
  {
    struct timespec nap = { 0, 300000000L };

    nanosleep(&nap, NULL);
    _exit(0);				// closes held: the lock is released
  }
  ck_assert_int_gt(pid, 0);
  ck_assert_int_eq(close(held), 0);	// the child's copy holds it now
  ck_assert_int_eq(logWrite(log, "{\"a\":1}", &error), PAUDIT_STATUS_OK);
  ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
  data = unitReadFile(log, NULL);
  ck_assert_str_eq(data, "{\"a\":1}\n");
  free(data);
}
END_TEST


/*
 * Root only: the owner and mode checks, and the unprivileged side.
 */

static const struct
{
  const char	*setup;			/* "dir:MODE", "file:MODE", "dirown", "fileown" */
  const char	*log;			/* JsonLog, in tmpdir */
  const char	*message;		/* Expected error after the path, "" for OK */
  const char	*dir;			/* Then tmpdir and this, or NULL */
} perm_cases[] =
{
  { "dir:0775",  "d/audit.jsonl", " is in an unsafe directory: ", "/d is writable by group or others" },
  { "dir:0757",  "d/audit.jsonl", " is in an unsafe directory: ", "/d is writable by group or others" },
  { "dir:01777", "d/audit.jsonl", " is in an unsafe directory: ", "/d is writable by group or others" },
  { "dir:0700",  "d/audit.jsonl", "", NULL },
  { "dirown",    "d/audit.jsonl", " is in an unsafe directory: ", "/d is not owned by root" },
  { "file:0666", "audit.jsonl",   " is writable by group or others (mode 0666)", NULL },
  { "file:0620", "audit.jsonl",   " is writable by group or others (mode 0620)", NULL },
  { "file:0644", "audit.jsonl",   "", NULL },
  { "file:0640", "audit.jsonl",   "", NULL },
  { "fileown",   "audit.jsonl",   " is not owned by root (uid 65534)", NULL }
};


START_TEST(test_jsonlog_permissions)
{
  paudit_error_t	error;
  char			want[1024];
  const char		*setup = perm_cases[_i].setup,
			*log = pathIn(perm_cases[_i].log);
  mode_t		mode = 0;


  if (geteuid() != 0)
    return;				// Only enforced for root

  if (strchr(setup, ':'))
    mode = (mode_t)strtol(strchr(setup, ':') + 1, NULL, 8);
  if (!strncmp(setup, "dir", 3))
  {
    ck_assert_int_eq(mkdir(pathIn("d"), 0755), 0);
    if (mode)
      ck_assert_int_eq(chmod(pathIn("d"), mode), 0);
    else
      ck_assert_int_eq(chown(pathIn("d"), 65534, 65534), 0);
  }
  else
  {
    writeFile(log, "{\"pre\":1}\n", mode ? mode : 0640);
    if (!mode)
      ck_assert_int_eq(chown(log, 65534, 65534), 0);
  }

  if (!*perm_cases[_i].message)
  {
    ck_assert_msg(logWrite(log, "{}", &error) == PAUDIT_STATUS_OK, "%s: %s", setup, error.text);
    return;
  }
  ck_assert_int_eq(logWrite(log, "{}", &error), PAUDIT_STATUS_IO);
  snprintf(want, sizeof(want), "JsonLog %s%s%s%s", log, perm_cases[_i].message,
           perm_cases[_i].dir ? tmpdir : "", perm_cases[_i].dir ? perm_cases[_i].dir : "");
  ck_assert_str_eq(error.text, want);
}
END_TEST


START_TEST(test_jsonlog_unprivileged)
{
  paudit_error_t	error;
  pid_t			pid;
  int			status;
  const char		*log;
  char			*data;


  if (geteuid() != 0)
    return;				// Runs as nobody in a child

  // A directory and a JsonLog of nobody's, writable by all: not root's
  // business when root is not the one writing (a direct test run).
  ck_assert_int_eq(mkdir(pathIn("d"), 0777), 0);
  ck_assert_int_eq(chmod(pathIn("d"), 0777), 0);
  ck_assert_int_eq(chown(pathIn("d"), 65534, 65534), 0);
  log = pathIn("d/audit.jsonl");
  writeFile(log, "", 0666);
  ck_assert_int_eq(chown(log, 65534, 65534), 0);
  ck_assert_int_eq(symlink(pathIn("d"), pathIn("link")), 0);

  if ((pid = fork()) == 0)
  {
    int ok = setgid(65534) == 0 && setuid(65534) == 0 &&
             logWrite(log, "{\"a\":1}", &error) == PAUDIT_STATUS_OK &&
             logWrite(pathIn("link/audit.jsonl"), "{\"a\":2}", &error) == PAUDIT_STATUS_IO &&
             strstr(error.text, "is a symbolic link") != NULL;

    _exit(ok ? 0 : 1);
  }
  ck_assert_int_gt(pid, 0);
  ck_assert_int_eq(waitpid(pid, &status, 0), pid);
  ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                "as nobody: not written, or the symlink not refused");
  data = unitReadFile(log, NULL);
  ck_assert_str_eq(data, "{\"a\":1}\n");
  free(data);
}
END_TEST


/*
 * What the path or the lock file names must be a regular file; each
 * refusal says why and writes nothing.
 */

START_TEST(test_jsonlog_not_regular)
{
  paudit_error_t	error;
  struct stat		info;


  // A FIFO is refused without waiting for a reader, and no lock is made.
  ck_assert_int_eq(mkfifo(pathIn("fifo.jsonl"), 0600), 0);
  ck_assert_int_eq(logWrite(pathIn("fifo.jsonl"), "{}", &error), PAUDIT_STATUS_IO);
  ck_assert_msg(strstr(error.text, "is not a regular file") != NULL, "%s", error.text);
  ck_assert_int_ne(lstat(pathIn("fifo.jsonl.lock"), &info), 0);

  // A directory.
  ck_assert_int_eq(mkdir(pathIn("dir.jsonl"), 0755), 0);
  ck_assert_int_eq(logWrite(pathIn("dir.jsonl"), "{}", &error), PAUDIT_STATUS_IO);
  ck_assert_msg(strstr(error.text, "Unable to open JsonLog") != NULL, "%s", error.text);

  // A missing directory, and a file where a directory should be.
  ck_assert_int_eq(logWrite(pathIn("missing/a.jsonl"), "{}", &error), PAUDIT_STATUS_IO);
  ck_assert_msg(strstr(error.text, strerror(ENOENT)) != NULL, "%s", error.text);
  writeFile(pathIn("file"), "", 0644);
  ck_assert_int_eq(logWrite(pathIn("file/a.jsonl"), "{}", &error), PAUDIT_STATUS_IO);
  ck_assert_msg(strstr(error.text, strerror(ENOTDIR)) != NULL, "%s", error.text);

  // A lock file that is a FIFO or a directory.
  ck_assert_int_eq(mkfifo(pathIn("a.jsonl.lock"), 0600), 0);
  ck_assert_int_eq(logWrite(pathIn("a.jsonl"), "{}", &error), PAUDIT_STATUS_IO);
  ck_assert_msg(strstr(error.text, "lock file") && strstr(error.text, "is not a regular file"),
                "%s", error.text);
  ck_assert_int_eq(mkdir(pathIn("b.jsonl.lock"), 0700), 0);
  ck_assert_int_eq(logWrite(pathIn("b.jsonl"), "{}", &error), PAUDIT_STATUS_IO);
  ck_assert_msg(strstr(error.text, "Unable to open the lock file") != NULL, "%s", error.text);

  // Nothing was written to either JsonLog.
  ck_assert_int_eq(stat(pathIn("a.jsonl"), &info), 0);
  ck_assert_int_eq(info.st_size, 0);
  ck_assert_int_eq(stat(pathIn("b.jsonl"), &info), 0);
  ck_assert_int_eq(info.st_size, 0);
}
END_TEST


/*
 * As root, a lock file others can open is refused: whoever opens it can
 * hold every job up.
 */

START_TEST(test_jsonlog_lock_not_root_alone)
{
  paudit_error_t	error;


  if (geteuid() != 0)
    return;

  writeFile(pathIn("a.jsonl.lock"), "", 0644);
  ck_assert_int_eq(logWrite(pathIn("a.jsonl"), "{}", &error), PAUDIT_STATUS_IO);
  ck_assert_msg(strstr(error.text, "is not root's alone (uid 0, mode 0644)") != NULL, "%s",
                error.text);

  ck_assert_int_eq(chmod(pathIn("a.jsonl.lock"), 0600), 0);
  ck_assert_int_eq(logWrite(pathIn("a.jsonl"), "{}", &error), PAUDIT_STATUS_OK);
}
END_TEST


/*
 * 'main()' - Run the suite.
 */

int					/* O - Exit status */
main(void)
{
  Suite		*s = suite_create("jsonlog");
  TCase		*tc = tcase_create("jsonlog");
  SRunner	*sr;
  int		failed;


  tcase_add_checked_fixture(tc, setupDir, removeDir);
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, test_jsonlog_append);
  tcase_add_test(tc, test_jsonlog_partial_line);
  tcase_add_test(tc, test_jsonlog_copytruncate);
  tcase_add_test(tc, test_jsonlog_write_fails);
  tcase_add_test(tc, test_jsonlog_relative);
  tcase_add_test(tc, test_jsonlog_symlink_ancestor);
  tcase_add_test(tc, test_jsonlog_lock_timeout);
  tcase_add_test(tc, test_jsonlog_lock_released);
  tcase_add_loop_test(tc, test_jsonlog_permissions, 0, (int)UNIT_COUNT(perm_cases));
  tcase_add_test(tc, test_jsonlog_unprivileged);
  tcase_add_test(tc, test_jsonlog_not_regular);
  tcase_add_test(tc, test_jsonlog_lock_not_root_alone);
  suite_add_tcase(s, tc);

  sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);

  return (failed ? EXIT_FAILURE : EXIT_SUCCESS);
}
