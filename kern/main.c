/*
 * main.c - kernel_main: bring the machine up in dependency order, then
 * start init (or an in-kernel boot test) and become the reaper.
 *
 * Kernel command line (after the kernel's own file name):
 *   ktest=<name>            run the in-kernel boot test <name> instead of init
 *   misbehave=<n>           start in misbehave mode n (as if init had called
 *                           misbehave(n)): run a whole program under mode 1/2
 *   timer=shared            one timer, the boot CPU's, ticks for every CPU
 *                           (arch/timer.h: on x86 the PIT, forwarded)
 *   lockcheck=off           no lock-order checks (lock/lock_check.h): only for
 *                           make bench, which measures what they cost
 *   trace=<cat,...>         record the trace from boot (docs/tracing.md);
 *   tracebuf=<n>            with a ring of n entries per CPU
 *   init=<prog> [args...]   init runs <prog> with args in place of the shell
 *                           and halts when it exits (make run-prog); must be last
 */
#include <abi/layout.h>

#include "arch/boot.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/smp.h"
#include "arch/timer.h"
#include "dev/console.h"
#include "dev/input.h"
#include "dev/serial.h"
#include "dev/tty.h"
#include "fs/ramdisk.h"
#include "lib/assert.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lock/lock_check.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "proc/task.h"
#include "sched/clock.h"
#include "sched/heartbeat.h"
#include "sched/sched.h"
#include "syscall/syscall.h"
#include "tests/ktest.h"
#include "trace/trace.h"

#define CMDLINE_MAX         1024
#define MAX_INIT_ARGS       64
/* Serial debug keys (docs/debugging.md). */
#define DEBUG_KEY_DUMP      0x1C /* Ctrl-\: every thread's state */
#define DEBUG_KEY_HEARTBEAT 0x1D /* Ctrl-]: a heartbeat line */

extern char kernel_end[];

static char cmdline[CMDLINE_MAX];
static char *init_argv[MAX_INIT_ARGS + 2];
static const char *ktest_name;

static uint32_t max_u32(uint32_t a, uint32_t b) { return a > b ? a : b; }

/* First free byte above the kernel, its modules and their strings. */
static uint32_t boot_reserved_end(const boot_info_t *mb)
{
    uint32_t end = (uint32_t)kernel_end;
    for (uint32_t i = 0; i < boot_module_count(mb); i++) {
        struct boot_module m = boot_module(mb, i);
        end = max_u32(end, m.end);
        if (m.name)
            end = max_u32(end, (uint32_t)m.name + strlen(m.name) + 1);
    }
    return (end + PAGE_SIZE - 1) & ~(uint32_t)(PAGE_SIZE - 1);
}

static int parse_decimal(const char *s)
{
    int n = 0;
    while (*s >= '0' && *s <= '9')
        n = n * 10 + (*s++ - '0');
    return n;
}

/* Split the command line into words; pick out ktest=, misbehave=,
 * timer=shared, lockcheck=off and init=. */
static void parse_cmdline(const boot_info_t *mb)
{
    int argc = 0;
    init_argv[argc++] = "init";
    const char *line = boot_cmdline(mb);
    if (!line)
        return;
    strlcpy(cmdline, line, sizeof(cmdline));
    bool in_init_args = false;
    char *p = cmdline;
    for (;;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        char *w = p;
        while (*p && *p != ' ')
            p++;
        if (*p)
            *p++ = '\0';
        if (in_init_args) {
            if (argc < MAX_INIT_ARGS)
                init_argv[argc++] = w;
        } else if (strncmp(w, "init=", 5) == 0) {
            in_init_args = true;
            init_argv[argc++] = w + 5;
        } else if (strncmp(w, "ktest=", 6) == 0) {
            ktest_name = w + 6;
        } else if (strncmp(w, "misbehave=", 10) == 0) {
            sched_set_misbehave(parse_decimal(w + 10));
        } else if (strcmp(w, "timer=shared") == 0) {
            timer_share();
        } else if (strcmp(w, "lockcheck=off") == 0) {
            lock_check_set(false); /* make bench only: what the checks cost */
        } else {
            trace_cmdline_word(w); /* trace=, tracebuf= */
        }
    }
    init_argv[argc] = NULL;
}

static int init_argc(void)
{
    int n = 0;
    while (init_argv[n])
        n++;
    return n;
}

static void ramdisk_from_modules(const boot_info_t *mb)
{
    if (boot_module_count(mb) == 0) {
        printf("no RAM disk module: no programs to run\n");
        ramdisk_init(0, 0);
        return;
    }
    struct boot_module m = boot_module(mb, 0);
    if (m.end > KERNEL_HEAP_END)
        panic("RAM disk module at 0x%x-0x%x is above the kernel heap's end 0x%x", m.start, m.end,
              KERNEL_HEAP_END);
    int n = ramdisk_init(m.start, m.end);
    printf("RAM disk: %d files\n", n);
}

void kernel_main(uint32_t magic, boot_info_t *mb)
{
    machine_init();
    console_init();
    printf("Pebbles-x86 kernel booting\n");
    if (!boot_magic_ok(magic))
        panic("not started by a Multiboot loader (magic 0x%x)", magic);

    cpu_init();
    smp_discover(); /* paging off: the firmware's tables may be anywhere */
    parse_cmdline(mb);
    kmalloc_init(boot_reserved_end(mb), KERNEL_HEAP_END);
    paging_init();
    smp_start(); /* the other CPUs come up and park (docs/architecture.md, SMP) */
    frames_init(mb);
    threads_set_memory(kmalloc_aligned, kfree); /* the scheduler names no allocator */
    sched_init();
    irq_enable(); /* from here on we are a thread and may take mutexes */
    tasks_init();
    tty_init();
    timer_set_log(console_log_line); /* the tick's calibration says how it went */
    clock_init();
    serial_debug_key(DEBUG_KEY_DUMP, sched_dump);
    serial_debug_key(DEBUG_KEY_HEARTBEAT, heartbeat_request);
    input_init();
    ramdisk_from_modules(mb);
    heartbeat_start(console_log_line);
    foreground_start();
    /* Kernel tests run while the other CPUs are still parked: they test
     * the machine (IPIs, the APs' timers, stopping, panics) from CPU 0, and
     * the kernel's own threads on one CPU; threads on every CPU at once are
     * the user tests' subject. */
    if (ktest_name)
        ktest_run(ktest_name); /* returns only if there is no such test */
    sched_start_others();      /* the other CPUs run threads from here on */
    task_start_init(init_argc(), init_argv);
    trace_boot(); /* after init exists, so that the trace names it */
    syscall_trace_sync();
    reaper_run();
}
