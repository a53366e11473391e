/*
 * panic.c - the kernel's last words: location, message, the machine's state
 * and a symbolized backtrace on the console (and so on COM1), then the
 * machine stops.  A panic during a panic prints one line and stops at once.
 * What the machine does (interrupts off, its registers, how it stops) is
 * the arch's, registered once at boot (panic_set_machine); unregistered,
 * panic prints and spins.
 */
#include <stddef.h>
#include <stdint.h>

#include "lib/assert.h"
#include "lib/ksyms.h"
#include "lib/panic.h"
#include "lib/printf.h"

static volatile int panicking;
static const struct panic_machine *machine;

void panic_set_machine(const struct panic_machine *m) { machine = m; }

bool panic_active(void) { return panicking != 0; }

__attribute__((noreturn)) static void stop(void)
{
    if (machine)
        machine->stop(1);
    for (;;)
        ;
}

void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
{
    if (machine)
        machine->enter();
    if (panicking++) {
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
    backtrace_print((uint32_t)__builtin_return_address(0), *(uint32_t *)__builtin_frame_address(0));
    stop();
}
