/*
 * tail-stamp: follow a JSON Lines file and stamp each line's arrival.
 *
 * Usage: tail-stamp FILE OUTFILE READYFILE [LIFETIME-SECONDS]
 *
 * Waits (inotify on FILE's directory, then on FILE) for FILE to appear and
 * grow; for each complete line appended to it, appends to OUTFILE the time
 * (CLOCK_REALTIME, seconds with nanoseconds) it was read, a tab, and the
 * line.  The time is taken as soon as inotify reports the write, so it is
 * when the line landed in the file, within the scheduling delay of this
 * process.  Creates READYFILE once watching.  Ends on SIGTERM, or by
 * itself after LIFETIME seconds (default 600) so that it never outlives a
 * lost run.  Bytes already in FILE when it starts are skipped.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


/*
 * 'drain()' - Read what FILE has past *offset; stamp each complete line.
 */

static int				/* O - 0 on success, -1 on error */
drain(int        fd,			/* I - FILE, or -1 */
      FILE       *out,			/* I - OUTFILE */
      off_t      *offset,		/* IO - Bytes of FILE consumed */
      char       **pending,		/* IO - Partial line */
      size_t     *pendlen)		/* IO - Its length */
{
  char			buf[65536], *nl, *p, *grown;
  ssize_t		n;
  size_t		len;
  struct timespec	now;


  if (fd < 0)
    return (0);

  clock_gettime(CLOCK_REALTIME, &now);

  while ((n = pread(fd, buf, sizeof(buf), *offset)) > 0)
  {
    *offset += n;
    if ((grown = realloc(*pending, *pendlen + (size_t)n + 1)) == NULL)
      return (-1);
    *pending = grown;
    memcpy(*pending + *pendlen, buf, (size_t)n);
    *pendlen += (size_t)n;
    (*pending)[*pendlen] = '\0';

    for (p = *pending; (nl = memchr(p, '\n', *pendlen - (size_t)(p - *pending))) != NULL; p = nl + 1)
      if (fprintf(out, "%lld.%09ld\t%.*s\n", (long long)now.tv_sec, now.tv_nsec,
                  (int)(nl - p), p) < 0)
        return (-1);

    len = *pendlen - (size_t)(p - *pending);
    memmove(*pending, p, len);
    *pendlen = len;
  }

  if (n < 0 || fflush(out))
    return (-1);

  return (0);
}


/*
 * 'main()' - Watch, stamp, until SIGTERM or the lifetime.
 */

int					/* O - Exit status */
main(int  argc,				/* I - Number of arguments */
     char *argv[])			/* I - Arguments */
{
  char		dir[4096], evbuf[4096];
  int		in, fd = -1, ready;
  off_t		offset = 0;
  char		*pending = NULL;
  size_t	pendlen = 0;
  struct stat	st;
  FILE		*out;


  if (argc < 4 || argc > 5)
  {
    fputs("Usage: tail-stamp FILE OUTFILE READYFILE [LIFETIME-SECONDS]\n", stderr);
    return (2);
  }
  alarm(argc == 5 ? (unsigned)atoi(argv[4]) : 600);

  if ((out = fopen(argv[2], "a")) == NULL)
  {
    perror(argv[2]);
    return (1);
  }

  snprintf(dir, sizeof(dir), "%s", argv[1]);
  if ((in = inotify_init1(IN_CLOEXEC)) < 0 ||
      inotify_add_watch(in, dirname(dir), IN_CREATE | IN_MOVED_TO) < 0)
  {
    perror("inotify");
    return (1);
  }

  for (ready = 0;;)
  {
    if (fd < 0 && (fd = open(argv[1], O_RDONLY | O_CLOEXEC)) >= 0)
    {
      if (inotify_add_watch(in, argv[1], IN_MODIFY) < 0)
      {
        perror("inotify_add_watch");
        return (1);
      }
      if (!ready && fstat(fd, &st) == 0)
        offset = st.st_size;		/* Skip what is there already */
    }

    if (!ready)
    {
      int rfd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

      if (rfd < 0)
      {
        perror(argv[3]);
        return (1);
      }
      close(rfd);
      ready = 1;
    }

    if (drain(fd, out, &offset, &pending, &pendlen))
    {
      perror("tail-stamp");
      return (1);
    }

    if (read(in, evbuf, sizeof(evbuf)) < 0 && errno != EINTR)
    {
      perror("read inotify");
      return (1);
    }
  }
}
