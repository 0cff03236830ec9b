/*
 * exit-stamp: a backend wrapper that notes when the real backend exited.
 *
 * Installed in a private ServerBin as backend/NAME (root:root 0755), with
 * backend/NAME.real the real backend (a symlink to the system's) and
 * backend/NAME.stamps a symlink to a file the CUPS user may append to.  It
 * runs NAME.real with the same arguments, environment and descriptors,
 * waits for it, appends "JOB-ID SECONDS.NANOSECONDS STATUS" (CLOCK_REALTIME
 * at the real backend's exit) to NAME.stamps, and exits as it did.  A
 * SIGTERM from cupsd (a cancel) is passed on.  The paths come from
 * /proc/self/exe: cupsd gives a backend nothing else to go by.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile pid_t	child = -1;	/* The real backend */


/*
 * 'forward()' - Pass SIGTERM on to the real backend.
 */

static void
forward(int sig)			/* I - Signal */
{
  if (child > 0)
    kill(child, sig);
}


/*
 * 'main()' - Run NAME.real, stamp its exit, exit as it did.
 */

int					/* O - The real backend's status */
main(int  argc,				/* I - Number of arguments */
     char *argv[])			/* I - Arguments */
{
  char			self[4096], real[4200], stamps[4200], line[256];
  ssize_t		n;
  int			status, fd, len;
  pid_t			pid;
  struct timespec	now;
  struct sigaction	sa;


  (void)argc;

  if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) < 0)
  {
    perror("ERROR: exit-stamp: /proc/self/exe");
    return (1);
  }
  self[n] = '\0';
  snprintf(real, sizeof(real), "%s.real", self);
  snprintf(stamps, sizeof(stamps), "%s.stamps", self);

  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = forward;
  sigaction(SIGTERM, &sa, NULL);

  if ((pid = fork()) < 0)
  {
    perror("ERROR: exit-stamp: fork");
    return (1);
  }
  if (pid == 0)
  {
    signal(SIGTERM, SIG_DFL);
    execv(real, argv);
    perror("ERROR: exit-stamp: execv");
    _exit(127);
  }
  child = pid;

  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
    {
      perror("ERROR: exit-stamp: waitpid");
      return (1);
    }
  clock_gettime(CLOCK_REALTIME, &now);

  len = snprintf(line, sizeof(line), "%s %lld.%09ld %d\n", argc > 1 ? argv[1] : "-",
                 (long long)now.tv_sec, now.tv_nsec, status);
  if ((fd = open(stamps, O_WRONLY | O_APPEND | O_CLOEXEC)) < 0 ||
      write(fd, line, (size_t)len) != len)
    perror("ERROR: exit-stamp: stamps");
  if (fd >= 0)
    close(fd);

  if (WIFEXITED(status))
    return (WEXITSTATUS(status));
  return (1);
}
