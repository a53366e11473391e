/* @timeout 120 */
/*
 * fork_oom.c - proves fork is refused cleanly when memory runs out (SPEC §3):
 * the test promises itself all user memory with new_pages (16 MiB chunks,
 * then smaller ones down to single pages, until nothing is left; none of it
 * touched), after
 * which fork returns negative - twice - and the task carries on with its
 * memory intact.  Once the regions are removed, fork works again and the
 * free-frame count (kstats) is back to where it was.
 */
#include "test.h"

#define AREA     ((char *)0x40000000) /* regions are carved upward from here */
#define MAX_REGS 512

static char *regs[MAX_REGS];
static int lens[MAX_REGS];
static int nregs;

/* Grow the stack now: while memory is exhausted it could not grow. */
static void __attribute__((noinline)) prefault_stack(void)
{
    volatile char pad[32768];
    for (unsigned int i = 0; i < sizeof(pad); i += 512)
        pad[i] = 0;
}

static char *next_base(void) { return nregs ? regs[nregs - 1] + lens[nregs - 1] : AREA; }

/* Promise chunks of `len` bytes until one is refused. */
static void grab(int len)
{
    while (nregs < MAX_REGS) {
        char *base = next_base();
        if ((unsigned int)base + len > 0xC0000000u || new_pages(base, len) < 0)
            return;
        lens[nregs] = len; /* never touched: no page table needed */
        regs[nregs++] = base;
    }
}

static unsigned int frames_free(void)
{
    struct kstats k;
    CHECK(kstats(&k) == 0, "kstats");
    return k.user_frames_free;
}

static int exit_7(int unused)
{
    (void)unused;
    return 7;
}

static void exhaust(void)
{
    for (int len = 16 << 20; len >= PAGE_SIZE; len >>= 2)
        grab(len);
}

static void release(void)
{
    while (nregs > 0)
        CHECK(remove_pages(regs[--nregs]) == 0, "remove_pages");
}

int main(void)
{
    TEST_START("fork_oom");
    static volatile int sentinel = 0x5EED;
    prefault_stack();
    exhaust(); /* warm-up round: page tables the kernel may keep */
    release();
    sleep(10);
    unsigned int free0 = frames_free();

    exhaust();
    CHECK(nregs > 0 && nregs < MAX_REGS, "memory exhausted within the region table");
    CHECK(new_pages(next_base(), PAGE_SIZE) < 0, "not even one more page");
    lprintf("fork_oom: %d regions promised, %u frames were free", nregs, free0);

    int r = fork();
    if (r == 0)
        exit(99); /* a kernel that forks anyway: the parent reports it */
    CHECK(r < 0, "fork refused with no memory left");
    CHECK(fork() < 0, "fork refused again");
    CHECK(wait(NULL) < 0, "no child was created");
    CHECK(sentinel == 0x5EED, "task memory intact after refused forks");
    release();
    r = fork_run(exit_7, 0);
    CHECK(r > 0, "fork works again after remove_pages");
    CHECK(wait_for(r) == 7, "child status");

    sleep(10);
    unsigned int free1 = frames_free();
    lprintf("fork_oom: free frames %u before, %u after", free0, free1);
    CHECK(free1 == free0, "every frame came back");
    TEST_PASS();
}
