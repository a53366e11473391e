/*
 * list.h - intrusive doubly-linked circular list with a sentinel
 * (Pintos/Linux style).  Header-only.
 *
 * The list owns no memory: embed a struct list_node in your struct, link
 * that, and get back to your struct with list_entry() (= container_of).
 *
 *     struct job { int id; struct list_node link; };
 *
 *     struct list jobs;
 *     list_init(&jobs);
 *     list_node_init(&j->link);              // not on any list yet
 *     list_push_back(&jobs, &j->link);
 *
 *     struct list_node *n, *tmp;
 *     list_for_each(n, &jobs) {
 *         struct job *job = list_entry(n, struct job, link);
 *         ...
 *     }
 *     list_for_each_safe(n, tmp, &jobs)      // may remove n while iterating
 *         if (list_entry(n, struct job, link)->id == 3)
 *             list_remove(n);
 *
 * Invariants: an empty list's sentinel points at itself; for every linked
 * node n, n->next->prev == n and n->prev->next == n.  A node on no list has
 * NULL links (list_node_init, list_remove), so list_node_linked() tells
 * membership.  A node is on at most one list through a given member.
 * Not thread-safe: callers lock (the lock that guards the list).
 */
#ifndef LIB_LIST_H
#define LIB_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/assert.h"

struct list_node {
    struct list_node *prev, *next;
};

struct list {
    struct list_node head; /* sentinel: head.next is the front, head.prev the back */
};

#ifndef container_of
/* The struct of type `type` whose member `member` is at ptr. */
#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))
#endif
#define list_entry(node, type, member) container_of(node, type, member)

static inline void list_init(struct list *l) { l->head.prev = l->head.next = &l->head; }
static inline void list_node_init(struct list_node *n) { n->prev = n->next = NULL; }
static inline bool list_empty(const struct list *l) { return l->head.next == &l->head; }
/* list_empty without the list's lock: a glance, true or false a moment ago. */
static inline bool list_empty_racy(const struct list *l)
{
    return __atomic_load_n(&l->head.next, __ATOMIC_RELAXED) == &l->head;
}
static inline bool list_node_linked(const struct list_node *n) { return n->next != NULL; }

/* Link n just before pos, which is a linked node or a list's sentinel
 * (&l->head: then n goes to the back).  n must not be on a list. */
static inline void list_insert_before(struct list_node *pos, struct list_node *n)
{
    n->next = pos;
    n->prev = pos->prev;
    pos->prev->next = n;
    pos->prev = n;
}

static inline void list_push_back(struct list *l, struct list_node *n) { list_insert_before(&l->head, n); }
static inline void list_push_front(struct list *l, struct list_node *n)
{
    list_insert_before(l->head.next, n);
}

/* Unlink n from whatever list it is on; n is left with NULL links. */
static inline void list_remove(struct list_node *n)
{
    assert(list_node_linked(n));
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->prev = n->next = NULL;
}

/* First/last node, or NULL if the list is empty. */
static inline struct list_node *list_front(const struct list *l)
{
    return list_empty(l) ? NULL : l->head.next;
}
static inline struct list_node *list_back(const struct list *l)
{
    return list_empty(l) ? NULL : l->head.prev;
}

/* Unlink and return the first node, or NULL if the list is empty. */
static inline struct list_node *list_pop_front(struct list *l)
{
    struct list_node *n = list_front(l);
    if (n)
        list_remove(n);
    return n;
}

/* Number of nodes; O(n). */
static inline size_t list_size(const struct list *l)
{
    size_t k = 0;
    for (const struct list_node *n = l->head.next; n != &l->head; n = n->next)
        k++;
    return k;
}

/* node visits every node front to back; do not unlink node in the body. */
#define list_for_each(node, list)                                                                            \
    for ((node) = (list)->head.next; (node) != &(list)->head; (node) = (node)->next)

/* Like list_for_each, but the body may unlink (or free) node; tmp is
 * scratch.  Other nodes must not be removed. */
#define list_for_each_safe(node, tmp, list)                                                                  \
    for ((node) = (list)->head.next, (tmp) = (node)->next; (node) != &(list)->head;                          \
         (node) = (tmp), (tmp) = (node)->next)

#endif
