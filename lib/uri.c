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
 * 'uri_sanitize()' - The URI as cupsd sanitizes it for a backend's argv[0].
 *
 * cupsd (scheduler/printers.c, cupsdSetDeviceURI) skips the slashes after
 * the scheme and removes everything up to the '@' that comes before the
 * next slash.
 */

static char *				/* O - New string or NULL */
uri_sanitize(const char *uri)		/* I - URI */
{
  const char	*start, *slash, *at, *p;
  char		*copy;
  size_t	len = strlen(uri);


  if ((copy = malloc(len + 1)) == NULL)
    return (NULL);
  memcpy(copy, uri, len + 1);

  if ((start = strchr(uri, ':')) == NULL)
    return (copy);
  for (start ++; *start == '/'; start ++);
  slash = start + strcspn(start, "/");

  // cupsd stops at the first '@'; the last one before the slash is taken
  // here, so that a password with an unescaped '@' does not show in part.
  for (at = NULL, p = start; p < slash; p ++)
    if (*p == '@')
      at = p;
  if (at)
    memmove(copy + (start - uri), at + 1, len - (size_t)(at + 1 - uri) + 1);

  return (copy);
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
  const char	*auth, *authend, *at, *colon, *host, *hostend, *port;
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
  len = strlen(uri);

  if ((parts->sanitized = uri_sanitize(uri)) == NULL)
    goto nomem;

  if (strncmp(uri + schemelen, "://", 3))
  {
    // No authority ("usb:/dev/...", "file:/..."): nothing to remove.
    if ((parts->clean = pauditUTF8New(uri, len, &len)) == NULL)
      goto nomem;
    return (PAUDIT_STATUS_OK);
  }

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
    if (port == authend && number <= 65535)
      parts->port = (int)number;
  }

  // The clean URI keeps the user name and drops ":password".
  {
    paudit_buf_t	clean = { NULL, 0, 0, 0 };
    size_t		userlen = 0;

    if (at)
    {
      colon   = memchr(auth, ':', (size_t)(at - auth));
      userlen = (size_t)((colon ? colon : at) - auth);
    }

    if (pauditBufAppend(&clean, uri, schemelen + 3) ||
        (userlen && (pauditBufAppend(&clean, auth, userlen) ||
                     pauditBufAppend(&clean, "@", 1))) ||
        pauditBufAppend(&clean, host, len - (size_t)(host - uri)))
    {
      free(clean.data);
      goto nomem;
    }

    parts->clean = pauditUTF8New(clean.data, clean.len, &len);
    free(clean.data);
    if (!parts->clean)
      goto nomem;
  }

  return (PAUDIT_STATUS_OK);

nomem:
  pauditURIClear(parts);
  pauditErrorSet(error, 0, "Out of memory");
  return (PAUDIT_STATUS_NOMEM);
}
