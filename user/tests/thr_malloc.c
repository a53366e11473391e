/* @smp 2 4 */
/*
 * thr_malloc.c - proves malloc, calloc, realloc and free are thread-safe once
 * thr_init has run (thread.h).  Every block is filled with a pattern unique
 * to its thread, slot and generation and checked before it is resized or
 * freed, so overlapping blocks or a corrupted heap show up as a wrong byte
 * (or a NULL, or a heap panic):
 *   - growth: 8 threads each take 48 blocks of up to 8 KiB at the same time
 *     under misbehave(2) (a yield after every system call, so also inside
 *     the heap's growth by new_pages), then check and free them;
 *   - churn: 8 threads make thousands of random allocations (mostly small,
 *     so most of the time goes into the allocator), reallocations and frees
 *     at the same time, then again under misbehave(2);
 *   - afterwards the heap still hands out usable memory: 100 blocks of
 *     10 KiB and one of 1 MiB are filled and checked.
 */
#include <malloc.h>
#include <thread.h>

#include "test.h"

#define NT    8
#define SLOTS 24

struct block {
    unsigned char *p;
    unsigned int size;
    unsigned int tag;
};

static unsigned int next_rand(unsigned int *s)
{
    unsigned int x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

static unsigned int random_size(unsigned int *s)
{
    unsigned int r = next_rand(s) % 100;
    if (r < 80)
        return 1 + next_rand(s) % 64;
    if (r < 97)
        return 1 + next_rand(s) % 1024;
    return 1 + next_rand(s) % 16384;
}

static unsigned char byte_of(unsigned int tag, unsigned int k)
{
    return (unsigned char)(tag * 7 + k * 31 + (k >> 8));
}

static void fill(struct block *b)
{
    for (unsigned int k = 0; k < b->size; k++)
        b->p[k] = byte_of(b->tag, k);
}

/* Check the first n bytes of b; fail naming the thread and slot. */
static void verify(const struct block *b, unsigned int n, int who, int slot)
{
    for (unsigned int k = 0; k < n; k++)
        if (b->p[k] != byte_of(b->tag, k))
            TEST_FAIL("thr_malloc: thread %d slot %d: byte %u of %u at %p is 0x%02x, expected "
                      "0x%02x",
                      who, slot, k, b->size, b->p, b->p[k], byte_of(b->tag, k));
}

static void *must(void *p, unsigned int size, const char *what)
{
    if (!p)
        TEST_FAIL("thr_malloc: %s(%u) returned NULL", what, size);
    return p;
}

static void one_op(struct block *b, int who, int slot, unsigned int *seed, unsigned int gen)
{
    unsigned int tag = ((unsigned int)who << 24) ^ ((unsigned int)slot << 16) ^ gen;
    if (!b->p) {
        b->size = random_size(seed);
        b->tag = tag;
        if (next_rand(seed) % 4 == 0) {
            b->p = must(calloc(1, b->size), b->size, "calloc");
            for (unsigned int k = 0; k < b->size; k++)
                if (b->p[k] != 0)
                    TEST_FAIL("thr_malloc: calloc(%u) byte %u not zero", b->size, k);
        } else {
            b->p = must(malloc(b->size), b->size, "malloc");
        }
        fill(b);
        return;
    }
    verify(b, b->size, who, slot);
    if (next_rand(seed) % 3 == 0) {
        unsigned int n = random_size(seed);
        b->p = must(realloc(b->p, n), n, "realloc");
        verify(b, n < b->size ? n : b->size, who, slot); /* contents kept */
        b->size = n;
        b->tag = tag;
        fill(b);
    } else {
        free(b->p);
        b->p = NULL;
    }
}

/* Take GROW_BLOCKS blocks without freeing any (the heap must grow), check
 * them all, free them. */
#define GROW_BLOCKS 48
static void *grow(void *arg)
{
    int who = (int)arg;
    unsigned int seed = 0x2545F491u * (unsigned int)(who + 1);
    struct block b[GROW_BLOCKS];
    for (int i = 0; i < GROW_BLOCKS; i++) {
        b[i].size = 1 + next_rand(&seed) % 8192;
        b[i].tag = ((unsigned int)who << 24) ^ (unsigned int)i ^ 0x777;
        b[i].p = must(malloc(b[i].size), b[i].size, "malloc");
        fill(&b[i]);
        thr_yield(-1); /* the threads take turns: they grow the heap together */
    }
    for (int i = 0; i < GROW_BLOCKS; i++) {
        verify(&b[i], b[i].size, who, i);
        free(b[i].p);
    }
    return (void *)GROW_BLOCKS;
}

static void *churn(void *arg)
{
    int who = (int)arg & 0xff, ops = (int)arg >> 8;
    unsigned int seed = 0x9E3779B9u * (unsigned int)(who + 1);
    struct block blocks[SLOTS] = {{0}};
    for (int i = 0; i < ops; i++) {
        int slot = (int)(next_rand(&seed) % SLOTS);
        one_op(&blocks[slot], who, slot, &seed, (unsigned int)i);
        /* No yields here: the timer must preempt threads at random points,
         * also inside the allocator. */
    }
    for (int s = 0; s < SLOTS; s++)
        if (blocks[s].p) {
            verify(&blocks[s], blocks[s].size, who, s);
            free(blocks[s].p);
        }
    return (void *)ops;
}

/* NT threads of fn(arg | i) under misbehave(mode); each must return want. */
static void round_of(void *(*fn)(void *), int arg, int want, int mode)
{
    int tids[NT];
    misbehave(mode);
    for (int i = 0; i < NT; i++)
        CHECK((tids[i] = thr_create(fn, (void *)(arg | i))) > 0, "thr_create");
    for (int i = 0; i < NT; i++) {
        void *st;
        CHECK(thr_join(tids[i], &st) == 0, "thr_join");
        CHECK(st == (void *)want, "thread finished its allocations");
    }
    misbehave(0);
}

static void heap_still_usable(void)
{
    enum { N = 100, SZ = 10240, BIG = 1 << 20 };
    static struct block b[N];
    for (int i = 0; i < N; i++) {
        b[i].size = SZ;
        b[i].tag = 0xABC00 + i;
        b[i].p = must(malloc(SZ), SZ, "malloc");
        fill(&b[i]);
    }
    for (int i = 0; i < N; i++) {
        verify(&b[i], SZ, -1, i);
        free(b[i].p);
    }
    struct block big = {must(malloc(BIG), BIG, "malloc"), BIG, 0x5EED};
    fill(&big);
    verify(&big, BIG, -1, -1);
    free(big.p);
}

int main(void)
{
    TEST_START("thr_malloc");
    CHECK(thr_init(65536) == 0, "thr_init");
    unsigned int t0 = get_ticks();
    round_of(grow, 0, GROW_BLOCKS, 2);
    unsigned int t1 = get_ticks();
    round_of(churn, 30000 << 8, 30000, 0);
    unsigned int t2 = get_ticks();
    round_of(churn, 1000 << 8, 1000, 2);
    NOTE("thr_malloc: growth took %u ticks, churn %u, churn under misbehave(2) %u", t1 - t0, t2 - t1,
         get_ticks() - t2);
    heap_still_usable();
    TEST_PASS();
}
