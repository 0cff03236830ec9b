/*
 * LogTitles: job titles are personal data.  "off" removes every
 * title-bearing field of a record, "hash" replaces each by its keyed
 * HMAC-SHA-256 (hex) so equal titles still correlate without being
 * readable; the key is a root-only file (TitleKeyFile).
 *
 * SHA-256 (FIPS 180-4) and HMAC (RFC 2104) are here in plain C: the shim
 * links libc and jansson only, and a title is a few bytes.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_MIN 16			/* Shortest key file, bytes */
#define KEY_MAX 1024			/* Longest key file, bytes */

typedef struct sha256_s			/* SHA-256 state */
{
  uint32_t	h[8];			/* Hash */
  uint64_t	bytes;			/* Bytes hashed */
  unsigned char	block[64];		/* Partial block */
  size_t	used;			/* Bytes in block */
} sha256_t;

static const uint32_t sha256_k[64] =
{
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))


/*
 * 'sha256_block()' - Hash one 64-byte block.
 */

static void
sha256_block(sha256_t            *ctx,	/* I - State */
             const unsigned char *p)	/* I - Block */
{
  uint32_t	w[64], a, b, c, d, e, f, g, h, t1, t2;
  int		i;


  for (i = 0; i < 16; i ++, p += 4)
    w[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
  for (; i < 64; i ++)
    w[i] = (ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10)) + w[i - 7] +
           (ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3)) + w[i - 16];

  a = ctx->h[0]; b = ctx->h[1]; c = ctx->h[2]; d = ctx->h[3];
  e = ctx->h[4]; f = ctx->h[5]; g = ctx->h[6]; h = ctx->h[7];
  for (i = 0; i < 64; i ++)
  {
    t1 = h + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
    t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1;
    d = c; c = b; b = a; a = t1 + t2;
  }
  ctx->h[0] += a; ctx->h[1] += b; ctx->h[2] += c; ctx->h[3] += d;
  ctx->h[4] += e; ctx->h[5] += f; ctx->h[6] += g; ctx->h[7] += h;
}


static void
sha256_init(sha256_t *ctx)		/* O - State */
{
  static const uint32_t h0[8] =
  { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };

  memcpy(ctx->h, h0, sizeof(h0));
  ctx->bytes = 0;
  ctx->used  = 0;
}


static void
sha256_update(sha256_t   *ctx,		/* I - State */
              const void *data,		/* I - Bytes */
              size_t     len)		/* I - Length */
{
  const unsigned char	*p = (const unsigned char *)data;
  size_t		n;


  ctx->bytes += len;
  while (len > 0)
  {
    n = 64 - ctx->used < len ? 64 - ctx->used : len;
    memcpy(ctx->block + ctx->used, p, n);
    ctx->used += n;
    p         += n;
    len       -= n;
    if (ctx->used == 64)
    {
      sha256_block(ctx, ctx->block);
      ctx->used = 0;
    }
  }
}


static void
sha256_final(sha256_t      *ctx,	/* I - State */
             unsigned char digest[32])	/* O - Digest */
{
  uint64_t	bits = ctx->bytes * 8;
  unsigned char	pad = 0x80, zero = 0, len[8];
  int		i;


  sha256_update(ctx, &pad, 1);
  while (ctx->used != 56)
    sha256_update(ctx, &zero, 1);
  for (i = 0; i < 8; i ++)
    len[i] = (unsigned char)(bits >> (56 - 8 * i));
  sha256_update(ctx, len, 8);

  for (i = 0; i < 32; i ++)
    digest[i] = (unsigned char)(ctx->h[i / 4] >> (24 - 8 * (i % 4)));
}


/*
 * 'pauditHMACSHA256()' - HMAC-SHA-256 of data under key, as 64 hex digits.
 */

void
pauditHMACSHA256(const unsigned char *key,	/* I - Key */
                 size_t              keylen,	/* I - Key length */
                 const void          *data,	/* I - Message */
                 size_t              len,	/* I - Message length */
                 char                hex[65])	/* O - Hex digest */
{
  static const char	digits[] = "0123456789abcdef";
  sha256_t		ctx;
  unsigned char		k[64], pad[64], inner[32], digest[32];
  int			i;


  memset(k, 0, sizeof(k));
  if (keylen > 64)
  {
    sha256_init(&ctx);
    sha256_update(&ctx, key, keylen);
    sha256_final(&ctx, k);
  }
  else if (keylen > 0)
    memcpy(k, key, keylen);

  for (i = 0; i < 64; i ++)
    pad[i] = k[i] ^ 0x36;
  sha256_init(&ctx);
  sha256_update(&ctx, pad, 64);
  sha256_update(&ctx, data, len);
  sha256_final(&ctx, inner);

  for (i = 0; i < 64; i ++)
    pad[i] = k[i] ^ 0x5c;
  sha256_init(&ctx);
  sha256_update(&ctx, pad, 64);
  sha256_update(&ctx, inner, 32);
  sha256_final(&ctx, digest);

  for (i = 0; i < 32; i ++)
  {
    hex[2 * i]     = digits[digest[i] >> 4];
    hex[2 * i + 1] = digits[digest[i] & 15];
  }
  hex[64] = '\0';
  memset(k, 0, sizeof(k));
  memset(pad, 0, sizeof(pad));
}


/*
 * 'pauditTitleKeyLoad()' - Read the root-only HMAC key of LogTitles hash.
 */

paudit_status_t				/* O - Status */
pauditTitleKeyLoad(const char     *path,	/* I - TitleKeyFile */
                   unsigned char  *key,		/* O - Key */
                   size_t         keysize,	/* I - Size of key */
                   size_t         *keylen,	/* O - Key length */
                   paudit_error_t *error)	/* O - Error */
{
  int		fd;
  struct stat	info;
  ssize_t	got;
  size_t	len = 0;


  *keylen = 0;
  if (!path)
  {
    pauditErrorSet(error, 0, "LogTitles hash needs a TitleKeyFile");
    return (PAUDIT_STATUS_CONFIG);
  }
  if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK)) < 0)
  {
    pauditErrorSet(error, 0, "Unable to open TitleKeyFile %s: %s", path, strerror(errno));
    return (PAUDIT_STATUS_IO);
  }
  if (fstat(fd, &info) || !S_ISREG(info.st_mode) || info.st_uid != 0 ||
      (info.st_mode & (S_IRWXG | S_IRWXO)))
  {
    pauditErrorSet(error, 0, "Refusing TitleKeyFile %s: it must be a regular file owned by root, mode 0600 or 0400", path);
    close(fd);
    return (PAUDIT_STATUS_INSECURE);
  }

  while (len < keysize)
  {
    if ((got = read(fd, key + len, keysize - len)) < 0 && errno == EINTR)
      continue;
    if (got < 0)
    {
      // An error is not the end of the key: a shorter one would hash
      // every title differently, without a word.
      pauditErrorSet(error, 0, "Unable to read TitleKeyFile %s: %s", path, strerror(errno));
      close(fd);
      memset(key, 0, keysize);
      return (PAUDIT_STATUS_IO);
    }
    if (got == 0)
      break;
    len += (size_t)got;
  }
  close(fd);

  if (len < KEY_MIN || len > KEY_MAX || len >= keysize)
  {
    pauditErrorSet(error, 0, "TitleKeyFile %s must hold %d to %d bytes", path, KEY_MIN, KEY_MAX);
    memset(key, 0, keysize);
    return (PAUDIT_STATUS_CONFIG);
  }

  *keylen = len;

  return (PAUDIT_STATUS_OK);
}


/*
 * 'titles_value()' - The replacement of one title value (string or array).
 */

static json_t *				/* O - New value or NULL on ENOMEM */
titles_value(json_t              *value,/* I - Value */
             const unsigned char *key,	/* I - Key or NULL for off */
             size_t              keylen)/* I - Key length */
{
  json_t	*array, *item;
  size_t	i;
  char		hex[65];


  if (json_is_string(value))
  {
    if (!key)
      return (json_null());
    pauditHMACSHA256(key, keylen, json_string_value(value), json_string_length(value), hex);
    return (json_stringn_nocheck(hex, 64));
  }

  if (json_is_array(value))
  {
    if ((array = json_array()) == NULL)
      return (NULL);
    json_array_foreach(value, i, item)
      if (json_array_append_new(array, titles_value(item, key, keylen)))
      {
        json_decref(array);
        return (NULL);
      }
    return (array);
  }

  return (json_incref(value));
}


/*
 * 'pauditRecordTitles()' - Apply LogTitles to a job.start or job.end record.
 */

paudit_status_t				/* O - Status */
pauditRecordTitles(json_t                *record,/* I - printaudit record */
                   const paudit_config_t *config,/* I - Config */
                   paudit_error_t        *error) /* O - Error */
{
  static const char * const fields[] = { "title", "document_name" };
  static const char * const options[] =
  {
    "job-name", "document-name", "document-name-supplied",
    "com.apple.print.JobInfo.PMJobName"
  };
  unsigned char		key[KEY_MAX + 1];
  size_t		keylen = 0, i;
  json_t		*job, *opts, *value, *replaced;
  paudit_status_t	status = PAUDIT_STATUS_OK;


  if (config->titles == PAUDIT_TITLES_ON)
    return (PAUDIT_STATUS_OK);

  // Fail closed: without the key, titles are removed, never kept.
  if (config->titles == PAUDIT_TITLES_HASH)
    status = pauditTitleKeyLoad(config->title_key, key, sizeof(key), &keylen, error);

  job  = json_object_get(record, "job");
  opts = json_object_get(record, "options");

  for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i ++)
    if ((value = json_object_get(job, fields[i])) != NULL &&
        ((replaced = titles_value(value, keylen ? key : NULL, keylen)) == NULL ||
         json_object_set_new_nocheck(job, fields[i], replaced)))
      goto nomem;

  for (i = 0; i < sizeof(options) / sizeof(options[0]); i ++)
  {
    if ((value = json_object_get(opts, options[i])) == NULL)
      continue;
    if (!keylen)
      json_object_del(opts, options[i]);
    else if ((replaced = titles_value(value, key, keylen)) == NULL ||
             json_object_set_new_nocheck(opts, options[i], replaced))
      goto nomem;
  }

  memset(key, 0, sizeof(key));

  return (status);

nomem:
  memset(key, 0, sizeof(key));
  pauditErrorSet(error, 0, "Out of memory");

  return (PAUDIT_STATUS_NOMEM);
}
