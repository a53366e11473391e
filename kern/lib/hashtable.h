/*
 * hashtable.h - generic intrusive hash table keyed by a 32-bit integer.
 *
 * Embed a struct hash_node in your struct and get back to it with
 * hash_entry() (= container_of):
 *
 *     struct thread { int tid; struct hash_node tid_node; };
 *     static struct hash_node *buckets[64];
 *     static struct hashtable by_tid;
 *     hash_init(&by_tid, buckets, 64);
 *     hash_insert(&by_tid, &t->tid_node, (uint32_t)t->tid);
 *     struct hash_node *n = hash_find(&by_tid, 7);
 *     struct thread *t7 = n ? hash_entry(n, struct thread, tid_node) : NULL;
 *
 * Chaining; each node also points at the pointer that points at it
 * (pprev), so removal is O(1) anywhere in a chain.  No allocation inside:
 * the caller supplies the bucket array, whose size must be a power of two.
 * Duplicate keys are allowed; hash_find_next() walks them.
 * Invariant: a node is in the table iff its pprev is non-NULL, and then
 * *pprev == node.  Not thread-safe: callers lock.
 */
#ifndef LIB_HASHTABLE_H
#define LIB_HASHTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/list.h" /* container_of */

struct hash_node {
    struct hash_node *next, **pprev;
    uint32_t key;
};

struct hashtable {
    struct hash_node **buckets;
    uint32_t nbuckets; /* a power of two */
    uint32_t count;    /* nodes in the table */
    /* hash_bucket's constants, from nbuckets (hash_init): a key's bucket is
     * (key * mult) >> shift, computed in two instructions. */
    uint32_t mult;
    uint32_t shift;
};

#define hash_entry(node, type, member) container_of(node, type, member)

/* buckets: nbuckets entries (a power of two >= 1), cleared here. */
void hash_init(struct hashtable *h, struct hash_node **buckets, uint32_t nbuckets);
/* Add node under key.  node must not be in a table. */
void hash_insert(struct hashtable *h, struct hash_node *node, uint32_t key);
/* The next node after node with node's key, or NULL. */
struct hash_node *hash_find_next(const struct hash_node *node);
/* Remove node, which must be in table h; O(1). */
void hash_remove(struct hashtable *h, struct hash_node *node);
static inline uint32_t hash_count(const struct hashtable *h) { return h->count; }

/* The bucket key falls in (exposed for tests); inline, with hash_find,
 * because the scheduler looks a tid up on every yield(tid).
 * Fibonacci (multiplicative) hashing: multiply by 2^32 / golden ratio and
 * keep the TOP log2(nbuckets) bits of the product.  The top bits depend on
 * every bit of the key, so sequential keys (thread ids) and keys that
 * differ only in their high bits (addresses, multiples of the table size)
 * both spread evenly.  One bucket: mult 0 and shift 0 (a shift by 32
 * would be undefined). */
#define HASH_GOLDEN 2654435769u
static inline uint32_t hash_bucket(const struct hashtable *h, uint32_t key)
{
    return (key * h->mult) >> h->shift;
}

/* The first node with this key, or NULL. */
static inline struct hash_node *hash_find(const struct hashtable *h, uint32_t key)
{
    for (struct hash_node *n = h->buckets[hash_bucket(h, key)]; n; n = n->next) {
        if (n->key == key)
            return n;
    }
    return NULL;
}

#endif
