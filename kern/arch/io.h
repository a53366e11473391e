/*
 * io.h - device registers for the PC's drivers (kern/dev): inb(port),
 * outb(port, v), outw, outl.  Implemented by arch/x86/io.h; a port whose
 * devices are memory-mapped provides the same names over its own buses.
 */
#ifndef ARCH_IO_H
#define ARCH_IO_H

#include "arch/x86/io.h"

#endif
