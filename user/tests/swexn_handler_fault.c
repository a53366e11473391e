/* @expect-status -2 */
/*
 * swexn_handler_fault.c - proves a handler is deregistered before it runs
 * (SPEC §3): a forked child whose exception stack cannot be written is
 * killed (status -2); then the test's own handler faults itself (divide by
 * zero) without re-registering, and the thread must die - the handler is not
 * entered a second time.  ABORT test.
 */
#include "test.h"

static char exn_stack[16384] __attribute__((aligned(16)));
#define ESP3 ((void *)(exn_stack + sizeof(exn_stack)))

static volatile int entries;

static void handler(void *arg, ureg_t *u)
{
    (void)arg;
    (void)u;
    if (++entries > 1)
        TEST_FAIL("swexn_handler_fault: handler entered again for its own fault");
    lprintf("swexn_handler_fault: in the handler (cause %u), now faulting", u->cause);
    __asm__ volatile("xorl %%edx, %%edx\n\t"
                     "movl $1, %%eax\n\t"
                     "xorl %%ecx, %%ecx\n\t"
                     "divl %%ecx"
                     :
                     :
                     : "eax", "ecx", "edx");
    TEST_FAIL("swexn_handler_fault: survived a divide error in the handler");
}

static void child_handler(void *arg, ureg_t *u)
{
    (void)arg;
    (void)u;
    TEST_FAIL("swexn_handler_fault: handler ran on an unwritable stack");
}

/* The exception stack is unmapped: delivery cannot write it - kill. */
static int child(int unused)
{
    (void)unused;
    void *esp3 = (char *)UNMAPPED_ADDR + 16 * PAGE_SIZE;
    if (swexn(esp3, child_handler, NULL, NULL) < 0)
        return 55; /* refused up front: also acceptable */
    __asm__ volatile("ud2");
    return 56;
}

int main(void)
{
    TEST_START_ABORT("swexn_handler_fault");
    int c = fork_run(child, 0);
    CHECK(c > 0, "fork");
    int st = wait_for(c);
    CHECK(st == KILLED_STATUS || st == 55, "unwritable exception stack kills the thread");

    CHECK(swexn(ESP3, handler, NULL, NULL) == 0, "register");
    __asm__ volatile("ud2");
    TEST_FAIL("swexn_handler_fault: resumed after the handler faulted");
}
