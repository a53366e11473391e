/*
 * cs_sem_gate.c - a semaphore of 2 lets at most 2 of 7 threads into a
 * section at once (counted under a mutex, with sleeps inside so the others
 * pile up at the gate); over 5 passes each, the section was full (2) at
 * some point and never over-full.  A second semaphore of 0 is a barrier the
 * main thread opens with 7 signals.
 */
#include <mutex.h>
#include <sem.h>
#include <thrgrp.h>

#include "cs_common.h"

#define NTHREADS 7
#define PASSES   5
#define GATE     2

static sem_t gate, start;
static mutex_t lock;
static int inside, most;

static void *visitor(void *arg)
{
    sem_wait(&start);
    for (int i = 0; i < PASSES; i++) {
        sem_wait(&gate);
        mutex_lock(&lock);
        inside++;
        if (inside > most)
            most = inside;
        mutex_unlock(&lock);
        sleep(2);
        mutex_lock(&lock);
        inside--;
        mutex_unlock(&lock);
        sem_signal(&gate);
    }
    return arg;
}

int main(void)
{
    cs_begin("cs_sem_gate");
    REPORT_CHECK(sem_init(&gate, GATE) == 0 && sem_init(&start, 0) == 0, "sem_init");
    REPORT_CHECK(mutex_init(&lock) == 0, "mutex_init");
    thrgrp_group_t group;
    thrgrp_init_group(&group);
    for (int i = 0; i < NTHREADS; i++)
        REPORT_CHECK(thrgrp_create(&group, visitor, NULL) >= 0, "thrgrp_create");
    for (int i = 0; i < NTHREADS; i++)
        sem_signal(&start);
    REPORT_CHECK(thrgrp_join_all(&group) == NTHREADS, "join all");
    REPORT_CHECK(most <= GATE, "never more than the gate lets in");
    REPORT_CHECK(most == GATE, "the gate was full at some point");
    REPORT_CHECK(inside == 0, "everyone left");
    sem_destroy(&gate);
    sem_destroy(&start);
    mutex_destroy(&lock);
    report_end(REPORT_SUCCESS);
    return 0;
}
