/* @smp 2 4 */
/*
 * cow_fork.c - fork shares pages copy-on-write, and says so in the numbers:
 *   - fork itself takes few frames even when the parent has 4 MiB of data,
 *     but promises (reserves) one frame per shared writable page, so a
 *     later copy can never fail;
 *   - a write in the child copies the page (the parent never sees it), and
 *     the copies use up the promise rather than fresh memory;
 *   - when the child is gone, the parent writes its pages in place (no
 *     copies) and every frame and promise is back.
 */
#include <pebbles_ext.h>
#include <simics.h>
#include <stdlib.h>
#include <syscall.h>

#define NAME  "cow_fork"
#define PAGES 1024
#define BASE  ((volatile char *)0x60000000)

static void fail(const char *why)
{
    lprintf("%s: %s", NAME, why);
    lprintf("(^_^)_%s END__FAIL", NAME);
    exit(1);
}

static struct kstats now(void)
{
    struct kstats k;
    kstats(&k);
    return k;
}

int main(void)
{
    lprintf("(^_^)_%s START__TYPE_COMPLETE", NAME);
    if (new_pages((void *)BASE, PAGES * PAGE_SIZE) < 0)
        fail("new_pages");
    for (int i = 0; i < PAGES; i++)
        BASE[i * PAGE_SIZE] = 'p';
    struct kstats base = now();

    int child = fork();
    if (child == 0) {
        struct kstats after_fork = now();
        unsigned taken = base.user_frames_free - after_fork.user_frames_free;
        unsigned promised = after_fork.user_frames_reserved - base.user_frames_reserved;
        lprintf("%s: fork took %u frames and promised %u", NAME, taken, promised);
        if (taken > 64)
            exit(10); /* pages were copied eagerly */
        if (promised < PAGES)
            exit(11); /* a copy could fail later */
        for (int i = 0; i < PAGES; i++) {
            if (BASE[i * PAGE_SIZE] != 'p')
                exit(12);
            BASE[i * PAGE_SIZE] = 'c';
        }
        struct kstats after_writes = now();
        if (after_writes.user_frames_reserved + PAGES > after_fork.user_frames_reserved)
            exit(13); /* the copies did not come out of the promise */
        exit(0);
    }
    int status = -1;
    if (child < 0 || wait(&status) != child)
        fail("fork/wait");
    if (status != 0) {
        lprintf("%s: child failed check %d", NAME, status);
        fail("child");
    }
    for (int i = 0; i < PAGES; i++)
        if (BASE[i * PAGE_SIZE] != 'p')
            fail("the child's writes leaked into the parent");
    struct kstats before_writes = now();
    for (int i = 0; i < PAGES; i++)
        BASE[i * PAGE_SIZE] = 'q';
    struct kstats end = now();
    lprintf("%s: parent rewrite took %u frames; free %u -> %u, reserved %u -> %u", NAME,
            before_writes.user_frames_free - end.user_frames_free, base.user_frames_free,
            end.user_frames_free, base.user_frames_reserved, end.user_frames_reserved);
    if (end.user_frames_free != base.user_frames_free ||
        end.user_frames_reserved != base.user_frames_reserved)
        fail("frames or promises not back after the child exited");
    lprintf("(^_^)_%s END__SUCCESS", NAME);
    return 0;
}
