/*
 * bare-shim: the least a wrapping backend can do, as the benchmark's floor.
 *
 * Device URI:  <this backend's name>:<original device URI>
 *
 * It takes the original URI from DEVICE_URI, execs
 * $CUPS_SERVERBIN/backend/<its scheme> with argv[0] and DEVICE_URI set to
 * it, every other argument, the environment and every descriptor as they
 * are.  No record, no configuration, no validation beyond what keeps the
 * exec inside the backend directory, no change of identity: whatever
 * printaudit spends on top of this is the cost of auditing.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
  const char	*uri = getenv("DEVICE_URI"), *serverbin = getenv("CUPS_SERVERBIN"),
		*real, *colon;
  char		path[1024];
  int		n;


  if (argc == 1)
  {
    puts("network bare-shim \"Unknown\" \"bare-shim (exec only)\"");
    return (0);
  }

  if (!uri || (real = strchr(uri, ':')) == NULL || (colon = strchr(++ real, ':')) == NULL ||
      colon == real || memchr(real, '/', (size_t)(colon - real)))
  {
    fputs("ERROR: bare-shim: DEVICE_URI must be NAME:<original device URI>\n", stderr);
    return (4);
  }

  if (!serverbin)
    serverbin = "/usr/lib/cups";
  n = snprintf(path, sizeof(path), "%s/backend/%.*s", serverbin, (int)(colon - real), real);
  if (n < 0 || (size_t)n >= sizeof(path) || setenv("DEVICE_URI", real, 1))
  {
    fputs("ERROR: bare-shim: backend path too long or out of memory\n", stderr);
    return (4);
  }

  argv[0] = (char *)real;
  execv(path, argv);

  fprintf(stderr, "ERROR: bare-shim: Unable to run backend %s: %s\n", path, strerror(errno));
  return (4);
}
