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
 * - the password (found as libcups's httpSeparateURI() finds it, which
 *   is what the real backends use) does not appear in clean or sanitized
 *   (the real backend's argv[0]), and nothing in the result depends on it:
 *   the URI with another password splits into exactly the same parts;
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
 * 'LLVMFuzzerTestOneInput()' - Check one device URI.
 */

int
LLVMFuzzerTestOneInput(const uint8_t *data,/* I - Input */
                       size_t        size)/* I - Length */
{
  char			*uri = fuzzStringNew(data, size), *other;
  size_t		len = strlen(uri), schemelen, start, passlen;
  paudit_uri_t		parts, parts2;
  paudit_error_t	error, error2;
  paudit_status_t	status;


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

  // The password.
  if (fuzzURIPassword(uri, &start, &passlen))
  {
    if (passlen >= 4 && fuzzCount(uri, len, uri + start, passlen) == 1)
      FUZZ_CHECK(!memmem(parts.sanitized, strlen(parts.sanitized), uri + start, passlen),
                 "the password \"%.*s\" is in the sanitized URI \"%s\"", (int)passlen,
                 uri + start, parts.sanitized);
    if (passlen >= 4 && fuzzCount(uri, len, uri + start, passlen) == 1 &&
        fuzzUTF8Valid(uri + start, passlen))
      FUZZ_CHECK(!memmem(parts.clean, strlen(parts.clean), uri + start, passlen),
                 "the password \"%.*s\" is in the clean URI \"%s\"", (int)passlen,
                 uri + start, parts.clean);

    other = fuzzURIReplacePassword(uri, start, passlen, "x");
    pauditErrorClear(&error2);
    FUZZ_CHECK(pauditURISplit(other, &parts2, &error2) == PAUDIT_STATUS_OK,
               "\"%s\" splits but \"%s\" does not: %s", uri, other, error2.text);
    FUZZ_CHECK(uri_same(parts.sanitized, parts2.sanitized),
               "the sanitized URI depends on the password \"%.*s\": \"%s\", with another "
               "password \"%s\"", (int)passlen, uri + start, parts.sanitized, parts2.sanitized);
    FUZZ_CHECK(uri_same(parts.clean, parts2.clean) && uri_same(parts.host, parts2.host) &&
               parts.port == parts2.port && !strcmp(parts.scheme, parts2.scheme),
               "the parts depend on the password \"%.*s\": clean \"%s\" host \"%s\" port %d, "
               "with another password clean \"%s\" host \"%s\" port %d",
               (int)passlen, uri + start, parts.clean, parts.host ? parts.host : "(null)",
               parts.port, parts2.clean, parts2.host ? parts2.host : "(null)", parts2.port);
    pauditURIClear(&parts2);
    free(other);
  }

  pauditURIClear(&parts);
  FUZZ_CHECK(!parts.clean && !parts.sanitized && !parts.host, "pauditURIClear() left pointers");
  free(uri);

  return (0);
}
