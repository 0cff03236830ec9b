/*
 * printaudit: definitions shared by the library's modules only.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef PRINTAUDIT_PRIVATE_H
#  define PRINTAUDIT_PRIVATE_H
#  include "printaudit.h"
#  include <stdarg.h>
#  include <stdint.h>

typedef struct paudit_buf_s		/* Growable byte buffer, owns data */
{
  char		*data;			/* Bytes, nul-terminated when len < size */
  size_t	len,			/* Bytes used */
		size;			/* Bytes allocated */
  int		failed;			/* An allocation failed */
} paudit_buf_t;

extern int	pauditBufAppend(paudit_buf_t *buf, const char *s, size_t len);
extern int	pauditBufPrintf(paudit_buf_t *buf, const char *format, ...)
		__attribute__((format(printf, 2, 3)));
extern int	pauditBufReserve(paudit_buf_t *buf, size_t more);
extern int	pauditJSONAppend(paudit_buf_t *buf, const json_t *value);
extern int	pauditJSONAppendString(paudit_buf_t *buf, const char *s,
		                       size_t len);

extern void	pauditErrorSet(paudit_error_t *error, int line,
		               const char *format, ...)
		__attribute__((format(printf, 3, 4)));

/* "YYYY-MM-DDThh:mm:ss[.mmm]Z" (ms >= 0 adds milliseconds).
 * O - New reference: a string, JSON null when t is out of range, NULL on ENOMEM. */
extern json_t	*pauditRFC3339New(time_t t, long ms);

extern int	pauditUTF8Valid(const char *s, size_t len);
extern int	pauditTimeUTC(time_t t, struct tm *tm);

/* A JSON string for s[0..len): sanitized, cut at PAUDIT_MAX_VALUE bytes
 * with key appended to truncated when cut.  O - New reference or NULL. */
extern json_t	*pauditStringNew(const char *s, size_t len, const char *key,
		                 json_t *truncated);

/* Appends "prefix.name" to the truncated array; 0 on success. */
extern int	pauditTruncatedAdd(json_t *truncated, const char *prefix,
		                   const char *name, size_t namelen);

/* The files pauditCupsIdentityResolve() reads instead of asking NSS when
 * nsswitch (NULL: never) names "files" first; tests point them at their
 * own.  The paths are borrowed until the next call. */
extern void	pauditAccountFiles(const char *nsswitch, const char *passwd,
		                   const char *group);

#endif /* !PRINTAUDIT_PRIVATE_H */
