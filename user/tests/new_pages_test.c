/*
 * new_pages_test.c - proves new_pages / remove_pages (SPEC §3 "Memory"):
 * success gives zero-filled writable memory; a misaligned base, len 0,
 * negative or non-page-multiple len, kernel addresses, ranges wrapping past
 * 4 GiB, and overlaps with an earlier region, the program image or the stack
 * are refused; remove_pages refuses anything but the base of a region (and a
 * second removal); after remove_pages the memory faults (a forked child
 * touching it dies with status -2) and a new region there is zero-filled
 * again; 1 GiB is refused at once (accounting, not lazy failure); frames are
 * accounted when promised and all return after remove_pages (kstats).
 */
#include <string.h>

#include "test.h"

#define BASE   ((char *)0x40000000)
#define OTHER  ((char *)0x50000000)
#define NPAGES 4
#define LEN    (NPAGES * PAGE_SIZE)

static int global_var = 1;

static void refused(void *base, int len, const char *what)
{
    int r = new_pages(base, len);
    if (r >= 0)
        TEST_FAIL("new_pages_test: new_pages(%p, %d) [%s] returned %d", base, len, what, r);
}

static void check_zero(const char *p, int len)
{
    for (int i = 0; i < len; i++)
        if (p[i] != 0)
            TEST_FAIL("new_pages_test: byte %d of %p is %d, not 0", i, p, p[i]);
}

static int touch_read(int unused)
{
    (void)unused;
    return *(volatile int *)BASE;
}

static int touch_write(int unused)
{
    (void)unused;
    *(volatile int *)(BASE + LEN - 4) = 1;
    return 0;
}

static unsigned int available(void)
{
    struct kstats k;
    CHECK(kstats(&k) == 0, "kstats");
    return k.user_frames_free - k.user_frames_reserved;
}

static unsigned int frames_free(void)
{
    struct kstats k;
    CHECK(kstats(&k) == 0, "kstats");
    return k.user_frames_free;
}

/* 256 pages promised, touched, removed; frame counts must come back. */
static void accounting_cycle(int check)
{
    unsigned int free0 = frames_free(), avail0 = available();
    CHECK(new_pages(OTHER, 256 * PAGE_SIZE) == 0, "new_pages 1 MiB");
    unsigned int avail1 = available();
    for (int i = 0; i < 256; i++)
        OTHER[i * PAGE_SIZE] = 1;
    unsigned int free2 = frames_free();
    CHECK(remove_pages(OTHER) == 0, "remove_pages 1 MiB");
    unsigned int free3 = frames_free(), avail3 = available();
    if (!check)
        return;
    NOTE("new_pages_test: free %u -> touched %u -> removed %u; available %u -> promised %u -> %u", free0,
         free2, free3, avail0, avail1, avail3);
    CHECK(avail0 - avail1 >= 256, "promised frames are accounted at once");
    CHECK(free0 - free2 >= 256, "touched frames are in use");
    CHECK(free3 == free0, "remove_pages gives every frame back");
    CHECK(avail3 == avail0, "remove_pages drops the reservation");
}

int main(void)
{
    TEST_START("new_pages_test");
    int local = 0;

    /* Success: zero-filled and writable. */
    CHECK(new_pages(BASE, LEN) == 0, "new_pages of 4 pages");
    check_zero(BASE, LEN);
    for (int i = 0; i < LEN; i++)
        BASE[i] = (char)(i * 13);
    for (int i = 0; i < LEN; i++)
        CHECK(BASE[i] == (char)(i * 13), "region keeps what is written");

    /* Bad arguments. */
    refused(BASE + LEN + 16, PAGE_SIZE, "misaligned base");
    refused(BASE + LEN + 1, PAGE_SIZE, "misaligned base (+1)");
    refused(OTHER, 0, "len 0");
    refused(OTHER, -PAGE_SIZE, "negative len");
    refused(OTHER, 100, "len not a page multiple");
    refused(OTHER, PAGE_SIZE + 1, "len not a page multiple");
    refused(KERNEL_ADDR, PAGE_SIZE, "kernel address");
    refused(NULL, PAGE_SIZE, "address 0");
    refused((void *)(USER_MEM_START - PAGE_SIZE), 2 * PAGE_SIZE, "straddles 16 MiB");
    refused((void *)0xC0000000, 0x7FFFF000, "wraps past 4 GiB");
    refused((void *)0xFFFFF000, 0x2000, "wraps past 4 GiB (top page)");

    /* Overlaps. */
    refused(BASE, LEN, "same region again");
    refused(BASE + PAGE_SIZE, PAGE_SIZE, "inside an earlier region");
    refused(BASE - PAGE_SIZE, 2 * PAGE_SIZE, "overlaps an earlier region's start");
    refused(BASE + LEN - PAGE_SIZE, 2 * PAGE_SIZE, "overlaps an earlier region's end");
    refused(BASE - PAGE_SIZE, LEN + 2 * PAGE_SIZE, "encloses an earlier region");
    refused((void *)USER_MEM_START, PAGE_SIZE, "program text");
    refused((void *)((unsigned int)&global_var & ~(PAGE_SIZE - 1)), PAGE_SIZE, "program data");
    refused((void *)((unsigned int)&local & ~(PAGE_SIZE - 1)), PAGE_SIZE, "the stack");
    refused((void *)0xFFFFF000, PAGE_SIZE, "the stack's top page");

    /* remove_pages of anything but a region base. */
    CHECK(remove_pages(BASE + PAGE_SIZE) < 0, "remove_pages of a non-base address");
    CHECK(remove_pages(BASE + 8) < 0, "remove_pages of a misaligned address");
    CHECK(remove_pages(OTHER) < 0, "remove_pages of a never-allocated address");
    CHECK(remove_pages(KERNEL_ADDR) < 0, "remove_pages of a kernel address");
    CHECK(remove_pages((void *)USER_MEM_START) < 0, "remove_pages of the program image");
    CHECK(remove_pages((void *)0xFFFFF000) < 0, "remove_pages of the stack");
    for (int i = 0; i < LEN; i++)
        CHECK(BASE[i] == (char)(i * 13), "region intact after refused calls");

    /* Removal; the memory is gone; the range can be reused, zero-filled. */
    CHECK(remove_pages(BASE) == 0, "remove_pages of the base");
    CHECK(remove_pages(BASE) < 0, "second remove_pages of the same base");
    int c = fork_run(touch_read, 0);
    CHECK(c > 0, "fork");
    CHECK(wait_for(c) == KILLED_STATUS, "reading removed memory kills");
    c = fork_run(touch_write, 0);
    CHECK(c > 0, "fork");
    CHECK(wait_for(c) == KILLED_STATUS, "writing removed memory kills");
    CHECK(new_pages(BASE, LEN) == 0, "new_pages again at the same place");
    check_zero(BASE, LEN);
    CHECK(remove_pages(BASE) == 0, "remove_pages");

    /* Adjacent regions are fine; each is removed on its own. */
    CHECK(new_pages(BASE, PAGE_SIZE) == 0, "region A");
    CHECK(new_pages(BASE + PAGE_SIZE, PAGE_SIZE) == 0, "adjacent region B");
    CHECK(remove_pages(BASE + PAGE_SIZE) == 0, "remove B");
    BASE[0] = 1; /* A still mapped */
    CHECK(remove_pages(BASE) == 0, "remove A");

    /* 1 GiB cannot be backed on this machine: refused at once. */
    unsigned int t0 = get_ticks();
    refused(BASE, 0x40000000, "1 GiB");
    CHECK(get_ticks() - t0 < 100, "1 GiB refused without touching memory");

    /* Accounting: warm up once (page tables), then measure.  The children
     * above are gone; give the kernel a moment to finish freeing them. */
    sleep(20);
    accounting_cycle(0);
    accounting_cycle(1);

    TEST_PASS();
}
