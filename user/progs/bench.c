/*
 * bench.c - micro-benchmarks of the kernel's hot paths, run by `make bench`
 * (tests/harness/bench.py).  For each operation it prints one line
 *     BENCH <name> <cycles-per-op> <ms-total> <iterations>
 * where cycles come from rdtsc: under QEMU with -icount shift=0 that is the
 * guest instruction count (deterministic); ms-total comes from get_ticks.
 * Usage: bench [name]   (no argument: all)
 */
#include <mutex.h>
#include <pebbles_ext.h>
#include <simics.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <thread.h>
#include <usage.h>

#include "../tests/spawn.h" /* raw thread_fork: no thread library needed */

PROGRAM_USAGE("[NAME]", "micro-benchmarks of the kernel (make bench runs them)");

static unsigned long long rdtsc(void)
{
    unsigned int lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((unsigned long long)hi << 32) | lo;
}

struct clock {
    unsigned long long tsc;
    unsigned int ticks;
};

static struct clock now(void) { return (struct clock){rdtsc(), get_ticks()}; }

static void report(const char *name, struct clock t0, int iters)
{
    struct clock t1 = now();
    unsigned long long per = (t1.tsc - t0.tsc) / (unsigned long long)iters;
    lprintf("BENCH %s %llu %u %d", name, per, t1.ticks - t0.ticks, iters);
    printf("%-22s %10llu cycles/op %6u ms for %d\n", name, per, t1.ticks - t0.ticks, iters);
}

static void bench_null_syscall(void)
{
    const int n = 20000;
    struct clock t0 = now();
    for (int i = 0; i < n; i++)
        gettid();
    report("null_syscall", t0, n);
}

/* One 80-byte line (79 characters and a newline) per print. */
static void bench_print(void)
{
    const int n = 2000;
    char line[80];
    memset(line, 'p', sizeof(line) - 1);
    line[sizeof(line) - 1] = '\n';
    struct clock t0 = now();
    for (int i = 0; i < n; i++)
        print(sizeof(line), line);
    report("print_80_bytes", t0, n);
}

static volatile int partner_tid, pingpong_left;
static char partner_stack[16384] __attribute__((aligned(16)));

static void partner(void *arg)
{
    (void)arg;
    while (pingpong_left > 0)
        yield(partner_tid);
}

static void bench_yield_threads(void)
{
    const int n = 5000;
    partner_tid = gettid();
    pingpong_left = n;
    int tid = spawn_thread(partner_stack + sizeof(partner_stack), partner, NULL, NULL);
    struct clock t0 = now();
    for (int i = 0; i < n; i++) {
        pingpong_left--;
        yield(tid);
    }
    report("yield_threads", t0, 2 * n);
    pingpong_left = 0;
    while (yield(tid) == 0)
        ; /* let it finish */
}

static void bench_yield_tasks(void)
{
    const int n = 5000;
    int parent = gettid();
    int child = fork();
    if (child == 0) {
        for (int i = 0; i < n; i++)
            yield(parent);
        exit(0);
    }
    struct clock t0 = now();
    for (int i = 0; i < n; i++)
        yield(child);
    report("yield_tasks", t0, 2 * n);
    wait(NULL);
}

static void bench_fork_wait(void)
{
    const int n = 200;
    struct clock t0 = now();
    for (int i = 0; i < n; i++) {
        if (fork() == 0)
            exit(0);
        wait(NULL);
    }
    report("fork_exit_wait", t0, n);
}

static void bench_fork_exec_wait(void)
{
    const int n = 100;
    char *argv[] = {"bench", "none", NULL};
    struct clock t0 = now();
    for (int i = 0; i < n; i++) {
        if (fork() == 0) {
            exec("bench", argv);
            exit(1);
        }
        wait(NULL);
    }
    report("fork_exec_wait", t0, n);
}

static void bench_new_pages(void)
{
    const int pages = 256, rounds = 8;
    char *base = (char *)0x40000000;
    struct clock t0 = now();
    for (int r = 0; r < rounds; r++) {
        if (new_pages(base, pages * PAGE_SIZE) < 0) {
            lprintf("bench: new_pages failed");
            return;
        }
        for (int i = 0; i < pages; i++)
            base[i * PAGE_SIZE] = 1;
        remove_pages(base);
    }
    report("new_pages_touch_page", t0, pages * rounds);
}

static void bench_mutex(void)
{
    const int n = 20000;
    mutex_t m;
    mutex_init(&m);
    struct clock t0 = now();
    for (int i = 0; i < n; i++) {
        mutex_lock(&m);
        mutex_unlock(&m);
    }
    report("mutex_lock_unlock", t0, n);
    mutex_destroy(&m);
}

static void *return_arg(void *arg) { return arg; }

static void bench_thr_create_join(void)
{
    const int n = 500;
    static int initialized;
    if (!initialized && thr_init(16384) < 0) {
        lprintf("bench: thr_init failed");
        return;
    }
    initialized = 1;
    struct clock t0 = now();
    for (int i = 0; i < n; i++) {
        void *st;
        int tid = thr_create(return_arg, NULL);
        if (tid < 0 || thr_join(tid, &st) < 0) {
            lprintf("bench: thr_create/thr_join failed");
            return;
        }
    }
    report("thr_create_join", t0, n);
}

/* The kernel trace on (system calls only, docs/tracing.md): what one
 * event costs, recorded and drained.  Each gettid makes two events (entry
 * and exit); the figure is the traced loop's cost minus the untraced one's,
 * per event.  Without -debugcon the drain's port writes go nowhere, at
 * the same cost in guest instructions. */
static void bench_trace_event(void)
{
    const int n = 20000;
    struct clock t0 = now();
    for (int i = 0; i < n; i++)
        gettid();
    struct clock t1 = now();
    if (trace(TRACE_OP_START, TRACE_SYSCALL) < 0) {
        lprintf("bench: trace start failed");
        return;
    }
    struct clock t2 = now();
    for (int i = 0; i < n; i++)
        gettid();
    struct clock t3 = now();
    trace(TRACE_OP_STOP, 0);
    unsigned long long plain = t1.tsc - t0.tsc, traced = t3.tsc - t2.tsc;
    unsigned long long per = traced > plain ? (traced - plain) / (2ull * (unsigned long long)n) : 0;
    lprintf("BENCH trace_event %llu %u %d", per, t3.ticks - t2.ticks, 2 * n);
    printf("%-22s %10llu cycles/op %6u ms for %d\n", "trace_event", per, t3.ticks - t2.ticks, 2 * n);
}

struct bench {
    const char *name;
    void (*fn)(void);
};

static const struct bench benches[] = {
    {"null_syscall", bench_null_syscall},
    {"print", bench_print},
    {"yield_threads", bench_yield_threads},
    {"yield_tasks", bench_yield_tasks},
    {"fork_exit_wait", bench_fork_wait},
    {"fork_exec_wait", bench_fork_exec_wait},
    {"new_pages", bench_new_pages},
    {"mutex", bench_mutex},
    {"thr_create_join", bench_thr_create_join},
    {"trace_event", bench_trace_event}, /* last: the others run untraced */
};

int main(int argc, char **argv)
{
    for (unsigned i = 0; i < sizeof(benches) / sizeof(benches[0]); i++)
        if (argc < 2 || strcmp(argv[1], benches[i].name) == 0)
            benches[i].fn();
    return 0;
}
