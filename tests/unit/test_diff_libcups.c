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


static Suite *
diff_suite(void)
{
  Suite	*s = suite_create("diff_libcups");
  TCase	*tc = tcase_create("core");


  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_diff_options);
  tcase_add_loop_test(tc, test_diff_options_picked, 0, (int)UNIT_COUNT(picked));
  tcase_add_test(tc, test_diff_uri);
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
