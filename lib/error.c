/*
 * Errors for printaudit.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <stdio.h>


/*
 * 'pauditErrorClear()' - Reset an error.
 */

void
pauditErrorClear(paudit_error_t *error)	/* I - Error or NULL */
{
  if (error)
  {
    error->line    = 0;
    error->text[0] = '\0';
  }
}


/*
 * 'pauditErrorSet()' - Set an error unless one is already set.
 */

void
pauditErrorSet(paudit_error_t *error,	/* I - Error or NULL */
               int            line,	/* I - Line number or 0 */
               const char     *format,	/* I - printf format */
               ...)			/* I - Arguments */
{
  va_list	ap;


  if (!error || error->text[0])
    return;

  error->line = line;

  va_start(ap, format);
  vsnprintf(error->text, sizeof(error->text), format, ap);
  va_end(ap);
}
