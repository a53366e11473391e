/*
 * input.c - the input stream (see input.h).  rb is touched with interrupts
 * off only (the IRQ handlers put, readers take); notify and interrupt are
 * set once at boot, before input is enabled.
 */
#include "dev/input.h"

#include "arch/cpu.h"
#include "dev/keyboard.h"
#include "dev/serial.h"
#include "lib/ringbuf.h"

#define INPUT_BUF_SIZE 1024

static uint8_t storage[INPUT_BUF_SIZE];
static struct ringbuf rb = {storage, INPUT_BUF_SIZE, 0, 0, 0};
static void (*notify)(void);
static bool (*interrupt)(void);

void input_init(void)
{
    keyboard_init();
    serial_enable_input();
}

void input_put(char c)
{
    uint32_t was = irq_save();
    if (c == INPUT_INTERRUPT_KEY && interrupt && interrupt()) {
        irq_restore(was);
        return;
    }
    ringbuf_put(&rb, (uint8_t)c);
    if (notify)
        notify();
    irq_restore(was);
}

int input_try_getc(void)
{
    uint32_t was = irq_save();
    uint8_t c;
    int r = ringbuf_get(&rb, &c) ? c : -1;
    irq_restore(was);
    return r;
}

void input_set_notify(void (*fn)(void)) { notify = fn; }

void input_set_interrupt(bool (*fn)(void)) { interrupt = fn; }

uint32_t input_dropped(void) { return rb.dropped; }
