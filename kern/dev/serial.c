/*
 * serial.c - the 16550 UART on COM1.  Output polls the transmitter (QEMU's
 * is always ready); input arrives by interrupt and goes to the input
 * stream, with '\r' turned into '\n' and DEL into '\b' as terminals send;
 * a debug key (serial_debug_key: main.c registers Ctrl-\ for the thread
 * dump and Ctrl-] for a heartbeat line) calls its hook instead.
 * Output comes only from dev/console.c, under its screen_lock, which so
 * guards at_line_start too; the debug keys are registered at boot.
 */
#include "dev/serial.h"

#include <stdbool.h>

#include "arch/cpu.h"
#include "arch/io.h"
#include "arch/irq.h"
#include "dev/input.h"
#include "lib/assert.h"

#define COM1         0x3F8
#define REG_DATA     0
#define REG_IER      1
#define REG_FCR      2
#define REG_LCR      3
#define REG_MCR      4
#define REG_LSR      5
#define LSR_RX_READY 0x01
#define LSR_TX_EMPTY 0x20 /* room for a byte */
#define LSR_TX_IDLE  0x40 /* every byte sent */

#define DEBUG_KEYS_MAX 4 /* serial_debug_key */

static bool at_line_start = true;
static struct {
    char key;
    void (*hook)(void);
} debug_keys[DEBUG_KEYS_MAX];
static int debug_keys_n;

void serial_debug_key(char key, void (*hook)(void))
{
    uint32_t was = irq_save();
    assert(debug_keys_n < DEBUG_KEYS_MAX);
    debug_keys[debug_keys_n].key = key;
    debug_keys[debug_keys_n++].hook = hook;
    irq_restore(was);
}

/* Interrupts off: c's debug hook, run; false if c is no debug key. */
static bool run_debug_key(char c)
{
    for (int i = 0; i < debug_keys_n; i++) {
        if (debug_keys[i].key == c) {
            debug_keys[i].hook();
            return true;
        }
    }
    return false;
}

void serial_init(void)
{
    outb(COM1 + REG_IER, 0x00);
    outb(COM1 + REG_LCR, 0x80); /* divisor latch */
    outb(COM1 + REG_DATA, 1);   /* 115200 baud */
    outb(COM1 + REG_IER, 0);
    outb(COM1 + REG_LCR, 0x03);              /* 8N1 */
    outb(COM1 + REG_FCR, 0xC7);              /* FIFO on, cleared */
    outb(COM1 + REG_MCR, 0x0B);              /* DTR, RTS, OUT2 (interrupts reach the PIC) */
    machine_set_shutdown_hook(serial_drain); /* the last line must not be lost with the machine */
}

/* The UART is busy while the other end is slow to take bytes (QEMU then
 * holds them until its socket drains).  Wait, but not forever: with
 * nobody listening a byte is better dropped than the kernel stalled. */
#define TX_SPIN_MAX 1000000

static void wait_lsr(uint8_t bit)
{
    for (int spin = 0; spin < TX_SPIN_MAX && !(inb(COM1 + REG_LSR) & bit); spin++)
        ;
}

static void raw_putc(char c)
{
    wait_lsr(LSR_TX_EMPTY);
    outb(COM1 + REG_DATA, (uint8_t)c);
}

void serial_drain(void) { wait_lsr(LSR_TX_IDLE); }

void serial_write(const char *s, size_t n)
{
    uint32_t was = irq_save();
    for (size_t i = 0; i < n; i++)
        raw_putc(s[i]);
    if (n > 0)
        at_line_start = s[n - 1] == '\n';
    irq_restore(was);
}

void serial_write_line(const char *s, size_t n)
{
    uint32_t was = irq_save();
    if (!at_line_start)
        raw_putc('\n');
    for (size_t i = 0; i < n; i++)
        raw_putc(s[i]);
    raw_putc('\n');
    at_line_start = true;
    irq_restore(was);
}

static void serial_irq(void)
{
    while (inb(COM1 + REG_LSR) & LSR_RX_READY) {
        char c = (char)inb(COM1 + REG_DATA);
        if (run_debug_key(c))
            continue;
        if (c == '\r')
            c = '\n';
        else if (c == 0x7F)
            c = '\b';
        input_put(c);
    }
}

void serial_enable_input(void)
{
    irq_register(IRQ_COM1, serial_irq);
    outb(COM1 + REG_IER, 0x01); /* data available */
}
