/* @timeout 180 @smp 2 4 */
/*
 * smp_cow_writers.c - copy-on-write under concurrent writers (issue 15
 * §7).  Each of ROUNDS rounds forks a child of a task whose PAGES-page
 * region holds the parent's pattern; then at once:
 *   - in the child, two threads (thread library) first read every page (so
 *     each CPU caches the shared, read-only mapping), meet at a spin
 *     barrier, and then write the same pages in the same order, word by
 *     word interleaved (writer 0 the even words, writer 1 the odd ones),
 *     PASSES times, each pass with its own values.  Before each write a
 *     writer checks that the word still holds what it last put there (the
 *     parent's value before its first write): a write lost to a second,
 *     racing copy of the page, or one that went to a copy the other CPU
 *     no longer maps, shows up there or in the end check.  When both are
 *     done, each checks every word of every page (its own and the other's:
 *     a stale read-only TLB entry for the shared frame would show the
 *     parent's values) and the main thread checks again after the join;
 *   - the parent writes its own copy of the same pages with new values,
 *     first checking each word still holds its old one: a page the child's
 *     writes reach (both sides deciding they were the last sharer and
 *     writing the shared frame in place) fails there, and after the child
 *     has exited the parent's copy must hold exactly its own new values.
 * Values are a hash of (round, page, word, writer, pass), so a word from
 * the wrong writer, page or round is never mistaken for the right one.
 * Broken on purpose (vm.c's cow_write making the shared frame writable in
 * place instead of copying it): fails in round 0, the child finding the
 * parent's new values "before the first write".
 */
#include <thread.h>

#include "test.h"

#define NAME    "smp_cow_writers"
#define ROUNDS  40
#define PAGES   64
#define PASSES  4
#define WORDS   (PAGE_SIZE / 4)
#define BASE    ((volatile unsigned int *)0x60000000)
#define PARENT  2 /* the writer number of the parent's values */
#define INITIAL (-1)

static int round_no;
static volatile int arrived, finished;

/* The value writer `who` puts in (page, word) in pass `pass` of round_no;
 * pass INITIAL is the parent's pattern before the fork. */
static unsigned int value(int page, int word, int who, int pass)
{
    unsigned int h = (unsigned int)(round_no * 0x9E3779B1u) ^ (unsigned int)(page * 0x85EBCA77u) ^
                     (unsigned int)(word * 0xC2B2AE3Du) ^ (unsigned int)((who * 8 + pass + 1) * 0x27D4EB2Fu);
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    return h ^ (h >> 12);
}

static volatile unsigned int *word_at(int page, int word) { return BASE + page * WORDS + word; }

/* Who wrote (page, word) last when every writer is done. */
static unsigned int final_value(int page, int word) { return value(page, word, word % 2, PASSES - 1); }

static void check_word(int page, int word, unsigned int want, const char *what)
{
    unsigned int got = *word_at(page, word);
    if (got != want)
        TEST_FAIL("%s: round %d page %d word %d: %s: 0x%08x, expected 0x%08x", NAME, round_no, page, word,
                  what, got, want);
}

/* Spin (yielding: one CPU may run both) until `count` reaches n. */
static void meet(volatile int *count, int n)
{
    __sync_fetch_and_add(count, 1);
    while (*count < n)
        yield(-1);
}

static void read_all(void)
{
    unsigned int sum = 0;
    for (int p = 0; p < PAGES; p++)
        for (int w = 0; w < WORDS; w += 64)
            sum += *word_at(p, w);
    (void)sum;
}

/* One writer's share of the child's work: its own words of every page,
 * PASSES times, checking each before it writes; then everything. */
static void write_share(int who)
{
    read_all();
    meet(&arrived, 2);
    for (int pass = 0; pass < PASSES; pass++)
        for (int p = 0; p < PAGES; p++)
            for (int w = who; w < WORDS; w += 2) {
                if (pass == 0)
                    check_word(p, w, value(p, w, PARENT, INITIAL), "before the first write");
                else
                    check_word(p, w, value(p, w, who, pass - 1), "its own last write lost");
                *word_at(p, w) = value(p, w, who, pass);
            }
    meet(&finished, 2);
    for (int p = 0; p < PAGES; p++)
        for (int w = 0; w < WORDS; w++)
            check_word(p, w, final_value(p, w), who ? "writer 1's end check" : "writer 0's end check");
}

static void *second_writer(void *arg)
{
    (void)arg;
    write_share(1);
    return NULL;
}

static void child(void)
{
    CHECK(thr_init(16384) == 0, "thr_init in the child");
    int tid = thr_create(second_writer, NULL);
    CHECK(tid > 0, "thr_create");
    write_share(0);
    CHECK(thr_join(tid, NULL) == 0, "thr_join");
    for (int p = 0; p < PAGES; p++)
        for (int w = 0; w < WORDS; w++)
            check_word(p, w, final_value(p, w), "after the join");
    exit(0);
}

/* The parent, while the child writes: its own copy, checked and rewritten. */
static void parent_rewrites(void)
{
    for (int p = 0; p < PAGES; p++)
        for (int w = 0; w < WORDS; w++) {
            check_word(p, w, value(p, w, PARENT, INITIAL), "the child's write reached the parent");
            *word_at(p, w) = value(p, w, PARENT, 0);
        }
}

static void one_round(void)
{
    for (int p = 0; p < PAGES; p++)
        for (int w = 0; w < WORDS; w++)
            *word_at(p, w) = value(p, w, PARENT, INITIAL);
    arrived = finished = 0;
    int tid = fork();
    if (tid == 0)
        child();
    CHECK(tid > 0, "fork");
    parent_rewrites();
    int st = wait_for(tid);
    if (st != 0)
        TEST_FAIL("%s: round %d: the child exited with status %d", NAME, round_no, st);
    for (int p = 0; p < PAGES; p++)
        for (int w = 0; w < WORDS; w++)
            check_word(p, w, value(p, w, PARENT, 0), "the parent's copy after the child");
}

int main(void)
{
    TEST_START(NAME);
    CHECK(new_pages((void *)BASE, PAGES * PAGE_SIZE) == 0, "new_pages");
    for (round_no = 0; round_no < ROUNDS; round_no++)
        one_round();
    NOTE("%s: %d rounds of %d pages, %d passes, two writers and the parent", NAME, ROUNDS, PAGES, PASSES);
    TEST_PASS();
}
