/*
 * cs_cond_queue.c - a bounded queue (4 slots) guarded by a mutex with two
 * condition variables: 3 producers put 300 numbered items each, 3 consumers
 * take them; every item arrives exactly once and the queue never over- or
 * underflows.  The last consumer to finish wakes everyone with a broadcast.
 */
#include <cond.h>
#include <mutex.h>
#include <thrgrp.h>

#include "cs_common.h"

#define SLOTS     4
#define PRODUCERS 3
#define CONSUMERS 3
#define PER_PROD  300
#define TOTAL     (PRODUCERS * PER_PROD)

static mutex_t lock;
static cond_t not_full, not_empty;
static int queue[SLOTS], head, used;
static int taken;            /* items consumed so far */
static char seen[TOTAL];

static void *producer(void *arg)
{
    int base = (int)arg * PER_PROD;
    for (int i = 0; i < PER_PROD; i++) {
        mutex_lock(&lock);
        while (used == SLOTS)
            cond_wait(&not_full, &lock);
        queue[(head + used) % SLOTS] = base + i;
        used++;
        cond_signal(&not_empty);
        mutex_unlock(&lock);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    mutex_lock(&lock);
    for (;;) {
        while (used == 0 && taken < TOTAL)
            cond_wait(&not_empty, &lock);
        if (taken == TOTAL)
            break;
        int item = queue[head];
        head = (head + 1) % SLOTS;
        used--;
        taken++;
        REPORT_CHECK(item >= 0 && item < TOTAL && !seen[item], "each item once");
        seen[item] = 1;
        cond_signal(&not_full);
        if (taken == TOTAL)
            cond_broadcast(&not_empty); /* the other consumers may stop */
    }
    mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    cs_begin("cs_cond_queue");
    REPORT_CHECK(mutex_init(&lock) == 0 && cond_init(&not_full) == 0 && cond_init(&not_empty) == 0,
                 "init");
    thrgrp_group_t group;
    thrgrp_init_group(&group);
    for (int i = 0; i < CONSUMERS; i++)
        REPORT_CHECK(thrgrp_create(&group, consumer, NULL) >= 0, "create consumer");
    for (int i = 0; i < PRODUCERS; i++)
        REPORT_CHECK(thrgrp_create(&group, producer, (void *)i) >= 0, "create producer");
    REPORT_CHECK(thrgrp_join_all(&group) == PRODUCERS + CONSUMERS, "join all");
    for (int i = 0; i < TOTAL; i++)
        REPORT_CHECK(seen[i], "every item arrived");
    REPORT_CHECK(used == 0, "the queue is empty at the end");
    cond_destroy(&not_full);
    cond_destroy(&not_empty);
    mutex_destroy(&lock);
    report_end(REPORT_SUCCESS);
    return 0;
}
