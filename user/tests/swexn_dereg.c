/* @expect-status -2 */
/*
 * swexn_dereg.c - proves deregistration (SPEC §3: "if esp3 or eip is 0,
 * deregister"): a forked child registers a handler, deregisters it with
 * eip == 0 and faults - it must be killed (status -2), not handled; then the
 * test itself registers, deregisters with esp3 == 0 (and a valid eip) and
 * faults: it must be killed too.  ABORT test; the handler reports END__FAIL
 * if it ever runs.
 */
#include "test.h"

static char exn_stack[16384] __attribute__((aligned(16)));
#define ESP3 ((void *)(exn_stack + sizeof(exn_stack)))

static void handler(void *arg, ureg_t *u)
{
    (void)arg;
    TEST_FAIL("swexn_dereg: deregistered handler ran (cause %u)", u->cause);
}

static int child(int unused)
{
    (void)unused;
    if (swexn(ESP3, handler, NULL, NULL) != 0)
        return 10;
    if (swexn(ESP3, NULL, NULL, NULL) != 0) /* eip == 0 */
        return 11;
    __asm__ volatile("ud2");
    return 12;
}

int main(void)
{
    TEST_START_ABORT("swexn_dereg");
    int c = fork_run(child, 0);
    CHECK(c > 0, "fork");
    CHECK(wait_for(c) == KILLED_STATUS, "child (deregistered with eip == 0) killed by ud2");

    CHECK(swexn(ESP3, handler, NULL, NULL) == 0, "register");
    CHECK(swexn(NULL, handler, NULL, NULL) == 0, "deregister with esp3 == 0");
    __asm__ volatile("ud2");
    TEST_FAIL("swexn_dereg: survived ud2 with no handler");
}
