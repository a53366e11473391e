/*
 * panic.c - the kernel's last words: location, message, the machine's state
 * and a symbolized backtrace of every CPU on the console (and so on COM1),
 * then the machine stops.  What the machine does (interrupts off, which
 * CPU this is, its registers, stopping the other CPUs, how it stops) is
 * the arch's, registered once at boot (panic_set_machine); unregistered,
 * panic prints and spins.
 *
 * One CPU reports: the first to claim `owner` (compare-and-swap).  It
 * prints the message once and its own backtrace, then has the others
 * stopped one at a time, each printing its backtrace headed by its id
 * (print_stopped_cpu, from the stop NMI), so nothing interleaves.  A CPU
 * that panics while another reports prints nothing and parks, to be
 * stopped in its turn; a panic during its own CPU's panic prints one line
 * and stops at once.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/assert.h"
#include "lib/ksyms.h"
#include "lib/panic.h"
#include "lib/printf.h"

#define NO_CPU 0xFFFFFFFFu

static uint32_t owner = NO_CPU; /* the CPU that reports */
static const struct panic_machine *machine;

void panic_set_machine(const struct panic_machine *m) { machine = m; }

bool panic_active(void) { return __atomic_load_n(&owner, __ATOMIC_ACQUIRE) != NO_CPU; }

__attribute__((noreturn)) static void stop(void)
{
    if (machine)
        machine->stop(1);
    for (;;)
        ;
}

static unsigned cpu_id(void) { return machine ? machine->cpu_id() : 0; }

/* A stopped CPU's report, from where the stop found it. */
static void print_stopped_cpu(uint32_t pc, uint32_t fp)
{
    printf("CPU %u, stopped:\n", cpu_id());
    backtrace_print(pc, fp);
}

void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
{
    if (machine)
        machine->enter();
    uint32_t me = cpu_id(), was = NO_CPU;
    if (!__atomic_compare_exchange_n(&owner, &was, me, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        if (was != me && machine)
            machine->park(); /* another CPU reports, and stops this one: no return */
        printf("PANIC: recursive panic at %s:%d\n", file, line);
        stop();
    }
    printf("\nPANIC: %s:%d in %s(): ", file, line, func);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (machine)
        machine->dump_state();
    printf("CPU %u, panicking:\n", me);
    backtrace_print((uint32_t)__builtin_return_address(0), *(uint32_t *)__builtin_frame_address(0));
    if (machine)
        machine->stop_others(print_stopped_cpu);
    stop();
}
