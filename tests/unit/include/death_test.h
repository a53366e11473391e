/*
 * death_test.h - host unit tests: prove that a call trips an assert.
 *
 * The kernel's assert is the C library's under HOST_UNIT_TEST, so a broken
 * precondition aborts the process.  expect_abort() runs the code in a
 * forked child (stderr silenced) and checks that the child died of SIGABRT;
 * returning normally, or dying any other way (a segfault, a sanitizer
 * report), fails the test.
 */
#ifndef UNIT_DEATH_TEST_H
#define UNIT_DEATH_TEST_H

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* Returns true if fn(arg) aborted. */
static inline int dies_by_abort(void (*fn)(void *), void *arg)
{
    pid_t pid = fork();
    if (pid < 0)
        return 0;
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, 2);
        fn(arg);
        _exit(0);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid)
        return 0;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

#define expect_abort(fn, arg) assert_true(dies_by_abort((fn), (arg)))

#endif
