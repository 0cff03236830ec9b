/*
 * printaudit unit tests: helpers shared by the suites.
 *
 * Everything here is static so each suite stays one self-contained
 * program; a suite includes this file once.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef PRINTAUDIT_UNIT_H
#  define PRINTAUDIT_UNIT_H
#  include "printaudit-private.h"
#  include <check.h>
#  include <errno.h>
#  include <ftw.h>
#  include <stdio.h>
#  include <stdlib.h>
#  include <string.h>
#  include <sys/stat.h>
#  include <unistd.h>

#  define UNIT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Like ck_assert_msg() without Check's per-assertion bookkeeping (a
 * message to the parent per call): for loops over bytes and corpora. */
#  define unitCheck(cond, ...) \
  do { if (!(cond)) ck_abort_msg(__VA_ARGS__); } while (0)


/*
 * 'unitDataPath()' - Path of a file in tests/data.
 *
 * The directory comes from $PRINTAUDIT_TEST_DATA (set by ctest).
 * O - Static buffer, valid until the next call.
 */

static inline const char *
unitDataPath(const char *name)		/* I - File name */
{
  static char	path[4096];
  const char	*dir = getenv("PRINTAUDIT_TEST_DATA");
  int		n;


  ck_assert_msg(dir != NULL && *dir, "PRINTAUDIT_TEST_DATA is not set");
  n = snprintf(path, sizeof(path), "%s/%s", dir, name);
  ck_assert_msg(n > 0 && (size_t)n < sizeof(path), "data path too long");

  return (path);
}


/*
 * 'unitReadFile()' - Read a whole file.
 *
 * O - New nul-terminated buffer (free() it), *len bytes.
 */

static inline char *
unitReadFile(const char *path,		/* I - File */
             size_t     *len)		/* O - Bytes read */
{
  FILE		*fp;
  char		*data;
  long		size;
  size_t	got;


  fp = fopen(path, "rb");
  ck_assert_msg(fp != NULL, "cannot open %s: %s", path, strerror(errno));
  ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
  size = ftell(fp);
  ck_assert_int_ge(size, 0);
  ck_assert_int_eq(fseek(fp, 0, SEEK_SET), 0);
  data = malloc((size_t)size + 1);
  ck_assert_ptr_nonnull(data);
  got = fread(data, 1, (size_t)size, fp);
  ck_assert_msg(got == (size_t)size, "short read on %s", path);
  fclose(fp);
  data[size] = '\0';
  if (len)
    *len = (size_t)size;

  return (data);
}


/*
 * 'unitLoadJSON()' - Parse a JSON file from tests/data.
 *
 * O - New reference.
 */

static inline json_t *
unitLoadJSON(const char *name)		/* I - File name in tests/data */
{
  json_error_t	jerr;
  json_t	*value;
  const char	*path = unitDataPath(name);


  value = json_load_file(path, 0, &jerr);
  ck_assert_msg(value != NULL, "%s:%d: %s", path, jerr.line, jerr.text);

  return (value);
}


/*
 * 'unitParse()' - Parse JSON text from a table (NUL allowed as \u0000).
 *
 * O - New reference.
 */

static inline json_t *
unitParse(const char *text)		/* I - JSON text */
{
  json_error_t	jerr;
  json_t	*value = json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);


  ck_assert_msg(value != NULL, "bad JSON in test table: %s: %s", text,
                jerr.text);

  return (value);
}


/*
 * 'unitText()' - Sorted compact text of a value for failure messages.
 *
 * Long texts are shortened: a Check message must stay small.
 * O - New string; free() it.
 */

static inline char *
unitText(const json_t *value)		/* I - Value or NULL */
{
  char	*text;


  if (!value)
    return (strdup("(null)"));

  text = json_dumps(value, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
  if (text && strlen(text) > 1500)
    memcpy(text + 1490, "...(cut)", 9);

  return (text ? text : strdup("(dump failed)"));
}


/*
 * 'unitAssertJSON()' - Fail with both texts when two values differ.
 */

#  define unitAssertJSON(actual, expected, what) \
  unitAssertJSONAt((actual), (expected), (what), __FILE__, __LINE__)

static inline void
unitAssertJSONAt(const json_t *actual,	/* I - Value under test */
                 const json_t *expected,/* I - Expected value */
                 const char   *what,	/* I - Case description */
                 const char   *file,	/* I - Source file */
                 int          line)	/* I - Source line */
{
  char	*a, *e;


  if (actual && expected && json_equal(actual, expected))
    return;

  a = unitText(actual);
  e = unitText(expected);
  ck_abort_msg("%s:%d: %s\n  actual:   %s\n  expected: %s", file, line,
               what, a, e);
  free(a);
  free(e);
}


/*
 * 'unitRepeat()' - A string of count copies of unit.
 *
 * O - New string; free() it.
 */

static inline char *
unitRepeat(const char *prefix,		/* I - Text before, or NULL */
           const char *unit,		/* I - Repeated text */
           size_t     count,		/* I - Copies */
           const char *suffix)		/* I - Text after, or NULL */
{
  size_t	plen = prefix ? strlen(prefix) : 0,
		ulen = strlen(unit),
		slen = suffix ? strlen(suffix) : 0;
  char		*s = malloc(plen + ulen * count + slen + 1), *p;


  ck_assert_ptr_nonnull(s);
  p = s;
  if (plen)
  {
    memcpy(p, prefix, plen);
    p += plen;
  }
  for (; count > 0; count --, p += ulen)
    memcpy(p, unit, ulen);
  if (slen)
  {
    memcpy(p, suffix, slen);
    p += slen;
  }
  *p = '\0';

  return (s);
}


/*
 * 'unitAssertSame()' - Fail with the first difference of two long texts.
 */

#  define unitAssertSame(actual, expected) \
  unitAssertSameAt((actual), (expected), __FILE__, __LINE__)

static inline void
unitAssertSameAt(const char *actual,	/* I - Text under test */
                 const char *expected,	/* I - Expected text */
                 const char *file,	/* I - Source file */
                 int        line)	/* I - Source line */
{
  size_t	i;


  ck_assert_ptr_nonnull(actual);
  for (i = 0; actual[i] && actual[i] == expected[i]; i ++);
  ck_assert_msg(actual[i] == expected[i], "%s:%d: texts differ at byte %zu:\n"
                "  actual:   ...%.60s\n  expected: ...%.60s", file, line, i,
                actual + (i > 20 ? i - 20 : 0), expected + (i > 20 ? i - 20 : 0));
}


/*
 * 'unitReplaceOnce()' - A copy of s with the first "from" replaced by "to".
 *
 * O - New string (free() it), NULL if no "from".
 */

static inline char *
unitReplaceOnce(const char *s,		/* I - Text */
                const char *from,	/* I - Text to replace */
                const char *to)		/* I - Replacement */
{
  const char	*at = strstr(s, from);
  char		*out;
  size_t	head, flen = strlen(from), tlen = strlen(to);


  if (!at || (out = malloc(strlen(s) - flen + tlen + 1)) == NULL)
    return (NULL);

  head = (size_t)(at - s);
  memcpy(out, s, head);
  memcpy(out + head, to, tlen);
  strcpy(out + head + tlen, at + flen);

  return (out);
}


/*
 * 'unitLoadRecord()' - A record from tests/data, and its compact text.
 *
 * O - New reference.
 */

static inline json_t *
unitLoadRecord(const char *name,	/* I - File in tests/data */
               char       **text,	/* O - Compact text; free() it */
               size_t     *len)		/* O - Length */
{
  json_t	*record = unitLoadJSON(name);


  *text = pauditJSONNew(record, len);
  ck_assert_ptr_nonnull(*text);

  return (record);
}


/*
 * In-memory output...
 */

typedef struct unit_memout_s		/* An in-memory FILE */
{
  FILE		*fp;			/* Stream */
  char		*data;			/* Text, after unitMemoutText() */
  size_t	len;			/* Length */
} unit_memout_t;


/*
 * 'unitMemoutOpen()' - Open an in-memory output.
 */

static inline void
unitMemoutOpen(unit_memout_t *m)	/* O - Stream */
{
  memset(m, 0, sizeof(unit_memout_t));
  m->fp = open_memstream(&m->data, &m->len);
  ck_assert_ptr_nonnull(m->fp);
}


/*
 * 'unitMemoutText()' - Close the stream and return what was written.
 *
 * O - Text (owned by m).
 */

static inline char *
unitMemoutText(unit_memout_t *m)	/* I - Stream */
{
  ck_assert_int_eq(fclose(m->fp), 0);
  m->fp = NULL;

  return (m->data);
}


/*
 * 'unitMemoutFree()' - Free an in-memory output.
 */

static inline void
unitMemoutFree(unit_memout_t *m)	/* I - Stream */
{
  if (m->fp)
    fclose(m->fp);
  free(m->data);
}


/*
 * 'unitRun()' - Run one suite; the exit status for main().
 */

static inline int
unitRun(Suite *suite)			/* I - Suite to run */
{
  SRunner	*runner = srunner_create(suite);
  int		failed;


  srunner_run_all(runner, CK_ENV);	// CK_VERBOSITY, default normal
  failed = srunner_ntests_failed(runner);
  srunner_free(runner);

  return (failed ? EXIT_FAILURE : EXIT_SUCCESS);
}


/*
 * Parts of a split record, as pauditRecordSplit() hands them out.
 */

typedef struct unit_parts_s		/* Collected parts */
{
  char		**msgs;			/* Messages (nul-terminated) */
  size_t	*lens,			/* Their lengths */
		count,			/* Number of messages */
		alloc,			/* Allocated */
		fail_at;		/* Fail on this part (1-based), 0 never */
} unit_parts_t;


/*
 * 'unitPartsCollect()' - Keep one part (paudit_part_cb_t; data is a
 *                        unit_parts_t).
 */

static inline int			/* O - 0 to go on, -1 at fail_at */
unitPartsCollect(const char *message,	/* I - Part */
                 size_t     len,	/* I - Length */
                 void       *data)	/* I - unit_parts_t */
{
  unit_parts_t	*parts = (unit_parts_t *)data;


  if (parts->fail_at && parts->count + 1 == parts->fail_at)
    return (-1);

  if (parts->count == parts->alloc)
  {
    parts->alloc = parts->alloc ? 2 * parts->alloc : 16;
    ck_assert_ptr_nonnull((parts->msgs = realloc(parts->msgs, parts->alloc * sizeof(char *))));
    ck_assert_ptr_nonnull((parts->lens = realloc(parts->lens, parts->alloc * sizeof(size_t))));
  }
  ck_assert_ptr_nonnull((parts->msgs[parts->count] = malloc(len + 1)));
  memcpy(parts->msgs[parts->count], message, len);
  parts->msgs[parts->count][len] = '\0';
  ck_assert_msg(strlen(parts->msgs[parts->count]) == len, "NUL inside part");
  parts->lens[parts->count] = len;
  parts->count ++;

  return (0);
}


/*
 * 'unitPartsFree()' - Free collected parts (and reset them).
 */

static inline void
unitPartsFree(unit_parts_t *parts)	/* I - Parts */
{
  size_t	i;


  for (i = 0; i < parts->count; i ++)
    free(parts->msgs[i]);
  free(parts->msgs);
  free(parts->lens);
  memset(parts, 0, sizeof(*parts));
}


/*
 * Jobs...
 */

#  define UNIT_GOLDEN_URI	"socket://BRN30055C300D7A.local.:9100/"
#  define UNIT_GOLDEN_PRINTER	"Brother_HL_2270DW_series"
#  define UNIT_GOLDEN_ID	"9f1c2b7e0d4a4e1f8a3b5c6d7e8f9a0b"
#  define UNIT_GOLDEN_SEC	1795383900	/* 2026-11-22T21:45:00Z */
#  define UNIT_GOLDEN_NSEC	123000000

typedef struct unit_job_s		/* A job and the argv it borrows */
{
  paudit_job_t	job;			/* Job */
  char		*argv[8];		/* Its argv (allocated) */
  paudit_uri_t	uri;			/* job.uri */
} unit_job_t;


/*
 * 'unitJobArg()' - Replace one of the job's argv strings.
 */

static inline void
unitJobArg(unit_job_t *t,		/* I - Job */
           int        i,		/* I - Index, 0..6 */
           const char *value)		/* I - New value or NULL */
{
  ck_assert_int_ge(i, 0);
  ck_assert_int_lt(i, 7);
  free(t->argv[i]);
  t->argv[i] = value ? strdup(value) : NULL;
  ck_assert_msg(!value || t->argv[i], "strdup failed");
}


/*
 * 'unitJobURI()' - Give the job a device URI (split, as the shim splits it).
 */

static inline void
unitJobURI(unit_job_t *t,		/* I - Job */
           const char *uri)		/* I - Device URI */
{
  paudit_error_t	error;
  char			*arg;


  pauditURIClear(&t->uri);
  pauditErrorClear(&error);
  ck_assert_msg(pauditURISplit(uri, &t->uri, &error) == PAUDIT_STATUS_OK, "%s: %s", uri,
                error.text);
  t->job.uri = &t->uri;

  arg = unitRepeat("printaudit:", uri, 1, NULL);
  unitJobArg(t, 0, arg);
  free(arg);
}


/*
 * 'unitJob()' - The golden job (macOS TextEdit to a Brother on socket,
 *               tests/data/macos-textedit-socket.*) with other options,
 *               title or file.
 *
 * Change its argv with unitJobArg(), its URI with unitJobURI(), any other
 * field directly; unitJobFree() it.
 */

static inline void
unitJob(unit_job_t *t,			/* O - Job */
        const char *options,		/* I - argv[5] */
        const char *title,		/* I - argv[3] or NULL for "test" */
        const char *file)		/* I - argv[6] or NULL */
{
  memset(t, 0, sizeof(*t));
  unitJobArg(t, 1, "150");
  unitJobArg(t, 2, "allen.golbig");
  unitJobArg(t, 3, title ? title : "test");
  unitJobArg(t, 4, "1");
  unitJobArg(t, 5, options);
  unitJobArg(t, 6, file);

  t->job.argc               = file ? 7 : 6;
  t->job.argv               = t->argv;
  unitJobURI(t, UNIT_GOLDEN_URI);
  t->job.printer            = UNIT_GOLDEN_PRINTER;
  t->job.printer_info       = NULL;
  t->job.printer_location   = NULL;
  t->job.content_type       = "application/pdf";
  t->job.final_content_type = "printer/" UNIT_GOLDEN_PRINTER;
  t->job.hostname           = "printsrv1";
  t->job.now.tv_sec         = UNIT_GOLDEN_SEC;
  t->job.now.tv_nsec        = UNIT_GOLDEN_NSEC;
  strcpy(t->job.event_id, UNIT_GOLDEN_ID);
}


/*
 * 'unitJobFree()' - Free a job's argv and URI.
 */

static inline void
unitJobFree(unit_job_t *t)		/* I - Job */
{
  int	i;


  for (i = 0; i < 8; i ++)
  {
    free(t->argv[i]);
    t->argv[i] = NULL;
  }
  pauditURIClear(&t->uri);
}


/*
 * 'unitJobRecord()' - Build a job's record and check that it was built.
 *
 * O - New record.
 */

static inline json_t *
unitJobRecord(const unit_job_t *t)	/* I - Job */
{
  paudit_error_t	error;
  json_t		*record;


  pauditErrorClear(&error);
  record = pauditRecordNew(&t->job, &error);
  ck_assert_msg(record != NULL, "pauditRecordNew: %s", error.text);

  return (record);
}


/*
 * Private directories...
 */

/*
 * 'unitTempDirRemoveOne()' - Remove one entry (an nftw() callback).
 */

static inline int			/* O - 0 to go on */
unitTempDirRemoveOne(const char        *path,/* I - Entry */
                     const struct stat *st,/* I - Its status (unused) */
                     int               type,/* I - FTW_DP for a directory */
                     struct FTW        *ftw)/* I - Depth (unused) */
{
  (void)st;
  (void)ftw;

  if ((type == FTW_DP ? rmdir(path) : unlink(path)) != 0)
    fprintf(stderr, "could not remove %s: %s\n", path, strerror(errno));

  return (0);
}


/*
 * 'unitTempDir()' - Make a private directory /tmp/printaudit-NAME-XXXXXX.
 *
 * Use it from a fixture, with unitTempDirRemove() as the other half.
 */

static inline void
unitTempDir(char       *dir,		/* O - Its path */
            size_t     size,		/* I - Size of dir */
            const char *name)		/* I - What it is for */
{
  int	n = snprintf(dir, size, "/tmp/printaudit-%s-XXXXXX", name);


  ck_assert_msg(n > 0 && (size_t)n < size, "directory name too long");
  ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
}


/*
 * 'unitTempDirRemove()' - Remove a directory unitTempDir() made, and
 *                         everything in it (symlinks, not their targets).
 */

static inline void
unitTempDirRemove(const char *dir)	/* I - Directory */
{
  if (dir[0])
    nftw(dir, unitTempDirRemoveOne, 16, FTW_DEPTH | FTW_PHYS);
}


/*
 * 'unitWriteFile()' - Write DIR/NAME with contents and a mode.
 *
 * O - Its path, a static buffer valid until the next call.
 */

static inline const char *
unitWriteFile(const char *dir,		/* I - Directory */
              const char *name,		/* I - File name */
              const char *text,		/* I - Contents */
              mode_t     mode)		/* I - Mode */
{
  static char	path[512];
  FILE		*fp;
  int		n = snprintf(path, sizeof(path), "%s/%s", dir, name);


  ck_assert_msg(n > 0 && (size_t)n < sizeof(path), "path too long");
  unlink(path);
  ck_assert_ptr_nonnull((fp = fopen(path, "w")));
  ck_assert_int_eq(fputs(text, fp) < 0, 0);
  ck_assert_int_eq(fclose(fp), 0);
  ck_assert_int_eq(chmod(path, mode), 0);

  return (path);
}

#endif /* !PRINTAUDIT_UNIT_H */
