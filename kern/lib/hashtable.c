/*
 * hashtable.c - see hashtable.h (which also holds the bucket function and
 * hash_find, inline).
 */
#include "lib/hashtable.h"

#include <stddef.h>

#include "lib/assert.h"

void hash_init(struct hashtable *h, struct hash_node **buckets, uint32_t nbuckets)
{
    assert(nbuckets > 0 && (nbuckets & (nbuckets - 1)) == 0);
    h->buckets = buckets;
    h->nbuckets = nbuckets;
    h->count = 0;
    unsigned bits = (unsigned)__builtin_ctz(nbuckets);
    h->mult = bits ? HASH_GOLDEN : 0;
    h->shift = bits ? 32 - bits : 0;
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
