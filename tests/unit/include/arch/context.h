/*
 * arch/context.h for host unit tests: stands in for kern/arch/context.h.
 * A context switch only counts itself: the test plays every thread on one
 * host stack, and after a switch it simply continues as the new thread.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include <stdint.h>

#include "arch/trap.h"

#define FPU_STATE_SIZE 512

static int host_switches;

static inline void context_switch(uint32_t *save_esp, uint32_t new_esp)
{
    (void)save_esp;
    (void)new_esp;
    host_switches++;
}
static inline void context_set_first_run_hook(void (*fn)(void)) { (void)fn; }
static inline uint32_t context_init_kernel(uint32_t kstack_top, void (*fn)(void *), void *arg)
{
    (void)fn;
    (void)arg;
    return kstack_top;
}
static inline void fpu_save(void *area) { (void)area; }
static inline void fpu_restore(const void *area) { (void)area; }
static inline const void *fpu_initial_state(void)
{
    static const uint8_t clean[FPU_STATE_SIZE];
    return clean;
}

#endif
