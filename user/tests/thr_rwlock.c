/* @smp 2 4 */
/*
 * thr_rwlock.c - proves readers/writer locks (SPEC §4, rwlock.h):
 *   - readers share: 3 readers are inside together (each waits inside,
 *     bounded, until all 3 are in, so an exclusive lock fails);
 *   - writers exclude: 4 readers and 2 writers hammering the lock never see
 *     a writer together with a reader or with another writer;
 *   - a waiting writer is not starved: readers keep overlapping (a reader
 *     leaves only while another is inside) so the lock is never free unless
 *     new readers are kept out; the writer must still get in;
 *   - rwlock_downgrade: readers that waited behind the writer get in while
 *     the downgraded holder still reads; a writer that arrives then, or that
 *     was already waiting, stays out until every reader has left.
 * A watchdog thread turns a hang into a failure naming the phase.
 */
#include <rwlock.h>
#include <thread.h>

#include "test.h"
#include "thr_watch.h"

static rwlock_t rw;

static int add(volatile int *v, int d) { return __atomic_add_fetch(v, d, __ATOMIC_SEQ_CST); }

/* ---- readers share */
#define NSHARE 3
static volatile int r_in, together;

static void *sharing_reader(void *arg)
{
    (void)arg;
    rwlock_lock(&rw, RWLOCK_READ);
    if (add(&r_in, 1) == NSHARE)
        together = 1;
    unsigned int t0 = get_ticks();
    while (!together && get_ticks() - t0 < 2000)
        thr_yield(-1);
    add(&r_in, -1);
    rwlock_unlock(&rw);
    return (void *)together;
}

static void readers_share(void)
{
    int tids[NSHARE];
    watch_phase_for("readers share", 10000);
    for (int i = 0; i < NSHARE; i++)
        CHECK((tids[i] = thr_create(sharing_reader, NULL)) > 0, "thr_create");
    for (int i = 0; i < NSHARE; i++) {
        void *ok;
        CHECK(thr_join(tids[i], &ok) == 0, "thr_join");
        CHECK(ok == (void *)1, "3 readers held the lock at the same time");
    }
}

/* ---- writers exclude */
#define NREAD  4
#define NWRITE 2
#define ITERS  300
static volatile int w_in, clash, max_readers;

static void *excl_reader(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITERS; i++) {
        rwlock_lock(&rw, RWLOCK_READ);
        int n = add(&r_in, 1);
        if (n > max_readers)
            max_readers = n;
        if (w_in)
            clash = 1;
        if (i % 3 == 0)
            thr_yield(-1);
        if (w_in)
            clash = 1;
        add(&r_in, -1);
        rwlock_unlock(&rw);
    }
    return NULL;
}

static void *excl_writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITERS; i++) {
        rwlock_lock(&rw, RWLOCK_WRITE);
        if (add(&w_in, 1) != 1 || r_in != 0)
            clash = 2;
        if (i % 2 == 0)
            thr_yield(-1);
        if (w_in != 1 || r_in != 0)
            clash = 2;
        add(&w_in, -1);
        rwlock_unlock(&rw);
    }
    return NULL;
}

static void writers_exclude(void)
{
    int tids[NREAD + NWRITE];
    watch_phase_for("writers exclude", 20000);
    for (int i = 0; i < NREAD + NWRITE; i++)
        CHECK((tids[i] = thr_create(i < NREAD ? excl_reader : excl_writer, NULL)) > 0, "thr_create");
    for (int i = 0; i < NREAD + NWRITE; i++)
        CHECK(thr_join(tids[i], NULL) == 0, "thr_join");
    NOTE("thr_rwlock: up to %d readers inside together", max_readers);
    CHECK(clash != 1, "no reader inside while a writer is");
    CHECK(clash != 2, "a writer is alone inside");
}

/* ---- a waiting writer is not starved */
#define NSTREAM 4
static volatile int stop, reads_done;

/* Leave only while another reader is inside (or after 50 lonely ticks). */
static void leave_when_relieved(void)
{
    unsigned int t0 = get_ticks();
    for (;;) {
        int n = r_in;
        if (n >= 2 && __atomic_compare_exchange_n(&r_in, &n, n - 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return;
        if (stop || get_ticks() - t0 > 50) {
            add(&r_in, -1);
            return;
        }
        thr_yield(-1);
    }
}

static void *stream_reader(void *arg)
{
    (void)arg;
    while (!stop) {
        rwlock_lock(&rw, RWLOCK_READ);
        add(&r_in, 1);
        add(&reads_done, 1);
        leave_when_relieved();
        rwlock_unlock(&rw);
    }
    return NULL;
}

static void writer_not_starved(void)
{
    int tids[NSTREAM];
    watch_phase_for("writer not starved", 6000);
    r_in = 0;
    for (int i = 0; i < NSTREAM; i++)
        CHECK((tids[i] = thr_create(stream_reader, NULL)) > 0, "thr_create");
    while (reads_done < 50)
        thr_yield(-1); /* the stream of readers is flowing */
    unsigned int t0 = get_ticks();
    rwlock_lock(&rw, RWLOCK_WRITE);
    unsigned int dt = get_ticks() - t0;
    CHECK(r_in == 0, "no reader inside with the writer");
    stop = 1;
    rwlock_unlock(&rw);
    NOTE("thr_rwlock: the writer waited %u ticks for %d reads to drain", dt, reads_done);
    for (int i = 0; i < NSTREAM; i++)
        CHECK(thr_join(tids[i], NULL) == 0, "thr_join");
}

/* ---- downgrade */
static volatile int r_asking, r_got, r_release, w_asking, w_got;
static volatile int data;

static void *dg_reader(void *arg)
{
    (void)arg;
    r_asking = 1;
    rwlock_lock(&rw, RWLOCK_READ);
    int seen = data;
    r_got = 1;
    while (!r_release)
        sleep(1);
    rwlock_unlock(&rw);
    return (void *)seen;
}

static void *dg_writer(void *arg)
{
    (void)arg;
    w_asking = 1;
    rwlock_lock(&rw, RWLOCK_WRITE);
    w_got = 1;
    data = -1;
    rwlock_unlock(&rw);
    return NULL;
}

/* A reader waiting behind the writer gets in once it downgrades; a writer
 * arriving then waits for both readers. */
static void downgrade_admits_readers(void)
{
    watch_phase_for("downgrade admits readers", 10000);
    r_asking = r_got = r_release = w_asking = w_got = 0;
    rwlock_lock(&rw, RWLOCK_WRITE);
    data = 42;
    int r = start_blocked(dg_reader, NULL, &r_asking, "reader start");
    CHECK(r_got == 0, "a reader waits while the writer is inside");

    rwlock_downgrade(&rw);
    wait_flag(&r_got, "waiting reader admitted after rwlock_downgrade");

    int w = start_blocked(dg_writer, NULL, &w_asking, "writer start");
    sleep(20);
    CHECK(w_got == 0, "no writer while the downgraded holder and a reader read");
    CHECK(data == 42, "data unchanged while the downgraded holder reads");
    rwlock_unlock(&rw);
    sleep(20);
    CHECK(w_got == 0, "no writer while a reader is still inside");
    r_release = 1;
    void *seen;
    CHECK(thr_join(r, &seen) == 0, "thr_join reader");
    CHECK(seen == (void *)42, "the reader saw what the writer wrote before downgrading");
    CHECK(thr_join(w, NULL) == 0, "thr_join writer");
    CHECK(w_got == 1, "the writer got in after every reader left");
}

/* A writer already waiting does not get in at the downgrade. */
static void downgrade_keeps_writer_out(void)
{
    watch_phase_for("downgrade keeps writer out", 10000);
    w_asking = w_got = 0;
    rwlock_lock(&rw, RWLOCK_WRITE);
    data = 7;
    int w = start_blocked(dg_writer, NULL, &w_asking, "writer start");
    rwlock_downgrade(&rw);
    sleep(50);
    CHECK(w_got == 0, "the waiting writer did not get in at the downgrade");
    CHECK(data == 7, "data unchanged while the downgraded holder reads");
    rwlock_unlock(&rw);
    CHECK(thr_join(w, NULL) == 0, "thr_join writer");
    CHECK(w_got == 1 && data == -1, "the writer got in after the unlock");
}

int main(void)
{
    TEST_START("thr_rwlock");
    CHECK(thr_init(16384) == 0, "thr_init");
    CHECK(rwlock_init(&rw) == 0, "rwlock_init");
    watch_start(10000);

    readers_share();
    writers_exclude();
    writer_not_starved();
    downgrade_admits_readers();
    downgrade_keeps_writer_out();

    watch_stop();
    rwlock_destroy(&rw);
    TEST_PASS();
}
