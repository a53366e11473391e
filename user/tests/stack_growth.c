/* @timeout 60 */
/*
 * stack_growth.c - proves automatic stack growth (SPEC §1): a function with
 * a 64 KiB local array works when its lowest byte is touched first (a fault
 * far below the stack's lowest page) and then every page; the new pages are
 * zero; a 256 KiB frame does the same; recursion 1024 deep with 1 KiB frames
 * (1 MiB of stack) works and computes the right result; once grown, the
 * stack is mapped, so new_pages over it is refused.  Also checks the stack
 * bounds _main received (SPEC §1: stack_high 0xFFFFFFFF, stack_low the lowest
 * mapped stack address), as crt0 saved them.
 */
#include "test.h"

/* Saved by crt0 from _main's arguments; weak so the test still links if the
 * library stops exporting them (the check is then skipped). */
extern void *__stack_high __attribute__((weak));
extern void *__stack_low __attribute__((weak));

static void check_initial_bounds(char **argv)
{
    if (&__stack_high == NULL || &__stack_low == NULL) {
        NOTE("stack_growth: crt0 does not export the stack bounds; skipped");
        return;
    }
    unsigned int hi = (unsigned int)__stack_high, lo = (unsigned int)__stack_low;
    NOTE("stack_growth: _main got stack_high %p, stack_low %p", __stack_high, __stack_low);
    CHECK(hi == 0xFFFFFFFFu, "stack_high is 0xFFFFFFFF");
    CHECK((lo & (PAGE_SIZE - 1)) == 0, "stack_low is page-aligned");
    CHECK(lo <= (unsigned int)argv && lo <= (unsigned int)argv[0], "argv lies above stack_low");
    CHECK(hi - lo < (1u << 20), "initial stack is small");
    /* stack_low is mapped: new_pages there is refused. */
    CHECK(new_pages((void *)lo, PAGE_SIZE) < 0, "new_pages over stack_low refused");
}

static volatile unsigned int deepest;

/* Touch the lowest byte first, then every page upward; count non-zero bytes
 * found in the lowest `fresh` bytes, which no earlier call has used. */
static int __attribute__((noinline)) big_frame(unsigned int size, unsigned int fresh)
{
    volatile char buf[size];
    int nonzero = 0;
    buf[0] = 1;
    for (unsigned int i = 0; i < size; i += PAGE_SIZE) {
        if (i + PAGE_SIZE <= fresh)
            for (unsigned int j = (i ? i : 1); j < i + PAGE_SIZE; j += 64)
                nonzero += buf[j] != 0;
        buf[i] = (char)(i >> 12);
    }
    for (unsigned int i = PAGE_SIZE; i < size; i += PAGE_SIZE)
        if (buf[i] != (char)(i >> 12))
            return -1;
    return nonzero;
}

static unsigned int __attribute__((noinline)) recurse(int depth)
{
    volatile char frame[1024];
    frame[0] = (char)depth;
    frame[1023] = (char)(depth >> 8);
    if ((unsigned int)frame < deepest || deepest == 0)
        deepest = (unsigned int)frame;
    if (depth == 0)
        return 0;
    unsigned int below = recurse(depth - 1);
    return below + (unsigned char)frame[0] + ((unsigned char)frame[1023] << 8);
}

int main(int argc, char **argv)
{
    (void)argc;
    TEST_START("stack_growth");
    check_initial_bounds(argv);
    /* Earlier calls (printf) used at most the top 8 KiB. */
    int r = big_frame(64 * 1024, 56 * 1024);
    CHECK(r >= 0, "64 KiB frame keeps what is written");
    CHECK(r == 0, "fresh stack pages are zero-filled");
    r = big_frame(256 * 1024, (256 - 72) * 1024);
    CHECK(r >= 0, "256 KiB frame keeps what is written");
    CHECK(r == 0, "fresh stack pages are zero-filled (256 KiB)");

    unsigned int sum = recurse(1024);
    CHECK(sum == 1024u * 1025u / 2, "1 MiB of recursion computes the right sum");
    NOTE("stack_growth: deepest frame at %p", (void *)deepest);
    CHECK(deepest < 0xFFFFFFFFu - (1u << 20), "recursion reached 1 MiB down");
    CHECK(new_pages((void *)(deepest & ~(PAGE_SIZE - 1u)), PAGE_SIZE) < 0,
          "new_pages over the grown stack is refused");
    TEST_PASS();
}
