/*
 * thrgrp.h - thread groups: create threads into a group, then join them
 * all (or one at a time, oldest first).  Built on <thread.h>; a group is
 * used by one thread at a time (the one that creates and joins).
 */
#ifndef CS_THRGRP_H
#define CS_THRGRP_H

typedef struct thrgrp_member {
    int tid;
    struct thrgrp_member *next;
} thrgrp_member_t;

typedef struct thrgrp_group {
    thrgrp_member_t *head, *tail; /* created, not yet joined, oldest first */
    int count;
} thrgrp_group_t;

int thrgrp_init_group(thrgrp_group_t *g);
/* A new thread running func(arg) in g: its tid, or negative. */
int thrgrp_create(thrgrp_group_t *g, void *(*func)(void *), void *arg);
/* Join the oldest member: its tid (its exit status in *statusp), or
 * negative when the group is empty. */
int thrgrp_join(thrgrp_group_t *g, void **statusp);
/* Join every member; the number joined, or negative on a failed join. */
int thrgrp_join_all(thrgrp_group_t *g);
int thrgrp_destroy_group(thrgrp_group_t *g);

#endif
