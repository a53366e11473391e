/*
 * panic.h - what panic (kern/lib/panic.c) needs of the machine, registered
 * by the arch once, first thing at boot.  panic itself is declared in
 * lib/assert.h, which both sides share (user space has its own panic).
 */
#ifndef KLIB_PANIC_H
#define KLIB_PANIC_H

#include <stdbool.h>
#include <stdint.h>

/* enter turns interrupts off; cpu_id names the running CPU; dump_state
 * prints the registers; stop_others stops every other CPU, each running
 * on_stop once, one after another, with the program counter and frame
 * pointer it was stopped at, and returns when they have (bounded);
 * park halts the running CPU for good, interrupts off, where
 * stop_others still reaches it; stop(code) ends the machine.  park and
 * stop do not return. */
struct panic_machine {
    void (*enter)(void);
    unsigned (*cpu_id)(void);
    void (*dump_state)(void);
    void (*stop_others)(void (*on_stop)(uint32_t pc, uint32_t fp));
    void (*park)(void);
    void (*stop)(int code);
};
void panic_set_machine(const struct panic_machine *m);
/* Has a panic begun?  Output then stops taking locks: the panicking CPU
 * may have stopped another one that held them. */
bool panic_active(void);

#endif
