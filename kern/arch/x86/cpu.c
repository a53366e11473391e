/*
 * cpu.c - bringing the processor up: descriptor tables, the interrupt
 * controller and the FPU, in the order they depend on each other.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/context.h"
#include "arch/x86/fpu.h"
#include "arch/x86/percpu.h"
#include "arch/x86/pic.h"
#include "arch/x86/seg.h"

void cpu_init(void)
{
    gdt_init(&cpus[0].seg); /* the boot CPU is CPU 0 */
    idt_init();
    pic_init();
    fpu_init();
}
