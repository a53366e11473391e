/* @smp 2 4 */
/*
 * thr_cond.c - proves condition variables (SPEC §4, cond.h):
 *   - a bounded buffer of 4 slots, 2 producers and 2 consumers passing 5000
 *     distinct items with cond_wait / cond_signal: every item is consumed
 *     exactly once (per-item tally, count and checksum), and no wakeup is
 *     lost (a watchdog fails the test if anything hangs);
 *   - cond_broadcast wakes every one of 5 waiters;
 *   - cond_signal wakes waiters one at a time in the order they began to
 *     wait;
 *   - cond_signal / cond_broadcast with no waiter is harmless: not
 *     remembered, so a thread that waits afterwards still sleeps until the
 *     next signal.
 */
#include <cond.h>
#include <mutex.h>
#include <thread.h>

#include "test.h"
#include "thr_watch.h"

#define ITEMS 5000
#define NPROD 2
#define NCONS 2
#define SLOTS 4
#define NWAIT 5

static mutex_t m;

/* Poll until *v reaches want, reading it under m; fail after 3 s. */
static void wait_count(volatile int *v, int want, const char *what)
{
    unsigned int t0 = get_ticks();
    for (;;) {
        mutex_lock(&m);
        int now = *v;
        mutex_unlock(&m);
        if (now >= want)
            return;
        if (get_ticks() - t0 > 3000)
            TEST_FAIL("thr_cond: %s: %d of %d after 3 s", what, now, want);
        sleep(1);
    }
}

/* ---- bounded buffer */
static cond_t not_full, not_empty;
static int ring[SLOTS], head, count, taken;
static unsigned char tally[ITEMS];
static int bad_item = -1, max_count;
static int consumed[NCONS];
static unsigned int checksum[NCONS];

static void *producer(void *arg)
{
    int p = (int)arg;
    for (int i = 0; i < ITEMS / NPROD; i++) {
        int item = p * (ITEMS / NPROD) + i;
        mutex_lock(&m);
        while (count == SLOTS)
            cond_wait(&not_full, &m);
        ring[(head + count) % SLOTS] = item;
        count++;
        if (count > max_count)
            max_count = count;
        cond_signal(&not_empty);
        mutex_unlock(&m);
        if (i % 13 == 0)
            thr_yield(-1);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    int c = (int)arg;
    for (;;) {
        mutex_lock(&m);
        while (count == 0 && taken < ITEMS)
            cond_wait(&not_empty, &m);
        if (count == 0) { /* all taken */
            mutex_unlock(&m);
            return NULL;
        }
        int item = ring[head];
        head = (head + 1) % SLOTS;
        count--;
        taken++;
        if (item >= 0 && item < ITEMS)
            tally[item]++;
        else
            bad_item = item;
        if (taken == ITEMS)
            cond_broadcast(&not_empty); /* the other consumer may be waiting */
        cond_signal(&not_full);
        mutex_unlock(&m);
        consumed[c]++;
        checksum[c] += (unsigned int)item;
        if (item % 11 == 0)
            thr_yield(-1);
    }
}

static void bounded_buffer(void)
{
    int tids[NPROD + NCONS];
    watch_phase("bounded buffer");
    for (int c = 0; c < NCONS; c++)
        CHECK((tids[c] = thr_create(consumer, (void *)c)) > 0, "thr_create consumer");
    for (int p = 0; p < NPROD; p++)
        CHECK((tids[NCONS + p] = thr_create(producer, (void *)p)) > 0, "thr_create producer");
    for (int i = 0; i < NPROD + NCONS; i++)
        CHECK(thr_join(tids[i], NULL) == 0, "thr_join");

    CHECK(bad_item == -1, "only produced items come out");
    CHECK(max_count <= SLOTS, "buffer never over-full");
    for (int i = 0; i < ITEMS; i++)
        if (tally[i] != 1)
            TEST_FAIL("thr_cond: item %d consumed %d times", i, tally[i]);
    CHECK(consumed[0] + consumed[1] == ITEMS, "item count");
    CHECK(checksum[0] + checksum[1] == (unsigned int)ITEMS * (ITEMS - 1) / 2, "checksum");
    NOTE("thr_cond: consumers took %d and %d items", consumed[0], consumed[1]);
}

/* ---- broadcast */
static cond_t cv;
static volatile int waiting, woken, go;

static void *broadcast_waiter(void *arg)
{
    (void)arg;
    mutex_lock(&m);
    waiting++;
    while (!go)
        cond_wait(&cv, &m);
    woken++;
    mutex_unlock(&m);
    return NULL;
}

static void broadcast_wakes_all(void)
{
    int tids[NWAIT];
    watch_phase("broadcast");
    for (int i = 0; i < NWAIT; i++)
        CHECK((tids[i] = thr_create(broadcast_waiter, NULL)) > 0, "thr_create");
    wait_count(&waiting, NWAIT, "waiters waiting");
    mutex_lock(&m);
    go = 1;
    cond_broadcast(&cv);
    mutex_unlock(&m);
    wait_count(&woken, NWAIT, "waiters woken by one cond_broadcast");
    for (int i = 0; i < NWAIT; i++)
        CHECK(thr_join(tids[i], NULL) == 0, "thr_join");
}

/* ---- signal order */
static volatile int tickets, served, order[NWAIT];

static void *ordered_waiter(void *arg)
{
    int k = (int)arg;
    mutex_lock(&m);
    waiting++;
    while (tickets == 0)
        cond_wait(&cv, &m);
    tickets--;
    order[served++] = k;
    mutex_unlock(&m);
    return NULL;
}

static void signal_in_wait_order(void)
{
    int tids[NWAIT];
    watch_phase("signal order");
    waiting = 0;
    for (int k = 0; k < NWAIT; k++) {
        CHECK((tids[k] = thr_create(ordered_waiter, (void *)k)) > 0, "thr_create");
        wait_count(&waiting, k + 1, "waiter entered cond_wait"); /* so they queue in order */
    }
    for (int r = 0; r < NWAIT; r++) {
        mutex_lock(&m);
        tickets++;
        cond_signal(&cv);
        mutex_unlock(&m);
        wait_count(&served, r + 1, "waiters woken one signal at a time");
        if (order[r] != r)
            TEST_FAIL("thr_cond: signal %d woke waiter %d: not in the order they waited", r, order[r]);
    }
    for (int k = 0; k < NWAIT; k++)
        CHECK(thr_join(tids[k], NULL) == 0, "thr_join");
}

/* ---- signals with nobody waiting are not remembered */
static volatile int returns, released;

static void *late_waiter(void *arg)
{
    (void)arg;
    mutex_lock(&m);
    waiting++;
    while (!released) {
        cond_wait(&cv, &m);
        returns++;
    }
    mutex_unlock(&m);
    return NULL;
}

static void signal_without_waiters(void)
{
    watch_phase("signal without waiters");
    cond_t lonely;
    CHECK(cond_init(&lonely) == 0, "cond_init");
    cond_signal(&lonely);
    cond_broadcast(&lonely);
    cond_destroy(&lonely);

    mutex_lock(&m);
    cond_signal(&cv);
    cond_signal(&cv);
    cond_broadcast(&cv);
    mutex_unlock(&m);
    cond_signal(&cv); /* without the mutex held, too */

    waiting = 0;
    int t = thr_create(late_waiter, NULL);
    CHECK(t > 0, "thr_create");
    wait_count(&waiting, 1, "late waiter waiting");
    sleep(50);
    CHECK(returns == 0, "earlier signals with no waiter were not remembered");
    mutex_lock(&m);
    released = 1;
    cond_signal(&cv);
    mutex_unlock(&m);
    CHECK(thr_join(t, NULL) == 0, "thr_join");
    CHECK(returns == 1, "the late waiter woke once, on the signal sent while it waited");
}

int main(void)
{
    TEST_START("thr_cond");
    CHECK(thr_init(16384) == 0, "thr_init");
    CHECK(mutex_init(&m) == 0, "mutex_init");
    CHECK(cond_init(&not_full) == 0 && cond_init(&not_empty) == 0 && cond_init(&cv) == 0, "cond_init");
    watch_start(30000);

    bounded_buffer();
    broadcast_wakes_all();
    signal_in_wait_order();
    signal_without_waiters();

    watch_stop();
    cond_destroy(&not_full);
    cond_destroy(&not_empty);
    cond_destroy(&cv);
    mutex_destroy(&m);
    TEST_PASS();
}
