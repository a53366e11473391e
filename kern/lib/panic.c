/*
 * panic.c - the kernel's last words: location, message, registers and a
 * symbolized backtrace on the console (and so on COM1), then machine_exit(1).
 * A panic during a panic prints one line and stops at once.
 */
#include <stdarg.h>

#include "arch/x86/cpu.h"
#include "lib/assert.h"
#include "lib/ksyms.h"
#include "lib/printf.h"

static volatile int panicking;

static void dump_registers(void)
{
    uint32_t eax, ebx, ecx, edx, esi, edi, esp;
    __asm__ volatile("" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx), "=S"(esi), "=D"(edi));
    __asm__ volatile("movl %%esp, %0" : "=r"(esp));
    printf("eax=%08x ebx=%08x ecx=%08x edx=%08x esi=%08x edi=%08x\n", eax, ebx, ecx, edx, esi, edi);
    printf("esp=%08x ebp=%08x eflags=%08x cr0=%08x cr2=%08x cr3=%08x cr4=%08x\n", esp, read_ebp(),
           read_eflags(), read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
{
    irq_disable();
    if (panicking++) {
        printf("PANIC: recursive panic at %s:%d\n", file, line);
        machine_exit(1);
    }
    printf("\nPANIC: %s:%d in %s(): ", file, line, func);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    dump_registers();
    backtrace_print((uint32_t)__builtin_return_address(0), *(uint32_t *)read_ebp());
    machine_exit(1);
}
