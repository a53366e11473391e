/*
 * sleep_ticks.c - proves sleep and get_ticks (SPEC §3): get_ticks advances;
 * sleep of a negative count is an error and returns at once; sleep(0)
 * returns at once; sleep(n) blocks for at least n ticks (and not absurdly
 * longer); tasks sleeping for different lengths wake in order.
 */
#include "test.h"

static int sleep_and_exit(int n)
{
    sleep(n);
    return n;
}

int main(void)
{
    TEST_START("sleep_ticks");

    /* get_ticks advances (1000 Hz: a busy wait sees it move quickly). */
    unsigned int t0 = get_ticks();
    unsigned int spins = 0;
    while (get_ticks() == t0) {
        CHECK(++spins < 100000000u, "get_ticks never advances");
    }
    CHECK(get_ticks() > t0, "get_ticks increases");

    t0 = get_ticks();
    CHECK(sleep(-1) < 0, "sleep(-1) is an error");
    CHECK(sleep(-2147483647 - 1) < 0, "sleep(INT_MIN) is an error");
    CHECK(sleep(0) == 0, "sleep(0) returns 0");
    CHECK(get_ticks() - t0 < 50, "sleep(0) and sleep(-1) return at once");

    for (int n = 1; n <= 100; n *= 10) {
        t0 = get_ticks();
        CHECK(sleep(n) == 0, "sleep(n) returns 0");
        unsigned int dt = get_ticks() - t0;
        NOTE("sleep_ticks: sleep(%d) took %u ticks", n, dt);
        CHECK(dt >= (unsigned int)n, "sleep(n) takes at least n ticks");
        CHECK(dt < (unsigned int)n + 1000, "sleep(n) does not oversleep wildly");
    }

    /* Four children sleeping 400, 100, 300, 200 ticks wake in order. */
    static const int lens[] = {400, 100, 300, 200};
    for (int i = 0; i < 4; i++)
        CHECK(fork_run(sleep_and_exit, lens[i]) > 0, "fork");
    int prev = 0;
    for (int i = 0; i < 4; i++) {
        int st;
        CHECK(wait(&st) > 0, "wait");
        CHECK(st == prev + 100, "sleepers wake in order of their deadlines");
        prev = st;
    }
    TEST_PASS();
}
