/*
 * test.h - reporting helpers shared by the test programs in user/tests/.
 *
 * Every test reports with the SPEC §5 lines, through lprintf (the kernel log,
 * vector 0x80), and also prints a human line on the console:
 *     TEST_START(name)        (^_^)_<name> START__TYPE_COMPLETE
 *     TEST_START_ABORT(name)  (^_^)_<name> START__TYPE_ABORT  (must be killed)
 *     TEST_PASS()             (^_^)_<name> END__SUCCESS, ends the task, status 0
 *     TEST_FAIL(fmt, ...)     one explanatory line, then (^_^)_<name> END__FAIL,
 *                             ends the task with status 1
 *     CHECK(cond, msg)        TEST_FAIL with file:line when cond is false
 * Passing and failing end the whole task (task_vanish), so they are safe to
 * use from any thread; a forked child that fails reports END__FAIL itself.
 *
 * Harness hints go in a comment in a test's first lines:
 *     @timeout <seconds>      @expect-status <n>
 *     @expect-log <a whole line the output must contain>
 *
 * Also here: the tests' shared -h usage line, raw system calls (to hand the kernel a bad %esi), a kill-status
 * constant and small helpers used by several tests.
 */
#ifndef TESTS_TEST_H
#define TESTS_TEST_H

#include <pebbles_ext.h>
#include <simics.h>
#include <stdio.h>
#include <stdlib.h>
#include <syscall.h>
#include <syscall_int.h>
#include <usage.h>

/* Every test answers -h (crt0, usage.h) with this. */
PROGRAM_USAGE("", "a test program: it reports END__SUCCESS or END__FAIL in the kernel log");

/* The status of a task whose last thread was killed by an exception. */
#define KILLED_STATUS (-2)

/* Addresses that are never valid user buffers. */
#define KERNEL_ADDR   ((void *)0x00100000) /* kernel image, supervisor-only */
#define UNMAPPED_ADDR ((void *)0x7FFF0000) /* user range; no test maps it */
#define TEXT_ADDR     ((void *)lprintf)    /* program text: read-only */

static const char *test_name_ = "?";

#define TEST_START(name)                                                                                     \
    do {                                                                                                     \
        test_name_ = (name);                                                                                 \
        lprintf("(^_^)_%s START__TYPE_COMPLETE", test_name_);                                                \
        printf("test %s: start\n", test_name_);                                                              \
    } while (0)

#define TEST_START_ABORT(name)                                                                               \
    do {                                                                                                     \
        test_name_ = (name);                                                                                 \
        lprintf("(^_^)_%s START__TYPE_ABORT", test_name_);                                                   \
        printf("test %s: start (expected to be killed)\n", test_name_);                                      \
    } while (0)

#define TEST_PASS()                                                                                          \
    do {                                                                                                     \
        lprintf("(^_^)_%s END__SUCCESS", test_name_);                                                        \
        printf("test %s: PASS\n", test_name_);                                                               \
        task_vanish(0);                                                                                      \
    } while (0)

#define TEST_FAIL(...)                                                                                       \
    do {                                                                                                     \
        lprintf(__VA_ARGS__);                                                                                \
        lprintf("(^_^)_%s END__FAIL", test_name_);                                                           \
        printf("test %s: FAIL\n", test_name_);                                                               \
        task_vanish(1);                                                                                      \
    } while (0)

#define CHECK(cond, msg)                                                                                     \
    do {                                                                                                     \
        if (!(cond))                                                                                         \
            TEST_FAIL("%s: %s:%d: %s [%s]", test_name_, __FILE__, __LINE__, (msg), #cond);                   \
    } while (0)

/* A progress line in the kernel log (kept out of the console on purpose). */
#define NOTE(...) lprintf(__VA_ARGS__)

/*
 * RAW_INT(vec, esi): `int $vec` with %esi = esi, every other register left
 * alone; evaluates to %eax.  Used to give the kernel argument packets and
 * pointers no library stub would.
 */
#define RAW_INT(vec, esi)                                                                                    \
    ({                                                                                                       \
        int r_;                                                                                              \
        __asm__ volatile("int %1" : "=a"(r_) : "i"(vec), "S"((unsigned int)(esi)) : "memory");               \
        r_;                                                                                                  \
    })

/* Fork a child that runs fn(arg) and exits with its result. */
static inline int fork_run(int (*fn)(int), int arg)
{
    int tid = fork();
    if (tid == 0) {
        set_status(fn(arg));
        vanish();
    }
    return tid;
}

/*
 * Wait for the child `tid` (no other child may be running) and return its
 * status; fails the test if wait reports something else.
 */
static inline int wait_for(int tid)
{
    int st = 0x7eadbeef;
    int got = wait(&st);
    if (got != tid)
        TEST_FAIL("%s: wait returned %d, expected child %d", test_name_, got, tid);
    return st;
}

/*
 * The CPUs online (kstats).  Some guarantees are about how one CPU
 * interleaves threads (who runs between two system calls, who makes
 * progress during a sleep): on several CPUs the others run beside the
 * caller, and how far each gets in a given time depends on how the host
 * schedules its CPUs, so tests assert those only with one.
 */
static inline unsigned int test_cpus(void)
{
    struct kstats k;
    return kstats(&k) == 0 ? k.cpus : 1;
}

/* Everything the kernel counts is back where it was: no frame, heap
 * allocation, task or thread leaked between the two snapshots. */
static inline void check_nothing_leaked(const struct kstats *before, const struct kstats *after)
{
    CHECK(after->user_frames_free == before->user_frames_free, "user frames all returned");
    CHECK(after->user_frames_reserved == before->user_frames_reserved, "reservations all dropped");
    CHECK(after->heap_bytes_used == before->heap_bytes_used, "kernel heap bytes returned");
    CHECK(after->heap_allocs == before->heap_allocs, "kernel heap allocations freed");
    CHECK(after->tasks == before->tasks, "tasks back to baseline");
    CHECK(after->threads == before->threads, "threads back to baseline");
}

#endif
