/*
 * record-bench: time of building and serializing one audit record
 * (pauditRecordNew() + pauditJSONNew()) against the size of the options
 * string, to show it stays linear.
 *
 * Usage: record-bench [-q] [-A] [-s SUMMARY.tsv] [FIXTURE]
 *        record-bench -g BYTES     (print a generated options string)
 *        record-bench -p LABEL [-n N] [FIXTURE]
 *                                  (build and serialize one input N times,
 *                                  untimed, for a profiler: all the work is
 *                                  under profile_once())
 *
 * Runs the FIXTURE options string (the macOS TextEdit job by default),
 * then generated strings of 1 KiB, 16 KiB, 256 KiB and 1 MiB.  The
 * generator is deterministic and mixes what real options strings hold:
 * cupsd's name=value pairs (empty values, lists, collections, values with
 * backslash-escaped spaces as cupsd writes them), quoted values with
 * escaped quotes, macOS typed keys (..n., ..b., ..a.I..n. arrays), bare
 * and no-prefixed booleans, repeated names, UTF-8 text and a few long
 * values.  Freeing is not timed: the shim never frees before its exec.
 *
 * Each size is run in batches of >= 1 ms of CPU (or one record), as many
 * as fit in about 0.3 s (at least 11, -q 5); the median batch gives the
 * time per record, in CPU time of the thread, so that other processes on
 * a busy machine count as little as they can (wall time is shown too; the
 * 10th percentile shows what a quiet machine gives).  Output: a table,
 * and with -s one tab-separated line per input: label, options bytes,
 * JSON bytes, us/record, us build, us serialize, ns/byte, wall us/record,
 * p10 us/record.
 *
 * -A gives jansson an arena (pointer-bump allocation, no free, reset
 * between batches), as the shim does for its one record: the library's
 * cost without malloc's.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct gen_s			/* Generated options string */
{
  char		*data;
  size_t	len, size;
  uint64_t	state;			/* xorshift64* state */
  unsigned	counter;		/* Makes names unique */
} gen_t;


static double
clock_us(clockid_t id)
{
  struct timespec ts;

  clock_gettime(id, &ts);
  return (ts.tv_sec * 1e6 + ts.tv_nsec / 1e3);
}


static uint64_t
gen_rand(gen_t *g)
{
  g->state ^= g->state >> 12;
  g->state ^= g->state << 25;
  g->state ^= g->state >> 27;
  return (g->state * 2685821657736338717ULL);
}


static unsigned
gen_pick(gen_t *g, unsigned n)
{
  return ((unsigned)(gen_rand(g) >> 33) % n);
}


/*
 * 'gen_option()' - One option, as text, into out (no separator).
 */

static int
gen_option(gen_t *g, char *out, size_t outsize)
{
  static const char * const names[] =
  {
    "media", "sides", "print-color-mode", "number-up", "finishings", "PageSize",
    "Duplex", "ColorModel", "InputSlot", "MediaType", "Resolution", "output-bin",
    "orientation-requested", "print-quality", "page-ranges", "print-scaling",
    "job-priority", "printer-resolution", "job-sheets", "fit-to-page"
  };
  static const char * const values[] =
  {
    "Letter", "A4", "na_letter_8.5x11in", "iso_a4_210x297mm", "two-sided-long-edge",
    "one-sided", "monochrome", "color", "4", "3,4", "1-5,8,10-12", "", "0",
    "600dpi", "Gray", "RGB", "Auto", "tray-1", "face-down", "1676433636",
    "urn:uuid:0cb6a68a-5fbb-3a19-7522-64b9aef4b512",
    "{media-size={x-dimension=21000 y-dimension=29700} media-source=tray-1}"
  };
  static const char * const texts[] =
  {
    "Quarterly\\ report\\ (final)", "B\xc3\xbcro\\ \xe2\x80\x93\\ \xc3\x9c" "berblick",
    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\\ \xe6\x96\x87\xe6\x9b\xb8", "Invoice\\ #4711",
    "Caf\xc3\xa9\\ menu\\ 2023"
  };
  unsigned	kind = gen_pick(g, 100), id = g->counter ++;
  int		n;

  if (kind < 26)			// cupsd name=value, unique names
    n = snprintf(out, outsize, "%s-%u=%s", names[gen_pick(g, 20)], id,
                 values[gen_pick(g, 22)]);
  else if (kind < 30)			// A repeated name: an array
    n = snprintf(out, outsize, "%s=%s", names[gen_pick(g, 4)], values[gen_pick(g, 22)]);
  else if (kind < 38)			// cupsd's escaped spaces
    n = snprintf(out, outsize, "job-name-%u=%s", id, texts[gen_pick(g, 5)]);
  else if (kind < 44)			// Quoted, with an escaped quote
    n = snprintf(out, outsize, gen_pick(g, 2) ? "note-%u='It\\'s done, see page %u'"
                                               : "note-%u=\"say \\\"hi\\\" to %u\"",
                 id, id % 97);
  else if (kind < 58)			// macOS number
    n = snprintf(out, outsize, "com.apple.print.PrintSettings.PMSetting%u..n.=%u", id,
                 (unsigned)(gen_rand(g) % 2147483647));
  else if (kind < 66)			// macOS boolean, bare or valued
    n = snprintf(out, outsize, gen_pick(g, 2) ? "com.apple.print.PrintSettings.PMFlag%u..b."
                                               : "com.apple.print.PrintSettings.PMFlag%u..b.=false",
                 id);
  else if (kind < 74)			// macOS typed array of two
    n = snprintf(out, outsize, "com.apple.print.PrintSettings.PMRange%u..a.0..n.=1 "
                               "com.apple.print.PrintSettings.PMRange%u..a.1..n.=2147483647",
                 id, id);
  else if (kind < 80)			// com.apple strings
    n = snprintf(out, outsize, "com.apple.print.JobInfo.PMJobName%u=%s", id,
                 texts[gen_pick(g, 5)]);
  else if (kind < 88)			// Bare booleans
    n = snprintf(out, outsize, gen_pick(g, 2) ? "Collate%u" : "noCollate%u", id);
  else if (kind < 97)			// Short vendor options
    n = snprintf(out, outsize, "HP%uOption=%s", id, values[gen_pick(g, 22)]);
  else					// A long value (still under 4096 bytes)
  {
    size_t len = 200 + gen_pick(g, 600), i;

    n = snprintf(out, outsize, "com.vendor.ticket%u=", id);
    for (i = 0; i < len && (size_t)n + 1 < outsize; i ++)
      out[n ++] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[gen_pick(g, 64)];
    out[n] = '\0';
  }

  return (n);
}


/*
 * 'gen_options()' - A realistic options string of at most target bytes.
 */

static char *
gen_options(size_t target, uint64_t seed)
{
  gen_t		g = { NULL, 0, 0, seed ? seed : 1, 0 };
  char		option[2048];
  int		n;

  if ((g.data = malloc(target + 1)) == NULL)
    return (NULL);
  g.size = target + 1;

  for (;;)
  {
    n = gen_option(&g, option, sizeof(option));
    if (g.len + (g.len ? 1 : 0) + (size_t)n > target)
      break;
    if (g.len)
      g.data[g.len ++] = ' ';
    memcpy(g.data + g.len, option, (size_t)n);
    g.len += (size_t)n;
  }
  g.data[g.len] = '\0';

  return (g.data);
}


/*
 * 'profile_once()' - Build and serialize one record (for -p); the caller
 *                    frees them, outside what a profiler collects.
 */

__attribute__((noinline)) static char *
profile_once(paudit_job_t *job, json_t **record)
{
  paudit_error_t	error;
  char			*text;
  size_t		len;

  pauditErrorClear(&error);
  if ((*record = pauditRecordNew(job, &error)) == NULL ||
      (text = pauditJSONNew(*record, &len)) == NULL)
  {
    fprintf(stderr, "record-bench: no record: %s\n", error.text);
    exit(1);
  }
  return (text);
}


/*
 * An arena for jansson's memory (-A), as the shim has: allocation is a
 * pointer bump, free does nothing, and the whole arena is reset between
 * batches.
 */

typedef struct arena_s
{
  char		*data;
  size_t	used, size;
} arena_t;

static arena_t	arena;

static void *
arena_malloc(size_t size)
{
  void	*p;

  size = (size + 15) & ~(size_t)15;
  if (arena.size - arena.used < size)
  {
    fputs("record-bench: arena full\n", stderr);
    exit(1);
  }
  p = arena.data + arena.used;
  arena.used += size;
  return (p);
}

static void
arena_free(void *p)
{
  (void)p;
}

static void
arena_reset(void)
{
  arena.used = 0;
}


static int
cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return ((x > y) - (x < y));
}


/*
 * 'batch()' - Build reps records, then serialize them, timing each step;
 *             free them after.  Times in microseconds per record.
 */

static size_t				/* O - JSON bytes of one record */
batch(paudit_job_t *job, int reps, json_t **records, char **texts,
      double *cpu_build, double *cpu_json, double *wall)
{
  paudit_error_t	error;
  size_t		len = 0;
  double		c0, c1, c2, w0, w2;
  int			i;

  pauditErrorClear(&error);
  w0 = clock_us(CLOCK_MONOTONIC);
  c0 = clock_us(CLOCK_THREAD_CPUTIME_ID);
  for (i = 0; i < reps; i ++)
    records[i] = pauditRecordNew(job, &error);
  c1 = clock_us(CLOCK_THREAD_CPUTIME_ID);
  for (i = 0; i < reps; i ++)
    texts[i] = records[i] ? pauditJSONNew(records[i], &len) : NULL;
  c2 = clock_us(CLOCK_THREAD_CPUTIME_ID);
  w2 = clock_us(CLOCK_MONOTONIC);

  for (i = 0; i < reps; i ++)
  {
    if (!texts[i])
    {
      fprintf(stderr, "record-bench: no record: %s\n", error.text);
      exit(1);
    }
    free(texts[i]);
    json_decref(records[i]);
  }
  if (arena.data)
    arena_reset();
  *cpu_build = (c1 - c0) / reps;
  *cpu_json  = (c2 - c1) / reps;
  *wall      = (w2 - w0) / reps;

  return (len);
}


/*
 * 'job_init()' - The macOS TextEdit job of the fixture, with argv.
 */

static void
job_init(paudit_job_t *job, char * const *argv)
{
  static paudit_uri_t	uri;		// Split once, as the shim splits it
  paudit_error_t	error;

  memset(job, 0, sizeof(*job));
  pauditErrorClear(&error);
  if (!uri.clean && pauditURISplit("socket://BRN30055C300D7A.local.:9100/", &uri, &error))
    exit(1);
  job->argc               = 6;
  job->argv               = argv;
  job->uri                = &uri;
  job->printer            = "Brother_HL_2270DW_series";
  job->content_type       = "application/pdf";
  job->final_content_type = "printer/Brother_HL_2270DW_series";
  job->hostname           = "printsrv1";
  clock_gettime(CLOCK_REALTIME, &job->now);
  if (pauditEventId(job->event_id))
    exit(1);
}


/*
 * 'bench()' - Time one options string; print and return us per record.
 *
 * Records are built in batches, kept until the batch is serialized, and
 * freed after it, outside the timing: like the shim, which builds one
 * record in a fresh heap and never frees it.  Times are the thread's CPU
 * time (other processes on the machine do not count), and wall time for
 * reference.
 */

static double
bench(const char *label, const char *options, int batches, FILE *summary)
{
  char * const	argv[] =
  {
    (char *)"printaudit:socket://BRN30055C300D7A.local.:9100/", (char *)"150",
    (char *)"allen.golbig", (char *)"test", (char *)"1", (char *)options, NULL
  };
  paudit_job_t	job;
  double	*per, *pb, *ps, *pw;
  double	b, s, w, us, u10, ub, usr, uw, nsb;
  size_t	optlen = strlen(options), jsonlen = 0;
  int		i, n, reps;
  json_t	**records;
  char		**texts;

  job_init(&job, argv);

  // Warm up, then size the batches to >= 1 ms of CPU (at most 1000 records):
  // short enough that many run between two preemptions on a busy machine.
  if ((records = calloc(1000, sizeof(json_t *))) == NULL ||
      (texts = calloc(1000, sizeof(char *))) == NULL)
    exit(1);
  batch(&job, 3, records, texts, &b, &s, &w);
  reps = b + s >= 1000.0 ? 1 : (int)(1000.0 / (b + s > 0.01 ? b + s : 0.01)) + 1;
  if (reps > 1000)
    reps = 1000;
  // As many batches as fit in about 0.3 s, within [batches, 20 * batches].
  n = (int)(300000.0 / ((b + s) * reps));
  n = n < batches ? batches : n > 20 * batches ? 20 * batches : n;
  if ((per = calloc((size_t)n, sizeof(double))) == NULL ||
      (pb = calloc((size_t)n, sizeof(double))) == NULL ||
      (ps = calloc((size_t)n, sizeof(double))) == NULL ||
      (pw = calloc((size_t)n, sizeof(double))) == NULL)
    exit(1);

  for (i = 0; i < n; i ++)
  {
    jsonlen = batch(&job, reps, records, texts, &b, &s, &w);
    per[i] = b + s;
    pb[i]  = b;
    ps[i]  = s;
    pw[i]  = w;
  }
  qsort(per, (size_t)n, sizeof(double), cmp_double);
  qsort(pb, (size_t)n, sizeof(double), cmp_double);
  qsort(ps, (size_t)n, sizeof(double), cmp_double);
  qsort(pw, (size_t)n, sizeof(double), cmp_double);
  us  = per[n / 2];
  u10 = per[n / 10];
  ub  = pb[n / 2];
  usr = ps[n / 2];
  uw  = pw[n / 2];
  nsb = us * 1000.0 / (double)optlen;

  printf("  %-8s %9zu %9zu %10.2f %9.2f %9.2f %9.2f %7.2f %10.2f   (%d x %d)\n", label, optlen,
         jsonlen, us, u10, ub, usr, nsb, uw, n, reps);
  if (summary)
    fprintf(summary, "%s\t%zu\t%zu\t%.3f\t%.3f\t%.3f\t%.4f\t%.3f\t%.3f\n", label, optlen,
            jsonlen, us, ub, usr, nsb, uw, u10);

  free(records);
  free(texts);
  free(per);
  free(pb);
  free(ps);
  free(pw);
  return (us);
}


int
main(int argc, char *argv[])
{
  static const struct { const char *label; size_t size; } sizes[] =
  {
    { "1KiB", 1024 }, { "16KiB", 16384 }, { "256KiB", 262144 }, { "1MiB", 1048576 }
  };
  const char	*fixture = "tests/data/macos-textedit-socket.options";
  FILE		*summary = NULL, *fp;
  char		*options;
  long		len;
  int		i, batches = 11, count = 1;
  const char	*profile = NULL;

  for (i = 1; i < argc; i ++)
  {
    if (!strcmp(argv[i], "-q"))
      batches = 5;
    else if (!strcmp(argv[i], "-s") && i + 1 < argc)
    {
      if ((summary = fopen(argv[++ i], "a")) == NULL)
      {
        perror(argv[i]);
        return (1);
      }
    }
    else if (!strcmp(argv[i], "-g") && i + 1 < argc)
    {
      // Just the generator: an options string for other tools.
      if ((options = gen_options((size_t)strtoul(argv[i + 1], NULL, 10),
                                 0x9e3779b97f4a7c15ULL)) == NULL)
        return (1);
      fputs(options, stdout);
      free(options);
      return (0);
    }
    else if (!strcmp(argv[i], "-A"))
    {
      // jansson's memory from an arena, as in the shim (1 GiB of address
      // space, touched only as far as used).
      arena.size = (size_t)1 << 30;
      if ((arena.data = malloc(arena.size)) == NULL)
        return (1);
      json_set_alloc_funcs(arena_malloc, arena_free);
    }
    else if (!strcmp(argv[i], "-p") && i + 1 < argc)
      profile = argv[++ i];
    else if (!strcmp(argv[i], "-n") && i + 1 < argc)
      count = atoi(argv[++ i]);
    else if (argv[i][0] != '-')
      fixture = argv[i];
    else
    {
      fputs("Usage: record-bench [-q] [-A] [-s SUMMARY.tsv] [FIXTURE]\n"
            "       record-bench -g BYTES\n"
            "       record-bench -p fixture|1KiB|16KiB|256KiB|1MiB [-n COUNT] [FIXTURE]\n", stderr);
      return (2);
    }
  }

  if ((fp = fopen(fixture, "rb")) == NULL || fseek(fp, 0, SEEK_END) || (len = ftell(fp)) < 0 ||
      fseek(fp, 0, SEEK_SET) || (options = malloc((size_t)len + 1)) == NULL ||
      fread(options, 1, (size_t)len, fp) != (size_t)len)
  {
    perror(fixture);
    return (1);
  }
  fclose(fp);
  options[len] = '\0';

  if (profile)
  {
    // One input, untimed, count times: for callgrind --toggle-collect.
    char * const	pargv[] =
    {
      (char *)"printaudit:socket://BRN30055C300D7A.local.:9100/", (char *)"150",
      (char *)"allen.golbig", (char *)"test", (char *)"1", NULL, NULL
    };
    char		*popts = options;
    paudit_job_t	job;

    for (i = 0; i < (int)(sizeof(sizes) / sizeof(sizes[0])); i ++)
      if (!strcmp(profile, sizes[i].label) &&
          (popts = gen_options(sizes[i].size, 0x9e3779b97f4a7c15ULL)) == NULL)
        return (1);
    ((char **)pargv)[5] = popts;
    job_init(&job, pargv);
    for (i = 0; i < count; i ++)
    {
      json_t	*record;
      char	*text = profile_once(&job, &record);

      free(text);
      json_decref(record);
      if (arena.data)
        arena_reset();
    }
    printf("%zu\n", strlen(popts));
    return (0);
  }

  printf("  %-8s %9s %9s %10s %9s %9s %9s %7s %10s\n", "input", "opt bytes", "json B",
         "us/record", "(p10)", "us build", "us json", "ns/B", "wall us");
  bench("fixture", options, batches, summary);
  free(options);

  for (i = 0; i < (int)(sizeof(sizes) / sizeof(sizes[0])); i ++)
  {
    if ((options = gen_options(sizes[i].size, 0x9e3779b97f4a7c15ULL)) == NULL)
      return (1);
    bench(sizes[i].label, options, batches, summary);
    free(options);
  }

  if (summary)
    fclose(summary);
  return (0);
}
