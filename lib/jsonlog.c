/*
 * The JsonLog sink: an append-only JSON Lines file.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>


/*
 * 'pauditJSONLogWrite()' - Append one record line under an exclusive lock.
 */

paudit_status_t				/* O - Status */
pauditJSONLogWrite(const char     *path,/* I - JSON Lines file */
                   const char     *text,/* I - Record, no newline */
                   size_t         len,	/* I - Length */
                   paudit_error_t *error)/* O - Error */
{
  int		fd;
  struct stat	info;
  struct iovec	iov[2];
  ssize_t	wrote;
  size_t	done = 0, total = len + 1;
  paudit_status_t status = PAUDIT_STATUS_OK;


  // O_NONBLOCK: a FIFO must not hang the job in open() (ENXIO without a
  // reader); it is refused with every other file that is not a regular one.
  if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0640)) < 0)
  {
    if (errno == ENXIO)
      pauditErrorSet(error, 0, "JsonLog %s is not a regular file", path);
    else
      pauditErrorSet(error, 0, "Unable to open JsonLog %s: %s", path,
                     errno == ELOOP ? "it is a symbolic link" : strerror(errno));
    return (PAUDIT_STATUS_IO);
  }

  if (fstat(fd, &info) || !S_ISREG(info.st_mode))
  {
    pauditErrorSet(error, 0, "JsonLog %s is not a regular file", path);
    close(fd);
    return (PAUDIT_STATUS_IO);
  }

  while (fcntl(fd, F_SETFL, O_APPEND) || flock(fd, LOCK_EX))
  {
    if (errno != EINTR)
    {
      pauditErrorSet(error, 0, "Unable to lock JsonLog %s: %s", path, strerror(errno));
      close(fd);
      return (PAUDIT_STATUS_IO);
    }
  }

  // The size under the lock: what a failed write is cut back to.
  if (fstat(fd, &info))
  {
    pauditErrorSet(error, 0, "Unable to stat JsonLog %s: %s", path, strerror(errno));
    close(fd);
    return (PAUDIT_STATUS_IO);
  }

  // One line, written until done; a failure takes back what was written.
  while (done < total)
  {
    if (done < len)
    {
      iov[0].iov_base = (void *)(text + done);
      iov[0].iov_len  = len - done;
      iov[1].iov_base = (void *)"\n";
      iov[1].iov_len  = 1;
      wrote = writev(fd, iov, 2);
    }
    else
      wrote = write(fd, "\n", 1);

    if (wrote < 0 && errno == EINTR)
      continue;
    if (wrote <= 0)
    {
      pauditErrorSet(error, 0, "Unable to write JsonLog %s: %s", path,
                     wrote < 0 ? strerror(errno) : "no progress");
      if (done > 0 && ftruncate(fd, info.st_size))
        pauditErrorSet(error, 0, "Unable to remove a partial line from JsonLog %s", path);
      status = PAUDIT_STATUS_IO;
      break;
    }
    done += (size_t)wrote;
  }

  if (close(fd) && status == PAUDIT_STATUS_OK)
  {
    pauditErrorSet(error, 0, "Unable to close JsonLog %s: %s", path, strerror(errno));
    status = PAUDIT_STATUS_IO;
  }

  return (status);
}
