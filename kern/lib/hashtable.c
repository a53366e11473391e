/*
 * hashtable.c - see hashtable.h.  Buckets are chosen by Fibonacci
 * (multiplicative) hashing, which spreads sequential keys such as thread
 * ids evenly.
 */
#include "lib/hashtable.h"

#include "lib/assert.h"

static uint32_t bucket_of(const struct hashtable *h, uint32_t key)
{
    return (key * 2654435769u) & (h->nbuckets - 1);
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
    struct hash_node **head = &h->buckets[bucket_of(h, key)];
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
    for (struct hash_node *n = h->buckets[bucket_of(h, key)]; n; n = n->next)
        if (n->key == key)
            return n;
    return NULL;
}

void hash_remove(struct hashtable *h, struct hash_node *node)
{
    assert(node->pprev && *node->pprev == node);
    *node->pprev = node->next;
    if (node->next)
        node->next->pprev = node->pprev;
    node->next = NULL;
    node->pprev = NULL;
    h->count--;
}
