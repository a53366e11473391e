/*
 * bench.c - micro-benchmarks of the kernel's hot paths, run by `make bench`
 * (tests/harness/bench.py).  For each operation it prints one line
 *     BENCH <name> <cycles-per-op> <ms-total> <iterations> <cr3-writes>
 * where cycles come from rdtsc: under QEMU with -icount shift=0 that is the
 * guest instruction count (deterministic); ms-total comes from get_ticks;
 * cr3-writes is kstats' count over the whole run of the operation.
 * Usage: bench [name [n]]   (no argument: all; n: cpu_bound's task count)
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

#include "../tests/cpu_now.h"
#include "../tests/spawn.h" /* raw thread_fork: no thread library needed */

PROGRAM_USAGE("[NAME [N]]", "micro-benchmarks of the kernel (make bench runs them)");

static unsigned long long rdtsc(void)
{
    unsigned int lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((unsigned long long)hi << 32) | lo;
}

struct clock {
    unsigned long long tsc;
    unsigned int ticks;
    unsigned int cr3_writes;
};

static unsigned int cr3_writes(void)
{
    struct kstats k;
    return kstats(&k) == 0 ? k.cr3_writes : 0;
}

/* The start of a measurement: the counters first, the cycle count last. */
static struct clock now(void)
{
    struct clock c;
    c.cr3_writes = cr3_writes();
    c.ticks = get_ticks();
    c.tsc = rdtsc();
    return c;
}

/* The end, in the opposite order, so that neither system call is counted. */
static void report(const char *name, struct clock t0, int iters)
{
    struct clock t1;
    t1.tsc = rdtsc();
    t1.ticks = get_ticks();
    t1.cr3_writes = cr3_writes();
    unsigned long long per = (t1.tsc - t0.tsc) / (unsigned long long)iters;
    unsigned int cr3 = t1.cr3_writes - t0.cr3_writes;
    lprintf("BENCH %s %llu %u %d %u", name, per, t1.ticks - t0.ticks, iters, cr3);
    printf("%-22s %10llu cycles/op %6u ms for %d, %u CR3 writes\n", name, per, t1.ticks - t0.ticks, iters,
           cr3);
}

/* The int/iret floor: IRET_FLOOR_INT's gate is a lone iret. */
static void bench_iret_floor(void)
{
    const int n = 20000;
    struct clock t0 = now();
    for (int i = 0; i < n; i++)
        __asm__ volatile("int %0" ::"i"(IRET_FLOOR_INT) : "memory");
    report("iret_floor", t0, n);
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

/* The stack of the one raw thread a row spawns.  Each row waits until
 * its thread is gone before it returns, so the rows share one: the
 * program's size is part of what fork_exec_wait measures (it execs this
 * program), and one 16 KiB stack a row would make that row grow with
 * every row added. */
static char helper_stack[16384] __attribute__((aligned(16)));

static volatile int partner_tid, pingpong_left;

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
    int tid = spawn_thread(helper_stack + sizeof(helper_stack), partner, NULL, NULL);
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

static void fork_exit_wait(const char *name, int n)
{
    struct clock t0 = now();
    for (int i = 0; i < n; i++) {
        if (fork() == 0)
            exit(0);
        wait(NULL);
    }
    report(name, t0, n);
}

static void bench_fork_wait(void) { fork_exit_wait("fork_exit_wait", 200); }

#define TOUCHED_BASE ((char *)0x50000000)

/* fork+exit+wait of a task with `mib` MiB of its own pages written. */
static void fork_exit_wait_touched(const char *name, int mib, int n)
{
    int len = mib * 1024 * 1024;
    if (new_pages(TOUCHED_BASE, len) < 0) {
        lprintf("bench: new_pages of %d MiB failed", mib);
        return;
    }
    for (int off = 0; off < len; off += PAGE_SIZE)
        TOUCHED_BASE[off] = 1;
    fork_exit_wait(name, n);
    remove_pages(TOUCHED_BASE);
}

static void bench_fork_4mib(void) { fork_exit_wait_touched("fork_exit_wait_4mib", 4, 50); }
static void bench_fork_64mib(void) { fork_exit_wait_touched("fork_exit_wait_64mib", 64, 10); }

static void fork_exec_wait(const char *name, char **argv)
{
    const int n = 100;
    struct clock t0 = now();
    for (int i = 0; i < n; i++) {
        if (fork() == 0) {
            exec(argv[0], argv);
            exit(1);
        }
        wait(NULL);
    }
    report(name, t0, n);
}

static void bench_fork_exec_wait(void)
{
    char *argv[] = {"bench", "none", NULL};
    fork_exec_wait("fork_exec_wait", argv);
}

/* true: the smallest program there is (main returns 0). */
static void bench_fork_exec_minimal(void)
{
    char *argv[] = {"true", NULL};
    fork_exec_wait("fork_exec_wait_minimal", argv);
}

/* One round trip: this task wakes the other and sleeps, the other wakes
 * it and sleeps.  A make_runnable that comes before the other's
 * deschedule fails (the other is not descheduled yet): yield to it and
 * try again. */
static void wake(int tid)
{
    while (make_runnable(tid) < 0)
        yield(tid);
}

static void bench_deschedule(void)
{
    const int n = 2000;
    int zero = 0, parent = gettid();
    int child = fork();
    if (child == 0) {
        for (int i = 0; i < n; i++) {
            deschedule(&zero);
            wake(parent);
        }
        exit(0);
    }
    struct clock t0 = now();
    for (int i = 0; i < n; i++) {
        wake(child);
        deschedule(&zero);
    }
    report("deschedule_make_runnable", t0, n);
    wait(NULL);
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

/* ---- issue 14 §3: regions and sleepers (own block: other rows are added
 * beside it) ---- */

/* One page: new_pages, one touch (the fault fills it), remove_pages, with
 * `others` one-page regions already in the address space.  They lie below
 * the timed page, with gaps so that none is next to another. */
static void bench_new_pages_among(const char *name, int others)
{
    const int n = 500;
    char *crowd = (char *)0x50000000, *page = (char *)0x60000000;
    int made = 0;
    while (made < others && new_pages(crowd + 2 * made * PAGE_SIZE, PAGE_SIZE) == 0)
        made++;
    if (made < others) {
        lprintf("bench: new_pages failed after %d regions", made);
        goto out;
    }
    struct clock t0 = now();
    for (int i = 0; i < n; i++) {
        if (new_pages(page, PAGE_SIZE) < 0) {
            lprintf("bench: new_pages failed");
            goto out;
        }
        page[0] = 1;
        remove_pages(page);
    }
    report(name, t0, n);
out:
    while (made > 0)
        remove_pages(crowd + 2 * --made * PAGE_SIZE);
}

static void bench_new_pages_0_regions(void) { bench_new_pages_among("new_pages_0_regions", 0); }
static void bench_new_pages_1000_regions(void) { bench_new_pages_among("new_pages_1000_regions", 1000); }

/* A task may have 256 threads (docs/syscalls.md): the 1,000 sleepers live
 * in 4 children of 250 each, beside the child's own main thread. */
#define LOOPER_TASKS     4
#define LOOPERS_PER_TASK 250
#define LOOPER_STACK     PAGE_SIZE
#define SHARE_TICKS      300

static volatile int loopers_stop, loopers_done[LOOPERS_PER_TASK];

static unsigned int live_threads(void)
{
    struct kstats k;
    return kstats(&k) == 0 ? k.threads : 0;
}

static void looper(void *arg)
{
    (void)arg;
    while (!loopers_stop)
        sleep(1);
}

/* A child: LOOPERS_PER_TASK threads loop sleep(1) until the parent wakes
 * this main thread (make_runnable), then they stop and the child exits. */
static void loopers_task(void)
{
    char *stacks = (char *)0x48000000;
    if (new_pages(stacks, LOOPERS_PER_TASK * LOOPER_STACK) < 0)
        exit(1);
    int made = 0;
    while (made < LOOPERS_PER_TASK &&
           spawn_thread(stacks + (made + 1) * LOOPER_STACK, looper, NULL, &loopers_done[made]) > 0)
        made++;
    int reject = 0;
    if (made == LOOPERS_PER_TASK)
        deschedule(&reject);
    loopers_stop = 1;
    for (int i = 0; i < made; i++)
        while (!loopers_done[i])
            yield(-1);
    exit(made == LOOPERS_PER_TASK ? 0 : 1);
}

/* Spin for `ticks` ticks, starting at a tick edge; the loops made. */
static unsigned spin_ticks(unsigned ticks)
{
    unsigned t0 = get_ticks();
    while (get_ticks() == t0)
        ;
    unsigned start = get_ticks(), loops = 0;
    while (get_ticks() - start < ticks)
        loops++;
    return loops;
}

/* The CPU share a spinner keeps while 1,000 threads loop sleep(1): its
 * loops in SHARE_TICKS ticks with them, over its loops without.  Printed
 * as BENCHSHARE <name> <loops alone> <loops with them>; bench.py divides.
 * Under -icount a tick is a fixed number of guest instructions, so both
 * counts are exact instruction budgets. */
static void bench_sleepers(void)
{
    unsigned alone = spin_ticks(SHARE_TICKS);
    unsigned int want = live_threads() + LOOPER_TASKS * (LOOPERS_PER_TASK + 1);
    int kids[LOOPER_TASKS], forked = 0;
    for (; forked < LOOPER_TASKS; forked++) {
        if ((kids[forked] = fork()) == 0)
            loopers_task();
        if (kids[forked] < 0)
            break;
    }
    while (forked == LOOPER_TASKS && live_threads() < want)
        yield(-1);
    unsigned loaded = forked == LOOPER_TASKS ? spin_ticks(SHARE_TICKS) : 0;
    for (int i = 0; i < forked; i++)
        while (make_runnable(kids[i]) < 0) /* until it has descheduled itself */
            yield(kids[i]);
    int failed = forked < LOOPER_TASKS, status;
    for (int i = 0; i < forked; i++)
        failed |= wait(&status) < 0 || status != 0;
    if (failed) {
        lprintf("bench: the %d sleeper tasks failed", LOOPER_TASKS);
        return;
    }
    lprintf("BENCHSHARE sleepers_1000_spinner_share %u %u", alone, loaded);
    printf("%-28s %3u.%u%% of the CPU\n", "sleepers_1000_spinner_share", 100 * loaded / alone,
           1000 * loaded / alone % 10);
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
    lprintf("BENCH trace_event %llu %u %d 0", per, t3.ticks - t2.ticks, 2 * n);
    printf("%-22s %10llu cycles/op %6u ms for %d\n", "trace_event", per, t3.ticks - t2.ticks, 2 * n);
}

/* ---- issue 15 §8: several CPUs (own block: other rows are added beside
 * it).  Each runs in a boot of its own (bench.py picks the CPU count). ---- */

/* For bench.py: in how many of `rounds` the two sides ran on different
 * CPUs (0: the row measured one CPU and means nothing). */
static void report_apart(const char *name, int apart, int rounds)
{
    lprintf("BENCHAPART %s %d %d", name, apart, rounds);
}

static int bench_arg; /* the number after the bench's name, if any */

#define CPU_BOUND_LOOPS 150000000u

/* cpu_bound N: N tasks each count to CPU_BOUND_LOOPS; the ms from the
 * first fork to the last wait (BENCHCPU <tasks> <ms>).  bench.py runs it
 * at 1 and at 2 CPUs: the ratio is the throughput the second CPU adds. */
static void bench_cpu_bound(void)
{
    int n = bench_arg > 0 ? bench_arg : 2, failed = 0;
    unsigned int t0 = get_ticks();
    for (int i = 0; i < n; i++) {
        if (fork() == 0) {
            for (unsigned int k = 0; k < CPU_BOUND_LOOPS; k++)
                __asm__ volatile("" ::: "memory");
            exit(0);
        }
    }
    for (int i = 0; i < n; i++) {
        int status;
        failed |= wait(&status) < 0 || status != 0;
    }
    unsigned int ms = get_ticks() - t0;
    if (failed) {
        lprintf("bench: cpu_bound: a task failed");
        return;
    }
    lprintf("BENCHCPU %d %u", n, ms);
    printf("cpu_bound %d tasks: %u ms\n", n, ms);
}

static volatile unsigned int waker_cpu, sibling_cpu;
static volatile int sibling_stop, sibling_running, sibling_done;

/* Until the sibling thread tid is off its stack and gone (it may still
 * run on another CPU when it says it is done). */
static void sibling_gone(int tid)
{
    while (!sibling_done)
        yield(tid);
    while (yield(tid) == 0)
        ;
}

/* cross_cpu_wakeup: make_runnable of a descheduled thread, until it runs
 * on another CPU.  The waker never blocks: it spins (pause: under icount
 * QEMU then runs the other CPU) until the woken thread says it runs, so
 * that thread runs on the other, idle CPU, which the wake-up's IPI
 * reaches.  Then it deschedules itself again; a make_runnable that comes
 * before that fails and is made again.  The woken side says on which CPU
 * it ran (a tick may have moved the waker meanwhile). */
static volatile int pong_left, pong_runs, apart_rounds;

static void pong(void *arg)
{
    int zero = 0;
    (void)arg;
    while (pong_left > 0) {
        deschedule(&zero);
        if (cpu_now() != waker_cpu)
            apart_rounds++;
        pong_left--;
        pong_runs++;
    }
}

static void bench_cross_cpu_wakeup(void)
{
    const int n = 2000;
    pong_left = n;
    pong_runs = apart_rounds = 0;
    sibling_done = 0;
    int tid = spawn_thread(helper_stack + sizeof(helper_stack), pong, NULL, &sibling_done);
    if (tid < 0) {
        lprintf("bench: cross_cpu_wakeup: thread_fork failed");
        return;
    }
    struct clock t0 = now();
    for (int i = 0; i < n; i++) {
        waker_cpu = cpu_now();
        while (make_runnable(tid) < 0)
            __asm__ volatile("pause"); /* until it has descheduled itself */
        while (pong_runs == i)
            __asm__ volatile("pause"); /* until it runs */
    }
    report("cross_cpu_wakeup", t0, n);
    report_apart("cross_cpu_wakeup", apart_rounds, n);
    sibling_gone(tid);
}

/* The sibling of tlb_shootdown_sibling: runs without a system call,
 * saying where, until told to stop.  Its pause lets QEMU's icount mode,
 * which runs the CPUs in turn on one thread, go back to the other CPU
 * (else each shootdown costs the rest of this CPU's turn, about a tick). */
static void spin_sibling(void *arg)
{
    (void)arg;
    sibling_running = 1;
    while (!sibling_stop) {
        sibling_cpu = cpu_now();
        __asm__ volatile("pause");
    }
}

/* One page's new_pages, touch and remove_pages, n times: with a sibling
 * running, remove_pages must also flush the sibling's CPU. */
static void tlb_rounds(const char *name, int with_sibling)
{
    const int n = 500;
    char *page = (char *)0x60000000;
    int apart = 0;
    struct clock t0 = now();
    for (int i = 0; i < n; i++) {
        if (new_pages(page, PAGE_SIZE) < 0) {
            lprintf("bench: new_pages failed");
            return;
        }
        page[0] = 1;
        remove_pages(page);
        apart += with_sibling && sibling_cpu != cpu_now();
    }
    report(name, t0, n);
    if (with_sibling)
        report_apart(name, apart, n);
}

static void bench_tlb_shootdown(void)
{
    tlb_rounds("tlb_shootdown_alone", 0);
    sibling_stop = sibling_running = sibling_done = 0;
    sibling_cpu = cpu_now();
    int tid = spawn_thread(helper_stack + sizeof(helper_stack), spin_sibling, NULL, &sibling_done);
    if (tid < 0) {
        lprintf("bench: tlb_shootdown: thread_fork failed");
        return;
    }
    while (!sibling_running)
        yield(tid);
    tlb_rounds("tlb_shootdown_sibling", 1);
    sibling_stop = 1;
    sibling_gone(tid);
}

/* Both rows of a machine with two CPUs, one boot. */
static void bench_smp_rows(void)
{
    bench_cross_cpu_wakeup();
    bench_tlb_shootdown();
}

/* contention: what the locks every CPU shares (the scheduler's, the frame
 * pool's, the kernel heap's) cost at this boot's CPU count, for why one
 * run queue and global allocator locks are enough (docs/architecture.md,
 * "SMP").  Three loads, each of 2 tasks per CPU, each a line
 *     BENCHLOCK <load> <cpus> <ms> <tsc> <lock> <waits> <tsc units> ...
 *               mutex <sleeps>
 * for the locks sched, frames, kheap and spin (every spinlock), from
 * kstats' differences over the load (a tsc unit is 2^KSTATS_TSC_SHIFT
 * ticks; bench.py turns them into the share of all CPUs' time spent
 * spinning):
 *   switching  counting: each CPU switches tasks once a slice;
 *   yielding   yield(-1) in a loop: each CPU switches at every call, the
 *              worst case for a shared run queue;
 *   memory     new_pages, touch and remove_pages of 4 pages, and a fork,
 *              exit and wait, in a loop: frames, page tables, the heap. */
#define CONTENTION_SPINS  20000000u
#define CONTENTION_YIELDS 20000
#define CONTENTION_ROUNDS 300

static void contention_count(void)
{
    for (unsigned int k = 0; k < CONTENTION_SPINS; k++)
        __asm__ volatile("" ::: "memory");
}

static void contention_yield(void)
{
    for (int k = 0; k < CONTENTION_YIELDS; k++)
        yield(-1);
}

static void contention_memory(void)
{
    char *page = (char *)0x60000000;
    for (int k = 0; k < CONTENTION_ROUNDS; k++) {
        if (new_pages(page, 4 * PAGE_SIZE) < 0)
            exit(1);
        for (int p = 0; p < 4; p++)
            page[p * PAGE_SIZE] = 1;
        remove_pages(page);
        int pid = fork(), status;
        if (pid == 0)
            exit(0);
        if (pid < 0 || wait(&status) != pid)
            exit(1);
    }
}

#define CONTENTION_MAX_TASKS 16 /* 2 per CPU, at most 8 CPUs */

/* Forks n tasks that each run load once all are forked: each deschedules
 * itself until the parent's make_runnable, so that they overlap (one
 * forked early would else be done before the last one started). */
static int contention_fork(int n, void (*load)(void), int *pids)
{
    for (int i = 0; i < n; i++) {
        pids[i] = fork();
        if (pids[i] < 0)
            return -1;
        if (pids[i] == 0) {
            int zero = 0;
            deschedule(&zero);
            load();
            exit(0);
        }
    }
    return 0;
}

static void contention_load(const char *name, void (*load)(void))
{
    struct kstats a, b;
    int pids[CONTENTION_MAX_TASKS], failed = 0;
    if (kstats(&a) < 0)
        return;
    int n = 2 * (int)a.cpus;
    if (n > CONTENTION_MAX_TASKS || contention_fork(n, load, pids) < 0 || kstats(&a) < 0) {
        lprintf("bench: contention %s: no room for %d tasks", name, n);
        return;
    }
    unsigned int t0 = get_ticks();
    unsigned long long c0 = rdtsc();
    for (int i = 0; i < n; i++)
        while (make_runnable(pids[i]) < 0)
            yield(pids[i]); /* until it has descheduled itself */
    for (int i = 0; i < n; i++) {
        int status;
        failed |= wait(&status) < 0 || status != 0;
    }
    unsigned long long c1 = rdtsc();
    unsigned int ms = get_ticks() - t0;
    if (failed || kstats(&b) < 0) {
        lprintf("bench: contention %s: a task failed", name);
        return;
    }
    lprintf("BENCHLOCK %s %u %u %llu sched %u %u frames %u %u kheap %u %u spin %u %u mutex %u", name, b.cpus,
            ms, c1 - c0, b.sched_lock_waits - a.sched_lock_waits, b.sched_lock_tsc - a.sched_lock_tsc,
            b.frames_lock_waits - a.frames_lock_waits, b.frames_lock_tsc - a.frames_lock_tsc,
            b.kheap_lock_waits - a.kheap_lock_waits, b.kheap_lock_tsc - a.kheap_lock_tsc,
            b.spin_waits - a.spin_waits, b.spin_tsc - a.spin_tsc, b.mutex_sleeps - a.mutex_sleeps);
    printf("contention %-9s %u CPUs: %u ms, %u waits for a spinlock\n", name, b.cpus, ms,
           b.spin_waits - a.spin_waits);
}

static void bench_contention(void)
{
    contention_load("switching", contention_count);
    contention_load("yielding", contention_yield);
    contention_load("memory", contention_memory);
}

struct bench {
    const char *name;
    void (*fn)(void);
};

static const struct bench benches[] = {
    {"iret_floor", bench_iret_floor},
    {"null_syscall", bench_null_syscall},
    {"print", bench_print},
    {"yield_threads", bench_yield_threads},
    {"yield_tasks", bench_yield_tasks},
    {"fork_exit_wait", bench_fork_wait},
    {"fork_exit_wait_4mib", bench_fork_4mib},
    {"fork_exit_wait_64mib", bench_fork_64mib},
    {"fork_exec_wait", bench_fork_exec_wait},
    {"fork_exec_wait_minimal", bench_fork_exec_minimal},
    {"deschedule", bench_deschedule},
    {"new_pages", bench_new_pages},
    {"mutex", bench_mutex},
    {"thr_create_join", bench_thr_create_join},
    {"new_pages_0_regions", bench_new_pages_0_regions},
    {"new_pages_1000_regions", bench_new_pages_1000_regions},
    {"trace_event", bench_trace_event}, /* last: the others run untraced */
};

/* Run only when named: bench.py boots each alone. */
static const struct bench own_boot_benches[] = {
    {"sleepers", bench_sleepers},
    {"cpu_bound", bench_cpu_bound},
    {"smp", bench_smp_rows},
    {"contention", bench_contention},
};

static void run_named(const struct bench *b, unsigned n, const char *name)
{
    for (unsigned i = 0; i < n; i++)
        if (!name || strcmp(name, b[i].name) == 0)
            b[i].fn();
}

int main(int argc, char **argv)
{
    /* Under icount rdtsc counts guest time from reset (firmware, kernel
     * boot, init, this exec): the deterministic boot figure. */
    unsigned long long boot = rdtsc();
    if (argc < 2)
        lprintf("BENCH boot_to_program %llu 0 1 0", boot);
    bench_arg = argc > 2 ? atoi(argv[2]) : 0;
    run_named(benches, sizeof(benches) / sizeof(benches[0]), argc < 2 ? NULL : argv[1]);
    if (argc >= 2)
        run_named(own_boot_benches, sizeof(own_boot_benches) / sizeof(own_boot_benches[0]), argv[1]);
    return 0;
}
