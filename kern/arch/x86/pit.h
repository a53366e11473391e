/* pit.h - program the 8254 timer to interrupt (IRQ 0) hz times a second. */
#ifndef ARCH_X86_PIT_H
#define ARCH_X86_PIT_H
void pit_init(unsigned hz);
#endif
