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

/* A view changes how a record is written without changing the record: it
 * leaves out one member (the options), adds text to the end of one object
 * (the event's part numbers) and may cut strings short (all but the
 * event's, the schema and the time).  lib/split.c writes part 1 with one. */
typedef struct paudit_json_view_s	/* How to write a record */
{
  const json_t	*skip;			/* Member value to leave out, or NULL */
  const json_t	*extend;		/* Object to add extra to, or NULL */
  const char	*extra;			/* ",\"part\":1,..." text, or NULL */
  size_t	max_string;		/* Longest string value, 0 for no limit */
} paudit_json_view_t;

extern int	pauditJSONAppendView(paudit_buf_t *buf, const json_t *value,
		                     const paudit_json_view_t *view);

extern void	pauditErrorSet(paudit_error_t *error, int line,
		               const char *format, ...)
		__attribute__((format(printf, 3, 4)));

/* "YYYY-MM-DDThh:mm:ss[.mmm]Z" (ms >= 0 adds milliseconds).
 * O - New reference: a string, JSON null when t is out of range, NULL on ENOMEM. */
extern json_t	*pauditRFC3339New(time_t t, long ms);

extern int	pauditTimeUTC(time_t t, struct tm *tm);

/* A JSON string for s[0..len): sanitized, cut at PAUDIT_MAX_VALUE bytes
 * with key appended to truncated when cut.  O - New reference or NULL. */
extern json_t	*pauditStringNew(const char *s, size_t len, const char *key,
		                 json_t *truncated);

/* Appends "prefix.name" to the truncated array; 0 on success. */
extern int	pauditTruncatedAdd(json_t *truncated, const char *prefix,
		                   const char *name, size_t namelen);


/*
 * UTF-8 (lib/utf8.c)...
 */

/* Whether s[0..len) is valid UTF-8 (shortest forms, no surrogates). */
extern int	pauditUTF8Valid(const char *s, size_t len);

/* Valid UTF-8 copy of s[0..len): each invalid byte becomes U+FFFD.
 * O - New string (nul-terminated, *outlen bytes); free() it.  NULL on ENOMEM. */
extern char	*pauditUTF8New(const char *s, size_t len, size_t *outlen);

/* Length of the longest prefix of valid UTF-8 s[0..len) that is at most max
 * bytes and ends on a character boundary. */
extern size_t	pauditUTF8Prefix(const char *s, size_t len, size_t max);


/*
 * Control characters and line separators: the one answer for every writer
 * that escapes them (JSON text, the backend's and the notifier's messages,
 * the report tool).
 */

/* Whether byte c is a C0 control or DEL. */
static inline int
pauditIsControl(unsigned char c)	/* I - Byte */
{
  return (c < 0x20 || c == 0x7F);
}

/* Length of the control character (Unicode Cc) at p[0..len): 1 for C0 and
 * DEL, 2 for a C1 control (U+0080..U+009F as UTF-8), 0 for anything else;
 * *cp is its code point.  For a nul-terminated string len may be SIZE_MAX:
 * p[1] is read only after a non-nul p[0]. */
static inline size_t
pauditControlLen(const unsigned char *p,/* I - Bytes */
                 size_t              len,/* I - Bytes available, > 0 */
                 unsigned            *cp)/* O - Code point */
{
  if (pauditIsControl(p[0]))
  {
    *cp = p[0];
    return (1);
  }
  if (p[0] == 0xC2 && len > 1 && p[1] >= 0x80 && p[1] <= 0x9F)
  {
    *cp = p[1];
    return (2);
  }

  return (0);
}

/* Length of the line or paragraph separator (U+2028, U+2029) at p[0..len):
 * 3, or 0 for anything else; *cp is its code point.  Not controls, but
 * JavaScript and some log viewers end a line at either, so every writer
 * that escapes controls escapes them too.  For a nul-terminated string len
 * may be SIZE_MAX: each byte is read only after a non-nul one. */
static inline size_t
pauditLineSepLen(const unsigned char *p,/* I - Bytes */
                 size_t              len,/* I - Bytes available, > 0 */
                 unsigned            *cp)/* O - Code point */
{
  if (p[0] == 0xE2 && len > 2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
  {
    *cp = 0x2000 | (p[2] & 0x3Fu);
    return (3);
  }

  return (0);
}


/*
 * Messages to cupsd (lib/message.c)...
 */

/* Write "LEVEL: program: text\n" to stderr, the CUPS message protocol of
 * backends and notifiers; C0 controls and DEL in text become "\xHH" so
 * that one message is one line. */
extern void	pauditMessage(const char *program, const char *level,
		              const char *format, ...)
		__attribute__((format(printf, 3, 4)));

/* A copy of uri without the userinfo of any of its authorities (the
 * sanitized form of pauditURISplit(), a backend's argv[0]); uri must hold
 * a ':'.  O - New string; free() it.  NULL on ENOMEM. */
extern char	*pauditURIWithoutUserinfo(const char *uri);

/* The files pauditCupsIdentityResolve() reads instead of asking NSS when
 * nsswitch (NULL: never) names "files" first; tests point them at their
 * own.  The paths are borrowed until the next call. */
extern void	pauditAccountFiles(const char *nsswitch, const char *passwd,
		                   const char *group);

#endif /* !PRINTAUDIT_PRIVATE_H */
