/*
 * Messages to cupsd for printaudit's backend and notifier.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <errno.h>
#include <stdio.h>
#include <unistd.h>


/*
 * 'pauditMessage()' - Write one message line ("ERROR: ...") to stderr.
 *
 * cupsd reads a backend's or notifier's stderr line by line and logs each
 * "LEVEL: text" line; control characters become "\xHH" so that one
 * message is one line.  No allocation and no stdio buffer: this also
 * reports running out of memory.
 */

void
pauditMessage(const char *program,	/* I - "printaudit", ... */
              const char *level,	/* I - "ERROR", "DEBUG", ... */
              const char *format,	/* I - printf format */
              ...)			/* I - Arguments */
{
  char		text[2048], line[4 * sizeof(text) + 128];
  const char	*s;
  size_t	n;
  int		prefix;
  ssize_t	wrote;
  va_list	ap;


  va_start(ap, format);
  vsnprintf(text, sizeof(text), format, ap);
  va_end(ap);

  if ((prefix = snprintf(line, sizeof(line), "%s: %s: ", level, program)) < 0 ||
      (size_t)prefix >= sizeof(line) - sizeof(text))
    return;

  for (n = (size_t)prefix, s = text; *s && n < sizeof(line) - 6; s ++)
  {
    if (pauditIsControl((unsigned char)*s))
      n += (size_t)snprintf(line + n, sizeof(line) - n, "\\x%02X", (unsigned char)*s);
    else
      line[n ++] = *s;
  }
  line[n ++] = '\n';

  for (s = line; n > 0; s += wrote, n -= (size_t)wrote)
  {
    if ((wrote = write(STDERR_FILENO, s, n)) < 0 && errno != EINTR)
      return;
    else if (wrote < 0)
      wrote = 0;
  }
}
