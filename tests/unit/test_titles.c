/*
 * printaudit unit tests: LogTitles (lib/titles.c): titles kept, removed or
 * replaced by their HMAC-SHA-256 under the TitleKeyFile key, the key
 * file's checks, and the HMAC itself.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"
#include <sys/stat.h>
#include <unistd.h>


/*
 * HMAC-SHA-256: RFC 4231 test cases 1, 2, 6 and 7 (keys longer than a
 * block are hashed first), plus an empty message and one of many blocks
 * (both computed with Python's hmac module).
 */

static const struct
{
  const char	*key;			/* Key (hex) */
  const char	*data;			/* Message */
  const char	*mac;			/* Expected HMAC (hex) */
} hmac_cases[] =
{
  { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There",
    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
  { "4a656665", "what do ya want for nothing?",
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
  { "*", "Test Using Larger Than Block-Size Key - Hash Key First",
    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
  { "*", "This is a test using a larger than block-size key and a larger than "
    "block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
    "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
  { "4a656665", "",
    "923598ca6d64af2a5dba79dcd021a8a0fe5c5f557519adaaf0ad532d4506dd30" },
  { "3031323334353637383961626364656630313233343536373839616263646566", "x*1000",
    "ab84da1c2bb33518ab0627997b81b2e80eb35e393709afc5b86f6824a1b5d0b8" }
};


START_TEST(test_hmac)
{
  unsigned char	key[256];
  size_t	keylen = 0;
  const char	*k = hmac_cases[_i].key, *data = hmac_cases[_i].data;
  char		hex[65], *many = NULL;


  if (!strcmp(k, "*"))
  {
    memset(key, 0xaa, 131);
    keylen = 131;
  }
  else
    for (; k[0] && k[1]; k += 2)
      key[keylen ++] = (unsigned char)strtol((char[3]){ k[0], k[1], 0 }, NULL, 16);

  if (!strcmp(data, "x*1000"))
    data = many = unitRepeat(NULL, "x", 1000, NULL);
  pauditHMACSHA256(key, keylen, data, strlen(data), hex);
  ck_assert_str_eq(hex, hmac_cases[_i].mac);
  free(many);
}
END_TEST


/*
 * LogTitles.
 */

static char	tmpdir[256];		/* Private directory */


static void
setupDir(void)
{
  unitTempDir(tmpdir, sizeof(tmpdir), "titles");
}


static void
removeDir(void)
{
  unitTempDirRemove(tmpdir);
}


static const char *
writeFile(const char *name,		/* I - File name */
          const char *text,		/* I - Contents */
          mode_t     mode)		/* I - Mode */
{
  return (unitWriteFile(tmpdir, name, text, mode));
}


static json_t *
titledRecord(void)			/* O - A job.start-shaped record with every title field */
{
  return (unitParse("{\"event\":{\"action\":\"job.start\"},"
                    "\"job\":{\"id\":1,\"title\":\"Salary review.pdf\",\"document_name\":\"Salary review.pdf\"},"
                    "\"options\":{\"job-name\":\"Salary review.pdf\",\"document-name-supplied\":\"Salary review.pdf\","
                    "\"com.apple.print.JobInfo.PMJobName\":[\"Salary review.pdf\",\"x\"],"
                    "\"document-name\":\"Salary review.pdf\",\"media\":\"A4\"}}"));
}


START_TEST(test_titles_on)
{
  paudit_config_t	config;
  paudit_error_t	error;
  json_t		*record = titledRecord(), *expect = titledRecord();


  pauditConfigInit(&config);
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordTitles(record, &config, &error), PAUDIT_STATUS_OK);
  unitAssertJSON(record, expect, "LogTitles on");
  json_decref(record);
  json_decref(expect);
  pauditConfigClear(&config);
}
END_TEST


START_TEST(test_titles_off)
{
  paudit_config_t	config;
  paudit_error_t	error;
  json_t		*record = titledRecord();
  json_t		*expect = unitParse("{\"event\":{\"action\":\"job.start\"},"
                                    "\"job\":{\"id\":1,\"title\":null,\"document_name\":null},"
                                    "\"options\":{\"media\":\"A4\"}}");
  char			*text;


  pauditConfigInit(&config);
  config.titles = PAUDIT_TITLES_OFF;
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordTitles(record, &config, &error), PAUDIT_STATUS_OK);
  unitAssertJSON(record, expect, "LogTitles off");
  text = unitText(record);
  ck_assert_ptr_null(strstr(text, "Salary"));
  free(text);
  json_decref(record);
  json_decref(expect);
  pauditConfigClear(&config);
}
END_TEST


/*
 * read() is this program's (-Wl,--wrap): it can fail once with EIO after
 * a first short read, as a failing disk may.
 */

static int	read_fail_after = -1;	/* Reads before one EIO, -1 never */

ssize_t __real_read(int fd, void *buf, size_t count);
ssize_t __wrap_read(int fd, void *buf, size_t count);

ssize_t
__wrap_read(int    fd,			/* I - File */
            void   *buf,		/* O - Bytes */
            size_t count)		/* I - Bytes wanted */
{
  if (read_fail_after == 0)
  {
    read_fail_after = -1;
    errno           = EIO;
    return (-1);
  }
  if (read_fail_after > 0)
  {
    read_fail_after --;
    if (count > 16)
      count = 16;			// A short read first
  }

  return (__real_read(fd, buf, count));
}


START_TEST(test_titles_key_read_error)
{
  static const char	key[] = "0123456789abcdef0123456789abcdef";
  unsigned char		got[1025];
  size_t		gotlen = 99;
  paudit_error_t	error;


  if (geteuid() != 0)
    return;				// The key must be root's: run as root

  // A read error is an error, never the end of a (shorter) key.
  pauditErrorClear(&error);
  read_fail_after = 1;
  ck_assert_int_eq(pauditTitleKeyLoad(writeFile("key", key, 0600), got, sizeof(got),
                                      &gotlen, &error), PAUDIT_STATUS_IO);
  read_fail_after = -1;
  ck_assert_uint_eq(gotlen, 0);
  ck_assert_ptr_nonnull(strstr(error.text, "Input/output error"));

  pauditErrorClear(&error);
  ck_assert_int_eq(pauditTitleKeyLoad(writeFile("key", key, 0600), got, sizeof(got),
                                      &gotlen, &error), PAUDIT_STATUS_OK);
  ck_assert_uint_eq(gotlen, strlen(key));
}
END_TEST


START_TEST(test_titles_hash)
{
  static const char	key[] = "0123456789abcdef0123456789abcdef";
  paudit_config_t	config;
  paudit_error_t	error;
  json_t		*record = titledRecord(), *job, *opts;
  char			hex[65], *text;


  if (geteuid() != 0)
    return;				// The key must be root's: run as root

  pauditConfigInit(&config);
  config.titles    = PAUDIT_TITLES_HASH;
  config.title_key = strdup(writeFile("key", key, 0600));
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordTitles(record, &config, &error), PAUDIT_STATUS_OK);
  pauditHMACSHA256((const unsigned char *)key, strlen(key), "Salary review.pdf", 17, hex);
  job  = json_object_get(record, "job");
  opts = json_object_get(record, "options");
  ck_assert_str_eq(json_string_value(json_object_get(job, "title")), hex);
  ck_assert_str_eq(json_string_value(json_object_get(job, "document_name")), hex);
  ck_assert_str_eq(json_string_value(json_object_get(opts, "job-name")), hex);
  ck_assert_str_eq(json_string_value(json_object_get(opts, "document-name-supplied")), hex);
  ck_assert_str_eq(json_string_value(json_object_get(opts, "document-name")), hex);
  ck_assert_str_eq(json_string_value(json_array_get(json_object_get(opts, "com.apple.print.JobInfo.PMJobName"), 0)), hex);
  ck_assert_str_eq(json_string_value(json_object_get(opts, "media")), "A4");
  text = unitText(record);
  ck_assert_ptr_null(strstr(text, "Salary"));
  free(text);
  json_decref(record);

  // A key that others may read is refused, and the titles go (fail closed).
  ck_assert_int_eq(chmod(config.title_key, 0644), 0);
  record = titledRecord();
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordTitles(record, &config, &error), PAUDIT_STATUS_INSECURE);
  ck_assert_ptr_nonnull(strstr(error.text, "Refusing TitleKeyFile"));
  ck_assert(json_is_null(json_object_get(json_object_get(record, "job"), "title")));
  ck_assert_ptr_null(json_object_get(json_object_get(record, "options"), "job-name"));
  json_decref(record);

  // So is a key too short, and a missing one.
  writeFile("key", "short", 0600);
  record = titledRecord();
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordTitles(record, &config, &error), PAUDIT_STATUS_CONFIG);
  ck_assert(json_is_null(json_object_get(json_object_get(record, "job"), "title")));
  json_decref(record);
  unlink(config.title_key);
  record = titledRecord();
  pauditErrorClear(&error);
  ck_assert_int_eq(pauditRecordTitles(record, &config, &error), PAUDIT_STATUS_IO);
  ck_assert(json_is_null(json_object_get(json_object_get(record, "job"), "title")));
  json_decref(record);
  pauditConfigClear(&config);
}
END_TEST


static Suite *
titles_suite(void)
{
  Suite	*s = suite_create("titles");
  TCase	*tc = tcase_create("core");


  tcase_add_unchecked_fixture(tc, setupDir, removeDir);
  tcase_add_loop_test(tc, test_hmac, 0, (int)UNIT_COUNT(hmac_cases));
  tcase_add_test(tc, test_titles_on);
  tcase_add_test(tc, test_titles_off);
  tcase_add_test(tc, test_titles_hash);
  tcase_add_test(tc, test_titles_key_read_error);
  suite_add_tcase(s, tc);

  return (s);
}


int
main(void)
{
  return (unitRun(titles_suite()));
}
