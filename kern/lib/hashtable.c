/*
 * hashtable.c - see hashtable.h.
 *
 * Buckets are chosen by Fibonacci (multiplicative) hashing: multiply by
 * 2^32 / golden ratio and keep the TOP log2(nbuckets) bits of the product.
 * The top bits depend on every bit of the key, so sequential keys (thread
 * ids) and keys that differ only in their high bits (addresses, multiples of
 * the table size) both spread evenly.
 */
#include "lib/hashtable.h"

#include <stddef.h>

#include "lib/assert.h"

#define GOLDEN_RATIO_32 2654435769u

uint32_t hash_bucket(const struct hashtable *h, uint32_t key)
{
    if (h->nbuckets == 1)
        return 0; /* a shift by 32 would be undefined */
    unsigned bits = (unsigned)__builtin_ctz(h->nbuckets);
    return (key * GOLDEN_RATIO_32) >> (32 - bits);
}

void hash_init(struct hashtable *h, struct hash_node **buckets, uint32_t nbuckets)
{
    assert(nbuckets > 0 && (nbuckets & (nbuckets - 1)) == 0);
    h->buckets = buckets;
    h->nbuckets = nbuckets;
    h->count = 0;
    for (uint32_t i = 0; i < nbuckets; i++)
        buckets[i] = NULL;
}

void hash_insert(struct hashtable *h, struct hash_node *node, uint32_t key)
{
    struct hash_node **head = &h->buckets[hash_bucket(h, key)];
    assert(node != *head); /* inserted twice */
    node->key = key;
    node->next = *head;
    if (*head)
        (*head)->pprev = &node->next;
    node->pprev = head;
    *head = node;
    h->count++;
}

struct hash_node *hash_find(const struct hashtable *h, uint32_t key)
{
    for (struct hash_node *n = h->buckets[hash_bucket(h, key)]; n; n = n->next) {
        if (n->key == key)
            return n;
    }
    return NULL;
}

struct hash_node *hash_find_next(const struct hash_node *node)
{
    for (struct hash_node *n = node->next; n; n = n->next) {
        if (n->key == node->key)
            return n;
    }
    return NULL;
}

void hash_remove(struct hashtable *h, struct hash_node *node)
{
    assert(node->pprev && *node->pprev == node); /* not in a table */
    assert(h->count > 0);
    *node->pprev = node->next;
    if (node->next)
        node->next->pprev = node->pprev;
    node->next = NULL;
    node->pprev = NULL;
    h->count--;
}
