/*
 * Lean reading of a whole record for printaudit-report.
 *
 * jansson builds every member of a record: the job's options alone are
 * 5 to 60 values, and its lexer reads one byte at a time.  The table, CSV,
 * summaries and the HTML page read a few dozen fields.  reportScanRecord()
 * checks the whole text in one pass and builds only the members that
 * reportRecordInit() and the message classifier read: "schema", "time",
 * "event"."action", "host"."name" and the job and printer fields.
 *
 * It is a shortcut, never a second parser with rules of its own: it takes
 * only text that jansson (json_loadb(), flags 0) accepts too, and builds
 * the same values jansson would.  Whatever it is not sure of (a \u escape,
 * an exponent, a very long number, deep nesting, invalid UTF-8, a syntax
 * error, an ECS record, a split part, a kept member of another type than
 * usual) makes it return NULL, and the caller parses the text with jansson
 * as before, which also writes the same error messages as before.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <stdlib.h>
#include <string.h>

#define SCAN_DEPTH	32		/* Deepest nesting taken */
#define SCAN_DIGITS	18		/* Longest integer taken (fits long long) */
#define SCAN_REAL	300		/* Longest skipped real taken (no overflow) */

typedef struct scan_s			/* Scanner state */
{
  const char	*p,			/* Next byte */
		*end;			/* End of text */
  char		buf[PAUDIT_MAX_VALUE + 1];/* Decoded string with escapes */
} scan_t;

typedef enum scan_where_e		/* What members are kept */
{
  SCAN_SKIP,				/* None */
  SCAN_TOP,				/* The record object */
  SCAN_EVENT,				/* "event" */
  SCAN_JOB,				/* "job" */
  SCAN_PRINTER,				/* "printer" */
  SCAN_HOST				/* "host" */
} scan_where_t;

typedef struct scan_name_s		/* A member name */
{
  const char	*name;			/* Name */
  size_t	len;			/* Its length */
} scan_name_t;

#define SCAN_NAME(s) { s, sizeof(s) - 1 }

static const scan_name_t scan_job[] =	/* job members read */
{
  SCAN_NAME("user"), SCAN_NAME("title"), SCAN_NAME("document_name"),
  SCAN_NAME("application"), SCAN_NAME("color"), SCAN_NAME("sides"),
  SCAN_NAME("impressions"), SCAN_NAME("copies"), SCAN_NAME("uuid"),
  SCAN_NAME("billing"), SCAN_NAME("id"), SCAN_NAME("state"),
  SCAN_NAME("impressions_completed"), { NULL, 0 }
};
static const scan_name_t scan_printer[] =/* printer members read */
{
  SCAN_NAME("name"), SCAN_NAME("host"), SCAN_NAME("port"), SCAN_NAME("info"),
  SCAN_NAME("location"), { NULL, 0 }
};
static const scan_name_t scan_event[] =	/* event members read */
{
  SCAN_NAME("action"), { NULL, 0 }
};
static const scan_name_t scan_host[] =	/* host members read */
{
  SCAN_NAME("name"), { NULL, 0 }
};

static int	scan_value(scan_t *s, int depth, json_t **value);


/*
 * 'scan_ws()' - Skip JSON whitespace.
 */

static inline void
scan_ws(scan_t *s)			/* I - Scanner */
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p ++;
}


/*
 * 'scan_next()' - Step past the separator after a member or element.
 */

static int				/* O - 1 at the close, 0 after ',', -1 to give up */
scan_next(scan_t *s,			/* I - Scanner */
          char   close)			/* I - '}' or ']' */
{
  scan_ws(s);
  if (s->p >= s->end)
    return (-1);
  if (*s->p == close)
  {
    s->p ++;
    return (1);
  }
  if (*s->p != ',')
    return (-1);
  s->p ++;
  scan_ws(s);

  return (0);
}


/*
 * 'scan_utf8()' - Length of the valid UTF-8 character at p, or 0.
 *
 * As jansson's utf8_check_full(): no overlong forms, no surrogates,
 * nothing above U+10FFFF.
 */

static size_t				/* O - Bytes, 0 if invalid */
scan_utf8(const unsigned char *p,	/* I - First byte (>= 0x80) */
          const unsigned char *end)	/* I - End of text */
{
  unsigned	c = *p, value;
  size_t	n, i;


  if (c >= 0xC2 && c <= 0xDF)
  {
    n     = 2;
    value = c & 0x1F;
  }
  else if (c >= 0xE0 && c <= 0xEF)
  {
    n     = 3;
    value = c & 0x0F;
  }
  else if (c >= 0xF0 && c <= 0xF4)
  {
    n     = 4;
    value = c & 0x07;
  }
  else
    return (0);

  if ((size_t)(end - p) < n)
    return (0);

  for (i = 1; i < n; i ++)
  {
    if ((p[i] & 0xC0) != 0x80)
      return (0);
    value = (value << 6) | (p[i] & 0x3F);
  }

  if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) ||
      (n == 3 && value < 0x800) || (n == 4 && value < 0x10000))
    return (0);

  return (n);
}


/*
 * 'scan_string()' - Read a string at s->p (on its opening quote).
 *
 * *str is the text itself when it has no escapes, else s->buf (a string
 * with escapes is decoded only when wanted).
 */

static int				/* O - 0 on success, -1 to give up */
scan_string(scan_t     *s,		/* I - Scanner */
            int        decode,		/* I - Decode escapes into s->buf */
            const char **str,		/* O - String (not nul-terminated) */
            size_t     *len)		/* O - Length */
{
  const unsigned char	*p = (const unsigned char *)s->p + 1,
			*end = (const unsigned char *)s->end,
			*start = p;
  size_t		n = 0, utf8;
  int			escaped = 0;
  char			c;


  for (;;)
  {
    // The common bytes first: printable ASCII other than '"' and '\\'.
    while (p < end && *p >= 0x20 && *p < 0x80 && *p != '\"' && *p != '\\')
      p ++;

    if (p >= end || *p < 0x20)
      return (-1);			// Unterminated, or a control character

    if (*p == '\"')
      break;

    if (*p >= 0x80)
    {
      if ((utf8 = scan_utf8(p, end)) == 0)
        return (-1);
      p += utf8;
      continue;
    }

    // A backslash: \u (and its surrogate rules) is left to jansson.
    if (p + 1 >= end || !strchr("\"\\/bfnrt", p[1]) || !p[1])
      return (-1);
    escaped = 1;
    p += 2;
  }

  s->p = (const char *)p + 1;

  if (!escaped || !decode)
  {
    *str = (const char *)start;
    *len = (size_t)(p - start);
    return (0);
  }

  // Decode the simple escapes.
  for (; start < p; start ++)
  {
    if (n >= sizeof(s->buf) - 1)
      return (-1);

    if ((c = (char)*start) == '\\')
    {
      switch (*++start)
      {
        case 'b' : c = '\b'; break;
        case 'f' : c = '\f'; break;
        case 'n' : c = '\n'; break;
        case 'r' : c = '\r'; break;
        case 't' : c = '\t'; break;
        default :  c = (char)*start; break;	// " \ /
      }
    }
    s->buf[n ++] = c;
  }

  *str = s->buf;
  *len = n;

  return (0);
}


/*
 * 'scan_number()' - Read a number, as jansson's lex_scan_number() does.
 */

static int				/* O - 0 on success, -1 to give up */
scan_number(scan_t *s,			/* I - Scanner */
            json_t **value)		/* O - Integer or real, or NULL to skip */
{
  const char	*p = s->p, *start = s->p;
  int		real = 0;
  long long	n = 0;


  if (p < s->end && *p == '-')
    p ++;

  if (p < s->end && *p == '0')
  {
    p ++;
    if (p < s->end && *p >= '0' && *p <= '9')
      return (-1);
  }
  else if (p < s->end && *p >= '1' && *p <= '9')
  {
    while (p < s->end && *p >= '0' && *p <= '9')
      p ++;
  }
  else
    return (-1);

  if (p < s->end && *p == '.')
  {
    real = 1;
    p ++;
    if (p >= s->end || *p < '0' || *p > '9')
      return (-1);
    while (p < s->end && *p >= '0' && *p <= '9')
      p ++;
  }

  if (p < s->end && (*p == 'e' || *p == 'E'))
    return (-1);			// Exponents (and overflow) left to jansson

  if ((size_t)(p - start) > (real ? SCAN_REAL : SCAN_DIGITS))
    return (-1);

  s->p = p;

  if (!value)
    return (0);

  if (real)
    return (-1);			// No field read is a real: left to jansson

  for (p = start + (*start == '-'); p < s->p; p ++)
    n = n * 10 + (*p - '0');

  return ((*value = json_integer(*start == '-' ? -n : n)) != NULL ? 0 : -1);
}


/*
 * 'scan_literal()' - Read true, false or null.
 */

static int				/* O - 0 on success, -1 to give up */
scan_literal(scan_t *s,			/* I - Scanner */
             json_t **value)		/* O - Value, or NULL to skip */
{
  static const char * const names[] = { "true", "false", "null" };
  size_t	i, len;
  const char	*p;


  for (i = 0; i < 3; i ++)
  {
    len = strlen(names[i]);
    if ((size_t)(s->end - s->p) >= len && !memcmp(s->p, names[i], len))
      break;
  }

  if (i == 3)
    return (-1);

  // jansson reads the whole identifier: "truex" is no literal.
  p = s->p + len;
  if (p < s->end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
    return (-1);

  s->p = p;

  if (value)
    *value = i == 0 ? json_true() : i == 1 ? json_false() : json_null();

  return (0);
}


/*
 * 'scan_kept()' - Whether a member is kept, and where its value goes.
 */

static int				/* O - 1 keep, 0 skip, -1 give up */
scan_kept(scan_where_t where,		/* I - Object the member is in */
          const char   *key,		/* I - Member name */
          size_t       len,		/* I - Its length */
          scan_where_t *inner)		/* O - Where for its value */
{
  static const struct
  {
    scan_name_t		name;		/* Member of the record */
    scan_where_t	where;		/* Object kept, or SCAN_SKIP for a scalar */
  } tops[] =
  {
    { SCAN_NAME("schema"), SCAN_SKIP }, { SCAN_NAME("time"), SCAN_SKIP },
    { SCAN_NAME("event"), SCAN_EVENT }, { SCAN_NAME("job"), SCAN_JOB },
    { SCAN_NAME("printer"), SCAN_PRINTER }, { SCAN_NAME("host"), SCAN_HOST }
  };
  const scan_name_t	*names;
  size_t		i;


  *inner = SCAN_SKIP;

  switch (where)
  {
    case SCAN_SKIP :
        return (0);

    case SCAN_TOP :
        // ECS records and split parts take the full path.
        if (len == 3 && !memcmp(key, "ecs", 3))
          return (-1);
        for (i = 0; i < sizeof(tops) / sizeof(tops[0]); i ++)
        {
          if (tops[i].name.len == len && !memcmp(key, tops[i].name.name, len))
          {
            *inner = tops[i].where;
            return (1);
          }
        }
        return (0);

    case SCAN_EVENT :
        if (len == 4 && !memcmp(key, "part", 4))
          return (-1);
        names = scan_event;
        break;
    case SCAN_JOB :
        names = scan_job;
        break;
    case SCAN_PRINTER :
        names = scan_printer;
        break;
    default :
        names = scan_host;
        break;
  }

  for (i = 0; names[i].name; i ++)
    if (names[i].len == len && !memcmp(key, names[i].name, len))
      return (1);

  return (0);
}


/*
 * 'scan_object()' - Read an object at s->p (on its '{').
 */

static int				/* O - 0 on success, -1 to give up */
scan_object(scan_t       *s,		/* I - Scanner */
            int          depth,		/* I - Nesting */
            scan_where_t where,		/* I - What it is */
            json_t       **object)	/* O - Kept members, or NULL to skip */
{
  const char	*key;
  size_t	keylen;
  scan_where_t	inner;
  json_t	*value;
  char		name[256];
  int		kept,
		next;			/* scan_next() result */


  if (object && (*object = json_object()) == NULL)
    return (-1);

  s->p ++;
  scan_ws(s);

  if (s->p < s->end && *s->p == '}')
  {
    s->p ++;
    return (0);
  }

  for (;;)
  {
    if (s->p >= s->end || *s->p != '\"' || scan_string(s, 0, &key, &keylen))
      return (-1);

    scan_ws(s);
    if (s->p >= s->end || *s->p != ':')
      return (-1);
    s->p ++;
    scan_ws(s);

    if ((kept = object ? scan_kept(where, key, keylen, &inner) : 0) < 0)
      return (-1);

    if (kept)
    {
      // A kept member: its name has no escapes (it matched a plain name).
      if (keylen >= sizeof(name) || memchr(key, '\\', keylen))
        return (-1);
      memcpy(name, key, keylen);
      name[keylen] = '\0';

      value = NULL;
      if (inner != SCAN_SKIP)
      {
        // "event", "job", ... : an object of kept members, else give up.
        if (s->p >= s->end || *s->p != '{' ||
            scan_object(s, depth + 1, inner, &value))
        {
          json_decref(value);
          return (-1);
        }
      }
      else if (scan_value(s, depth + 1, &value))
        return (-1);

      // A repeated name: the last one wins, as in jansson.
      if (json_object_set_new_nocheck(*object, name, value))
        return (-1);
    }
    else if (scan_value(s, depth + 1, NULL))
      return (-1);

    if ((next = scan_next(s, '}')) != 0)
      return (next > 0 ? 0 : -1);
  }
}


/*
 * 'scan_value()' - Read any value; keep it (a scalar) if value is set.
 */

static int				/* O - 0 on success, -1 to give up */
scan_value(scan_t *s,			/* I - Scanner */
           int    depth,		/* I - Nesting */
           json_t **value)		/* O - Kept scalar, or NULL to skip */
{
  const char	*str;
  size_t	len;
  int		next;			/* scan_next() result */


  if (depth > SCAN_DEPTH || s->p >= s->end)
    return (-1);

  switch (*s->p)
  {
    case '{' :
        if (value)
          return (-1);			// A kept member of another type than usual
        return (scan_object(s, depth, SCAN_SKIP, NULL));

    case '[' :
        if (value)
          return (-1);
        s->p ++;
        scan_ws(s);
        if (s->p < s->end && *s->p == ']')
        {
          s->p ++;
          return (0);
        }
        for (;;)
        {
          if (scan_value(s, depth + 1, NULL))
            return (-1);
          if ((next = scan_next(s, ']')) != 0)
            return (next > 0 ? 0 : -1);
        }

    case '\"' :
        if (scan_string(s, value != NULL, &str, &len))
          return (-1);
        if (value && (*value = json_stringn_nocheck(str, len)) == NULL)
          return (-1);
        return (0);

    case 't' :
    case 'f' :
    case 'n' :
        return (scan_literal(s, value));

    default :
        return (scan_number(s, value));
  }
}


/*
 * 'reportScanRecord()' - The members of a record that a row reads.
 */

json_t *				/* O - Object, or NULL: use json_loadb() */
reportScanRecord(const char *text,	/* I - JSON text, from its '{' */
                 size_t     len)	/* I - Length */
{
  scan_t	scan, *s = &scan;
  json_t	*object = NULL,
		*schema;


  if (len == 0 || *text != '{')
    return (NULL);

  s->p   = text;
  s->end = text + len;

  if (scan_object(s, 1, SCAN_TOP, &object))
    goto fail;

  scan_ws(s);
  if (s->p != s->end)
    goto fail;				// jansson: "end of file expected"

  // Only printaudit/1 records: anything else gets jansson's full reading
  // (and the same error messages as before).
  schema = json_object_get(object, "schema");
  if (!json_is_string(schema) || strcmp(json_string_value(schema), PAUDIT_SCHEMA) ||
      !json_is_object(json_object_get(object, "event")))
    goto fail;

  return (object);

  fail :

  json_decref(object);
  return (NULL);
}
