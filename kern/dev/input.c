/*
 * input.c - the input stream (see input.h).  rb is guarded by input_lock
 * (the IRQ handlers put, readers take); notify and interrupt are set once
 * at boot, before input is enabled, and run after input_lock is released:
 * they take the scheduler's lock, which ranks below it (a reader holds that
 * one while it looks in the ring).
 */
#include "dev/input.h"

#include "arch/cpu.h"
#include "dev/keyboard.h"
#include "dev/serial.h"
#include "lib/ringbuf.h"
#include "lock/spinlock.h"

#define INPUT_BUF_SIZE 1024

static uint8_t storage[INPUT_BUF_SIZE];
static struct ringbuf rb = {storage, INPUT_BUF_SIZE, 0, 0, 0};
SPINLOCK_DEFINE(input_lock, LOCK_RANK_INPUT, "input");
static void (*notify)(void);
static bool (*interrupt)(void);

void input_init(void)
{
    keyboard_init();
    serial_enable_input();
}

void input_put(char c)
{
    if (c == INPUT_INTERRUPT_KEY && interrupt && interrupt())
        return;
    uint32_t was = spin_lock_irqsave(&input_lock);
    ringbuf_put(&rb, (uint8_t)c);
    spin_unlock_irqrestore(&input_lock, was);
    if (notify)
        notify();
}

int input_try_getc(void)
{
    uint32_t was = spin_lock_irqsave(&input_lock);
    uint8_t c;
    int r = ringbuf_get(&rb, &c) ? c : -1;
    spin_unlock_irqrestore(&input_lock, was);
    return r;
}

void input_set_notify(void (*fn)(void)) { notify = fn; }

void input_set_interrupt(bool (*fn)(void)) { interrupt = fn; }

uint32_t input_dropped(void) { return rb.dropped; }
