/*
 * thread_ids.c - proves thread-id rules (SPEC §3): gettid is stable; a forked
 * child has a new, distinct id equal to what fork returned; a thread made by
 * thread_fork has its own id, equal to thread_fork's return value; ids are
 * not reused (50 children forked and collected one after another all get
 * distinct ids, none equal to a live thread's).
 */
#include "spawn.h"
#include "test.h"

#define NCHILD 50

static char stack2[8192] __attribute__((aligned(16)));
static volatile int thread_seen_tid, thread_done;

static void report_tid(void *arg)
{
    (void)arg;
    thread_seen_tid = gettid();
}

static int child_tid(int unused)
{
    (void)unused;
    return gettid() == gettid() ? gettid() : -1;
}

int main(void)
{
    TEST_START("thread_ids");
    int me = gettid();
    CHECK(me > 0, "gettid is positive");
    for (int i = 0; i < 100; i++)
        CHECK(gettid() == me, "gettid is stable");

    int tids[NCHILD + 2];
    int n = 0;
    tids[n++] = me;

    int t = spawn_thread(stack2 + sizeof(stack2), report_tid, NULL, &thread_done);
    CHECK(t > 0, "thread_fork");
    while (!thread_done)
        yield(-1);
    while (yield(t) == 0)
        ; /* let it reach its vanish: fork is refused while it exists */
    CHECK(thread_seen_tid == t, "new thread's gettid equals thread_fork's result");
    CHECK(t != me, "new thread id differs from the creator's");
    CHECK(gettid() == me, "creator keeps its id");
    tids[n++] = t;

    for (int i = 0; i < NCHILD; i++) {
        int c;
        for (int tries = 0; (c = fork_run(child_tid, 0)) < 0 && tries < 100; tries++)
            sleep(10); /* the thread above may still be on its way out */
        CHECK(c > 0, "fork");
        CHECK(wait_for(c) == c, "child's gettid equals fork's result");
        for (int j = 0; j < n; j++)
            if (tids[j] == c)
                TEST_FAIL("thread_ids: id %d handed out twice", c);
        tids[n++] = c;
    }
    CHECK(gettid() == me, "parent id unchanged after forks");
    TEST_PASS();
}
