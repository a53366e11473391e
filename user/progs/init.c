/*
 * init.c - the first program.
 *
 *   init                  run the shell, restart it whenever it exits, and
 *                         collect every orphan handed to init meanwhile
 *   init <prog> [args]    run prog once (make run-prog, the test harness),
 *                         print "<prog> exited with status <N>", halt
 */
#include <stdio.h>
#include <syscall.h>
#include <usage.h>

PROGRAM_USAGE("[PROG ARGS...]", "the first program: runs the shell (or PROG once, then halts)");

static int spawn(char *prog, char **argv)
{
    int tid = fork();
    if (tid == 0) {
        int r = exec(prog, argv);
        printf("init: cannot exec %s (error %d)\n", prog, r);
        set_status(-1);
        vanish();
    }
    return tid;
}

/* Wait until `tid` exits, reaping orphans on the way; its status. */
static int reap_until(int tid)
{
    for (;;) {
        int status = 0;
        int got = wait(&status);
        if (got == tid)
            return status;
        if (got < 0) /* cannot happen while tid lives; avoid spinning */
            sleep(10);
    }
}

static void run_shell_forever(void)
{
    char *argv[] = {"shell", NULL};
    for (;;) {
        int tid = spawn("shell", argv);
        if (tid < 0) {
            printf("init: fork failed (%d); retrying\n", tid);
            sleep(1000);
            continue;
        }
        int status = reap_until(tid);
        printf("init: shell exited with status %d; restarting it\n", status);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2)
        run_shell_forever();
    int tid = spawn(argv[1], argv + 1);
    if (tid < 0) {
        printf("init: cannot fork (error %d)\n", tid);
        halt();
    }
    int status = reap_until(tid);
    printf("%s exited with status %d\n", argv[1], status);
    halt();
}
