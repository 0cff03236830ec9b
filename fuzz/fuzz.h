/*
 * printaudit fuzz targets: helpers shared by the targets.
 *
 * Every target checks properties of the library's output, not only that
 * it does not crash: a violated property prints what was expected on
 * stderr and calls abort(), which libFuzzer reports as a crash and saves
 * the input.  The checks here are written independently of lib/ (their
 * own UTF-8 validator, their own scanning) so that they do not share the
 * library's mistakes.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef PRINTAUDIT_FUZZ_H
#  define PRINTAUDIT_FUZZ_H
#  include "printaudit.h"
#  include <stddef.h>
#  include <stdint.h>

/* The libFuzzer entry point, defined by each target. */
extern int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message unless cond holds. */
#  define FUZZ_CHECK(cond, ...) \
  do { if (!(cond)) fuzzFail(__FILE__, __LINE__, #cond, __VA_ARGS__); } while (0)

/* Report a violated property and abort(). */
extern void	fuzzFail(const char *file, int line, const char *cond,
		         const char *format, ...)
		__attribute__((noreturn, format(printf, 4, 5)));

/* Nul-terminated copy of data, so strings end at the first NUL as in argv.
 * O - New string; free() it.  Aborts on ENOMEM. */
extern char	*fuzzStringNew(const uint8_t *data, size_t size);

/* Whether s[0..len) is valid UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF). */
extern int	fuzzUTF8Valid(const char *s, size_t len);

/* Number of (possibly overlapping) occurrences of needle in haystack. */
extern size_t	fuzzCount(const char *haystack, size_t haylen,
		          const char *needle, size_t needlelen);

/* Check serialized JSON text: no NUL, valid UTF-8, no raw C0, DEL, C1,
 * U+2028 or U+2029, and it parses back (duplicate keys rejected).
 * O - Parsed value; json_decref() it. */
extern json_t	*fuzzCheckJSON(const char *what, const char *text, size_t len);

/* Check that no string value (keys excepted) is longer than max bytes. */
extern void	fuzzCheckValueSizes(const char *what, const json_t *value,
		                    size_t max);

/* Whether any key or string in value contains needle, or any integer's
 * decimal text equals it (the value is decoded JSON: no escapes). */
extern int	fuzzJSONContains(const json_t *value, const char *needle,
		                 size_t needlelen);

/* Whether the array holds a string equal to s[0..len). */
extern int	fuzzArrayHasString(const json_t *array, const char *s,
		                   size_t len);

/* Value of a hex digit, -1 if not one. */
extern int	fuzzHexValue(int ch);

typedef struct fuzz_uri_field_s		/* A userinfo found in a URI */
{
  size_t	user,			/* Offset of the userinfo */
		sep,			/* Offset of its ':' or "%3A", or at */
		at;			/* Offset of the '@' that ends it */
} fuzz_uri_field_t;

#  define FUZZ_URI_MAX_FIELDS 64

/* Every userinfo of a device URI as libcups's httpSeparateURI() (what the
 * real backends use) reads one: after each "//" (and its further
 * slashes), nested URIs included, up to the first '@' when no '/' comes
 * first; its password follows the first ':' or "%3A" (libcups decodes
 * before the backend splits).
 * O - Number of fields (at most FUZZ_URI_MAX_FIELDS). */
extern size_t	fuzzURIFields(const char *uri, fuzz_uri_field_t *fields);

/* The URI with every password of fields replaced by "x".
 * O - New string; free() it. */
extern char	*fuzzURIReplacePasswords(const char *uri,
		                         const fuzz_uri_field_t *fields,
		                         size_t n);

/* The URI with s[start..start+len) replaced by with.
 * O - New string; free() it. */
extern char	*fuzzURIReplacePassword(const char *uri, size_t start,
		                        size_t len, const char *with);

#endif /* !PRINTAUDIT_FUZZ_H */
