/*
 * hashtable.h - generic intrusive hash table keyed by a 32-bit integer.
 * Chaining with O(1) removal (each node knows the pointer that points at
 * it).  No allocation inside: the caller supplies the bucket array, whose
 * size must be a power of two.  Not thread-safe: callers lock.
 */
#ifndef LIB_HASHTABLE_H
#define LIB_HASHTABLE_H

#include <stdint.h>

#include "lib/list.h" /* container_of */

struct hash_node {
    struct hash_node *next, **pprev;
    uint32_t key;
};

struct hashtable {
    struct hash_node **buckets;
    uint32_t nbuckets; /* power of two */
    uint32_t count;
};

#define hash_entry(node, type, member) container_of(node, type, member)

void hash_init(struct hashtable *h, struct hash_node **buckets, uint32_t nbuckets);
void hash_insert(struct hashtable *h, struct hash_node *node, uint32_t key);
/* The first node with this key, or NULL. */
struct hash_node *hash_find(const struct hashtable *h, uint32_t key);
void hash_remove(struct hashtable *h, struct hash_node *node);
static inline uint32_t hash_count(const struct hashtable *h) { return h->count; }

#endif
