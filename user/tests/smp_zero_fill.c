/* @smp 2 4 */
/*
 * smp_zero_fill.c - fresh pages are zero-filled while other CPUs take
 * frames from the same pool at the same moment.  The kernel zeroes a
 * fresh frame with the frame pool's lock let go (kern/mm/vm.c,
 * frame_zero_paused), so a frame must be its caller's alone before the
 * zeroing and mapped only after it.  TASKS tasks each map PAGES pages,
 * lazily (new_pages: zeroed at the first touch) and, in every other
 * round, touched from the top down so that the faults take the frames in
 * another order; each checks every word is zero, fills the pages with its
 * own pattern and gives them back, ROUNDS times.  The pool hands out the
 * frames freed last first, so each round gets frames another task has
 * just dirtied: a frame mapped before it was zeroed, or handed to two
 * faults at once, shows as a pattern (the word, its task and round are
 * printed).
 */
#include "test.h"

#define NAME   "smp_zero_fill"
#define TASKS  4
#define ROUNDS 60
#define PAGES  16
#define BASE   ((unsigned *)0x48000000)
#define WORDS  (PAGES * PAGE_SIZE / sizeof(unsigned))

/* The first nonzero word of a fresh mapping, or -1. */
static long first_dirty(int top_down)
{
    for (unsigned i = 0; i < WORDS; i++) {
        unsigned w = top_down ? WORDS - 1 - i : i;
        if (BASE[w] != 0)
            return (long)w;
    }
    return -1;
}

static int worker(unsigned id)
{
    for (int round = 0; round < ROUNDS; round++) {
        if (new_pages(BASE, PAGES * PAGE_SIZE) < 0)
            return 1;
        long w = first_dirty(round & 1);
        if (w >= 0) {
            lprintf("%s: task %u round %d: word %ld is 0x%x", NAME, id, round, w, BASE[w]);
            return 2;
        }
        for (unsigned i = 0; i < WORDS; i++)
            BASE[i] = 0xD0000000u | id << 16 | (unsigned)round;
        if (remove_pages(BASE) < 0)
            return 3;
    }
    return 0;
}

int main(void)
{
    TEST_START(NAME);
    for (unsigned id = 0; id < TASKS; id++) {
        int pid = fork();
        CHECK(pid >= 0, "fork");
        if (pid == 0)
            exit(worker(id));
    }
    for (int i = 0; i < TASKS; i++) {
        int status = -1;
        CHECK(wait(&status) > 0, "wait");
        CHECK(status == 0,
              "a task found a fresh page not zero-filled (1: new_pages, 3: remove_pages failed)");
    }
    TEST_PASS();
}
