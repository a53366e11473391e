/* thrgrp.c - thread groups (see inc/thrgrp.h). */
#include <malloc.h>
#include <thread.h>
#include <thrgrp.h>

int thrgrp_init_group(thrgrp_group_t *g)
{
    g->head = g->tail = NULL;
    g->count = 0;
    return 0;
}

int thrgrp_create(thrgrp_group_t *g, void *(*func)(void *), void *arg)
{
    thrgrp_member_t *m = malloc(sizeof(*m));
    if (m == NULL)
        return -1;
    int tid = thr_create(func, arg);
    if (tid < 0) {
        free(m);
        return tid;
    }
    m->tid = tid;
    m->next = NULL;
    if (g->tail)
        g->tail->next = m;
    else
        g->head = m;
    g->tail = m;
    g->count++;
    return tid;
}

int thrgrp_join(thrgrp_group_t *g, void **statusp)
{
    thrgrp_member_t *m = g->head;
    if (m == NULL)
        return -1;
    g->head = m->next;
    if (g->head == NULL)
        g->tail = NULL;
    g->count--;
    int tid = m->tid;
    free(m);
    return thr_join(tid, statusp) < 0 ? -1 : tid;
}

int thrgrp_join_all(thrgrp_group_t *g)
{
    int joined = 0;
    while (g->head != NULL) {
        if (thrgrp_join(g, NULL) < 0)
            return -1;
        joined++;
    }
    return joined;
}

int thrgrp_destroy_group(thrgrp_group_t *g)
{
    return g->head == NULL ? 0 : -1;
}
