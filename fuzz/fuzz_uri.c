/*
 * printaudit fuzz target: device URIs (pauditURISplit).
 *
 * The input is the device URI; it ends at its first NUL.  Properties:
 *
 * - the call succeeds exactly when the scheme matches
 *   [A-Za-z][A-Za-z0-9+.-]* (at most 63 characters) and is followed by ':';
 * - on success: the scheme is that prefix of the URI, the port is in
 *   -1..65535, clean and host are valid UTF-8, and a URI without '@'
 *   (valid UTF-8) comes back unchanged;
 * - every password (found as libcups's httpSeparateURI() finds it, which
 *   is what the real backends use: the userinfo up to the first '@' before
 *   a '/', percent-decoded, then split at its first ':'; after
 *   "scheme://" and after every later "//", for nested URIs such as
 *   beh:/1/3/5/ipp://user:pass@host/q) does not appear in clean or
 *   sanitized (the real backend's argv[0]), as written or decoded, in a
 *   URI that is valid UTF-8 (in others, U+FFFD from the repair of another
 *   byte may spell a password that holds U+FFFD); no
 *   authority of clean has a password field left, none of sanitized a
 *   userinfo; and nothing in the result depends on the passwords: the URI
 *   with other passwords splits into exactly the same parts;
 * - on failure: an error text, and no parts left allocated.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "fuzz.h"
#include <stdlib.h>
#include <string.h>


/*
 * 'uri_scheme_ok()' - Whether the URI starts with a valid scheme and ':'.
 */

static size_t				/* O - Scheme length, 0 if invalid */
uri_scheme_ok(const char *uri)		/* I - URI */
{
  static const char	alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  size_t		len;


  if (!uri[0] || !strchr(alpha, uri[0]))
    return (0);

  len = 1 + strspn(uri + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-");

  return (uri[len] == ':' && len <= PAUDIT_MAX_SCHEME ? len : 0);
}


/*
 * 'uri_same()' - Whether two optional strings are equal.
 */

static int
uri_same(const char *a,			/* I - String or NULL */
         const char *b)			/* I - String or NULL */
{
  return (a == b || (a && b && !strcmp(a, b)));
}


/*
 * 'uri_decode()' - Percent-decode s[0..len) as libcups's http_copy_decode().
 */

static char *				/* O - New string; free() it */
uri_decode(const char *s,		/* I - Text */
           size_t     len,		/* I - Length */
           size_t     *outlen)		/* O - Decoded length */
{
  char		*out = malloc(len + 1);
  size_t	i, n = 0;


  FUZZ_CHECK(out != NULL, "out of memory");
  for (i = 0; i < len; i ++)
  {
    if (s[i] == '%' && i + 2 < len && fuzzHexValue(s[i + 1]) >= 0 && fuzzHexValue(s[i + 2]) >= 0)
    {
      out[n ++] = (char)(fuzzHexValue(s[i + 1]) * 16 + fuzzHexValue(s[i + 2]));
      i += 2;
    }
    else
      out[n ++] = s[i];
  }
  out[n]  = '\0';
  *outlen = n;

  return (out);
}


/*
 * 'LLVMFuzzerTestOneInput()' - Check one device URI.
 */

int
LLVMFuzzerTestOneInput(const uint8_t *data,/* I - Input */
                       size_t        size)/* I - Length */
{
  char			*uri = fuzzStringNew(data, size), *other, *decoded, *pass;
  size_t		len = strlen(uri), schemelen, start, passlen, declen, plen,
			i, nfields, nfields2;
  fuzz_uri_field_t		fields[FUZZ_URI_MAX_FIELDS], fields2[FUZZ_URI_MAX_FIELDS];
  paudit_uri_t		parts, parts2;
  paudit_error_t	error, error2;
  paudit_status_t	status;
  int			utf8;


  pauditErrorClear(&error);
  status    = pauditURISplit(uri, &parts, &error);
  schemelen = uri_scheme_ok(uri);

  if (!schemelen)
  {
    FUZZ_CHECK(status == PAUDIT_STATUS_INVALID, "a URI with a bad scheme gave status %d",
               (int)status);
    FUZZ_CHECK(error.text[0], "no error text for status %d", (int)status);
    FUZZ_CHECK(!parts.clean && !parts.sanitized && !parts.host && parts.port == -1,
               "parts left set after a failure");
    pauditURIClear(&parts);
    free(uri);
    return (0);
  }

  FUZZ_CHECK(status == PAUDIT_STATUS_OK, "a URI with a valid scheme gave status %d: %s",
             (int)status, error.text);
  FUZZ_CHECK(!error.text[0], "error text on success: %s", error.text);

  // Scheme, port, host, clean.
  FUZZ_CHECK(strlen(parts.scheme) == schemelen && !memcmp(parts.scheme, uri, schemelen),
             "scheme \"%s\" is not the URI's \"%.*s\"", parts.scheme, (int)schemelen, uri);
  FUZZ_CHECK(parts.port >= -1 && parts.port <= 65535, "port %d", parts.port);
  FUZZ_CHECK(parts.clean != NULL && parts.sanitized != NULL, "no clean or sanitized URI");
  FUZZ_CHECK(fuzzUTF8Valid(parts.clean, strlen(parts.clean)), "clean URI is not valid UTF-8");
  FUZZ_CHECK(!parts.host || fuzzUTF8Valid(parts.host, strlen(parts.host)),
             "host is not valid UTF-8");
  if (!strchr(uri, '@') && fuzzUTF8Valid(uri, len))
    FUZZ_CHECK(!strcmp(parts.clean, uri), "\"%s\" became \"%s\" with nothing to remove",
               uri, parts.clean);

  // The passwords.
  // A password found verbatim is a leak only when the URI is valid UTF-8:
  // otherwise the repair writes U+FFFD for an invalid byte elsewhere, and a
  // password that holds U+FFFD may then appear in clean without coming from
  // the userinfo.  The independence check below covers those URIs.
  nfields = fuzzURIFields(uri, fields);
  decoded = uri_decode(uri, len, &declen);
  utf8    = fuzzUTF8Valid(uri, len);
  for (i = 0; i < nfields; i ++)
  {
    if (fields[i].sep == fields[i].at)
      continue;				// A user name, no password
    start   = fields[i].sep + (uri[fields[i].sep] == ':' ? 1 : 3);
    passlen = fields[i].at - start;
    pass    = uri_decode(uri + start, passlen, &plen);

    if (utf8 && passlen >= 4 && fuzzCount(uri, len, uri + start, passlen) == 1)
      FUZZ_CHECK(!memmem(parts.sanitized, strlen(parts.sanitized), uri + start, passlen) &&
                 !memmem(parts.clean, strlen(parts.clean), uri + start, passlen),
                 "the password \"%.*s\" is in the sanitized URI \"%s\" or the clean URI \"%s\"",
                 (int)passlen, uri + start, parts.sanitized, parts.clean);
    if (utf8 && plen >= 4 && fuzzCount(decoded, declen, pass, plen) == 1 &&
        fuzzUTF8Valid(pass, plen))
    {
      char	*dclean, *dsan;
      size_t	dcleanlen, dsanlen;

      dclean = uri_decode(parts.clean, strlen(parts.clean), &dcleanlen);
      dsan   = uri_decode(parts.sanitized, strlen(parts.sanitized), &dsanlen);
      FUZZ_CHECK(!memmem(dclean, dcleanlen, pass, plen) && !memmem(dsan, dsanlen, pass, plen),
                 "the decoded password \"%.*s\" is in the clean URI \"%s\" or the sanitized "
                 "URI \"%s\" (decoded)", (int)plen, pass, parts.clean, parts.sanitized);
      free(dclean);
      free(dsan);
    }
    free(pass);
  }
  free(decoded);

  // No password field is left in clean, no userinfo in sanitized.
  nfields2 = fuzzURIFields(parts.clean, fields2);
  for (i = 0; i < nfields2; i ++)
    FUZZ_CHECK(fields2[i].sep == fields2[i].at,
               "the clean URI \"%s\" still has a password field \"%.*s\"", parts.clean,
               (int)(fields2[i].at - fields2[i].sep), parts.clean + fields2[i].sep);
  nfields2 = fuzzURIFields(parts.sanitized, fields2);
  FUZZ_CHECK(nfields2 == 0, "the sanitized URI \"%s\" has a userinfo \"%.*s\"", parts.sanitized,
             nfields2 ? (int)(fields2[0].at - fields2[0].user) : 0,
             nfields2 ? parts.sanitized + fields2[0].user : "");

  // Nothing depends on the passwords.
  if (nfields)
  {
    other = fuzzURIReplacePasswords(uri, fields, nfields);
    pauditErrorClear(&error2);
    FUZZ_CHECK(pauditURISplit(other, &parts2, &error2) == PAUDIT_STATUS_OK,
               "\"%s\" splits but \"%s\" does not: %s", uri, other, error2.text);
    FUZZ_CHECK(uri_same(parts.sanitized, parts2.sanitized),
               "the sanitized URI depends on the passwords: \"%s\", with others (\"%s\") \"%s\"",
               parts.sanitized, other, parts2.sanitized);
    FUZZ_CHECK(uri_same(parts.clean, parts2.clean) && uri_same(parts.host, parts2.host) &&
               parts.port == parts2.port && !strcmp(parts.scheme, parts2.scheme),
               "the parts depend on the passwords: clean \"%s\" host \"%s\" port %d, "
               "with others (\"%s\") clean \"%s\" host \"%s\" port %d",
               parts.clean, parts.host ? parts.host : "(null)", parts.port, other,
               parts2.clean, parts2.host ? parts2.host : "(null)", parts2.port);
    pauditURIClear(&parts2);
    free(other);
  }

  pauditURIClear(&parts);
  FUZZ_CHECK(!parts.clean && !parts.sanitized && !parts.host, "pauditURIClear() left pointers");
  free(uri);

  return (0);
}
