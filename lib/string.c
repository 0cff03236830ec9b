/*
 * Sanitized, length-limited strings and the truncated list for printaudit.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <stdlib.h>
#include <string.h>


/*
 * 'pauditTruncatedAdd()' - Record that "prefix.name" (or "name") was cut.
 */

int					/* O - 0 on success, -1 on ENOMEM */
pauditTruncatedAdd(json_t     *truncated,/* I - Array or NULL */
                   const char *prefix,	/* I - "options", ... or NULL */
                   const char *name,	/* I - Key (valid UTF-8) */
                   size_t     namelen)	/* I - Length of key */
{
  paudit_buf_t	key = { NULL, 0, 0, 0 };
  int		status;


  if (!truncated)
    return (0);

  if ((prefix && (pauditBufAppend(&key, prefix, strlen(prefix)) ||
                  pauditBufAppend(&key, ".", 1))) ||
      pauditBufAppend(&key, name, namelen))
  {
    free(key.data);
    return (-1);
  }

  status = json_array_append_new(truncated, json_stringn_nocheck(key.data, key.len));
  free(key.data);

  return (status);
}


/*
 * 'pauditStringNew()' - A sanitized, length-limited JSON string.
 */

json_t *				/* O - New reference or NULL */
pauditStringNew(const char *s,		/* I - Bytes */
                size_t     len,		/* I - Length */
                const char *key,	/* I - "job.title", ... for truncated */
                json_t     *truncated)	/* I - Truncated array or NULL */
{
  char		*copy = NULL;
  size_t	copylen, keep;
  json_t	*value;


  if (!pauditUTF8Valid(s, len))
  {
    if ((copy = pauditUTF8New(s, len, &copylen)) == NULL)
      return (NULL);
    s   = copy;
    len = copylen;
  }

  if ((keep = pauditUTF8Prefix(s, len, PAUDIT_MAX_VALUE)) < len && key &&
      pauditTruncatedAdd(truncated, NULL, key, strlen(key)))
  {
    free(copy);
    return (NULL);
  }

  value = json_stringn_nocheck(s, keep);
  free(copy);

  return (value);
}
