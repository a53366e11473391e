/*
 * cs_syscalls.c - system calls next to threads, as course tests use them:
 * before thr_init the task forks a child that exits with status 7 and is
 * reaped by wait; then a group of 4 threads each checks that
 * thr_getid() == gettid(), differs from main's, sleeps, and sees get_ticks
 * move; readfile(".") lists this program.
 */
#include <mutex.h>
#include <string.h>
#include <syscall.h>
#include <thrgrp.h>

#include "cs_common.h"

#define NTHREADS 4

static mutex_t lock;
static int tids[NTHREADS];

static void *worker(void *arg)
{
    int me = (int)arg;
    REPORT_CHECK(thr_getid() == gettid(), "thr_getid is the kernel tid");
    unsigned int before = get_ticks();
    REPORT_CHECK(sleep(5) == 0, "sleep");
    REPORT_CHECK(get_ticks() > before, "ticks move across a sleep");
    mutex_lock(&lock);
    tids[me] = thr_getid();
    mutex_unlock(&lock);
    return NULL;
}

static void fork_and_wait(void)
{
    int pid = fork();
    REPORT_CHECK(pid >= 0, "fork");
    if (pid == 0) {
        set_status(7);
        vanish();
    }
    int status = 0;
    REPORT_CHECK(wait(&status) == pid, "wait returns the child");
    REPORT_CHECK(status == 7, "the child's status");
}

static int listed(const char *name)
{
    static char list[8192];
    int n = readfile(".", list, sizeof(list), 0);
    for (char *p = list; n > 0 && p < list + n && *p; p += strlen(p) + 1)
        if (strcmp(p, name) == 0)
            return 1;
    return 0;
}

int main(void)
{
    report_init("cs_syscalls");
    report_start(REPORT_COMPLETE);
    report_misc(CS_FLAGS_LINE);
    fork_and_wait(); /* before thr_init: fork is refused once threads exist */
    REPORT_CHECK(thr_init(CS_STACK_SIZE) == 0, "thr_init");
    REPORT_CHECK(mutex_init(&lock) == 0, "mutex_init");
    REPORT_CHECK(listed("cs_syscalls"), "readfile(\".\") lists this program");
    thrgrp_group_t group;
    thrgrp_init_group(&group);
    for (int i = 0; i < NTHREADS; i++)
        REPORT_CHECK(thrgrp_create(&group, worker, (void *)i) >= 0, "thrgrp_create");
    REPORT_CHECK(thrgrp_join_all(&group) == NTHREADS, "join all");
    for (int i = 0; i < NTHREADS; i++) {
        REPORT_CHECK(tids[i] > 0 && tids[i] != gettid(), "a thread id of its own");
        for (int j = 0; j < i; j++)
            REPORT_CHECK(tids[i] != tids[j], "distinct thread ids");
    }
    report_end(REPORT_SUCCESS);
    return 0;
}
