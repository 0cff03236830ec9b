/*
 * receiver: an AppSocket/JetDirect print receiver on 127.0.0.1 that reads
 * each connection to EOF, discards the bytes, then closes it (the socket
 * backend waits for that close).
 *
 * Usage: receiver PORTFILE LOGFILE [LIFETIME-SECONDS]
 *
 * Listens on a free port of 127.0.0.1 only and writes it to PORTFILE once
 * listening (written under a temporary name, then renamed).  Appends one
 * line per finished connection to LOGFILE: its byte count, then the times
 * (CLOCK_REALTIME, seconds with microseconds) it was accepted and closed,
 * space-separated.  Serves many
 * connections at once with poll().  Ends on SIGTERM, or by itself after
 * LIFETIME seconds (default 1800) so that it never outlives a lost run.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONN 64

int
main(int argc, char *argv[])
{
  static char		buf[262144];
  struct sockaddr_in	addr;
  socklen_t		addrlen = sizeof(addr);
  struct pollfd		pfds[MAX_CONN + 1];
  unsigned long long	bytes[MAX_CONN + 1];
  struct timespec	accepted[MAX_CONN + 1], closed;
  int			listener, logfd, nconn = 0, one = 1, i;
  char			tmp[4096], line[128];
  FILE			*fp;


  if (argc < 3 || argc > 4)
  {
    fputs("Usage: receiver PORTFILE LOGFILE [LIFETIME-SECONDS]\n", stderr);
    return (2);
  }
  alarm(argc == 4 ? (unsigned)atoi(argv[3]) : 1800);

  if ((logfd = open(argv[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0)
  {
    perror(argv[2]);
    return (1);
  }

  memset(&addr, 0, sizeof(addr));
  addr.sin_family      = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port        = 0;
  if ((listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
      setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
      bind(listener, (struct sockaddr *)&addr, sizeof(addr)) || listen(listener, 64) ||
      getsockname(listener, (struct sockaddr *)&addr, &addrlen))
  {
    perror("receiver: socket");
    return (1);
  }

  snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
  if ((fp = fopen(tmp, "w")) == NULL || fprintf(fp, "%d\n", ntohs(addr.sin_port)) < 0 ||
      fclose(fp) || rename(tmp, argv[1]))
  {
    perror(argv[1]);
    return (1);
  }

  pfds[0].fd     = listener;
  pfds[0].events = POLLIN;
  for (;;)
  {
    if (poll(pfds, (nfds_t)nconn + 1, -1) < 0)
    {
      if (errno == EINTR)
        continue;
      perror("receiver: poll");
      return (1);
    }

    for (i = 1; i <= nconn; i ++)
    {
      ssize_t got;

      if (!pfds[i].revents)
        continue;
      if ((got = read(pfds[i].fd, buf, sizeof(buf))) > 0)
      {
        bytes[i] += (unsigned long long)got;
        continue;
      }
      if (got < 0 && errno == EINTR)
        continue;

      // EOF (or an error): log, close, and fill the slot with the last one.
      clock_gettime(CLOCK_REALTIME, &closed);
      int len = snprintf(line, sizeof(line), "%llu %lld.%06ld %lld.%06ld%s\n", bytes[i],
                         (long long)accepted[i].tv_sec, accepted[i].tv_nsec / 1000,
                         (long long)closed.tv_sec, closed.tv_nsec / 1000,
                         got < 0 ? " error" : "");
      if (write(logfd, line, (size_t)len) != len)
        perror("receiver: log");
      close(pfds[i].fd);
      pfds[i]     = pfds[nconn];
      bytes[i]    = bytes[nconn];
      accepted[i] = accepted[nconn];
      nconn --;
      i --;
    }

    if ((pfds[0].revents & POLLIN) && nconn < MAX_CONN)
    {
      int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);

      if (fd >= 0)
      {
        nconn ++;
        pfds[nconn].fd      = fd;
        pfds[nconn].events  = POLLIN;
        pfds[nconn].revents = 0;
        bytes[nconn]        = 0;
        clock_gettime(CLOCK_REALTIME, &accepted[nconn]);
      }
    }
  }
}
