/*
 * machine.c - the machine's first step at boot (the boot CPU's own
 * descriptor tables: machine_init) and stopping the machine.  First the
 * other CPUs are stopped
 * (smp_stop_others), then the shutdown hook runs (the serial driver's: its
 * last bytes must leave the UART before the machine stops; set once, at
 * boot).  Under QEMU the isa-debug-exit device (port 0xf4) then ends the
 * emulator with status (code << 1) | 1; on real hardware, or without the
 * device, we halt with interrupts off.
 */
#include "arch/smp.h"
#include "arch/x86/cpu.h"
#include "arch/x86/io.h"
#include "arch/x86/percpu.h"
#include "arch/x86/smp_stop.h"
#include "lib/panic.h"
#include "lib/printf.h"

#define DEBUG_EXIT_PORT 0xf4

static void (*shutdown_hook)(void);

void machine_set_shutdown_hook(void (*hook)(void)) { shutdown_hook = hook; }

void machine_exit(int code)
{
    irq_disable();
    smp_stop_others(NULL);
    if (shutdown_hook)
        shutdown_hook();
    outl(DEBUG_EXIT_PORT, (uint32_t)code);
    for (;;)
        cpu_halt();
}

/* panic's view of the registers: what they hold on the way out. */
static void dump_registers(void)
{
    uint32_t eax, ebx, ecx, edx, esi, edi, esp;
    __asm__ volatile("" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx), "=S"(esi), "=D"(edi));
    __asm__ volatile("movl %%esp, %0" : "=r"(esp));
    printf("eax=%08x ebx=%08x ecx=%08x edx=%08x esi=%08x edi=%08x\n", eax, ebx, ecx, edx, esi, edi);
    printf("esp=%08x ebp=%08x eflags=%08x cr0=%08x cr2=%08x cr3=%08x cr4=%08x\n", esp, read_ebp(),
           read_eflags(), read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

static void panic_enter(void) { irq_disable(); }

static unsigned panic_cpu_id(void) { return smp_cpu_id(); }

static const struct panic_machine x86_panic = {
    .enter = panic_enter,
    .cpu_id = panic_cpu_id,
    .dump_state = dump_registers,
    .stop_others = smp_stop_others,
    .park = smp_stop_park,
    .stop = machine_exit,
};

void machine_init(void)
{
    percpu_load(&cpus[0]); /* %gs names the boot CPU before any C code asks which CPU it is */
    panic_set_machine(&x86_panic);
}
