/*
 * The JsonLog sink: an append-only JSON Lines file.
 *
 * What only root may do to a job through this sink, and how it is kept so:
 *
 * - The path is walked from "/" one component at a time with O_NOFOLLOW:
 *   no symbolic link is followed anywhere in it.  When running as root,
 *   every directory on the way must be root's and not writable by group or
 *   others (a root-owned sticky directory such as /tmp may be an ancestor,
 *   but not the JsonLog's own directory), and so must the JsonLog itself:
 *   nobody else can swap a directory, plant a link or truncate the trail.
 * - Writers serialize on "<JsonLog>.lock", a 0600 root file in that same
 *   directory, never on the JsonLog: a log shipper (or anyone) that can
 *   read the JsonLog cannot lock the file writers wait for.  The wait is
 *   bounded all the same (JSONLOG_WAIT_MS, as the syslog sink's).
 * - Under the lock the path must still name the file that was opened (a
 *   logrotate rename between open and lock): if not, it is opened again.
 * - The record goes in one writev() with the signals cupsd cancels with
 *   blocked; if a killed writer left a partial last line, the record
 *   starts a new line, so it stays whole for every JSON Lines reader.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define JSONLOG_WAIT_MS	2000		/* Longest wait for the lock */
#define JSONLOG_NAP_MS	10		/* SIGALRM interval after the deadline */
#define JSONLOG_REOPENS	8		/* Replaced this often under the lock: give up */

#ifdef O_PATH
#  define JSONLOG_DIR_FLAGS (O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#else
#  define JSONLOG_DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#endif
#define JSONLOG_FILE_FLAGS (O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)


/*
 * Local functions...
 */

static int	jsonlog_dir(const char *path, int secure, const char **name,
		            paudit_error_t *error);
static int	jsonlog_lock(int dir, const char *name, const char *path,
		             int secure, paudit_error_t *error);
static int	jsonlog_open(int dir, const char *name, const char *path,
		             int secure, struct stat *info, paudit_error_t *error);
static int	jsonlog_wait(int fd, struct timespec *start);
static ssize_t	jsonlog_writev(int fd, const struct iovec *parts, int count,
		               size_t done);


/*
 * 'pauditJSONLogWrite()' - Append one record line under an exclusive lock.
 */

paudit_status_t				/* O - Status */
pauditJSONLogWrite(const char     *path,/* I - JSON Lines file */
                   const char     *text,/* I - Record, no newline */
                   size_t         len,	/* I - Length */
                   paudit_error_t *error)/* O - Error */
{
  int		dir, fd, lock = -1,	/* Directory, JsonLog, lock file */
		secure = geteuid() == 0,/* Enforce root ownership? */
		reopens = 0;		/* Times the path was replaced */
  const char	*name;			/* JsonLog's name in dir */
  struct stat	info,			/* JsonLog held */
		named;			/* What the path names now */
  struct iovec	parts[3];		/* [newline], record, newline */
  int		count = 0, i,	/* Parts used, looping var */
		err;			/* errno of a failed write */
  char		last;			/* Last byte of the file */
  ssize_t	wrote,			/* Bytes written by one writev */
		got;			/* Bytes read by pread */
  size_t	done = 0, total;	/* Progress */
  sigset_t	block, saved;		/* Signals held off during the write */
  paudit_status_t status = PAUDIT_STATUS_IO;


  if ((dir = jsonlog_dir(path, secure, &name, error)) < 0)
    return (PAUDIT_STATUS_IO);

  // Open (and check) the file before locking, so that nothing is created
  // beside what is not a regular file.
  if ((fd = jsonlog_open(dir, name, path, secure, &info, error)) < 0 ||
      (lock = jsonlog_lock(dir, name, path, secure, error)) < 0)
    goto cleanup;

  // Under the lock: the path must still name the file held, or the record
  // would go to a file that logrotate renamed (and may compress, unlink).
  for (;;)
  {
    if (fstat(fd, &info))
    {
      pauditErrorSet(error, 0, "Unable to stat JsonLog %s: %s", path, strerror(errno));
      goto cleanup;
    }
    if (!fstatat(dir, name, &named, AT_SYMLINK_NOFOLLOW) &&
        named.st_dev == info.st_dev && named.st_ino == info.st_ino)
      break;
    if (++ reopens > JSONLOG_REOPENS)
    {
      pauditErrorSet(error, 0, "JsonLog %s was replaced %d times while being opened",
                     path, JSONLOG_REOPENS);
      goto cleanup;
    }
    close(fd);
    if ((fd = jsonlog_open(dir, name, path, secure, &info, error)) < 0)
      goto cleanup;
  }

  // A writer that was killed mid-write (SIGKILL cannot be blocked) left a
  // partial line: start a new one, so this record stays whole.  A file
  // cut short meanwhile by one who takes no lock (logrotate's
  // copytruncate) reads as its end: its size is taken again.
  for (i = 0; info.st_size > 0; i ++)
  {
    if ((got = pread(fd, &last, 1, info.st_size - 1)) == 1)
    {
      if (last != '\n')
      {
        parts[count].iov_base = (void *)"\n";
        parts[count ++].iov_len = 1;
      }
      break;
    }
    if (got < 0 || i >= JSONLOG_REOPENS || fstat(fd, &info))
    {
      pauditErrorSet(error, 0, "Unable to read JsonLog %s: %s", path,
                     got == 0 && i >= JSONLOG_REOPENS ? "it keeps being truncated" : strerror(errno));
      goto cleanup;
    }
  }
  parts[count].iov_base   = (void *)text;
  parts[count ++].iov_len = len;
  parts[count].iov_base   = (void *)"\n";
  parts[count ++].iov_len = 1;
  for (total = 0, i = 0; i < count; i ++)
    total += parts[i].iov_len;

  // One line, written until done; a failure takes back what was written.
  // cupsd cancels a job with SIGTERM: it waits until the line is whole.
  sigemptyset(&block);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGHUP);
  sigaddset(&block, SIGPIPE);
  if (sigprocmask(SIG_BLOCK, &block, &saved))
  {
    pauditErrorSet(error, 0, "Unable to block signals: %s", strerror(errno));
    goto cleanup;
  }

  status = PAUDIT_STATUS_OK;
  while (done < total)
  {
    if ((wrote = jsonlog_writev(fd, parts, count, done)) < 0 && errno == EINTR)
      continue;
    if (wrote <= 0)
    {
      // One message for both failures: the first error set is the one
      // kept, so the roll-back's own failure is said in it.
      err = wrote < 0 ? errno : 0;
      pauditErrorSet(error, 0, "Unable to write JsonLog %s: %s%s", path,
                     err ? strerror(err) : "no progress",
                     done > 0 && ftruncate(fd, info.st_size) ?
                         " (and unable to remove the partial line)" : "");
      status = PAUDIT_STATUS_IO;
      break;
    }
    done += (size_t)wrote;
  }

  sigprocmask(SIG_SETMASK, &saved, NULL);

  cleanup:

  if (fd >= 0 && close(fd) && status == PAUDIT_STATUS_OK)
  {
    pauditErrorSet(error, 0, "Unable to close JsonLog %s: %s", path, strerror(errno));
    status = PAUDIT_STATUS_IO;
  }
  if (lock >= 0)
    close(lock);
  close(dir);

  return (status);
}


/*
 * 'jsonlog_dir()' - Open the JsonLog's directory without following links.
 *
 * Each component is opened relative to the one before it, from "/", with
 * O_NOFOLLOW.  When secure, each directory must be root's; the JsonLog's
 * own directory must not be writable by group or others.  Above it, a
 * root-owned sticky directory (/tmp) is fine, since nobody else can rename
 * what root has in it, and so is a group-writable one (Ubuntu's /var/log
 * is root:syslog 0775, macOS's /Library/Logs root:admin 0775): the group
 * can only move root's directories about, never make root write through
 * a link or into a directory of its own.
 */

static int				/* O - Directory fd or -1 */
jsonlog_dir(const char     *path,	/* I - JsonLog */
            int            secure,	/* I - Enforce root ownership? */
            const char     **name,	/* O - Last component of path */
            paudit_error_t *error)	/* O - Error */
{
  int		fd, next;		/* Directory, next one */
  const char	*s = path,		/* Component */
		*end;			/* Its end */
  char		part[NAME_MAX + 1];	/* Component, nul-terminated */
  struct stat	info;			/* Directory information */
  int		shown;			/* Length of path shown as the directory */


  if (*path != '/')
  {
    pauditErrorSet(error, 0, "JsonLog %s is not an absolute path", path);
    return (-1);
  }

  if ((fd = open("/", JSONLOG_DIR_FLAGS)) < 0)
  {
    pauditErrorSet(error, 0, "Unable to open JsonLog %s: /: %s", path, strerror(errno));
    return (-1);
  }

  for (shown = 1;;)
  {
    while (*s == '/')
      s ++;

    if (secure)
    {
      // The directory just opened (path[0..shown)); the last one, the
      // JsonLog's own, may not be writable by others even when sticky.
      if (fstat(fd, &info))
      {
        pauditErrorSet(error, 0, "Unable to open JsonLog %s: %.*s: %s", path, shown, path,
                       strerror(errno));
        break;
      }
      if (info.st_uid != 0)
      {
        pauditErrorSet(error, 0, "JsonLog %s is in an unsafe directory: %.*s is not owned by root",
                       path, shown, path);
        break;
      }
      if (!strchr(s, '/') ? (info.st_mode & (S_IWGRP | S_IWOTH)) != 0 :
          (info.st_mode & S_IWOTH) && !(info.st_mode & S_ISVTX))
      {
        pauditErrorSet(error, 0, "JsonLog %s is in an unsafe directory: %.*s is writable by %s",
                       path, shown, path, strchr(s, '/') ? "others" : "group or others");
        break;
      }
    }

    if ((end = strchr(s, '/')) == NULL)
    {
      *name = s;
      return (fd);
    }

    if ((size_t)(end - s) >= sizeof(part))
    {
      pauditErrorSet(error, 0, "Unable to open JsonLog %s: %s", path, strerror(ENAMETOOLONG));
      break;
    }
    memcpy(part, s, (size_t)(end - s));
    part[end - s] = '\0';

    if ((next = openat(fd, part, JSONLOG_DIR_FLAGS)) < 0)
    {
      // O_DIRECTORY|O_NOFOLLOW on a symbolic link is ENOTDIR (or ELOOP).
      if ((errno == ENOTDIR || errno == ELOOP) &&
          !fstatat(fd, part, &info, AT_SYMLINK_NOFOLLOW) && S_ISLNK(info.st_mode))
        pauditErrorSet(error, 0, "Unable to open JsonLog %s: %.*s is a symbolic link", path,
                       (int)(end - path), path);
      else
        pauditErrorSet(error, 0, "Unable to open JsonLog %s: %s", path, strerror(errno));
      break;
    }
    close(fd);
    fd    = next;
    s     = end;
    shown = (int)(end - path);
  }

  close(fd);
  return (-1);
}


/*
 * 'jsonlog_open()' - Open (or create) the JsonLog itself and check it.
 */

static int				/* O - fd or -1 */
jsonlog_open(int            dir,	/* I - Its directory */
             const char     *name,	/* I - Its name there */
             const char     *path,	/* I - Its path, for messages */
             int            secure,	/* I - Enforce root ownership? */
             struct stat    *info,	/* O - Its information */
             paudit_error_t *error)	/* O - Error */
{
  int	fd;				/* JsonLog */


  // O_NONBLOCK: a FIFO must not hang the job in open(); it is refused with
  // every other file that is not a regular one.  O_RDWR: the last byte is
  // read back (a partial line left by a killed writer).
  if ((fd = openat(dir, name, JSONLOG_FILE_FLAGS | O_APPEND, 0640)) < 0)
  {
    if (errno == ENXIO)
      pauditErrorSet(error, 0, "JsonLog %s is not a regular file", path);
    else
      pauditErrorSet(error, 0, "Unable to open JsonLog %s: %s", path,
                     errno == ELOOP ? "it is a symbolic link" : strerror(errno));
    return (-1);
  }

  if (fstat(fd, info) || !S_ISREG(info->st_mode))
    pauditErrorSet(error, 0, "JsonLog %s is not a regular file", path);
  else if (secure && info->st_uid != 0)
    pauditErrorSet(error, 0, "JsonLog %s is not owned by root (uid %u)", path,
                   (unsigned)info->st_uid);
  else if (secure && (info->st_mode & (S_IWGRP | S_IWOTH)))
    pauditErrorSet(error, 0, "JsonLog %s is writable by group or others (mode 0%03o)", path,
                   (unsigned)(info->st_mode & 07777));
  else if (fcntl(fd, F_SETFL, O_APPEND))	// O_NONBLOCK off again
    pauditErrorSet(error, 0, "Unable to open JsonLog %s: %s", path, strerror(errno));
  else
    return (fd);

  close(fd);
  return (-1);
}


/*
 * 'jsonlog_lock()' - Take the writers' lock, "<JsonLog>.lock".
 *
 * Only root can open that file (0600, root's directory), so only another
 * writer can hold it; still, no wait is longer than JSONLOG_WAIT_MS.
 */

static int				/* O - Locked fd or -1 */
jsonlog_lock(int            dir,	/* I - JsonLog's directory */
             const char     *name,	/* I - JsonLog's name there */
             const char     *path,	/* I - JsonLog's path, for messages */
             int            secure,	/* I - Enforce root ownership? */
             paudit_error_t *error)	/* O - Error */
{
  int		fd,			/* Lock file */
		tries;			/* Times it was replaced */
  char		lockname[NAME_MAX + 1];	/* Its name */
  size_t	namelen;		/* Length of name */
  struct stat	info, named;		/* The file held, what the name names */
  struct timespec start = { 0, 0 };	/* When the first wait began */


  if ((namelen = strlen(name)) > sizeof(lockname) - sizeof(".lock"))
  {
    pauditErrorSet(error, 0, "Unable to open the lock file %s.lock: %s", path,
                   strerror(ENAMETOOLONG));
    return (-1);
  }
  memcpy(lockname, name, namelen);
  memcpy(lockname + namelen, ".lock", sizeof(".lock"));

  for (tries = 0; tries <= JSONLOG_REOPENS; tries ++)
  {
    if ((fd = openat(dir, lockname, JSONLOG_FILE_FLAGS, 0600)) < 0)
    {
      pauditErrorSet(error, 0, "Unable to open the lock file %s.lock: %s", path,
                     errno == ELOOP ? "it is a symbolic link" : strerror(errno));
      return (-1);
    }

    if (fstat(fd, &info) || !S_ISREG(info.st_mode))
    {
      pauditErrorSet(error, 0, "The lock file %s.lock is not a regular file", path);
      break;
    }
    if (secure && (info.st_uid != 0 || (info.st_mode & 077)))
    {
      // Whoever can open it can lock it and hold every job up.
      pauditErrorSet(error, 0, "The lock file %s.lock is not root's alone (uid %u, mode 0%03o)",
                     path, (unsigned)info.st_uid, (unsigned)(info.st_mode & 07777));
      break;
    }

    if (jsonlog_wait(fd, &start))
    {
      if (errno == ETIMEDOUT)
        pauditErrorSet(error, 0, "JsonLog %s is locked by another writer: gave up after %d ms",
                       path, JSONLOG_WAIT_MS);
      else
        pauditErrorSet(error, 0, "Unable to lock JsonLog %s: %s", path, strerror(errno));
      break;
    }

    // Held: but is it still the lock file that the others will open?
    if (!fstatat(dir, lockname, &named, AT_SYMLINK_NOFOLLOW) &&
        named.st_dev == info.st_dev && named.st_ino == info.st_ino)
      return (fd);

    close(fd);
    fd = -1;
  }

  if (fd >= 0)
    close(fd);
  else
    pauditErrorSet(error, 0, "The lock file %s.lock was replaced %d times while being locked",
                   path, JSONLOG_REOPENS);
  return (-1);
}


/*
 * 'jsonlog_alarm()' - Interrupt a waiting flock().
 */

static void
jsonlog_alarm(int sig)			/* I - SIGALRM */
{
  (void)sig;
}


/*
 * 'jsonlog_wait()' - flock(LOCK_EX), never past JSONLOG_WAIT_MS.
 *
 * The lock is free nearly always: one flock(LOCK_NB).  Otherwise a
 * blocking flock(), so that the kernel hands the lock over the moment it
 * is released, cut short by SIGALRM at the deadline (then every 10 ms,
 * should the first one come before the flock).  The handler, mask and
 * timer are the caller's again on return.  *start is when the first wait
 * began ({0, 0} before): a lock file replaced under the caller does not
 * restart the clock.
 */

static int				/* O - 0 when locked, -1 with errno (ETIMEDOUT) */
jsonlog_wait(int             fd,	/* I - Lock file */
             struct timespec *start)	/* IO - When the wait began */
{
  struct timespec	now;		/* Clock */
  long long		left;		/* Milliseconds left */
  struct sigaction	action, saved_action;
  struct itimerval	timer, saved_timer;
  sigset_t		alarm, saved_mask;
  int			status = -1, err;


  if (!flock(fd, LOCK_EX | LOCK_NB))
    return (0);
  if (errno != EWOULDBLOCK && errno != EINTR)
    return (-1);

  if (clock_gettime(CLOCK_MONOTONIC, &now))
    return (-1);
  if (start->tv_sec == 0 && start->tv_nsec == 0)
    *start = now;
  left = JSONLOG_WAIT_MS - ((now.tv_sec - start->tv_sec) * 1000LL +
                            (now.tv_nsec - start->tv_nsec) / 1000000);
  if (left <= 0)
  {
    errno = ETIMEDOUT;
    return (-1);
  }

  memset(&action, 0, sizeof(action));
  action.sa_handler = jsonlog_alarm;	// No SA_RESTART: flock() returns EINTR
  sigemptyset(&action.sa_mask);
  sigemptyset(&alarm);
  sigaddset(&alarm, SIGALRM);
  memset(&timer, 0, sizeof(timer));
  timer.it_value.tv_sec     = (time_t)(left / 1000);
  timer.it_value.tv_usec    = (suseconds_t)(left % 1000) * 1000;
  timer.it_interval.tv_usec = JSONLOG_NAP_MS * 1000;

  if (sigaction(SIGALRM, &action, &saved_action))
    return (-1);
  if (sigprocmask(SIG_UNBLOCK, &alarm, &saved_mask))
  {
    err = errno;
    sigaction(SIGALRM, &saved_action, NULL);
    errno = err;
    return (-1);
  }

  if (!setitimer(ITIMER_REAL, &timer, &saved_timer))
  {
    for (;;)
    {
      if (!flock(fd, LOCK_EX))
      {
        status = 0;
        break;
      }
      if (errno != EINTR || clock_gettime(CLOCK_MONOTONIC, &now))
        break;
      if ((now.tv_sec - start->tv_sec) * 1000LL + (now.tv_nsec - start->tv_nsec) / 1000000 >=
              JSONLOG_WAIT_MS)
      {
        errno = ETIMEDOUT;
        break;
      }
    }
    err = errno;
    setitimer(ITIMER_REAL, &saved_timer, NULL);
  }
  else
    err = errno;

  // A SIGALRM that came meanwhile has been taken by jsonlog_alarm().
  sigprocmask(SIG_SETMASK, &saved_mask, NULL);
  sigaction(SIGALRM, &saved_action, NULL);
  errno = err;

  return (status);
}


/*
 * 'jsonlog_writev()' - writev() of the parts from byte done on.
 */

static ssize_t				/* O - Bytes written or -1 */
jsonlog_writev(int                fd,	/* I - File */
               const struct iovec *parts,/* I - Parts */
               int                count,/* I - Number of parts */
               size_t             done)	/* I - Bytes already written */
{
  struct iovec	iov[3];			/* What is left */
  int		i, n = 0;		/* Looping vars */


  for (i = 0; i < count && n < 3; i ++)
  {
    if (done >= parts[i].iov_len)
    {
      done -= parts[i].iov_len;
      continue;
    }
    iov[n].iov_base  = (char *)parts[i].iov_base + done;
    iov[n ++].iov_len = parts[i].iov_len - done;
    done = 0;
  }

  return (writev(fd, iov, n));
}
