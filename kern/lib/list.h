/*
 * list.h - intrusive doubly-linked circular list with a sentinel.
 *
 * Embed a struct list_node in your struct and get back to the struct with
 * list_entry():
 *
 *     struct job { int id; struct list_node link; };
 *     struct list jobs;  list_init(&jobs);
 *     list_push_back(&jobs, &j->link);
 *     struct list_node *n;
 *     list_for_each(n, &jobs) { struct job *j = list_entry(n, struct job, link); ... }
 *
 * A node that is on no list has NULL links (list_node_init, list_remove),
 * so list_node_linked() tells membership.  Not thread-safe: callers lock.
 */
#ifndef LIB_LIST_H
#define LIB_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_node {
    struct list_node *prev, *next;
};

struct list {
    struct list_node head; /* sentinel: head.next is the first node */
};

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define list_entry(node, type, member) container_of(node, type, member)

static inline void list_init(struct list *l) { l->head.prev = l->head.next = &l->head; }
static inline void list_node_init(struct list_node *n) { n->prev = n->next = NULL; }
static inline bool list_empty(const struct list *l) { return l->head.next == &l->head; }
static inline bool list_node_linked(const struct list_node *n) { return n->next != NULL; }

/* Insert n just before pos (pos may be the sentinel: then at the back). */
static inline void list_insert_before(struct list_node *pos, struct list_node *n)
{
    n->next = pos;
    n->prev = pos->prev;
    pos->prev->next = n;
    pos->prev = n;
}

static inline void list_push_back(struct list *l, struct list_node *n) { list_insert_before(&l->head, n); }
static inline void list_push_front(struct list *l, struct list_node *n) { list_insert_before(l->head.next, n); }

static inline void list_remove(struct list_node *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->prev = n->next = NULL;
}

static inline struct list_node *list_front(const struct list *l) { return list_empty(l) ? NULL : l->head.next; }
static inline struct list_node *list_back(const struct list *l) { return list_empty(l) ? NULL : l->head.prev; }

static inline struct list_node *list_pop_front(struct list *l)
{
    struct list_node *n = list_front(l);
    if (n)
        list_remove(n);
    return n;
}

static inline size_t list_size(const struct list *l)
{
    size_t k = 0;
    for (const struct list_node *n = l->head.next; n != &l->head; n = n->next)
        k++;
    return k;
}

#define list_for_each(node, list) for ((node) = (list)->head.next; (node) != &(list)->head; (node) = (node)->next)
#define list_for_each_safe(node, tmp, list)                                                   \
    for ((node) = (list)->head.next, (tmp) = (node)->next; (node) != &(list)->head;          \
         (node) = (tmp), (tmp) = (node)->next)

#endif
