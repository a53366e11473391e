/*
 * fpu.h - the neutral name of the FPU interface: lazy save and restore of
 * a user thread's floating-point state (kern/arch/x86/fpu.h says how).
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include "arch/x86/fpu.h"

#endif
