/*
 * Lossless reading of the options string cupsd gives a backend (argv[5]).
 *
 * The syntax is libcups's cupsParseOptions(): names end at white space or
 * '=', values at white space outside quotes and braces, a backslash takes
 * the next character as is.  Unlike cupsParseOptions() nothing is merged
 * or dropped, and the work is linear in the length of the string.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OPTIONS_MAX_INDEX 65535		/* Largest macOS array index decoded */

typedef enum opt_kind_e			/* How a key holds its value */
{
  OPT_SINGLE,				/* One value */
  OPT_REPEATED,				/* Array of the values of a repeated name */
  OPT_TYPED_ARRAY			/* macOS "NAME..a.I..T." array */
} opt_kind_t;

typedef struct opt_ctx_s		/* Parsing state */
{
  json_t	*options;		/* Result */
  json_t	*kinds;			/* Keys that are not OPT_SINGLE, or NULL */
  json_t	*truncated;		/* Truncated keys or NULL */
  uint64_t	*seen;			/* Hashes of the keys so far (0 = empty) */
  size_t	seen_size,		/* Slots, a power of two */
		seen_count,		/* Slots used */
		seen_hint,		/* First size, from the string's length */
		padding;		/* Nulls that typed arrays may still add */
} opt_ctx_t;


/*
 * 'opt_isspace()' - White space as libcups sees it.
 */

static inline int
opt_isspace(int ch)
{
  return (ch == ' ' || ch == '\f' || ch == '\n' || ch == '\r' || ch == '\t' ||
          ch == '\v');
}


/*
 * 'opt_word_stops()' - Whether any byte of an 8-byte word is white space
 *                      (or another byte below 0x21) or the byte in c.
 *
 * Names and plain values are scanned a word at a time (opt_span()) up to
 * the word that may hold their end.  Bytes of 0x80 and up never match.
 */

#define OPT_ONES  0x0101010101010101ULL	/* 0x01 in every byte */
#define OPT_HIGHS 0x8080808080808080ULL	/* 0x80 in every byte */

static inline uint64_t			/* O - Non-zero when it may */
opt_word_stops(uint64_t word,		/* I - Eight bytes */
               uint64_t c)		/* I - Byte times OPT_ONES */
{
  uint64_t	x = word ^ c;


  return ((((word - 0x21 * OPT_ONES) & ~word) | ((x - OPT_ONES) & ~x)) & OPT_HIGHS);
}


/*
 * 'opt_span()' - Bytes at p before white space or c (or end).
 *
 * On little-endian machines the lowest flag of opt_word_stops() is exact
 * (borrows only run upwards), so the byte it marks is found without a
 * byte loop; it may be a control byte other than white space, which is
 * part of the run.
 */

static inline const char *		/* O - First byte not in the run */
opt_span(const char *p,			/* I - Start */
         const char *end,		/* I - End of string */
         char       c,			/* I - Byte that ends the run too */
         uint64_t   *high)		/* IO - Run's bytes or'ed in */
{
  uint64_t	word, stops, cc = (unsigned char)c * OPT_ONES;


  while (end - p >= 8)
  {
    memcpy(&word, p, sizeof(word));
    if ((stops = opt_word_stops(word, cc)) == 0)
    {
      *high |= word;
      p     += 8;
      continue;
    }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t n = (size_t)__builtin_ctzll(stops) / 8;

    if (n)
      *high |= word & (~0ULL >> (64 - 8 * n));
    p += n;
    if (opt_isspace(*p) || *p == c)
      return (p);
    p ++;				// A control byte (ASCII): part of the run
#else
    break;
#endif
  }

  for (; p < end && !opt_isspace(*p) && *p != c; p ++)
    *high |= (unsigned char)*p;

  return (p);
}


/*
 * 'opt_seen()' - Remember a key; whether it may have been seen before.
 *
 * A set of 64-bit hashes spares the object lookup for keys that are
 * certainly new, which is nearly all of them.
 */

static int				/* O - 1 maybe seen, 0 new, -1 ENOMEM */
opt_seen(opt_ctx_t  *ctx,		/* I - State */
         const char *key,		/* I - Key */
         size_t     keylen)		/* I - Length */
{
  uint64_t	hash = 14695981039346656037ULL ^ keylen, word;
  size_t	i, mask;


  // FNV-1a over 8-byte words, then the remaining bytes.
  for (i = 0; i + 8 <= keylen; i += 8)
  {
    memcpy(&word, key + i, sizeof(word));
    hash = (hash ^ word) * 1099511628211ULL;
    hash ^= hash >> 29;
  }
  for (; i < keylen; i ++)
    hash = (hash ^ (unsigned char)key[i]) * 1099511628211ULL;
  hash ^= hash >> 32;
  if (!hash)
    hash = 1;

  if (2 * (ctx->seen_count + 1) > ctx->seen_size)
  {
    // Grow to keep the table at most half full.
    size_t	size = ctx->seen_size ? 2 * ctx->seen_size : ctx->seen_hint, j;
    uint64_t	*seen = calloc(size, sizeof(uint64_t));

    if (!seen)
      return (-1);
    for (j = 0; j < ctx->seen_size; j ++)
      if (ctx->seen[j])
      {
        for (i = ctx->seen[j] & (size - 1); seen[i]; i = (i + 1) & (size - 1));
        seen[i] = ctx->seen[j];
      }
    free(ctx->seen);
    ctx->seen      = seen;
    ctx->seen_size = size;
  }

  mask = ctx->seen_size - 1;
  for (i = hash & mask; ctx->seen[i]; i = (i + 1) & mask)
    if (ctx->seen[i] == hash)
      return (1);

  ctx->seen[i] = hash;
  ctx->seen_count ++;

  return (0);
}


/*
 * 'opt_find()' - The current value of key, or NULL; marks key as seen.
 */

static json_t *
opt_find(opt_ctx_t  *ctx,		/* I - State */
         const char *key,		/* I - Key */
         size_t     keylen,		/* I - Length */
         int        *nomem)		/* O - Set on ENOMEM */
{
  int seen = opt_seen(ctx, key, keylen);

  if (seen < 0)
    *nomem = 1;

  return (seen > 0 ? json_object_getn(ctx->options, key, keylen) : NULL);
}


/*
 * 'opt_kind()' - How a key holds its value.
 */

static opt_kind_t
opt_kind(opt_ctx_t  *ctx,		/* I - State */
         const char *key,		/* I - Key */
         size_t     keylen)		/* I - Length */
{
  json_t *kind = ctx->kinds ? json_object_getn(ctx->kinds, key, keylen) : NULL;

  return (kind ? (opt_kind_t)json_integer_value(kind) : OPT_SINGLE);
}


/*
 * 'opt_set_kind()' - Remember how a key holds its value.
 */

static int				/* O - 0 on success */
opt_set_kind(opt_ctx_t  *ctx,		/* I - State */
             const char *key,		/* I - Key */
             size_t     keylen,		/* I - Length */
             opt_kind_t kind)		/* I - Kind */
{
  if (!ctx->kinds && (ctx->kinds = json_object()) == NULL)
    return (-1);

  return (json_object_setn_new_nocheck(ctx->kinds, key, keylen,
                                       json_integer(kind)));
}


/*
 * 'opt_add()' - Add one value under key; a repeated key becomes an array.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
opt_add(opt_ctx_t  *ctx,		/* I - State */
        const char *key,		/* I - Key (valid UTF-8) */
        size_t     keylen,		/* I - Length */
        json_t     *value)		/* I - Value, stolen */
{
  json_t	*old, *array;
  int		nomem = 0;


  if (!value)
    return (-1);

  if ((old = opt_find(ctx, key, keylen, &nomem)) == NULL)
  {
    if (nomem)
    {
      json_decref(value);
      return (-1);
    }
    return (json_object_setn_new_nocheck(ctx->options, key, keylen, value));
  }

  if (opt_kind(ctx, key, keylen) == OPT_REPEATED)
    return (json_array_append_new(old, value));

  if ((array = json_array()) == NULL ||
      json_array_append(array, old) ||
      json_array_append_new(array, value))
  {
    json_decref(array);
    json_decref(value);
    return (-1);
  }

  if (json_object_setn_new_nocheck(ctx->options, key, keylen, array))
    return (-1);

  return (opt_set_kind(ctx, key, keylen, OPT_REPEATED));
}


/*
 * 'opt_number()' - The JSON number for text in JSON's number syntax that
 *                  converts exactly enough: an integer in range or a real.
 *
 * Integers of up to 18 digits, nearly all of them, are converted here:
 * they cannot overflow, and strtoll() (called twice before) cost more
 * than the syntax check.
 */

static int				/* O - 1 number, 0 not one, -1 ENOMEM */
opt_number(const char *s,		/* I - Text */
           json_t     **number)	/* O - New number when 1 */
{
  const char	*p = s, *digits;
  int		integer = 1;
  uint64_t	digitsum = 0;		/* Wraps harmlessly past 19 digits */
  json_int_t	value;
  char		*end;
  double	real;


  *number = NULL;

  if (*p == '-')
    p ++;
  digits = p;
  if (*p == '0')
    p ++;
  else if (*p >= '1' && *p <= '9')
    while (*p >= '0' && *p <= '9')
      digitsum = digitsum * 10 + (uint64_t)(*p++ - '0');
  else
    return (0);

  if (*p == '.')
  {
    integer = 0;
    if (*++p < '0' || *p > '9')
      return (0);
    while (*p >= '0' && *p <= '9')
      p ++;
  }
  if (*p == 'e' || *p == 'E')
  {
    integer = 0;
    p ++;
    if (*p == '+' || *p == '-')
      p ++;
    if (*p < '0' || *p > '9')
      return (0);
    while (*p >= '0' && *p <= '9')
      p ++;
  }
  if (*p)
    return (0);

  errno = 0;
  if (integer && p - digits <= 18)
  {
    value   = (json_int_t)digitsum;
    *number = json_integer(*s == '-' ? -value : value);
  }
  else if (integer)
  {
    value = (json_int_t)strtoll(s, &end, 10);
    if (errno)
      return (0);
    *number = json_integer(value);
  }
  else
  {
    real = strtod(s, &end);
    if (errno)
      return (0);
    *number = json_real(real);
  }

  return (*number ? 1 : -1);
}


/*
 * 'opt_typed()' - Decode a macOS typed value.
 */

static int				/* O - 1 decoded, 0 does not fit, -1 ENOMEM */
opt_typed(char       type,		/* I - 'n', 'b' or other */
          const char *value,		/* I - Text value or NULL for bare */
          int        bare,		/* I - Bare boolean value */
          json_t     **typed)		/* O - New value when 1 */
{
  *typed = NULL;

  if (!value)
  {
    if (type == 'n')
      return (0);
    *typed = json_boolean(bare);
  }
  else if (type == 'n')
    return (opt_number(value, typed));
  else if (type == 'b' && (!strcmp(value, "true") || !strcmp(value, "1")))
    *typed = json_true();
  else if (type == 'b' && (!strcmp(value, "false") || !strcmp(value, "0")))
    *typed = json_false();
  else
    return (0);

  return (*typed ? 1 : -1);
}


/*
 * 'opt_plain()' - The value as given: a string, or a bare boolean.
 */

static json_t *
opt_plain(opt_ctx_t  *ctx,		/* I - State */
          const char *key,		/* I - Key for truncated, NULL to list it later */
          size_t     keylen,		/* I - Length */
          const char *value,		/* I - Text or NULL */
          size_t     valuelen,		/* I - Length */
          int        bare)		/* I - Bare boolean value */
{
  json_t	*string;
  size_t	keep;


  if (!value)
    return (json_boolean(bare));

  keep = valuelen <= PAUDIT_MAX_VALUE ? valuelen :
         pauditUTF8Prefix(value, valuelen, PAUDIT_MAX_VALUE);
  if ((string = json_stringn_nocheck(value, keep)) != NULL && keep < valuelen && key &&
      pauditTruncatedAdd(ctx->truncated, "options", key, keylen))
  {
    json_decref(string);
    return (NULL);
  }

  return (string);
}


/*
 * 'opt_array_index()' - Split "BASE..a.I..T." into base length, I and T.
 */

static int				/* O - 1 if the key is a typed element */
opt_array_index(const char *key,	/* I - Key */
                size_t     keylen,	/* I - Length */
                size_t     *baselen,	/* O - Length of BASE */
                size_t     *index,	/* O - I */
                char       *type)	/* O - T */
{
  size_t	i, digits = 0, value = 0;


  // Smallest form is "..a.0..T." after the base.
  if (keylen < 9 || key[keylen - 1] != '.' || key[keylen - 3] != '.' ||
      key[keylen - 4] != '.')
    return (0);

  *type = key[keylen - 2];
  for (i = keylen - 4; i > 0 && key[i - 1] >= '0' && key[i - 1] <= '9'; i --)
    digits ++;

  if (!digits || digits > 5 || i < 4 || memcmp(key + i - 4, "..a.", 4))
    return (0);
  if (digits > 1 && key[i] == '0')
    return (0);

  for (size_t j = i; j < i + digits; j ++)
    value = value * 10 + (size_t)(key[j] - '0');
  if (value > OPTIONS_MAX_INDEX)
    return (0);

  *baselen = i - 4;
  *index   = value;

  return (1);
}


/*
 * 'opt_is_secret()' - Whether an option's value is a credential.
 */

static int
opt_is_secret(const char *key,		/* I - Name */
              size_t     keylen)	/* I - Length */
{
  // The name up to its first "..": neither secret name holds "..", so it
  // is one of them exactly when the key ends, or ".." follows, right after
  // it.  (Cheaper than searching every key for "..": this runs per option.)
  if (keylen < 12 || (key[0] != 'j' && key[0] != 'J') || strncasecmp(key, "job-password", 12))
    return (0);
  if (keylen == 12 || (keylen >= 14 && key[12] == '.' && key[13] == '.'))
    return (1);

  return (keylen >= 23 && !strncasecmp(key + 12, "-encryption", 11) &&
          (keylen == 23 || (keylen >= 25 && key[23] == '.' && key[24] == '.')));
}


/*
 * 'opt_is_typed()' - Whether a key ends in macOS's "..n." or "..b.".
 */

static int
opt_is_typed(const char *key,		/* I - Key */
             size_t     keylen)		/* I - Length */
{
  return (keylen >= 4 && key[keylen - 4] == '.' && key[keylen - 3] == '.' &&
          (key[keylen - 2] == 'n' || key[keylen - 2] == 'b') &&
          key[keylen - 1] == '.');
}


/*
 * 'opt_add_element()' - Add element index of the typed array base.
 */

static int				/* O - 1 added, 0 does not fit, -1 ENOMEM */
opt_add_element(opt_ctx_t  *ctx,	/* I - State */
                const char *base,	/* I - Array name */
                size_t     baselen,	/* I - Length */
                size_t     index,	/* I - Element */
                json_t     *value)	/* I - Element value, borrowed */
{
  int		nomem = 0;
  json_t	*array = opt_find(ctx, base, baselen, &nomem);
  size_t	size = json_array_size(array);


  if (nomem)
    return (-1);

  // Nulls for missing elements are bounded by the string's length, so the
  // record stays linear in it ("a..a.65535..n.=1" is kept as it is).
  if (index > size && index - size > ctx->padding)
    return (0);

  if (!array)
  {
    if ((array = json_array()) == NULL ||
        json_object_setn_new_nocheck(ctx->options, base, baselen, array) ||
        opt_set_kind(ctx, base, baselen, OPT_TYPED_ARRAY))
      return (-1);
  }
  else if (opt_kind(ctx, base, baselen) != OPT_TYPED_ARRAY)
    return (0);

  // A missing element is null; an element given twice does not fit.
  if (index < json_array_size(array) && !json_is_null(json_array_get(array, index)))
    return (0);
  if (index > json_array_size(array))
    ctx->padding -= index - json_array_size(array);
  while (json_array_size(array) <= index)
    if (json_array_append_new(array, json_null()))
      return (-1);

  return (json_array_set(array, index, value) ? -1 : 1);
}


/*
 * 'opt_add_decoded()' - Add one option after redaction and type decoding.
 *
 * value is NULL for a bare name, whose boolean is bare.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
opt_add_decoded(opt_ctx_t  *ctx,	/* I - State */
                const char *key,	/* I - Name (valid UTF-8) */
                size_t     keylen,	/* I - Length */
                const char *value,	/* I - Value (valid UTF-8) or NULL */
                size_t     valuelen,	/* I - Length */
                int        bare)	/* I - Bare boolean */
{
  json_t	*typed;
  size_t	baselen, index;
  char		type;
  int		status, cut,
		element = opt_array_index(key, keylen, &baselen, &index, &type),
		typedkey = !element && opt_is_typed(key, keylen);


  if (!element)
    baselen = typedkey ? keylen - 4 : keylen;

  // Credentials are never recorded: a name that is job-password or
  // job-password-encryption up to its first "..", typed or not.
  if (opt_is_secret(key, keylen))
    return (opt_add(ctx, key, baselen, json_string_nocheck("<redacted>")));

  if (element)
  {
    // A cut string is listed under the key it ends up in: the array's,
    // or (an element that does not fit) its own, below.
    if ((status = opt_typed(type, value, bare, &typed)) < 0)
      return (-1);
    cut = status == 0 && value && valuelen > PAUDIT_MAX_VALUE;
    if (status == 0 &&
        (typed = opt_plain(ctx, NULL, 0, value, valuelen, bare)) == NULL)
      return (-1);
    status = opt_add_element(ctx, key, baselen, index, typed);
    json_decref(typed);
    if (status < 0)
      return (-1);
    if (status > 0)
      return (cut && pauditTruncatedAdd(ctx->truncated, "options", key, baselen) ? -1 : 0);
  }
  else if (typedkey)
  {
    // "NAME..n." and "NAME..b.": a value that does not fit stays a string.
    if ((status = opt_typed(key[keylen - 2], value, bare, &typed)) < 0)
      return (-1);
    if (status == 0)
      typed = opt_plain(ctx, key, keylen - 4, value, valuelen, bare);
    return (opt_add(ctx, key, keylen - 4, typed));
  }

  return (opt_add(ctx, key, keylen, opt_plain(ctx, key, keylen, value,
                                              valuelen, bare)));
}


/*
 * 'opt_add_raw()' - Sanitize a name and value, then add them.
 *
 * Text the scanner saw to be ASCII needs no UTF-8 check.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
opt_add_raw(opt_ctx_t  *ctx,		/* I - State */
            const char *name,		/* I - Name bytes */
            size_t     namelen,		/* I - Length */
            int        name_ascii,	/* I - Name is ASCII */
            const char *value,		/* I - Value bytes or NULL */
            size_t     valuelen,	/* I - Length */
            int        value_ascii)	/* I - Value is ASCII */
{
  char		*name2 = NULL, *value2 = NULL;
  size_t	len;
  int		bare = 1, status;


  if (!value && namelen >= 2 && (name[0] == 'n' || name[0] == 'N') &&
      (name[1] == 'o' || name[1] == 'O'))
  {
    // A bare "noNAME" is NAME false, as libcups reads it.
    name    += 2;
    namelen -= 2;
    bare    = 0;
  }

  if (!name_ascii && !pauditUTF8Valid(name, namelen))
  {
    if ((name2 = pauditUTF8New(name, namelen, &len)) == NULL)
      return (-1);
    name    = name2;
    namelen = len;
  }
  if (value && !value_ascii && !pauditUTF8Valid(value, valuelen))
  {
    if ((value2 = pauditUTF8New(value, valuelen, &len)) == NULL)
    {
      free(name2);
      return (-1);
    }
    value    = value2;
    valuelen = len;
  }

  status = opt_add_decoded(ctx, name, namelen, value, valuelen, bare);

  if (name2)
    free(name2);
  if (value2)
    free(value2);

  return (status);
}


/*
 * 'opt_scan_value()' - Unescape one value into out, as cupsParseOptions().
 */

static const char *			/* O - First byte after the value */
opt_scan_value(const char *p,		/* I - Start of value */
               const char *end,		/* I - End of string */
               char       *out,		/* I - Output */
               size_t     *outlen,	/* O - Bytes written */
               int        *ascii)	/* O - 1 if the value is all ASCII */
{
  char		*o = out, quote;
  int		depth;
  uint64_t	high = 0;		/* Bytes seen, or'ed: 0x80 bits if not ASCII */


  while (p < end && !opt_isspace(*p))
  {
    if (*p == ',')
      *o++ = *p++;
    else if (*p == '\'' || *p == '\"')
    {
      // Quoted string: quotes removed, backslash escapes the next byte.
      high = OPT_HIGHS;			// (not tracked here: checked later)
      for (quote = *p++; p < end && *p != quote; *o++ = *p++)
        if (*p == '\\' && p + 1 < end)
          p ++;
      if (p < end)
        p ++;
    }
    else if (*p == '{')
    {
      // Collection: kept with its braces, backslashes still escape.
      high = OPT_HIGHS;
      for (depth = 0; p < end; *o++ = *p++)
      {
        if (*p == '{')
          depth ++;
        else if (*p == '}')
        {
          if (--depth == 0)
          {
            *o++ = *p++;
            break;
          }
        }
        else if (*p == '\\' && p + 1 < end)
          p ++;
      }
    }
    else
    {
      // Plain text up to white space; copy runs between backslashes.
      while (p < end && !opt_isspace(*p))
      {
        const char *run = p;

        p = opt_span(p, end, '\\', &high);
        memcpy(o, run, (size_t)(p - run));
        o += p - run;
        if (p < end && *p == '\\')
        {
          if (p + 1 < end)
            p ++;
          high |= (unsigned char)*p;
          *o++ = *p++;
        }
      }
    }
  }

  *outlen = (size_t)(o - out);
  *ascii  = !(high & OPT_HIGHS);

  return (p);
}


/*
 * 'pauditOptionsNew()' - Read an options string into an object.
 */

json_t *				/* O - New object or NULL */
pauditOptionsNew(const char *s,		/* I - Options string */
                 json_t     *truncated)	/* I - Truncated array or NULL */
{
  opt_ctx_t	ctx;
  const char	*p, *end, *name;
  char		*values;		/* Unescaped values, nul-terminated, in a row */
  char		*value;
  size_t	len, namelen, valuelen;
  uint64_t	high;			/* Name bytes or'ed: 0x80 bits if not ASCII */
  int		value_ascii;


  if (!s)
    s = "";
  len = strlen(s);
  end = s + len;

  memset(&ctx, 0, sizeof(ctx));
  ctx.truncated = truncated;
  ctx.padding   = len;

  // Options average well over 16 bytes, and the set is at most half full:
  // sized once for most strings, and no larger (it is cleared).
  for (ctx.seen_hint = 32; ctx.seen_hint < len / 16 && ctx.seen_hint < 65536;
       ctx.seen_hint *= 2);
  ctx.options   = json_object();
  values        = malloc(len + 1);
  if (!ctx.options || !values)
    goto fail;

  // Surrounding braces are removed, as cupsParseOptions() does.
  p = s;
  if (len > 1 && s[0] == '{' && s[len - 1] == '}')
  {
    p ++;
    end --;
  }

  for (value = values; ; )
  {
    while (p < end && opt_isspace(*p))
      p ++;
    if (p >= end)
      break;

    // Names are most of the string: read a word at a time.
    high    = 0;
    name    = p;
    p       = opt_span(p, end, '=', &high);
    namelen = (size_t)(p - name);

    while (p < end && opt_isspace(*p))
      p ++;

    if (p < end && *p == '=')
    {
      // A value takes no more bytes than its text after '=': room for a nul.
      p = opt_scan_value(p + 1, end, value, &valuelen, &value_ascii);
      value[valuelen] = '\0';
      if (opt_add_raw(&ctx, name, namelen, !(high & OPT_HIGHS), value, valuelen,
                      value_ascii))
        goto fail;
      value += valuelen + 1;
    }
    else if (opt_add_raw(&ctx, name, namelen, !(high & OPT_HIGHS), NULL, 0, 1))
      goto fail;
  }

  free(values);
  free(ctx.seen);
  json_decref(ctx.kinds);

  return (ctx.options);

fail:
  free(values);
  free(ctx.seen);
  json_decref(ctx.kinds);
  json_decref(ctx.options);

  return (NULL);
}
