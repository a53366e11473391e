/*
 * cs_mutex_count.c - a group of 6 threads each adds 1 to a shared counter
 * 2000 times under one mutex, yielding now and then inside the critical
 * section; after joining the group the counter is exactly 12000, and each
 * thread's exit status came back through the join.
 */
#include <mutex.h>
#include <thrgrp.h>

#include "cs_common.h"

#define NTHREADS 6
#define ROUNDS   2000

static mutex_t lock;
static int counter;

static void *adder(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        mutex_lock(&lock);
        int seen = counter;
        if (i % 97 == 0)
            thr_yield(-1); /* let others try to get in */
        counter = seen + 1;
        mutex_unlock(&lock);
    }
    return arg;
}

int main(void)
{
    cs_begin("cs_mutex_count");
    thrgrp_group_t group;
    thrgrp_init_group(&group);
    REPORT_CHECK(mutex_init(&lock) == 0, "mutex_init");
    for (int i = 0; i < NTHREADS; i++)
        REPORT_CHECK(thrgrp_create(&group, adder, (void *)(i + 100)) >= 0, "thrgrp_create");
    for (int i = 0; i < NTHREADS; i++) {
        void *status;
        REPORT_CHECK(thrgrp_join(&group, &status) >= 0, "thrgrp_join");
        REPORT_CHECK(status == (void *)(i + 100), "the join returns the thread's status");
    }
    REPORT_CHECK(counter == NTHREADS * ROUNDS, "no increment lost");
    REPORT_CHECK(thrgrp_destroy_group(&group) == 0, "the group is empty");
    mutex_destroy(&lock);
    report_end(REPORT_SUCCESS);
    return 0;
}
