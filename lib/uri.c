/*
 * Device URI splitting and credential removal for printaudit.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "printaudit-private.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/*
 * 'uri_default_port()' - The port libcups assumes for a scheme.
 */

static int				/* O - Port or -1 */
uri_default_port(const char *scheme)	/* I - Scheme */
{
  static const struct
  {
    const char	*scheme;
    int		port;
  }		ports[] =
  {
    { "http",   80 },
    { "https",  443 },
    { "ipp",    631 },
    { "ipps",   631 },
    { "lpd",    515 },
    { "socket", 9100 }
  };
  size_t	i;


  for (i = 0; i < sizeof(ports) / sizeof(ports[0]); i ++)
    if (!strcasecmp(scheme, ports[i].scheme))
      return (ports[i].port);

  return (-1);
}


/*
 * 'uri_hex()' - Value of a hex digit, -1 if not one.
 */

static int
uri_hex(int ch)
{
  if (ch >= '0' && ch <= '9')
    return (ch - '0');
  if (ch >= 'a' && ch <= 'f')
    return (ch - 'a' + 10);
  if (ch >= 'A' && ch <= 'F')
    return (ch - 'A' + 10);
  return (-1);
}


/*
 * 'uri_decode()' - Percent-decode and sanitize a host name.
 */

static char *				/* O - New string or NULL */
uri_decode(const char *s,		/* I - Encoded host */
           size_t     len)		/* I - Length */
{
  char		*raw, *out, *host;
  size_t	i, hostlen;


  if (!memchr(s, '%', len))
    return (pauditUTF8New(s, len, &hostlen));

  if ((raw = malloc(len + 1)) == NULL)
    return (NULL);

  for (i = 0, out = raw; i < len; i ++)
  {
    if (s[i] == '%' && i + 2 < len && uri_hex(s[i + 1]) >= 0 &&
        uri_hex(s[i + 2]) >= 0 && (s[i + 1] != '0' || s[i + 2] != '0'))
    {
      *out++ = (char)(uri_hex(s[i + 1]) * 16 + uri_hex(s[i + 2]));
      i += 2;
    }
    else
      *out++ = s[i];
  }

  host = pauditUTF8New(raw, (size_t)(out - raw), &hostlen);
  free(raw);

  return (host);
}


/*
 * 'uri_user_len()' - Length of the user name in a userinfo.
 *
 * libcups (httpSeparateURI) percent-decodes the userinfo before a backend
 * splits it at its first ':' (backend/ipp.c), so "%3A" separates the
 * password as well as ':' does.  A '%' and two hex digits are read as one
 * character, as libcups reads them.
 */

static size_t				/* O - Bytes before the separator, or len */
uri_user_len(const char *s,		/* I - Userinfo (before its '@') */
             size_t     len,		/* I - Length */
             int        *found)		/* O - 1 if a password separator is there */
{
  size_t	i;


  for (i = 0, *found = 0; i < len; i ++)
  {
    if (s[i] == ':')
    {
      *found = 1;
      return (i);
    }
    if (s[i] == '%' && i + 2 < len && uri_hex(s[i + 1]) >= 0 && uri_hex(s[i + 2]) >= 0)
    {
      if (uri_hex(s[i + 1]) * 16 + uri_hex(s[i + 2]) == ':')
      {
        *found = 1;
        return (i);
      }
      i += 2;
    }
  }

  return (len);
}


/*
 * 'uri_redact()' - The URI with the credentials of every authority removed.
 *
 * The authorities are the text after "scheme:" and its slashes (as cupsd
 * reads a device URI) and after every later "//" (a nested URI such as
 * "beh:/1/3/5/ipp://user:pass@host/q", or one in a query), each up to the
 * next '/'.  Its userinfo is everything before its last '@'.  With drop,
 * the userinfo and its '@' are removed (a backend's argv[0]); otherwise
 * the user name is kept and the password removed ("ipp://alice@h/"), or
 * the userinfo with its '@' when the user name is empty.
 */

static char *				/* O - New string or NULL */
uri_redact(const char *uri,		/* I - URI (scheme already checked) */
           int        drop)		/* I - 1 to remove the whole userinfo */
{
  paudit_buf_t	out = { NULL, 0, 0, 0 };
  size_t	len = strlen(uri), s, e, at, keep, done = 0;
  int		found;


  for (s = (size_t)(strchr(uri, ':') - uri) + 1; s < len && uri[s] == '/'; s ++);

  for (;;)
  {
    for (e = s; e < len && uri[e] != '/'; e ++);
    for (at = e; at > s && uri[at - 1] != '@'; at --);

    if (at > s)
    {
      at --;				// The last '@' of the authority
      keep = uri_user_len(uri + s, at - s, &found);
      if (drop || found)
      {
        if (drop)
          keep = 0;
        if (pauditBufAppend(&out, uri + done, s + keep - done) ||
            (keep && pauditBufAppend(&out, "@", 1)))
          goto nomem;
        done = at + 1;

        // "ipp://u:p@/x:y@h/" would become "ipp:///x:y@h/": the slashes
        // that now follow the authority's start begin another one.
        if (!keep && done == e && e < len)
        {
          for (s = e; s < len && uri[s] == '/'; s ++);
          continue;
        }
      }
    }

    // The next "//" starts another authority.
    for (; e + 1 < len && (uri[e] != '/' || uri[e + 1] != '/'); e ++);
    if (e + 1 >= len)
      break;
    for (s = e + 2; s < len && uri[s] == '/'; s ++);
  }

  if (pauditBufAppend(&out, uri + done, len - done) || pauditBufAppend(&out, "", 1))
    goto nomem;

  return (out.data);

nomem:
  free(out.data);
  return (NULL);
}


/*
 * 'pauditURIWithoutUserinfo()' - A URI without any authority's userinfo.
 *
 * The shim's own argv[0] is rewritten to this before anything else: the
 * same form as the real backend's argv[0], nested URIs included.
 */

char *					/* O - New string or NULL on ENOMEM */
pauditURIWithoutUserinfo(const char *uri)/* I - URI, with a ':' */
{
  return (uri_redact(uri, 1));
}


/*
 * 'pauditURIClear()' - Free the parts of a split URI.
 */

void
pauditURIClear(paudit_uri_t *parts)	/* I - Parts */
{
  free(parts->clean);
  free(parts->sanitized);
  free(parts->host);
  memset(parts, 0, sizeof(*parts));
  parts->port = -1;
}


/*
 * 'uri_scheme_len()' - Length of a valid scheme before ':', 0 if invalid.
 */

static size_t
uri_scheme_len(const char *uri)		/* I - URI */
{
  size_t	i;
  char		c;


  if (!((uri[0] >= 'A' && uri[0] <= 'Z') || (uri[0] >= 'a' && uri[0] <= 'z')))
    return (0);

  for (i = 1; (c = uri[i]) != '\0' && c != ':'; i ++)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
          (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-'))
      return (0);

  return (c == ':' && i <= PAUDIT_MAX_SCHEME ? i : 0);
}


/*
 * 'pauditURISplit()' - Split a device URI and remove its password.
 */

paudit_status_t				/* O - Status */
pauditURISplit(const char     *uri,	/* I - Device URI */
               paudit_uri_t   *parts,	/* O - Parts */
               paudit_error_t *error)	/* O - Error */
{
  size_t	schemelen, len;
  const char	*auth, *authend, *at, *host, *hostend, *port;
  char		*redacted;
  long		number;


  memset(parts, 0, sizeof(*parts));
  parts->port = -1;

  if (!uri || (schemelen = uri_scheme_len(uri)) == 0)
  {
    pauditErrorSet(error, 0, "Bad device URI scheme (expected [A-Za-z][A-Za-z0-9+.-]*: of at most %d characters)", PAUDIT_MAX_SCHEME);
    return (PAUDIT_STATUS_INVALID);
  }

  memcpy(parts->scheme, uri, schemelen);
  parts->scheme[schemelen] = '\0';

  // argv[0] for the real backend: cupsd removes the userinfo after
  // "scheme:"; a nested URI's userinfo goes too (backends read the URI
  // from DEVICE_URI, and argv[0] is visible to every local account).
  if ((parts->sanitized = uri_redact(uri, 1)) == NULL)
    goto nomem;

  // The record's URI: user names kept, every password removed.
  if ((redacted = uri_redact(uri, 0)) == NULL)
    goto nomem;
  parts->clean = pauditUTF8New(redacted, strlen(redacted), &len);
  free(redacted);
  if (!parts->clean)
    goto nomem;

  if (strncmp(uri + schemelen, "://", 3))
    return (PAUDIT_STATUS_OK);		// No authority: no host or port

  // Userinfo ends at the last '@' before the first '/': '?' and '#' do not
  // end it for libcups (httpSeparateURI), so they may be in a password.
  auth    = uri + schemelen + 3;
  authend = auth + strcspn(auth, "/");
  for (at = NULL, host = auth; host < authend; host ++)
    if (*host == '@')
      at = host;
  host    = at ? at + 1 : auth;
  authend = host + strcspn(host, "/?#");

  if (*host == '[')
  {
    hostend = memchr(host, ']', (size_t)(authend - host));
    hostend = hostend ? hostend + 1 : authend;
  }
  else
    for (hostend = host; hostend < authend && *hostend != ':'; hostend ++);

  if (hostend > host)
  {
    if (*host == '[')
      parts->host = uri_decode(host + 1, (size_t)(hostend - host) - (hostend[-1] == ']' ? 2 : 1));
    else
      parts->host = uri_decode(host, (size_t)(hostend - host));
    if (!parts->host)
      goto nomem;
  }

  parts->port = uri_default_port(parts->scheme);
  if (hostend < authend && *hostend == ':' && hostend + 1 < authend)
  {
    for (number = 0, port = hostend + 1; port < authend && *port >= '0' && *port <= '9' && number <= 65535; port ++)
      number = number * 10 + (*port - '0');
    if (port == authend && number > 0 && number <= 65535)	// 0 is libcups's bad port
      parts->port = (int)number;
  }

  return (PAUDIT_STATUS_OK);

nomem:
  pauditURIClear(parts);
  pauditErrorSet(error, 0, "Out of memory");
  return (PAUDIT_STATUS_NOMEM);
}
