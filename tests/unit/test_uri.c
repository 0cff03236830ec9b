/*
 * printaudit unit tests: device URIs (lib/uri.c).
 *
 * Run with arguments, the program prints how each URI is split:
 *   test_uri 'ipp://user:secret@host/ipp/print'
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"


typedef struct uri_case_s
{
  const char	*uri;			/* Device URI */
  const char	*clean;			/* Expected URI without password */
  const char	*scheme;		/* Expected scheme */
  const char	*host;			/* Expected host or NULL */
  int		port;			/* Expected port or -1 */
} uri_case_t;

static const uri_case_t uri_cases[] =
{
  { "socket://h:9100/", "socket://h:9100/", "socket", "h", 9100 },
  { "socket://h/", "socket://h/", "socket", "h", 9100 },
  { "socket://h", "socket://h", "socket", "h", 9100 },
  { "socket://10.0.0.5:9100", "socket://10.0.0.5:9100", "socket", "10.0.0.5", 9100 },
  { "socket://BRN30055C300D7A.local.:9100/", "socket://BRN30055C300D7A.local.:9100/",
    "socket", "BRN30055C300D7A.local.", 9100 },
  { "socket://h:9101/?waiteof=false", "socket://h:9101/?waiteof=false", "socket", "h", 9101 },
  { "ipp://h/ipp/print", "ipp://h/ipp/print", "ipp", "h", 631 },
  { "ipp://h:8631/ipp/print", "ipp://h:8631/ipp/print", "ipp", "h", 8631 },
  { "ipps://h/ipp/print", "ipps://h/ipp/print", "ipps", "h", 631 },
  { "http://h/printers/q", "http://h/printers/q", "http", "h", 80 },
  { "https://h/printers/q", "https://h/printers/q", "https", "h", 443 },
  { "lpd://host/queue", "lpd://host/queue", "lpd", "host", 515 },
  { "lpd://host", "lpd://host", "lpd", "host", 515 },
  { "lpd://host:1515/queue?reserve=none", "lpd://host:1515/queue?reserve=none", "lpd", "host", 1515 },
  { "usb://Brother/HL-2270DW?serial=X", "usb://Brother/HL-2270DW?serial=X", "usb", "Brother", -1 },
  { "smb://workgroup/server/printer", "smb://workgroup/server/printer", "smb", "workgroup", -1 },
  { "a+b.c-d://h/", "a+b.c-d://h/", "a+b.c-d", "h", -1 },

  // Credentials are removed, the user is kept
  { "ipp://user:secret@h/ipp/print", "ipp://user@h/ipp/print", "ipp", "h", 631 },
  { "ipp://user@h/ipp/print", "ipp://user@h/ipp/print", "ipp", "h", 631 },
  { "ipps://u:p%40ss@h:443/x", "ipps://u@h:443/x", "ipps", "h", 443 },
  { "smb://user:secret@workgroup/server/printer", "smb://user@workgroup/server/printer",
    "smb", "workgroup", -1 },
  { "ipp://alice:s3cr3t@[::1]:8631/printers/q", "ipp://alice@[::1]:8631/printers/q",
    "ipp", "::1", 8631 },

  // libcups decodes the userinfo before the backend splits it at ':'
  { "ipp://alice%3AS3cret@h/", "ipp://alice@h/", "ipp", "h", 631 },
  { "ipp://alice%3aS3cret@h/", "ipp://alice@h/", "ipp", "h", 631 },
  { "ipps://al%69ce%3AS3c%3Aret@h:443/x", "ipps://al%69ce@h:443/x", "ipps", "h", 443 },
  { "ipp://alice%40corp:S3cret@h/", "ipp://alice%40corp@h/", "ipp", "h", 631 },
  { "ipp://%3AS3cret@h/", "ipp://h/", "ipp", "h", 631 },
  { "ipp://alice%253AS3cret@h/", "ipp://alice%253AS3cret@h/", "ipp", "h", 631 },	// "%3A" for libcups
  { "ipp://alice%3@h/", "ipp://alice%3@h/", "ipp", "h", 631 },
  { "ipp:alice:S3cret@h/", "ipp:alice@h/", "ipp", NULL, -1 },	// cupsd's reading

  // Nested URIs: every //userinfo@ loses its password
  { "beh:/1/3/5/ipp://alice:S3cret@h/q", "beh:/1/3/5/ipp://alice@h/q", "beh", NULL, -1 },
  { "beh:/1/3/5/ipp://alice%3AS3cret@h/q", "beh:/1/3/5/ipp://alice@h/q", "beh", NULL, -1 },
  { "beh:/1/3/5/socket://h:9100", "beh:/1/3/5/socket://h:9100", "beh", NULL, -1 },
  { "ipp://bob:pw1@h/p?next=ipp://alice:S3cret@g/q", "ipp://bob@h/p?next=ipp://alice@g/q",
    "ipp", "h", 631 },
  { "ipp://h/p?u=http:///alice:S3cret@g", "ipp://h/p?u=http:///alice@g", "ipp", "h", 631 },
  { "lpd://:p@/x:y@h/q", "lpd:///x@h/q", "lpd", NULL, 515 },	// nor a password field

  // IPv6 literals
  { "ipp://[::1]/ipp/print", "ipp://[::1]/ipp/print", "ipp", "::1", 631 },
  { "ipp://[::1]:631/ipp/print", "ipp://[::1]:631/ipp/print", "ipp", "::1", 631 },
  { "socket://[2001:db8::5]:9100", "socket://[2001:db8::5]:9100", "socket", "2001:db8::5", 9100 },
  { "socket://[fe80::1%25eth0]:9100/", "socket://[fe80::1%25eth0]:9100/", "socket", "fe80::1%eth0", 9100 },

  // Port 0 is a bad port for libcups (httpSeparateURI gives 0), and the
  // socket backend then uses 9100: the default, as for any bad port.
  { "socket://h:0/", "socket://h:0/", "socket", "h", 9100 },
  { "socket://h:99999/", "socket://h:99999/", "socket", "h", 9100 },
  { "foo://h:0/", "foo://h:0/", "foo", "h", -1 },

  // Percent-decoded host
  { "socket://my%2Dhost:9100/", "socket://my%2Dhost:9100/", "socket", "my-host", 9100 },
  { "dnssd://Foo%20Bar._ipp._tcp.local./?uuid=1234", "dnssd://Foo%20Bar._ipp._tcp.local./?uuid=1234",
    "dnssd", "Foo Bar._ipp._tcp.local.", -1 },

  // No authority: no host
  { "serial:/dev/ttyS0?baud=115200", "serial:/dev/ttyS0?baud=115200", "serial", NULL, -1 },
};


START_TEST(test_uri_split)
{
  const uri_case_t	*c = uri_cases + _i;
  paudit_uri_t		parts;
  paudit_error_t	error;
  paudit_status_t	status;


  pauditErrorClear(&error);
  memset(&parts, 0x5A, sizeof(parts));
  status = pauditURISplit(c->uri, &parts, &error);
  ck_assert_msg(status == PAUDIT_STATUS_OK, "%s: status %d (%s)", c->uri,
                (int)status, error.text);
  ck_assert_msg(parts.clean && !strcmp(parts.clean, c->clean),
                "%s: clean \"%s\", expected \"%s\"", c->uri,
                parts.clean ? parts.clean : "(null)", c->clean);
  ck_assert_msg(!strcmp(parts.scheme, c->scheme), "%s: scheme \"%s\"", c->uri,
                parts.scheme);
  if (c->host)
    ck_assert_msg(parts.host && !strcmp(parts.host, c->host),
                  "%s: host \"%s\", expected \"%s\"", c->uri,
                  parts.host ? parts.host : "(null)", c->host);
  else
    ck_assert_msg(!parts.host, "%s: host \"%s\", expected none", c->uri, parts.host);
  ck_assert_msg(parts.port == c->port, "%s: port %d, expected %d", c->uri,
                parts.port, c->port);
  pauditURIClear(&parts);
}
END_TEST


/*
 * No part of a password survives anywhere in the split URI.
 */

typedef struct secret_case_s
{
  const char	*uri;			/* URI with a password */
  const char	*secret;		/* Text that must not appear */
} secret_case_t;

static const secret_case_t secret_cases[] =
{
  { "ipp://user:secret@h/ipp/print", "secret" },
  { "ipp://:secret@h/", "secret" },
  { "ipps://u:p%40ss@h/x", "p%40ss" },
  { "http://user:pa:ss@h/", "pa:ss" },
  { "ipp://user:secret@[::1]/", "secret" },
  { "lpd://u:secret@host/queue", "secret" },
  { "socket://u:secret@h:9100", "secret" },
  { "ipp://user:sec?ret@printer/ipp/print", "sec?ret" },	// '?' and '#' do not end
  { "smb://us#er:Winter2024@server/printer", "Winter2024" },	// userinfo for libcups
  { "ipp://u:p@ss@host/x", "p@ss" },			// an unescaped '@'
  { "ipp://alice%3AS3cret@h/", "S3cret" },		// an encoded ':'
  { "ipp://alice%3aS3cret@h/", "S3cret" },
  { "ipp://alice%3AS3c%40ret@h/", "S3c" },
  { "ipp://alice%3AS3c@ret@h/", "S3c" },
  { "beh:/1/3/5/ipp://alice:S3cret@h/q", "S3cret" },	// nested
  { "beh:/1/3/5/ipps://alice%3AS3cret@h/q", "S3cret" },
  { "beh:/0/5/0/beh:/1/3/5/ipp://alice:S3cret@h/q", "S3cret" },
  { "ipp://h/q?next=lpd://alice:S3cret@g/", "S3cret" },
};

START_TEST(test_uri_secret_absent)
{
  const secret_case_t	*c = secret_cases + _i;
  paudit_uri_t		parts;
  paudit_error_t	error;


  pauditErrorClear(&error);
  ck_assert_int_eq(pauditURISplit(c->uri, &parts, &error), PAUDIT_STATUS_OK);
  ck_assert_msg(!strstr(parts.clean, c->secret), "%s: clean \"%s\"", c->uri,
                parts.clean);
  ck_assert_msg(!parts.host || !strstr(parts.host, c->secret), "%s: host \"%s\"",
                c->uri, parts.host);
  ck_assert_msg(!strstr(error.text, c->secret), "%s: error \"%s\"", c->uri,
                error.text);
  ck_assert_msg(!strstr(parts.sanitized, c->secret), "%s: sanitized \"%s\"", c->uri,
                parts.sanitized);
  pauditURIClear(&parts);
}
END_TEST


/*
 * argv[0] for the real backend: no userinfo at all.
 */

typedef struct argv0_case_s
{
  const char	*uri;			/* Device URI */
  const char	*sanitized;		/* Expected argv[0] */
} argv0_case_t;

static const argv0_case_t argv0_cases[] =
{
  { "socket://h:9100/", "socket://h:9100/" },
  { "ipp://user:secret@h/ipp/print", "ipp://h/ipp/print" },
  { "ipp://user@h/ipp/print", "ipp://h/ipp/print" },
  { "ipp://alice%3AS3cret@h/", "ipp://h/" },
  { "ipp://u:p@ss@h/x", "ipp://h/x" },
  { "ipp:alice:S3cret@h/", "ipp:h/" },			// cupsd skips any slashes
  { "usb://Brother/HL-2270DW?serial=X", "usb://Brother/HL-2270DW?serial=X" },
  { "file:/tmp/x@y", "file:/tmp/x@y" },
  { "beh:/1/3/5/ipp://alice:S3cret@h/q", "beh:/1/3/5/ipp://h/q" },
  { "beh:/1/3/5/ipp://alice@h/q", "beh:/1/3/5/ipp://h/q" },
  { "ipp://bob:pw1@h/p?next=ipp://alice:S3cret@g/q", "ipp://h/p?next=ipp://g/q" },
  { "lpd://u:p@/x:y@h/q", "lpd:///h/q" },		// no userinfo appears by removal
};

START_TEST(test_uri_argv0)
{
  const argv0_case_t	*c = argv0_cases + _i;
  paudit_uri_t		parts;
  paudit_error_t	error;


  pauditErrorClear(&error);
  ck_assert_int_eq(pauditURISplit(c->uri, &parts, &error), PAUDIT_STATUS_OK);
  ck_assert_msg(!strcmp(parts.sanitized, c->sanitized), "%s: argv[0] \"%s\", expected \"%s\"",
                c->uri, parts.sanitized, c->sanitized);
  pauditURIClear(&parts);
}
END_TEST


START_TEST(test_uri_empty_user)
{
  // ipp://:secret@h/ has an empty user: no password and no stray ':'.
  paudit_uri_t		parts;
  paudit_error_t	error;


  pauditErrorClear(&error);
  ck_assert_int_eq(pauditURISplit("ipp://:secret@h/ipp/print", &parts, &error),
                   PAUDIT_STATUS_OK);
  ck_assert_msg(!strcmp(parts.clean, "ipp://h/ipp/print") ||
                !strcmp(parts.clean, "ipp://@h/ipp/print"),
                "clean \"%s\"", parts.clean);
  ck_assert_str_eq(parts.host, "h");
  ck_assert_int_eq(parts.port, 631);
  pauditURIClear(&parts);
}
END_TEST


START_TEST(test_uri_at_in_password)
{
  // A raw '@' in the password: either refused, or nothing of it kept.
  static const char	uri[] = "ipp://user:p@ss@h/ipp/print";
  paudit_uri_t		parts;
  paudit_error_t	error;
  paudit_status_t	status;


  pauditErrorClear(&error);
  status = pauditURISplit(uri, &parts, &error);
  if (status == PAUDIT_STATUS_INVALID)
  {
    ck_assert_msg(!strstr(error.text, "p@ss"), "error \"%s\"", error.text);
    return;
  }
  ck_assert_int_eq(status, PAUDIT_STATUS_OK);
  ck_assert_msg(!strstr(parts.clean, ":p") && !strstr(parts.clean, "ss@"),
                "clean \"%s\" keeps part of the password", parts.clean);
  ck_assert_msg(!parts.host || !strstr(parts.host, "ss"), "host \"%s\"", parts.host);
  pauditURIClear(&parts);
}
END_TEST


/*
 * Schemes outside [A-Za-z][A-Za-z0-9+.-]{0,62} are refused.
 */

#define S60 "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij"

static const char * const invalid_cases[] =
{
  "",
  "://h/",
  ":",
  "1ipp://h/",
  "9://h/",
  "-ipp://h/",
  "+ipp://h/",
  ".ipp://h/",
  "..://h/",
  "../../bin/sh://h/",
  "../x:y",
  "a/b://h/",
  "/usr/lib/cups/backend/ipp://h/",
  "ip p://h/",
  "ip_p://h/",
  "ipp%3A://h/",
  "ipp\x01://h/",
  "ipp\xC3\xA9://h/",
  "socket",
  "socket//h:9100",
  "/dev/usb/lp0",
  S60 "abcd://h/",		// 64 characters
  S60 "abcdefghij://h/",	// 70 characters
};

START_TEST(test_uri_invalid)
{
  const char		*uri = invalid_cases[_i];
  paudit_uri_t		parts;
  paudit_error_t	error;
  paudit_status_t	status;


  pauditErrorClear(&error);
  status = pauditURISplit(uri, &parts, &error);
  ck_assert_msg(status == PAUDIT_STATUS_INVALID, "\"%s\": status %d, expected INVALID",
                uri, (int)status);
  ck_assert_msg(error.text[0] != '\0', "\"%s\": no error text", uri);
}
END_TEST


START_TEST(test_uri_scheme_length)
{
  paudit_uri_t		parts;
  paudit_error_t	error;


  pauditErrorClear(&error);
  ck_assert_int_eq(pauditURISplit(S60 "abc://h/", &parts, &error), PAUDIT_STATUS_OK);
  ck_assert_uint_eq(strlen(parts.scheme), 63);
  ck_assert_str_eq(parts.scheme, S60 "abc");
  ck_assert_int_eq(parts.port, -1);
  pauditURIClear(&parts);
}
END_TEST


START_TEST(test_uri_null_error)
{
  // The error argument may be NULL.
  paudit_uri_t	parts;


  ck_assert_int_eq(pauditURISplit("1bad://h/", &parts, NULL), PAUDIT_STATUS_INVALID);
  ck_assert_int_eq(pauditURISplit("ipp://h/", &parts, NULL), PAUDIT_STATUS_OK);
  pauditURIClear(&parts);
}
END_TEST


START_TEST(test_uri_first_error_wins)
{
  paudit_error_t	error;
  paudit_uri_t		parts;
  char			first[sizeof(error.text)];


  pauditErrorClear(&error);
  ck_assert_int_eq(pauditURISplit("1bad://h/", &parts, &error), PAUDIT_STATUS_INVALID);
  strcpy(first, error.text);
  ck_assert_int_eq(pauditURISplit("", &parts, &error), PAUDIT_STATUS_INVALID);
  ck_assert_str_eq(error.text, first);

  pauditErrorClear(&error);
  ck_assert_str_eq(error.text, "");
  ck_assert_int_eq(error.line, 0);
}
END_TEST


/*
 * The records (printaudit and ECS: printer.uri, url.original, message)
 * keep the user name and never the password.
 */

typedef struct record_case_s
{
  const char	*uri;			/* Device URI */
  const char	*clean;			/* Expected printer.uri and url.original */
} record_case_t;

static const record_case_t record_cases[] =
{
  { "ipp://alice%3AS3cret@h/ipp/print", "ipp://alice@h/ipp/print" },
  { "beh:/1/3/5/ipp://alice:S3cret@h/q", "beh:/1/3/5/ipp://alice@h/q" },
  { "beh:/1/3/5/ipps://alice%3aS3cret@h/q", "beh:/1/3/5/ipps://alice@h/q" },
};

START_TEST(test_uri_records)
{
  const record_case_t	*c = record_cases + _i;
  unit_job_t		t;
  paudit_error_t	error;
  json_t		*record, *ecs;
  char			*text, *ecstext;
  size_t		len;


  // Only the URI matters: the rest is the golden job's.
  unitJob(&t, "media=A4", "title", NULL);
  unitJobURI(&t, c->uri);
  t.job.printer = "q";
  pauditErrorClear(&error);
  record = pauditRecordNew(&t.job, &error);
  unitJobFree(&t);
  ck_assert_msg(record != NULL, "%s: %s", c->uri, error.text);
  ecs = pauditRecordECSNew(record);
  ck_assert_ptr_nonnull(ecs);
  text    = pauditJSONNew(record, &len);
  ecstext = pauditJSONNew(ecs, &len);
  ck_assert_ptr_nonnull(text);
  ck_assert_ptr_nonnull(ecstext);

  ck_assert_msg(!strstr(text, "S3cret") && !strstr(ecstext, "S3cret"),
                "%s: the password is in %s or %s", c->uri, text, ecstext);
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(record, "printer"), "uri")),
                   c->clean);
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(ecs, "url"), "original")),
                   c->clean);
  ck_assert_msg(strstr(json_string_value(json_object_get(ecs, "message")), c->clean) != NULL,
                "%s: message \"%s\"", c->uri, json_string_value(json_object_get(ecs, "message")));

  free(text);
  free(ecstext);
  json_decref(ecs);
  json_decref(record);
}
END_TEST


static Suite *
uri_suite(void)
{
  Suite	*s = suite_create("uri");
  TCase	*tc = tcase_create("core");


  tcase_add_loop_test(tc, test_uri_split, 0, (int)UNIT_COUNT(uri_cases));
  tcase_add_loop_test(tc, test_uri_secret_absent, 0, (int)UNIT_COUNT(secret_cases));
  tcase_add_loop_test(tc, test_uri_argv0, 0, (int)UNIT_COUNT(argv0_cases));
  tcase_add_loop_test(tc, test_uri_records, 0, (int)UNIT_COUNT(record_cases));
  tcase_add_test(tc, test_uri_empty_user);
  tcase_add_test(tc, test_uri_at_in_password);
  tcase_add_loop_test(tc, test_uri_invalid, 0, (int)UNIT_COUNT(invalid_cases));
  tcase_add_test(tc, test_uri_scheme_length);
  tcase_add_test(tc, test_uri_null_error);
  tcase_add_test(tc, test_uri_first_error_wins);
  suite_add_tcase(s, tc);

  return (s);
}


int
main(int  argc,				/* I - Number of arguments */
     char *argv[])			/* I - URIs to show */
{
  int	i;


  if (argc > 1)
  {
    for (i = 1; i < argc; i ++)
    {
      paudit_uri_t	parts;
      paudit_error_t	error;

      pauditErrorClear(&error);
      if (pauditURISplit(argv[i], &parts, &error) != PAUDIT_STATUS_OK)
      {
        printf("%s: %s\n", argv[i], error.text);
        continue;
      }
      printf("clean=%s argv0=%s scheme=%s host=%s port=%d\n", parts.clean, parts.sanitized,
             parts.scheme, parts.host ? parts.host : "(none)", parts.port);
      pauditURIClear(&parts);
    }
    return (EXIT_SUCCESS);
  }

  return (unitRun(uri_suite()));
}
