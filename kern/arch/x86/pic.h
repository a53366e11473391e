/*
 * pic.h - the two cascaded 8259A interrupt controllers, remapped so IRQ 0-15
 * arrive on vectors 32-47.
 */
#ifndef ARCH_X86_PIC_H
#define ARCH_X86_PIC_H

#include <stdbool.h>

void pic_init(void);
/* Every line masked, the cascade too: the IOAPIC has taken over. */
void pic_mask_all(void);
/* CPU 0, interrupts off: let irq through, or hold it back (one already on
 * its way may still arrive). */
void pic_unmask(int irq);
void pic_mask(int irq);
void pic_eoi(int irq);
/* True when irq (7 or 15) is spurious and must get no handler (nor EOI for 7). */
bool pic_spurious(int irq);

#endif
