/*
 * Growable byte buffers for printaudit.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/*
 * 'pauditBufReserve()' - Make room for more bytes (and a nul).
 */

int					/* O - 0 on success, -1 on ENOMEM */
pauditBufReserve(paudit_buf_t *buf,	/* I - Buffer */
                 size_t       more)	/* I - Bytes wanted */
{
  size_t	size;
  char		*data;


  if (buf->failed)
    return (-1);
  if (buf->data && more < buf->size - buf->len)
    return (0);

  if (more > SIZE_MAX / 2 - buf->len)
  {
    buf->failed = 1;
    return (-1);
  }

  for (size = buf->size ? buf->size : 1024; size <= buf->len + more; size *= 2);

  if ((data = realloc(buf->data, size)) == NULL)
  {
    buf->failed = 1;
    return (-1);
  }

  buf->data = data;
  buf->size = size;

  return (0);
}


/*
 * 'pauditBufAppend()' - Append bytes; the buffer stays nul-terminated.
 */

int					/* O - 0 on success, -1 on ENOMEM */
pauditBufAppend(paudit_buf_t *buf,	/* I - Buffer */
                const char   *s,	/* I - Bytes */
                size_t       len)	/* I - Length */
{
  if (len >= buf->size - buf->len && pauditBufReserve(buf, len))
    return (-1);

  memcpy(buf->data + buf->len, s, len);
  buf->len += len;
  buf->data[buf->len] = '\0';

  return (0);
}


/*
 * 'pauditBufPrintf()' - Append formatted text.
 */

int					/* O - 0 on success, -1 on error */
pauditBufPrintf(paudit_buf_t *buf,	/* I - Buffer */
                const char   *format,	/* I - printf format */
                ...)			/* I - Arguments */
{
  va_list	ap;
  int		n, tries;
  size_t	want = 64;


  // Format once into what is free; if that was too little, once more.
  for (tries = 0; tries < 2; tries ++)
  {
    if (pauditBufReserve(buf, want))
      return (-1);

    va_start(ap, format);
    n = vsnprintf(buf->data + buf->len, buf->size - buf->len, format, ap);
    va_end(ap);

    if (n < 0)
    {
      buf->failed = 1;
      return (-1);
    }
    if ((size_t)n < buf->size - buf->len)
      break;
    want = (size_t)n + 1;
  }

  if ((size_t)n >= buf->size - buf->len)
  {
    buf->failed = 1;
    return (-1);
  }
  buf->len += (size_t)n;

  return (0);
}
