/*
 * slice_fairness.c - proves that CPU-bound threads cannot starve others
 * (docs/architecture.md, "Time slices"): a thread that uses up its slice
 * gets a longer next one, but only up to a cap, and the run queue stays
 * round-robin.  Two spinners that never block or yield and one sleeper
 * looping sleep(1): every sleep returns within a bound set by the cap
 * (each spinner may hold the CPU for a capped slice in between), and both
 * spinners make progress between any two of the sleeper's wake-ups.
 * Without the cap the spinners' slices would double past the bound.
 */
#include "spawn.h"
#include "test.h"

#define ROUNDS         30
/* The cap is 8 ticks: a woken sleeper waits for at most two spinners'
 * slices, plus the tick it sleeps and tick edges.  100 leaves room for a
 * loaded host, and uncapped slices (16, 32, 64, 128 ... ticks after a few
 * rounds) exceed it. */
#define MAX_WAKE_TICKS 100

static char stk_a[8192] __attribute__((aligned(16)));
static char stk_b[8192] __attribute__((aligned(16)));
static volatile unsigned int spins[2];

static void spinner(void *arg)
{
    volatile unsigned int *count = arg;
    for (;;)
        (*count)++;
}

int main(void)
{
    TEST_START("slice_fairness");
    CHECK(spawn_thread(stk_a + sizeof(stk_a), spinner, (void *)&spins[0], NULL) > 0, "spawn spinner a");
    CHECK(spawn_thread(stk_b + sizeof(stk_b), spinner, (void *)&spins[1], NULL) > 0, "spawn spinner b");
    unsigned int worst = 0, a0 = spins[0], b0 = spins[1];
    int one_cpu = test_cpus() == 1; /* test.h: per sleep only with one CPU */
    for (int i = 0; i < ROUNDS; i++) {
        unsigned int a = spins[0], b = spins[1], t0 = get_ticks();
        CHECK(sleep(1) == 0, "sleep(1) returns 0");
        unsigned int dt = get_ticks() - t0;
        worst = dt > worst ? dt : worst;
        if (dt > MAX_WAKE_TICKS)
            TEST_FAIL("slice_fairness: sleep(1) took %u ticks in round %d (at most %d)", dt, i,
                      MAX_WAKE_TICKS);
        CHECK(!one_cpu || spins[0] != a, "spinner a ran while the sleeper slept");
        CHECK(!one_cpu || spins[1] != b, "spinner b ran while the sleeper slept");
    }
    CHECK(spins[0] != a0 && spins[1] != b0, "both spinners ran");
    NOTE("slice_fairness: the longest sleep(1) took %u ticks", worst);
    TEST_PASS();
}
