/*
 * printaudit: a CUPS backend that records every job, then runs the real one.
 *
 * Device URI:  printaudit:<original device URI>
 *
 *   printaudit                      discovery: one line for lpinfo
 *   printaudit job user title copies options [file]
 *                                   audit the job, exec the real backend
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <cups/backend.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#  include <sys/random.h>
#endif

#ifndef PRINTAUDIT_SERVERBIN
#  define PRINTAUDIT_SERVERBIN "/usr/lib/cups"
#endif
#ifndef PRINTAUDIT_SERVERROOT
#  define PRINTAUDIT_SERVERROOT "/etc/cups"
#endif
#ifdef __APPLE__
#  define DEFAULT_CUPS_USER  "_lp"
#  define DEFAULT_CUPS_GROUP "_lp"
#else
#  define DEFAULT_CUPS_USER  "lp"
#  define DEFAULT_CUPS_GROUP "lp"
#endif

#define PREFIX     "printaudit:"
#define PREFIX_LEN (sizeof(PREFIX) - 1)

typedef struct backend_s		/* The real backend to run */
{
  char		path[1024];		/* <serverbin>/backend/<scheme> */
  int		fd;			/* The checked file, opened; -1 if none */
  paudit_uri_t	uri;			/* Original URI, split */
  const char	*device_uri;		/* Original URI, exact */
  int		as_root;		/* cupsd would run it as root */
  uid_t		uid;			/* Else the CUPS User... */
  gid_t		gid;			/* ...and Group */
} backend_t;


/*
 * jansson's memory in the shim: one arena, freed only by the exec.
 *
 * The record lives for a few hundred microseconds and the process image is
 * replaced right after; per-node malloc/free would be a third of the
 * shim's own work.  Chunks are chained so that every byte stays reachable.
 */

typedef struct arena_chunk_s		/* One chunk of the arena */
{
  struct arena_chunk_s	*prev;		/* Previous chunk */
  size_t		used,		/* Bytes handed out */
			size;		/* Bytes in data */
  max_align_t		data[];		/* Memory */
} arena_chunk_t;

static arena_chunk_t	*arena = NULL;	/* Current chunk */

/*
 * The effective user at start-up: it changes only in drop_privileges(),
 * right before the exec, so one geteuid() serves every check before it.
 */

static int		started_root = 0;/* Started as root? */


static void *				/* O - Memory or NULL */
arena_malloc(size_t size)		/* I - Bytes */
{
  arena_chunk_t	*chunk;
  size_t	chunksize;
  void		*p;


  size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
  if (size == 0 || size > SIZE_MAX / 2)
    return (NULL);

  if (!arena || arena->size - arena->used < size)
  {
    chunksize = size > 65536 ? size : 65536;
    if ((chunk = malloc(sizeof(arena_chunk_t) + chunksize)) == NULL)
      return (NULL);
    chunk->prev = arena;
    chunk->used = 0;
    chunk->size = chunksize;
    arena       = chunk;
  }

  p = (char *)arena->data + arena->used;
  arena->used += size;

  return (p);
}


static void
arena_free(void *p)			/* I - Memory (kept until exit or exec) */
{
  (void)p;
}


/*
 * 'seed_objects()' - Give jansson its hash seed from getrandom().
 *
 * jansson seeds its object hashes (options are keys: a job's submitter
 * must not be able to make them collide) by opening /dev/urandom, three
 * system calls; one getrandom() gives the same.  If it fails, jansson
 * seeds itself as before.
 */

static void
seed_objects(void)
{
#ifdef __linux__
  uint32_t	seed = 0;

  if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) == (ssize_t)sizeof(seed) && seed)
    json_object_seed(seed);
#endif // __linux__
}


/*
 * 'report()' - Write one backend message line ("ERROR: ...") to stderr,
 *              as lib's pauditMessage() writes them for every program.
 */

#define report(...) pauditMessage("printaudit", __VA_ARGS__)


/*
 * 'path_concat()' - Join up to three strings into a path.
 *
 * The paths a job opens are joined here rather than with snprintf(): on a
 * job that goes well it would be the shim's only formatted output, and its
 * first call costs a symbol lookup and pages of code (bench/README.md).
 */

static int				/* O - 0 on success, -1 if it does not fit */
path_concat(char       *path,		/* O - Path */
            size_t     size,		/* I - Size of path */
            const char *first,		/* I - First part */
            const char *second,		/* I - Second part */
            const char *third)		/* I - Third part or NULL */
{
  const char	*parts[3] = { first, second, third };
  size_t	i, len, used = 0;


  for (i = 0; i < 3 && parts[i]; i ++)
  {
    if ((len = strlen(parts[i])) >= size - used)
      return (-1);
    memcpy(path + used, parts[i], len);
    used += len;
  }
  path[used] = '\0';

  return (0);
}


/*
 * 'insecure_file()' - cupsd's root checks of a program or its directory.
 */

static int				/* O - 1 if cupsd would refuse it */
insecure_file(const struct stat *info)	/* I - File information */
{
  return (info->st_uid != 0 || (info->st_mode & (S_IWGRP | S_IWOTH | S_ISUID)));
}


/*
 * 'insecure_backend()' - Refuse what cupsd refuses to run as a backend.
 *
 * cupsd, running as root, runs a backend only when the program and its
 * directory are owned by root, not writable by group or others and not
 * setuid (cups/file.c, _cupsFileCheck); the shim must not run anything
 * cupsd would not, let alone as root.  The program is checked as opened
 * (for a symlink, its target), the directory by path as cupsd checks it
 * (for a symlink, the backend directory).
 */

static int				/* O - 1 after an ERROR, 0 if fine */
insecure_backend(char              *path,	/* I - Backend: <dir>/<file> */
                 size_t            dirlen,	/* I - Length of <dir> */
                 const struct stat *info)	/* I - Its fstat() */
{
  struct stat	dirinfo;
  int		insecure;


  if (insecure_file(info))
  {
    report("ERROR", "Backend %s has insecure permissions (0%o/uid=%u/gid=%u)",
           path, (unsigned)info->st_mode, (unsigned)info->st_uid, (unsigned)info->st_gid);
    return (1);
  }

  // fstatat(), which the JsonLog calls anyway, not stat(): one libc
  // symbol less for the dynamic loader to look up on every job.
  path[dirlen] = '\0';
  if ((insecure = fstatat(AT_FDCWD, path, &dirinfo, 0) || insecure_file(&dirinfo)) != 0)
    report("ERROR", "Backend directory %s is missing or has insecure permissions", path);
  path[dirlen] = '/';

  return (insecure);
}


/*
 * 'cups_identity()' - The CUPS User and Group from cups-files.conf.
 */

static int				/* O - 0 on success, -1 after an ERROR */
cups_identity(uid_t *uid,		/* O - User */
              gid_t *gid)		/* O - Group */
{
  const char	*serverroot = getenv("CUPS_SERVERROOT");
  char		path[1024], user[256] = DEFAULT_CUPS_USER,
		group[256] = DEFAULT_CUPS_GROUP;
  paudit_error_t error;


  pauditErrorClear(&error);
  if (!serverroot || serverroot[0] != '/')
    serverroot = PRINTAUDIT_SERVERROOT;
  if (path_concat(path, sizeof(path), serverroot, "/cups-files.conf", NULL))
  {
    report("ERROR", "CUPS_SERVERROOT is too long");
    return (-1);
  }

  if (pauditCupsIdentityLoad(path, user, sizeof(user), group, sizeof(group), &error) ||
      pauditCupsIdentityResolve(path, user, group, uid, gid, &error))
  {
    report("ERROR", "%s", error.text);
    return (-1);
  }

  return (0);
}


/*
 * 'open_backend()' - Open the backend for the checks and the exec.
 *
 * The file is opened once, checked with fstat() and executed through its
 * descriptor: what runs is what was checked, whatever is renamed or
 * re-linked in between.  O_PATH neither reads nor opens a device or FIFO;
 * symlinks are followed (https -> ipp), as cupsd follows them.
 */

#ifdef O_PATH
#  define OPEN_EXEC (O_PATH | O_CLOEXEC)
#else
#  define OPEN_EXEC (O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
#endif

static int				/* O - 0 on success, -1 after an ERROR */
open_backend(backend_t  *backend,	/* I - Backend (path set) */
             const char *scheme)	/* I - Its scheme: the file name */
{
  struct stat	info;


  if ((backend->fd = open(backend->path, OPEN_EXEC)) < 0 || fstat(backend->fd, &info))
  {
    report("ERROR", "No backend \"%s\" (%s): %s", scheme, backend->path, strerror(errno));
    return (-1);
  }
  if (!S_ISREG(info.st_mode))
  {
    report("ERROR", "Backend %s is not a regular file", backend->path);
    return (-1);
  }

  if (started_root &&
      insecure_backend(backend->path, strlen(backend->path) - strlen(scheme) - 1, &info))
    return (-1);

  // The rule of the platform's cupsd (scheduler/job.c); the identity is
  // settled before anything is recorded.
  backend->as_root = pauditBackendAsRoot(info.st_mode, PAUDIT_ROOTRULE_PLATFORM);
  if (started_root && !backend->as_root && cups_identity(&backend->uid, &backend->gid))
    return (-1);

  return (0);
}


/*
 * 'find_backend()' - Validate the wrapped URI and open its backend.
 */

static int				/* O - 0 on success, -1 after an ERROR */
find_backend(const char *device_uri,	/* I - printaudit:... */
             backend_t  *backend)	/* O - Backend */
{
  paudit_error_t	error;
  const char		*serverbin = getenv("CUPS_SERVERBIN");


  pauditErrorClear(&error);
  if (!device_uri || strncasecmp(device_uri, PREFIX, PREFIX_LEN))
  {
    report("ERROR", "The device URI must be printaudit:<original device URI>");
    return (-1);
  }

  backend->device_uri = device_uri + PREFIX_LEN;
  if (pauditURISplit(backend->device_uri, &backend->uri, &error))
  {
    report("ERROR", "%s in the wrapped device URI", error.text);
    return (-1);
  }
  if (!strcasecmp(backend->uri.scheme, "printaudit"))
  {
    report("ERROR", "The wrapped device URI cannot use printaudit itself");
    return (-1);
  }

  if (!serverbin || serverbin[0] != '/')
    serverbin = PRINTAUDIT_SERVERBIN;
  if (path_concat(backend->path, sizeof(backend->path), serverbin, "/backend/",
                  backend->uri.scheme))
  {
    report("ERROR", "Backend path for \"%s\" is too long", backend->uri.scheme);
    return (-1);
  }

  return (open_backend(backend, backend->uri.scheme));
}


/*
 * 'load_config()' - Read printaudit.conf.
 */

static int				/* O - 0 on success, -1 after an ERROR */
load_config(paudit_config_t *config)	/* O - Config */
{
  paudit_error_t	error;


  pauditErrorClear(&error);
  if (pauditConfigLoadDefault(config, PRINTAUDIT_SERVERROOT, started_root, &error))
  {
    report("ERROR", "%s", error.text);
    return (-1);
  }

  return (0);
}


/*
 * 'gather_job()' - What cupsd gave the backend, and this event's facts.
 *
 * The job borrows argv, the environment, the backend's URI and hostname.
 */

static int				/* O - 0 on success, -1 after an ERROR */
gather_job(paudit_job_t    *job,	/* O - Job */
           int             argc,	/* I - Arguments */
           char            *argv[],	/* I - Arguments */
           const backend_t *backend,	/* I - Real backend */
           char            *hostname,	/* I - Buffer for the host name */
           size_t          hostsize)	/* I - Its size */
{
  memset(job, 0, sizeof(*job));
  job->argc               = argc;
  job->argv               = argv;
  job->uri                = &backend->uri;
  job->printer            = getenv("PRINTER");
  job->printer_info       = getenv("PRINTER_INFO");
  job->printer_location   = getenv("PRINTER_LOCATION");
  job->content_type       = getenv("CONTENT_TYPE");
  job->final_content_type = getenv("FINAL_CONTENT_TYPE");
  if (gethostname(hostname, hostsize) == 0)
  {
    hostname[hostsize - 1] = '\0';
    job->hostname = hostname;
  }
  clock_gettime(CLOCK_REALTIME, &job->now);

  if (pauditEventId(job->event_id))
  {
    report("ERROR", "Unable to get a random event id: %s", strerror(errno));
    return (-1);
  }

  return (0);
}


/*
 * 'build_record()' - The job's record, in the configured form.
 *
 * LogTitles is applied before the ECS conversion.  The record is in the
 * jansson arena: released by exit or exec.
 */

static json_t *				/* O - Record, or NULL after an ERROR */
build_record(int                   argc,	/* I - Arguments */
             char                  *argv[],	/* I - Arguments */
             const backend_t       *backend,	/* I - Real backend */
             const paudit_config_t *config)	/* I - Config */
{
  paudit_job_t		job;
  paudit_error_t	error;
  paudit_status_t	titles;
  char			hostname[256];
  json_t		*record, *ecs;


  pauditErrorClear(&error);
  if (gather_job(&job, argc, argv, backend, hostname, sizeof(hostname)))
    return (NULL);

  if ((record = pauditRecordNew(&job, &error)) == NULL)
  {
    report("ERROR", "Unable to build the audit record: %s", error.text);
    return (NULL);
  }

  if ((titles = pauditRecordTitles(record, config, &error)) == PAUDIT_STATUS_NOMEM)
  {
    report("ERROR", "Unable to build the audit record: %s", error.text);
    return (NULL);
  }
  else if (titles != PAUDIT_STATUS_OK)	// LogTitles hash without a usable key
    report("ERROR", "%s: job titles left out", error.text);

  if (config->format != PAUDIT_FORMAT_ECS)
    return (record);

  if ((ecs = pauditRecordECSNew(record)) == NULL)
    report("ERROR", "Unable to build the ECS record: out of memory");

  return (ecs);
}


/*
 * 'deliver_report()' - Report one of pauditDeliver()'s failures.
 */

static void
deliver_report(const char *message,	/* I - Message */
               void       *data)	/* I - Unused */
{
  (void)data;

  report("ERROR", "%s", message);
}


/*
 * 'drop_privileges()' - Give the backend the identity cupsd would give it.
 */

static int				/* O - 0 on success, -1 after an ERROR */
drop_privileges(const backend_t *backend)/* I - Backend */
{
  uid_t	uid = backend->uid;
  gid_t	gid = backend->gid;


  if (!started_root || backend->as_root)
    return (0);

  if (setgroups(1, &gid))
  {
    report("ERROR", "setgroups(%u): %s", (unsigned)gid, strerror(errno));
    return (-1);
  }
  if (setgid(gid))
  {
    report("ERROR", "setgid(%u): %s", (unsigned)gid, strerror(errno));
    return (-1);
  }
  if (setuid(uid))
  {
    report("ERROR", "setuid(%u): %s", (unsigned)uid, strerror(errno));
    return (-1);
  }

  return (0);
}


/*
 * 'reset_signals()' - SIGTERM, SIGPIPE and SIGINT to default, unblocked.
 */

static int				/* O - 0 on success, -1 after an ERROR */
reset_signals(void)
{
  static const int	signals[] = { SIGTERM, SIGPIPE, SIGINT };
  struct sigaction	action;
  sigset_t		set;
  size_t		i;


  memset(&action, 0, sizeof(action));
  sigemptyset(&action.sa_mask);
  sigemptyset(&set);
  action.sa_handler = SIG_DFL;

  for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i ++)
  {
    if (sigaction(signals[i], &action, NULL) || sigaddset(&set, signals[i]))
    {
      report("ERROR", "Unable to reset signal %d: %s", signals[i], strerror(errno));
      return (-1);
    }
  }

  if (sigprocmask(SIG_UNBLOCK, &set, NULL))
  {
    report("ERROR", "Unable to unblock signals: %s", strerror(errno));
    return (-1);
  }

  return (0);
}


/*
 * 'exec_backend()' - Execute the opened backend file.
 *
 * The kernel runs a "#!" script by handing its interpreter /dev/fd/N, which
 * does not exist once a close-on-exec descriptor is closed: that exec fails
 * with ENOENT.  For a script the descriptor is then kept open across the
 * exec (the one descriptor of the shim's that the real backend inherits);
 * a compiled backend never sees it.
 */

static void
exec_backend(backend_t *backend,	/* I - Backend */
             char      **args,		/* I - Its argv */
             char      **env)		/* I - Its environment */
{
#ifdef __APPLE__
  // No fexecve(): run the path, if it still names the file checked.
  struct stat	opened, named;

  if (fstat(backend->fd, &opened) || stat(backend->path, &named))
    return;
  if (opened.st_dev != named.st_dev || opened.st_ino != named.st_ino)
  {
    errno = ESTALE;
    return;
  }
  execve(backend->path, args, env);

#else
  int	flags;

  fexecve(backend->fd, args, env);
  if (errno != ENOENT || (flags = fcntl(backend->fd, F_GETFD)) < 0 ||
      fcntl(backend->fd, F_SETFD, flags & ~FD_CLOEXEC))
    return;

  fexecve(backend->fd, args, env);
#endif // __APPLE__
}


/*
 * 'backend_env()' - The real backend's environment: cupsd's, DEVICE_URI
 * the original URI.
 */

static char **				/* O - Environment or NULL; free() it and *var */
backend_env(char       *envp[],		/* I - The shim's environment */
            const char *device_uri,	/* I - Original URI */
            char       **var)		/* O - Its "DEVICE_URI=..." */
{
  static const char name[] = "DEVICE_URI=";
  char		**env;
  size_t	i, j, n, len = strlen(device_uri);
  int		found = 0;


  for (n = 0; envp[n]; n ++);

  if ((env = calloc(n + 2, sizeof(char *))) == NULL ||
      (*var = malloc(sizeof(name) + len)) == NULL)
  {
    free(env);
    return (NULL);
  }
  memcpy(*var, name, sizeof(name) - 1);
  memcpy(*var + sizeof(name) - 1, device_uri, len + 1);

  // In its place, as setenv() would; every DEVICE_URI= if there are several.
  for (i = 0; i < n; i ++)
  {
    for (j = 0; name[j] && envp[i][j] == name[j]; j ++);

    if (!name[j])
    {
      env[i] = *var;
      found  = 1;
    }
    else
      env[i] = envp[i];
  }
  if (!found)
    env[n] = *var;

  return (env);
}


/*
 * 'run_backend()' - Replace this process with the real backend.
 */

static int				/* O - Exit status (only on failure) */
run_backend(int       argc,		/* I - Arguments */
            char      *argv[],		/* I - Arguments */
            char      *envp[],		/* I - Environment */
            backend_t *backend)		/* I - Backend */
{
  char	**args, **env = NULL, *var = NULL;


  if ((args = calloc((size_t)argc + 1, sizeof(char *))) == NULL ||
      (env = backend_env(envp, backend->device_uri, &var)) == NULL)
  {
    report("ERROR", "Out of memory");
    free(args);
    return (CUPS_BACKEND_STOP);
  }
  memcpy(args, argv, (size_t)argc * sizeof(char *));
  args[0] = backend->uri.sanitized;

  if (!drop_privileges(backend) && !reset_signals())
  {
    exec_backend(backend, args, env);
    report("ERROR", "Unable to run backend %s: %s", backend->path, strerror(errno));
  }

  free(args);
  free(env);
  free(var);

  return (CUPS_BACKEND_STOP);
}


/*
 * 'hide_userinfo()' - Remove the userinfo from the shim's own argv[0].
 *
 * cupsd hides a device URI's userinfo from argv[0] only right after the
 * scheme, so a wired printer's argv[0] ("printaudit:ipp://user:pw@host/")
 * carries the password, and /proc/PID/cmdline shows it to every local
 * account while the shim runs.  argv[0] is rewritten in place as the real
 * backend gets it (lib/uri.c: every authority's userinfo removed, that of
 * a nested URI too; the rest of its memory zeroed); the URI as given is
 * returned for the job.
 */

static char *				/* O - argv[0] as given (a copy if it changed), NULL if out of memory */
hide_userinfo(char *arg)		/* I - argv[0], rewritten */
{
  char		*uri, *clean, *copy;
  size_t	len, cleanlen;


  // No '@', no userinfo: the common case costs one scan.
  uri = strncasecmp(arg, PREFIX, PREFIX_LEN) ? arg : arg + PREFIX_LEN;
  if (!strchr(uri, '@') || !strchr(uri, ':'))
    return (arg);

  if ((clean = pauditURIWithoutUserinfo(uri)) == NULL)
    return (NULL);
  if (!strcmp(clean, uri))
  {
    free(clean);
    return (arg);
  }

  len = strlen(arg);
  if ((copy = strdup(arg)) == NULL)
  {
    free(clean);
    return (NULL);
  }

  // The clean form is never longer: it replaces the URI in place.
  cleanlen = strlen(clean);
  memcpy(uri, clean, cleanlen + 1);
  memset(uri + cleanlen, '\0', (size_t)(arg + len - (uri + cleanlen)));
  free(clean);

  return (copy);
}


/*
 * 'audit_and_run()' - Audit the job, then run the real backend.
 */

static int				/* O - Exit status (only on failure) */
audit_and_run(int        argc,		/* I - Arguments */
              char       *argv[],	/* I - Arguments (argv[0] without userinfo) */
              char       *envp[],	/* I - Environment */
              const char *argv0)	/* I - argv[0] as given */
{
  backend_t		backend;
  paudit_config_t	config;
  const char		*device_uri;
  json_t		*record;
  int			status = CUPS_BACKEND_STOP;


  started_root = geteuid() == 0;
  seed_objects();
  json_set_alloc_funcs(arena_malloc, arena_free);
  memset(&backend, 0, sizeof(backend));
  memset(&config, 0, sizeof(config));
  backend.fd = -1;
  if ((device_uri = getenv("DEVICE_URI")) == NULL || !*device_uri)
    device_uri = argv0;

  // Find the backend, load the configuration, build the record, deliver
  // it (OnLogFailure says whether the job prints), run the backend.
  if (!find_backend(device_uri, &backend) && !load_config(&config))
  {
    record = build_record(argc, argv, &backend, &config);

    if (pauditDeliver(&config, record, deliver_report, NULL) == PAUDIT_DELIVER_PRINT)
      status = run_backend(argc, argv, envp, &backend);
  }

  // The record's memory is the arena's: released by exit or exec.
  pauditConfigClear(&config);
  pauditURIClear(&backend.uri);
  if (backend.fd >= 0)
    close(backend.fd);

  return (status);
}


/*
 * 'main()' - Discover, or audit the job and run the real backend.
 */

int					/* O - Exit status */
main(int  argc,				/* I - Number of arguments */
     char *argv[],			/* I - Arguments */
     char *envp[])			/* I - Environment */
{
  char	*argv0 = NULL;
  int	status;


  // First of all: no password in /proc/PID/cmdline.
  if (argc > 0 && argv[0] && (argv0 = hide_userinfo(argv[0])) == NULL)
  {
    report("ERROR", "Out of memory");
    return (CUPS_BACKEND_STOP);
  }

  if (argc == 1)
  {
    static const char line[] = "network printaudit \"Unknown\" \"printaudit (audit every job, then the real backend)\"\n";

    status = write(STDOUT_FILENO, line, sizeof(line) - 1) == (ssize_t)(sizeof(line) - 1) ? CUPS_BACKEND_OK : CUPS_BACKEND_FAILED;
  }
  else if (argc < 6)
  {
    report("ERROR", "Usage: printaudit job-id user title copies options [file]");
    status = CUPS_BACKEND_FAILED;
  }
  else
    status = audit_and_run(argc, argv, envp, argv0);

  if (argv0 != argv[0])
    free(argv0);

  return (status);
}
