/* @smp 2 4 */
/*
 * swexn_fork.c - proves the swexn handler's inheritance rules (SPEC §3):
 *  - fork copies it: a forked child's fault reaches the handler (in the
 *    child), and the parent's registration is untouched;
 *  - thread_fork does not: a new thread's fault kills that thread only;
 *  - exec clears it: a child that registered a handler and exec'd this same
 *    program (same handler address, same exception stack address) is killed
 *    by a fault instead of entering the handler.
 *   swexn_fork              run the test
 *   swexn_fork after_exec   (internal) fault with no handler registered
 */
#include <string.h>

#include "spawn.h"
#include "test.h"

static char exn_stack[16384] __attribute__((aligned(16)));
#define ESP3 ((void *)(exn_stack + sizeof(exn_stack)))
static char thr_stack[16384] __attribute__((aligned(16)));

static volatile int handled;
static int after_exec;

/* do_ud2() faults at ud2_at; the handler resumes it at ud2_after, and it
 * returns 3.  Written in assembly so that no compiler can inline, clone or
 * duplicate it: each label must exist exactly once. */
extern char ud2_at[], ud2_after[];
int do_ud2(void);
__asm__(".pushsection .text\n"
        ".globl do_ud2\n"
        ".type do_ud2, @function\n"
        "do_ud2:\n\t"
        "movl $3, %eax\n"
        ".globl ud2_at\nud2_at: ud2\n"
        ".globl ud2_after\nud2_after: ret\n"
        ".popsection");

static void handler(void *arg, ureg_t *u)
{
    (void)arg;
    if (after_exec)
        exit(99); /* a handler survived exec */
    CHECK(u->cause == SWEXN_CAUSE_OPCODE && u->eip == (unsigned int)ud2_at, "ud2 delivered");
    handled++;
    ureg_t fixed = *u;
    fixed.eip = (unsigned int)ud2_after;
    swexn(ESP3, handler, NULL, &fixed);
    TEST_FAIL("swexn_fork: resume failed");
}

static int child_faults(int unused)
{
    (void)unused;
    int before = handled;
    do_ud2();
    return handled == before + 1 ? 10 : 11;
}

static void thread_faults(void *arg)
{
    (void)arg;
    do_ud2(); /* no handler in a new thread: this thread dies here */
    handled += 100;
}

static int child_thread_faults(int unused)
{
    (void)unused;
    volatile int done = 0;
    int before = handled;
    if (spawn_thread(thr_stack + sizeof(thr_stack), thread_faults, NULL, &done) <= 0)
        return 30;
    sleep(100);
    if (done || handled != before)
        return 21; /* the thread survived or ran the handler */
    do_ud2();      /* the main thread keeps its handler */
    return handled == before + 1 ? 20 : 22;
}

static int child_execs(int unused)
{
    (void)unused;
    if (swexn(ESP3, handler, NULL, NULL) != 0)
        return 40;
    char *argv[] = {"swexn_fork", "after_exec", NULL};
    exec("swexn_fork", argv);
    return 41;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "after_exec") == 0) {
        after_exec = 1;
        do_ud2();
        exit(98); /* not killed? */
    }

    TEST_START("swexn_fork");
    CHECK(swexn(ESP3, handler, NULL, NULL) == 0, "register");

    int c = fork_run(child_faults, 0);
    CHECK(c > 0, "fork");
    CHECK(wait_for(c) == 10, "forked child's fault reaches the inherited handler");
    CHECK(handled == 0, "the child's handling happened in the child");
    do_ud2();
    CHECK(handled == 1, "parent's handler still registered");

    c = fork_run(child_thread_faults, 0);
    CHECK(c > 0, "fork");
    int st = wait_for(c);
    if (st != 20)
        TEST_FAIL("swexn_fork: thread test child exited %d (21: the new thread survived its "
                  "fault or ran the handler; 22: creator lost its handler)",
                  st);

    c = fork_run(child_execs, 0);
    CHECK(c > 0, "fork");
    st = wait_for(c);
    if (st != KILLED_STATUS)
        TEST_FAIL("swexn_fork: exec'd child exited %d (99: handler survived exec), expected -2", st);
    TEST_PASS();
}
