/*
 * Insertion-ordered string map for printaudit-report.
 *
 * Chained hashing (FNV-1a) plus a doubly linked list in insertion order,
 * so the oldest entry is found at once: the joiner drops its oldest
 * pending record first.  The map owns its keys, never its values.
 *
 * Copyright 2026 The printaudit authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include "report.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct map_entry_s		/* One entry */
{
  struct map_entry_s	*chain,		/* Next in bucket */
			*prev,		/* Previous in order */
			*next;		/* Next in order */
  void			*value;		/* Value (not owned) */
  char			key[];		/* Key (owned, in place) */
} map_entry_t;

struct report_map_s
{
  map_entry_t	**buckets;		/* Hash buckets */
  size_t	nbuckets,		/* Number of buckets, a power of 2 */
		count;			/* Entries */
  map_entry_t	*first,			/* Oldest entry */
		*last;			/* Newest entry */
};


/*
 * 'map_hash()' - FNV-1a hash of a key.
 */

static size_t
map_hash(const char *key)		/* I - Key */
{
  uint64_t	h = 14695981039346656037ULL;


  for (; *key; key ++)
  {
    h ^= (unsigned char)*key;
    h *= 1099511628211ULL;
  }

  return ((size_t)h);
}


/*
 * 'map_find()' - The bucket slot that holds key, or its empty end.
 */

static map_entry_t **			/* O - Slot (never NULL) */
map_find(report_map_t *map,		/* I - Map */
         const char   *key)		/* I - Key */
{
  map_entry_t	**slot = map->buckets + (map_hash(key) & (map->nbuckets - 1));


  while (*slot && strcmp((*slot)->key, key))
    slot = &(*slot)->chain;

  return (slot);
}


/*
 * 'map_grow()' - Double the buckets when the map gets full.
 */

static int				/* O - 0 on success, -1 on ENOMEM */
map_grow(report_map_t *map)		/* I - Map */
{
  map_entry_t	**buckets, *e;
  size_t	nbuckets = map->nbuckets * 2, i;


  if ((buckets = calloc(nbuckets, sizeof(map_entry_t *))) == NULL)
    return (-1);

  free(map->buckets);
  map->buckets  = buckets;
  map->nbuckets = nbuckets;

  for (e = map->first; e; e = e->next)
  {
    i        = map_hash(e->key) & (nbuckets - 1);
    e->chain = buckets[i];
    buckets[i] = e;
  }

  return (0);
}


/*
 * 'reportMapNew()' - Create an empty map.
 */

report_map_t *				/* O - Map; free with reportMapDelete() */
reportMapNew(void)
{
  report_map_t	*map = calloc(1, sizeof(report_map_t));


  if (!map)
    return (NULL);

  map->nbuckets = 64;
  if ((map->buckets = calloc(map->nbuckets, sizeof(map_entry_t *))) == NULL)
  {
    free(map);
    return (NULL);
  }

  return (map);
}


/*
 * 'reportMapDelete()' - Free a map and, through free_cb, its values.
 */

void
reportMapDelete(report_map_t     *map,	/* I - Map or NULL */
                report_free_cb_t free_cb)/* I - Value destructor or NULL */
{
  map_entry_t	*e, *next;


  if (!map)
    return;

  for (e = map->first; e; e = next)
  {
    next = e->next;
    if (free_cb)
      (free_cb)(e->value);
    free(e);
  }

  free(map->buckets);
  free(map);
}


/*
 * 'reportMapGet()' - Find a key's value.
 */

void *					/* O - Value (borrowed) or NULL */
reportMapGet(report_map_t *map,		/* I - Map */
             const char   *key)		/* I - Key */
{
  map_entry_t	*e = *map_find(map, key);


  return (e ? e->value : NULL);
}


/*
 * 'reportMapAdd()' - Add a new key at the end of the order.
 */

int					/* O - 0 on success, -1 on ENOMEM */
reportMapAdd(report_map_t *map,		/* I - Map */
             const char   *key,		/* I - New key (copied) */
             void         *value)	/* I - Value */
{
  size_t	keylen = strlen(key);
  map_entry_t	*e, **slot;


  if (map->count >= map->nbuckets && map_grow(map))
    return (-1);

  if ((e = malloc(sizeof(map_entry_t) + keylen + 1)) == NULL)
    return (-1);

  memcpy(e->key, key, keylen + 1);
  e->value = value;
  e->chain = NULL;
  e->next  = NULL;
  e->prev  = map->last;

  slot  = map_find(map, key);
  *slot = e;

  if (map->last)
    map->last->next = e;
  else
    map->first = e;
  map->last = e;
  map->count ++;

  return (0);
}


/*
 * 'reportMapRemove()' - Remove a key.
 */

void *					/* O - Its value (the caller's) or NULL */
reportMapRemove(report_map_t *map,	/* I - Map */
                const char   *key)	/* I - Key */
{
  map_entry_t	**slot = map_find(map, key), *e = *slot;
  void		*value;


  if (!e)
    return (NULL);

  *slot = e->chain;
  if (e->prev)
    e->prev->next = e->next;
  else
    map->first = e->next;
  if (e->next)
    e->next->prev = e->prev;
  else
    map->last = e->prev;

  value = e->value;
  free(e);
  map->count --;

  return (value);
}


/*
 * 'reportMapFirst()' - The oldest entry.
 */

void *					/* O - Value (borrowed) or NULL */
reportMapFirst(report_map_t *map,	/* I - Map */
               const char   **key)	/* O - Key (borrowed) or NULL */
{
  if (key)
    *key = map->first ? map->first->key : NULL;

  return (map->first ? map->first->value : NULL);
}


/*
 * 'reportMapCount()' - Number of entries.
 */

size_t					/* O - Entries */
reportMapCount(const report_map_t *map)	/* I - Map */
{
  return (map->count);
}


/*
 * 'reportMapValues()' - All values in insertion order.
 */

void **					/* O - New array; free() it */
reportMapValues(report_map_t *map)	/* I - Map */
{
  void		**values;
  map_entry_t	*e;
  size_t	i = 0;


  if (!map->count || (values = calloc(map->count, sizeof(void *))) == NULL)
    return (NULL);

  for (e = map->first; e; e = e->next)
    values[i ++] = e->value;

  return (values);
}
