/*
 * printaudit unit tests: differential tests against libcups.
 *
 * A deterministic corpus of options strings is read by cupsParseOptions()
 * and by pauditOptionsNew(); a corpus of device URIs is split by
 * httpSeparateURI() and by pauditURISplit().  Where the library documents
 * a different reading (it keeps duplicates, names as given, options after
 * an empty name, decodes macOS typed keys, redacts job-password*), the
 * comparison allows for it.  libcups is used by the tests only.
 *
 * Run with an argument N, the program prints corpus string N and both
 * readings of it.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"
#include <cups/cups.h>
#include <cups/http.h>
#include <stdint.h>
#include <ctype.h>
#include <strings.h>


/*
 * Corpus of options strings...
 */

#define CORPUS_SIZE 4000
#define CORPUS_SEED 0x5EED2026CAFEF00Dull

static uint64_t	prng_state;


static uint32_t
prngNext(void)				/* xorshift64* */
{
  prng_state ^= prng_state >> 12;
  prng_state ^= prng_state << 25;
  prng_state ^= prng_state >> 27;

  return ((uint32_t)((prng_state * 0x2545F4914F6CDD1Dull) >> 32));
}


static const char * const tokens[] =
{
  // Names (no two differ only in case, see below)
  "media", "sides", "Collate", "copies", "page-ranges", "number-up",
  "finishings", "job-sheets", "x", "y", "PageSize", "com.apple.print.JobInfo.PMJobName",
  // "no" names
  "nomedia", "NoCollate", "NOsides", "noy", "notes",
  // Values
  "A4", "Letter", "1", "3,4", "two-sided-long-edge", "true", "a b",
  // Syntax
  "=", "=", "=", "'", "'", "\"", "\"", "\\", "\\", " ", " ", " ", "  ", "\t",
  ",", "{", "}", "\n",
  // Documented differences (compared loosely or skipped)
  "Q..n.", "Q..b.", "job-password", "print-quality", "cupsPrintQuality",
};


/*
 * 'corpusString()' - Corpus string i (same for every run).
 */

static void
corpusString(int    i,			/* I - Index */
             char   *s,			/* O - String */
             size_t size)		/* I - Size of s */
{
  size_t	len = 0, tlen;
  int		n, count;
  const char	*t;


  prng_state = CORPUS_SEED ^ ((uint64_t)i * 0x9E3779B97F4A7C15ull);
  if (!prng_state)
    prng_state = 1;

  count = 1 + (int)(prngNext() % 16);
  s[0]  = '\0';
  for (n = 0; n < count; n ++)
  {
    t    = tokens[prngNext() % UNIT_COUNT(tokens)];
    tlen = strlen(t);
    if (len + tlen + 1 >= size)
      break;
    memcpy(s + len, t, tlen + 1);
    len += tlen;
  }

  // cupsParseOptions() reads "{...}" as a collection of options; cupsd
  // never writes a string that starts with a brace: not compared.
  if (s[0] == '{')
    s[0] = ' ';
}


/*
 * 'skipName()' - Names whose reading is documented to differ.
 */

static int				/* O - 1 to skip */
skipName(const char *name)		/* I - Option name */
{
  return (strstr(name, "..") != NULL || !strncasecmp(name, "job-password", 12) ||
          !strcasecmp(name, "print-quality") || !strcasecmp(name, "cupsPrintQuality"));
}


/*
 * 'typedOrigin()' - Is key the decoded name of a macOS typed key?
 */

static int				/* O - 1 if libcups has "key..." */
typedOrigin(const char    *key,		/* I - Our key */
            int           ncups,	/* I - libcups options */
            cups_option_t *cups)	/* I - libcups options */
{
  size_t	len = strlen(key);
  int		i;


  for (i = 0; i < ncups; i ++)
    if (!strncmp(cups[i].name, key, len) && !strncmp(cups[i].name + len, "..", 2))
      return (1);

  return (0);
}


/*
 * 'mayStopEarly()' - Could cupsParseOptions() stop at an empty name?
 *
 * It stops when an option starts with '='; that can only follow
 * whitespace (or be the first character).
 */

static int
mayStopEarly(const char *s)
{
  const char	*p;


  for (p = s; *p; p ++)
    if (*p == '=' && (p == s || strchr(" \t\n\r\f\v", p[-1])))
      return (1);

  return (0);
}


/*
 * 'ourString()' - String form of one of our values: "true"/"false" for
 *                 booleans, the string itself, NULL for anything else.
 */

static const char *
ourString(json_t *value)
{
  if (json_is_true(value))
    return ("true");
  else if (json_is_false(value))
    return ("false");
  else if (json_is_string(value))
    return (json_string_value(value));
  else
    return (NULL);
}


typedef struct diff_stats_s		/* What was compared */
{
  int	strings;			/* Strings read */
  int	options;			/* libcups options compared */
  int	strict;				/* ... compared with the last value */
} diff_stats_t;


/*
 * 'compareOne()' - Compare both readings of one string.
 */

static void
compareOne(int          idx,		/* I - Corpus index */
           const char   *s,		/* I - Options string */
           diff_stats_t *stats)		/* IO - Counts */
{
  cups_option_t	*cups = NULL;
  int		ncups = cupsParseOptions(s, 0, &cups), i;
  json_t	*ours = pauditOptionsNew(s, NULL), *value, *match;
  const char	*key, *v;
  int		strict = !mayStopEarly(s), matches;
  char		*text;
  size_t	j;


  unitCheck(ours != NULL, "#%d [%s]: NULL", idx, s);
  stats->strings ++;
  text = unitText(ours);

  // Every option libcups keeps is ours too, with the same value.
  for (i = 0; i < ncups; i ++)
  {
    if (skipName(cups[i].name))
      continue;

    // libcups compares names without case: find ours the same way.
    matches = 0;
    match   = NULL;
    json_object_foreach(ours, key, value)
      if (!strcasecmp(key, cups[i].name))
      {
        matches ++;
        match = value;
      }

    unitCheck(matches > 0, "#%d [%s]: libcups has %s=\"%s\", ours lacks it: %s",
                  idx, s, cups[i].name, cups[i].value, text);
    if (matches > 1)
      continue;				// Order between spellings is lost

    stats->options ++;
    if (strict)
    {
      // Last occurrence wins in libcups.
      value = json_is_array(match) ? json_array_get(match, json_array_size(match) - 1) : match;
      v     = ourString(value);
      unitCheck(v && !strcmp(v, cups[i].value),
                    "#%d [%s]: %s: libcups \"%s\", ours %s", idx, s, cups[i].name,
                    cups[i].value, text);
      stats->strict ++;
    }
    else
    {
      // libcups may have stopped early: its value is one of ours.
      int found = 0;

      if (json_is_array(match))
      {
        json_array_foreach(match, j, value)
          if ((v = ourString(value)) != NULL && !strcmp(v, cups[i].value))
            found = 1;
      }
      else if ((v = ourString(match)) != NULL && !strcmp(v, cups[i].value))
        found = 1;

      unitCheck(found, "#%d [%s]: %s: libcups \"%s\", ours %s", idx, s,
                    cups[i].name, cups[i].value, text);
    }
  }

  // Nothing invented: with no early stop, every name of ours is libcups's.
  if (strict)
  {
    json_object_foreach(ours, key, value)
    {
      if (!*key || skipName(key) || typedOrigin(key, ncups, cups))
        continue;
      unitCheck(cupsGetOption(key, ncups, cups) != NULL,
                    "#%d [%s]: ours has \"%s\", libcups does not: %s", idx, s, key, text);
    }
  }

  free(text);
  json_decref(ours);
  cupsFreeOptions(ncups, cups);
}


START_TEST(test_diff_options)
{
  char		s[1024];
  int		i;
  diff_stats_t	stats;


  memset(&stats, 0, sizeof(stats));
  for (i = 0; i < CORPUS_SIZE; i ++)
  {
    corpusString(i, s, sizeof(s));
    compareOne(i, s, &stats);
  }

  if (getenv("UNIT_VERBOSE"))
    fprintf(stderr, "options: %d strings, %d options compared, %d by last value\n",
            stats.strings, stats.options, stats.strict);

  // The comparison must not be vacuous.
  ck_assert_int_eq(stats.strings, CORPUS_SIZE);
  ck_assert_msg(stats.options > CORPUS_SIZE, "only %d options compared", stats.options);
  ck_assert_msg(stats.strict > CORPUS_SIZE / 2, "only %d strict comparisons", stats.strict);
}
END_TEST


/*
 * Hand-picked strings (quoting and escapes as cupsd writes them).
 */

static const char * const picked[] =
{
  " AP_D_InputSlot= nocollate ColorModel=Gray",
  "k=with\\ space",
  "k='with space' m=\"a b\" n=a\\ b\\ c",
  "k='it\\'s' m=\"say \\\"hi\\\"\"",
  "k=a\\\\b m=\\'",
  "k={a=1 b={c=2}} m=x",
  "k={a=\\}b} m=1",
  "k={a='x y'}b m",
  "k=,'a b',c",
  "k= m=1",
  "k =v",
  "k = v",
  "k='unterminated value",
  "k={unterminated collection",
  "k=abc\\",
  "k=abc\\ x=1",
  "no nox NOy noZ",
  "a\tb\nc\rd\fe\vf=1",
  "media=A4 media=Letter Media=Legal",
  "finishings=3,4 number-up=1",
};

START_TEST(test_diff_options_picked)
{
  diff_stats_t	stats;


  memset(&stats, 0, sizeof(stats));
  compareOne(_i, picked[_i], &stats);
}
END_TEST


/*
 * URIs: scheme, host and port agree with httpSeparateURI().
 */

static const char * const uri_schemes[] =
{
  "ipp", "ipps", "http", "https", "lpd", "socket", "usb", "dnssd", "smb",
  "beh", "hp", "a+b.c-d"
};

static const char * const uri_users[] =
{
  "", "u@", "u:p@", "user%20x:p%40ss@", ":secret@"
};

static const char * const uri_hosts[] =
{
  "h", "printer.local.", "10.0.0.5", "[::1]", "[2001:db8::5]",
  "[fe80::1%25eth0]", "my%2Dhost", "BRN30055C300D7A.local.", "Foo%20Bar._ipp._tcp.local."
};

static const char * const uri_ports[] =
{
  "", ":9100", ":631", ":1", ":65535"
};

static const char * const uri_paths[] =
{
  "", "/", "/ipp/print", "/queue", "?serial=X", "/HL-2270DW?serial=X"
};


START_TEST(test_diff_uri)
{
  size_t		a, b, c, d, e;
  char			uri[1024], scheme[64], user[256], host[256], resource[1024];
  int			port, compared = 0, total = 0, ourport;
  http_uri_status_t	cstatus;
  paudit_status_t	status;
  paudit_uri_t		parts;
  paudit_error_t	error;


  for (a = 0; a < UNIT_COUNT(uri_schemes); a ++)
  for (b = 0; b < UNIT_COUNT(uri_users); b ++)
  for (c = 0; c < UNIT_COUNT(uri_hosts); c ++)
  for (d = 0; d < UNIT_COUNT(uri_ports); d ++)
  for (e = 0; e < UNIT_COUNT(uri_paths); e ++)
  {
    snprintf(uri, sizeof(uri), "%s://%s%s%s%s", uri_schemes[a], uri_users[b],
             uri_hosts[c], uri_ports[d], uri_paths[e]);
    total ++;

    cstatus = httpSeparateURI(HTTP_URI_CODING_ALL, uri, scheme, sizeof(scheme),
                              user, sizeof(user), host, sizeof(host), &port,
                              resource, sizeof(resource));
    pauditErrorClear(&error);
    status = pauditURISplit(uri, &parts, &error);

    if (cstatus < HTTP_URI_STATUS_OK)
    {
      if (status == PAUDIT_STATUS_OK)
        pauditURIClear(&parts);
      continue;				// libcups refuses it: nothing to compare
    }

    // A URI libcups reads, with a valid scheme, is ours to read too.
    unitCheck(status == PAUDIT_STATUS_OK, "%s: status %d (%s), libcups reads it",
                  uri, (int)status, error.text);

    unitCheck(!strcmp(parts.scheme, scheme), "%s: scheme \"%s\", libcups \"%s\"",
                  uri, parts.scheme, scheme);
    unitCheck(!strcmp(parts.host ? parts.host : "", host),
                  "%s: host \"%s\", libcups \"%s\"", uri,
                  parts.host ? parts.host : "(null)", host);
    ourport = parts.port < 0 ? 0 : parts.port;
    unitCheck(ourport == port, "%s: port %d, libcups %d", uri, parts.port, port);
    unitCheck(!strstr(parts.clean, "p%40ss") && !strstr(parts.clean, "secret") &&
                  !strstr(parts.clean, ":p@"), "%s: clean \"%s\" keeps a password",
                  uri, parts.clean);
    pauditURIClear(&parts);
    compared ++;
  }

  if (getenv("UNIT_VERBOSE"))
    fprintf(stderr, "URIs: %d of %d compared\n", compared, total);
  ck_assert_msg(compared > total * 3 / 4, "only %d of %d URIs compared", compared, total);
}
END_TEST


/*
 * Userinfo: random users and passwords, with ':' and '@' (and other
 * characters) percent-encoded at random, read by httpSeparateURI() as the
 * backends read it (decoded, then split at the first ':').  The clean URI
 * must give libcups the same user with no password and the same host,
 * port and resource; argv[0] must give it no user at all; the decoded
 * password must be in neither.  Some URIs are nested in a beh: URI.
 */

#define USERINFO_CASES	3000
#define USERINFO_SEED	0x0DDBA11C0FFEE123ull


/*
 * 'encodeChar()' - Append one character, percent-encoded or not at random.
 */

static size_t				/* O - New length */
encodeChar(char   *s,			/* I - Buffer */
           size_t len,			/* I - Length */
           int    ch,			/* I - Character */
           int    must)			/* I - 1 if it must be encoded */
{
  static const char	hexu[] = "0123456789ABCDEF", hexl[] = "0123456789abcdef";
  const char		*hex = (prngNext() & 1) ? hexu : hexl;


  if (must || prngNext() % 4 == 0)
  {
    s[len ++] = '%';
    s[len ++] = hex[(ch >> 4) & 15];
    s[len ++] = hex[ch & 15];
  }
  else
    s[len ++] = (char)ch;
  s[len] = '\0';

  return (len);
}


/*
 * 'percentDecode()' - Every %XX decoded, as libcups decodes a userinfo.
 */

static const char *			/* O - out */
percentDecode(const char *s,		/* I - String */
              char       *out,		/* O - Decoded string */
              size_t     size)		/* I - Size of out */
{
  size_t	len = 0;
  unsigned	ch;


  for (; *s && len + 1 < size; s ++)
  {
    if (*s == '%' && isxdigit(s[1] & 255) && isxdigit(s[2] & 255) &&
        sscanf(s + 1, "%2x", &ch) == 1)
    {
      out[len ++] = (char)ch;
      s += 2;
    }
    else
      out[len ++] = *s;
  }
  out[len] = '\0';

  return (out);
}


/*
 * 'userinfoCase()' - Build case i: URI, decoded user and password.
 */

static int				/* O - 1 if nested in beh: */
userinfoCase(int    i,			/* I - Index */
             char   *uri,		/* O - URI (1024 bytes) */
             char   *user,		/* O - Decoded user (64 bytes) */
             char   *pass,		/* O - Decoded password (64 bytes) */
             int    *rawat,		/* O - 1 if the password has a raw '@' */
             int    *sepenc)		/* O - 1 if the ':' separator is encoded */
{
  static const char * const schemes[] = { "ipp", "ipps", "http", "https", "lpd", "socket", "smb" };
  static const char * const hosts[] = { "h", "printer.local.", "10.0.0.5", "[::1]", "my%2Dhost" };
  static const char * const rests[] = { "", "/", "/ipp/print", ":8631/ipp/print", "/q?x=1" };
  static const char	ulower[] = "abcdefghijklmnopqrstuvwxyz0123456789._-@";
  static const char	pchars[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789:@%/?# !";
  size_t		len = 0, ulen = 0, plen = 0, n, j;
  int			ch, nested;


  prng_state = USERINFO_SEED ^ ((uint64_t)(i + 1) * 0x9E3779B97F4A7C15ull);
  nested     = prngNext() % 4 == 0;
  *rawat     = 0;

  len = (size_t)snprintf(uri, 1024, "%s%s://", nested ? "beh:/1/3/5/" : "",
                         schemes[prngNext() % UNIT_COUNT(schemes)]);

  // User: '@' always encoded (a raw one would end the userinfo).
  for (j = 0, n = 1 + prngNext() % 8; j < n; j ++)
  {
    ch = ulower[prngNext() % (sizeof(ulower) - 1)];
    len = encodeChar(uri, len, ch, ch == '@');
    user[ulen ++] = (char)ch;
  }
  user[ulen] = '\0';

  // Separator: ':', "%3A" or "%3a".
  len     = encodeChar(uri, len, ':', prngNext() % 3 != 0);
  *sepenc = uri[len - 1] != ':';

  // Password: 6 to 16 characters, so it cannot be in the rest by chance.
  for (j = 0, n = 6 + prngNext() % 11; j < n; j ++)
  {
    ch = pchars[prngNext() % (sizeof(pchars) - 1)];
    if (ch == '@' && prngNext() % 8 == 0)
    {
      uri[len ++] = '@';		// Raw: libcups ends the userinfo here
      uri[len]    = '\0';
      *rawat      = 1;
    }
    else
      len = encodeChar(uri, len, ch, ch == '@' || ch == '%' || ch == '/' || ch == ' ');
    pass[plen ++] = (char)ch;
  }
  pass[plen] = '\0';

  snprintf(uri + len, 1024 - len, "@%s%s", hosts[prngNext() % UNIT_COUNT(hosts)],
           rests[prngNext() % UNIT_COUNT(rests)]);

  return (nested);
}


START_TEST(test_diff_uri_userinfo)
{
  char			uri[1024], user[64], pass[64], expect[160];
  char			scheme[64], cuser[256], chost[256], cres[1024];
  char			scheme2[64], cuser2[256], chost2[256], cres2[1024];
  int			i, nested, rawat, sepenc, port, port2, compared = 0, encoded = 0,
			nests = 0;
  const char		*inner, *inner_clean, *inner_argv0;
  http_uri_status_t	cstatus;
  paudit_uri_t		parts;
  paudit_error_t	error;


  for (i = 0; i < USERINFO_CASES; i ++)
  {
    nested = userinfoCase(i, uri, user, pass, &rawat, &sepenc);
    inner  = nested ? uri + 11 : uri;

    pauditErrorClear(&error);
    unitCheck(pauditURISplit(uri, &parts, &error) == PAUDIT_STATUS_OK, "%s: %s", uri, error.text);
    inner_clean = nested ? parts.clean + 11 : parts.clean;
    inner_argv0 = nested ? parts.sanitized + 11 : parts.sanitized;
    unitCheck(!nested || (!strncmp(parts.clean, uri, 11) && !strncmp(parts.sanitized, uri, 11)),
              "%s: prefix changed: clean \"%s\" argv[0] \"%s\"", uri, parts.clean, parts.sanitized);

    // The password is in neither, as written or percent-decoded.
    unitCheck(!strstr(percentDecode(parts.clean, cres, sizeof(cres)), pass) &&
              !strstr(percentDecode(parts.sanitized, cres, sizeof(cres)), pass),
              "%s: the password \"%s\" is in clean \"%s\" or argv[0] \"%s\"", uri, pass,
              parts.clean, parts.sanitized);

    if (!rawat)
    {
      // libcups reads the original as user:password ...
      cstatus = httpSeparateURI(HTTP_URI_CODING_ALL, inner, scheme, sizeof(scheme), cuser,
                                sizeof(cuser), chost, sizeof(chost), &port, cres, sizeof(cres));
      snprintf(expect, sizeof(expect), "%s:%s", user, pass);
      unitCheck(cstatus >= HTTP_URI_STATUS_OK && !strcmp(cuser, expect),
                "%s: libcups status %d user \"%s\", the test meant \"%s\"", inner, (int)cstatus,
                cuser, expect);

      // ... the clean URI as the user alone, the rest unchanged ...
      cstatus = httpSeparateURI(HTTP_URI_CODING_ALL, inner_clean, scheme2, sizeof(scheme2),
                                cuser2, sizeof(cuser2), chost2, sizeof(chost2), &port2, cres2,
                                sizeof(cres2));
      unitCheck(cstatus >= HTTP_URI_STATUS_OK && !strcmp(cuser2, user) &&
                !strcmp(scheme2, scheme) && !strcmp(chost2, chost) && port2 == port &&
                !strcmp(cres2, cres),
                "%s: clean \"%s\" reads as user \"%s\" host \"%s\" port %d \"%s\" (status %d); "
                "expected user \"%s\" host \"%s\" port %d \"%s\"", uri, parts.clean, cuser2,
                chost2, port2, cres2, (int)cstatus, user, chost, port, cres);
      unitCheck(!strstr(cuser2, pass) && !strchr(cuser2, ':'), "%s: clean user \"%s\"", uri, cuser2);

      // ... and argv[0] with no user at all.
      cstatus = httpSeparateURI(HTTP_URI_CODING_ALL, inner_argv0, scheme2, sizeof(scheme2),
                                cuser2, sizeof(cuser2), chost2, sizeof(chost2), &port2, cres2,
                                sizeof(cres2));
      unitCheck(cstatus >= HTTP_URI_STATUS_OK && !cuser2[0] && !strcmp(chost2, chost) &&
                port2 == port && !strcmp(cres2, cres),
                "%s: argv[0] \"%s\" reads as user \"%s\" host \"%s\" (status %d)", uri,
                parts.sanitized, cuser2, chost2, (int)cstatus);
      compared ++;
      encoded += sepenc;
      nests += nested;
    }
    pauditURIClear(&parts);
  }

  if (getenv("UNIT_VERBOSE"))
    fprintf(stderr, "userinfo: %d of %d compared with libcups, %d with %%3A, %d nested\n",
            compared, USERINFO_CASES, encoded, nests);
  ck_assert_msg(compared > USERINFO_CASES * 3 / 4, "only %d compared", compared);
  ck_assert_msg(encoded > compared / 2, "only %d with an encoded ':'", encoded);
  ck_assert_msg(nests > compared / 8, "only %d nested", nests);
}
END_TEST


static Suite *
diff_suite(void)
{
  Suite	*s = suite_create("diff_libcups");
  TCase	*tc = tcase_create("core");


  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_diff_options);
  tcase_add_loop_test(tc, test_diff_options_picked, 0, (int)UNIT_COUNT(picked));
  tcase_add_test(tc, test_diff_uri);
  tcase_add_test(tc, test_diff_uri_userinfo);
  suite_add_tcase(s, tc);

  return (s);
}


int
main(int  argc,				/* I - Number of arguments */
     char *argv[])			/* I - Corpus indexes to show */
{
  int	i;


  if (argc > 1)
  {
    for (i = 1; i < argc; i ++)
    {
      char		s[1024];
      cups_option_t	*cups = NULL;
      int		ncups, j;
      json_t		*ours;

      corpusString(atoi(argv[i]), s, sizeof(s));
      printf("#%s [%s]\n  libcups:", argv[i], s);
      ncups = cupsParseOptions(s, 0, &cups);
      for (j = 0; j < ncups; j ++)
        printf(" %s=\"%s\"", cups[j].name, cups[j].value);
      cupsFreeOptions(ncups, cups);
      ours = pauditOptionsNew(s, NULL);
      printf("\n  ours:    ");
      json_dumpf(ours, stdout, JSON_COMPACT);
      putchar('\n');
      json_decref(ours);
    }
    return (EXIT_SUCCESS);
  }

  return (unitRun(diff_suite()));
}
