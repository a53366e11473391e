/*
 * cpu.c - bringing the processor up: the interrupt table, the interrupt
 * controller and the FPU, in the order they depend on each other.  (Its
 * GDT, and so %gs, come first of all: machine_init.)
 */
#include "arch/x86/cpu.h"
#include "arch/x86/context.h"
#include "arch/x86/fpu.h"
#include "arch/x86/pic.h"
#include "arch/x86/seg.h"

void cpu_init(void)
{
    idt_init();
    pic_init();
    fpu_init();
}
