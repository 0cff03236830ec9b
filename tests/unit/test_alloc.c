/*
 * printaudit unit tests: allocation failures (after jansson's test_chaos).
 *
 * Every allocation is counted: jansson's through json_set_alloc_funcs(),
 * the library's own malloc/calloc/realloc/strdup/strndup/free through the
 * linker's --wrap (see CMakeLists.txt).  For N = 1, 2, ... the Nth
 * allocation fails; each call must then return NULL (or an error) without
 * crashing or leaking, and a call that does return a result despite a
 * failure must return the complete result: no field is silently lost.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "unit.h"
#include <stdint.h>


/*
 * The counting allocator...
 */

void	*__real_malloc(size_t size);
void	*__real_calloc(size_t n, size_t size);
void	*__real_realloc(void *ptr, size_t size);
void	__real_free(void *ptr);
char	*__real_strdup(const char *s);
char	*__real_strndup(const char *s, size_t n);

void	*__wrap_malloc(size_t size);
void	*__wrap_calloc(size_t n, size_t size);
void	*__wrap_realloc(void *ptr, size_t size);
void	__wrap_free(void *ptr);
char	*__wrap_strdup(const char *s);
char	*__wrap_strndup(const char *s, size_t n);

#define LIVE_SIZE (1u << 20)		/* Live pointer table (power of two) */
#define TOMBSTONE ((void *)1)

static void	*live[LIVE_SIZE];	/* Open-addressed set of live blocks */
static size_t	live_count;		/* Blocks allocated and not freed */
static size_t	alloc_count;		/* Allocations since chaosArm() */
static size_t	fail_at;		/* Fail this allocation (1-based), 0 never */
static int	failed;			/* An allocation was made to fail */


static size_t
liveSlot(const void *ptr)
{
  uintptr_t	h = (uintptr_t)ptr;


  h ^= h >> 17;
  h *= (uintptr_t)0x9E3779B97F4A7C15ull;

  return ((size_t)(h >> 7) & (LIVE_SIZE - 1));
}


static void
liveAdd(void *ptr)
{
  size_t	i = liveSlot(ptr);


  while (live[i] && live[i] != TOMBSTONE)
    i = (i + 1) & (LIVE_SIZE - 1);
  live[i] = ptr;
  live_count ++;
}


static int				/* O - 1 if ptr was live */
liveRemove(void *ptr)
{
  size_t	i = liveSlot(ptr), n;


  for (n = 0; live[i] && n < LIVE_SIZE; n ++, i = (i + 1) & (LIVE_SIZE - 1))
    if (live[i] == ptr)
    {
      live[i] = TOMBSTONE;
      live_count --;
      return (1);
    }

  return (0);
}


static int				/* O - 1 to fail this allocation */
chaosFail(void)
{
  alloc_count ++;
  if (fail_at && alloc_count == fail_at)
  {
    failed = 1;
    return (1);
  }

  return (0);
}


void *
__wrap_malloc(size_t size)
{
  void	*ptr;


  if (chaosFail())
    return (NULL);
  if ((ptr = __real_malloc(size)) != NULL)
    liveAdd(ptr);

  return (ptr);
}


void *
__wrap_calloc(size_t n, size_t size)
{
  void	*ptr;


  if (chaosFail())
    return (NULL);
  if ((ptr = __real_calloc(n, size)) != NULL)
    liveAdd(ptr);

  return (ptr);
}


void *
__wrap_realloc(void *ptr, size_t size)
{
  void	*newptr;
  int	tracked;


  if (chaosFail())
    return (NULL);
  if ((newptr = __real_realloc(ptr, size)) != NULL || size == 0)
  {
    tracked = ptr ? liveRemove(ptr) : 1;
    if (newptr && tracked)
      liveAdd(newptr);
  }

  return (newptr);
}


void
__wrap_free(void *ptr)
{
  if (ptr)
    liveRemove(ptr);
  __real_free(ptr);
}


char *
__wrap_strdup(const char *s)
{
  char	*ptr;


  if (chaosFail())
    return (NULL);
  if ((ptr = __real_strdup(s)) != NULL)
    liveAdd(ptr);

  return (ptr);
}


char *
__wrap_strndup(const char *s, size_t n)
{
  char	*ptr;


  if (chaosFail())
    return (NULL);
  if ((ptr = __real_strndup(s, n)) != NULL)
    liveAdd(ptr);

  return (ptr);
}


static void *
chaosJSONMalloc(size_t size)
{
  return (__wrap_malloc(size));
}


static void
chaosJSONFree(void *ptr)
{
  __wrap_free(ptr);
}


static void
chaosArm(size_t n)			/* I - Allocation to fail, 0 none */
{
  alloc_count = 0;
  fail_at     = n;
  failed      = 0;
}


static void
chaosDisarm(void)			/* Stop failing; keep "failed" */
{
  fail_at = 0;
}


/*
 * The golden job...
 */

static char	*golden_options;	/* Options string */
static unit_job_t golden;		/* Job, with credentials in its URI */


static void
goldenSetup(void)
{
  golden_options = unitReadFile(unitDataPath("macos-textedit-socket.options"), NULL);
  unitJob(&golden, golden_options, NULL, NULL);
  unitJobURI(&golden, "ipp://user:secret@printer.example:8631/ipp/print");
  golden.job.printer_info     = "Brother HL-2270DW";
  golden.job.printer_location = "Room 101";
}


static void
goldenTeardown(void)
{
  free(golden_options);
  golden_options = NULL;
  unitJobFree(&golden);
}


/*
 * The chaos loops.  Each runs one call with the Nth allocation failing,
 * frees what it returned and checks that nothing is left.
 */

#define MAX_ALLOCS 1000000		/* Give up: the loop never ends */

typedef json_t *(*json_call_t)(json_t *truncated);


static json_t *
callOptions(json_t *truncated)
{
  return (pauditOptionsNew(golden_options, truncated));
}


static json_t *
callOptionsLong(json_t *truncated)
{
  // Long values (cut) and duplicates and typed arrays.
  static char	*s;


  if (!s)
  {
    size_t	i;

    s = __real_malloc(20000);
    ck_assert_ptr_nonnull(s);
    strcpy(s, "a=1 a=2 a=3 X..a.3..n.=4 X..a.0..n.=1 job-password=x k='");
    for (i = strlen(s); i < 19000; i ++)
      s[i] = (char)('a' + i % 26);
    strcpy(s + i, "' nocollate =e");
  }

  return (pauditOptionsNew(s, truncated));
}


static json_t *
callRecord(json_t *truncated)
{
  paudit_error_t	error;
  json_t		*record;


  (void)truncated;
  pauditErrorClear(&error);
  record = pauditRecordNew(&golden.job, &error);
  if (!record)
    unitCheck(error.text[0] != '\0', "NULL record without an error text");

  return (record);
}


static json_t *
callURIRecord(json_t *truncated)
{
  // The URI split and the record built from it, as the shim does both.
  paudit_error_t	error;
  paudit_uri_t		uri;
  paudit_job_t		job = golden.job;
  json_t		*record = NULL;


  (void)truncated;
  pauditErrorClear(&error);
  if (pauditURISplit("ipp://user:secret@printer.example:8631/ipp/print", &uri, &error) == PAUDIT_STATUS_OK)
  {
    job.uri = &uri;
    record  = pauditRecordNew(&job, &error);
    pauditURIClear(&uri);
  }
  if (!record)
    unitCheck(error.text[0] != '\0', "NULL record without an error text");

  return (record);
}


static void
chaosLoop(const char  *what,		/* I - Name */
          json_call_t call)		/* I - Call under test */
{
  json_t	*reference, *ref_truncated, *result, *truncated;
  size_t	n, before;


  // A run without failures gives the reference result.
  chaosArm(0);
  ref_truncated = json_array();
  reference     = (call)(ref_truncated);
  unitCheck(reference != NULL, "%s: NULL without failures", what);

  for (n = 1; n < MAX_ALLOCS; n ++)
  {
    before = live_count;

    truncated = json_array();
    unitCheck(truncated != NULL, "json_array");
    chaosArm(n);
    result = (call)(truncated);
    chaosDisarm();

    if (result)
    {
      char msg[64];

      snprintf(msg, sizeof(msg), "%s: result with allocation %zu failing", what, n);
      unitAssertJSON(result, reference, msg);
      unitAssertJSON(truncated, ref_truncated, msg);
    }
    json_decref(result);
    json_decref(truncated);

    unitCheck(live_count == before, "%s: %zu block(s) leaked with allocation %zu failing",
                  what, live_count - before, n);

    if (!failed)
      break;				// Every allocation succeeded: done
  }
  unitCheck(n < MAX_ALLOCS, "%s: never finished", what);
  unitCheck(n > 20, "%s: only %zu allocations: the allocator does not see them", what, n);
  if (getenv("UNIT_VERBOSE"))
    fprintf(stderr, "%s: %zu allocations failed in turn\n", what, n - 1);

  json_decref(reference);
  json_decref(ref_truncated);
}


START_TEST(test_chaos_options)
{
  chaosLoop("pauditOptionsNew", callOptions);
}
END_TEST


START_TEST(test_chaos_options_long)
{
  chaosLoop("pauditOptionsNew (long)", callOptionsLong);
}
END_TEST


START_TEST(test_chaos_record)
{
  chaosLoop("pauditRecordNew", callRecord);
}
END_TEST


START_TEST(test_chaos_uri_record)
{
  chaosLoop("pauditURISplit + pauditRecordNew", callURIRecord);
}
END_TEST


START_TEST(test_chaos_json)
{
  paudit_error_t	error;
  json_t		*record;
  char			*reference, *text;
  size_t		reflen = 0, len, n, before;


  pauditErrorClear(&error);
  record = pauditRecordNew(&golden.job, &error);
  ck_assert_ptr_nonnull(record);
  reference = pauditJSONNew(record, &reflen);
  ck_assert_ptr_nonnull(reference);

  for (n = 1; n < MAX_ALLOCS; n ++)
  {
    before = live_count;
    chaosArm(n);
    len  = 0;
    text = pauditJSONNew(record, &len);
    chaosDisarm();
    if (text)
    {
      unitCheck(len == reflen && !strcmp(text, reference),
                    "pauditJSONNew: different text with allocation %zu failing", n);
      free(text);
    }
    unitCheck(live_count == before, "pauditJSONNew: leak with allocation %zu failing", n);
    if (!failed)
      break;
  }
  ck_assert(n < MAX_ALLOCS);
  ck_assert_uint_gt(n, 1);
  if (getenv("UNIT_VERBOSE"))
    fprintf(stderr, "pauditJSONNew: %zu allocations failed in turn\n", n - 1);

  free(reference);
  json_decref(record);
}
END_TEST


static int
splitCount(const char *message, size_t len, void *data)
{
  (void)message;
  (void)len;
  (*(size_t *)data) ++;

  return (0);
}


START_TEST(test_chaos_split)
{
  paudit_error_t	error;
  json_t		*record, *copy;
  char			*text;
  size_t		len = 0, n, before, parts, ref_parts = 0;
  paudit_status_t	status;


  pauditErrorClear(&error);
  record = pauditRecordNew(&golden.job, &error);
  ck_assert_ptr_nonnull(record);
  copy = json_deep_copy(record);
  text = pauditJSONNew(record, &len);
  ck_assert_ptr_nonnull(text);
  ck_assert_int_eq(pauditRecordSplit(record, text, len, 900, splitCount, &ref_parts),
                   PAUDIT_STATUS_OK);
  ck_assert_uint_gt(ref_parts, 1);

  for (n = 1; n < MAX_ALLOCS; n ++)
  {
    before = live_count;
    parts  = 0;
    chaosArm(n);
    status = pauditRecordSplit(record, text, len, 900, splitCount, &parts);
    chaosDisarm();
    unitCheck(status == PAUDIT_STATUS_OK || status == PAUDIT_STATUS_NOMEM,
                  "pauditRecordSplit: status %d with allocation %zu failing", (int)status, n);
    if (status == PAUDIT_STATUS_OK)
      unitCheck(parts == ref_parts, "%zu parts, expected %zu", parts, ref_parts);
    unitAssertJSON(record, copy, "record restored after pauditRecordSplit");
    unitCheck(live_count == before, "pauditRecordSplit: leak with allocation %zu failing", n);
    if (!failed)
      break;
  }
  ck_assert(n < MAX_ALLOCS);
  ck_assert_uint_gt(n, 1);
  if (getenv("UNIT_VERBOSE"))
    fprintf(stderr, "pauditRecordSplit: %zu allocations failed in turn\n", n - 1);

  free(text);
  json_decref(copy);
  json_decref(record);
}
END_TEST


START_TEST(test_chaos_utf8)
{
  size_t	n, before, len = 0;
  char		*out;


  for (n = 1; n < 100; n ++)
  {
    before = live_count;
    chaosArm(n);
    out = pauditUTF8New("a\xFF" "b", 3, &len);
    chaosDisarm();
    if (out)
    {
      ck_assert_uint_eq(len, 5);
      ck_assert(!memcmp(out, "a\xEF\xBF\xBD" "b", 5));
      free(out);
    }
    unitCheck(live_count == before, "pauditUTF8New: leak with allocation %zu failing", n);
    if (!failed)
      break;
  }
  ck_assert_uint_gt(n, 1);
  ck_assert_uint_lt(n, 100);
}
END_TEST


START_TEST(test_chaos_string)
{
  size_t	n, before;
  char		*big = unitRepeat("x\xFF", "y", PAUDIT_MAX_VALUE, NULL);
  json_t	*truncated, *value;


  // A sanitized copy, the cut value and its key in truncated: each
  // allocation failing in turn is NULL and leaks nothing.
  for (n = 1; n < 100; n ++)
  {
    before    = live_count;
    truncated = json_array();
    ck_assert_ptr_nonnull(truncated);
    chaosArm(n);
    value = pauditStringNew(big, strlen(big), "job.title", truncated);
    chaosDisarm();
    if (value)
    {
      ck_assert_uint_eq(json_string_length(value), PAUDIT_MAX_VALUE);
      ck_assert_uint_eq(json_array_size(truncated), 1);
      json_decref(value);
    }
    json_decref(truncated);
    unitCheck(live_count == before, "pauditStringNew: leak with allocation %zu failing", n);
    if (!failed)
      break;
  }
  ck_assert_uint_gt(n, 2);
  ck_assert_uint_lt(n, 100);
  free(big);
}
END_TEST


START_TEST(test_chaos_counts)
{
  // The allocator sees the library's allocations: otherwise the loops
  // above would prove nothing.
  json_t	*options;


  chaosArm(0);
  options = pauditOptionsNew(golden_options, NULL);
  ck_assert_ptr_nonnull(options);
  ck_assert_uint_gt(alloc_count, 39);
  json_decref(options);

  chaosArm(1);
  options = pauditOptionsNew(golden_options, NULL);
  chaosDisarm();
  ck_assert_ptr_null(options);
}
END_TEST


static Suite *
alloc_suite(void)
{
  Suite	*s = suite_create("alloc");
  TCase	*tc = tcase_create("chaos");


  tcase_add_checked_fixture(tc, goldenSetup, goldenTeardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_chaos_counts);
  tcase_add_test(tc, test_chaos_utf8);
  tcase_add_test(tc, test_chaos_string);
  tcase_add_test(tc, test_chaos_options);
  tcase_add_test(tc, test_chaos_options_long);
  tcase_add_test(tc, test_chaos_record);
  tcase_add_test(tc, test_chaos_uri_record);
  tcase_add_test(tc, test_chaos_json);
  tcase_add_test(tc, test_chaos_split);
  suite_add_tcase(s, tc);

  return (s);
}


int
main(void)
{
  json_set_alloc_funcs(chaosJSONMalloc, chaosJSONFree);

  return (unitRun(alloc_suite()));
}
