/*
 * console.c - see console.h.  The screen and the serial line are changed
 * under screen_lock, a spinlock (interrupts off with it), a bounded piece
 * at a time, so no other CPU or interrupt handler's output sees them half
 * updated and interrupt latency stays bounded by one piece.  Once a panic
 * has begun, output takes no lock (screen_enter): the panicking CPU may
 * have stopped another that held it.
 *
 * Kernel lines and prints.  A kernel line (console_line, console_log_line,
 * and kernel printf lines from thread context) is written whole in one
 * interrupts-off section, starting on a fresh line of every device it
 * goes to: nothing can split it.  A print (console_print) may be 64 KiB;
 * it goes out in pieces of at most PIECE bytes, each cut after its last
 * newline if it has one, with interrupts on between pieces.  Between two
 * pieces that leave a line of the print unfinished (print_mid_line) a
 * kernel line would land inside that line, so it is queued in `pending`
 * instead, and the print writes the queue out at its next line end, or at
 * its end.  So kernel lines fall only between the lines of a print.  When
 * the queue is full a kernel line is written at once (still whole, on a
 * fresh line) by code that cannot block, and a thread waits for room
 * (kernel_line): output is never lost.  Raw console_write output
 * (printf with interrupts off: panic, the thread dump) is not queued.
 *
 * scr is set once, by console_init.
 * print_mid_line and pending are guarded by screen_lock; room_waiters, as
 * every wait queue, by waitq_lock, which ranks below it.  Prints
 * themselves are serialized by dev/tty.c's console lock, so only the
 * printer holding it drains the queue.
 */
#include "dev/console.h"

#include <stdbool.h>
#include <stdint.h>

#include "arch/cpu.h"
#include "dev/serial.h"
#include "dev/vga.h"
#include "lib/assert.h"
#include "lib/panic.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lock/spinlock.h"
#include "sched/sched.h"
#include "sched/waitq.h"

#define PIECE       64
#define PENDING_MAX 4096
#define TO_SCREEN   0x1 /* a queued line's flag: also on the screen */

static struct screen *scr;
static bool print_mid_line;
/* Queued kernel lines: [flags][length, 2 bytes little-endian][text]... */
static uint8_t pending[PENDING_MAX];
static size_t pending_len;
static struct waitq room_waiters; /* threads waiting for room in pending */
SPINLOCK_DEFINE(screen_lock, LOCK_RANK_SCREEN, "screen");

/* What screen_leave needs: the interrupt state to restore, and whether
 * screen_lock was taken. */
struct screen_hold {
    uint32_t irq;
    bool locked;
};

/* Interrupts off and screen_lock held (not while a panic prints). */
static struct screen_hold screen_enter(void)
{
    struct screen_hold h = {irq_save(), false};
    if (panic_active())
        return h;
    spin_lock(&screen_lock);
    h.locked = true;
    return h;
}

static void screen_leave(struct screen_hold h)
{
    if (h.locked)
        spin_unlock(&screen_lock);
    irq_restore(h.irq);
}

void console_init(void)
{
    serial_init();
    scr = vga_init();
    waitq_init(&room_waiters, "console room");
    printf_set_output(console_kernel_write);
}

/* screen_enter'ed: the raw bytes to both devices. */
static void put_raw(const char *buf, size_t n)
{
    assert(!irq_enabled());
    screen_write(scr, buf, n);
    serial_write(buf, n);
    vga_sync_cursor(scr);
}

void console_write(const char *buf, size_t n)
{
    while (n > 0) {
        size_t k = n < PIECE ? n : PIECE;
        struct screen_hold was = screen_enter();
        put_raw(buf, k);
        screen_leave(was);
        buf += k;
        n -= k;
    }
}

/* screen_enter'ed: s[0..n) (a trailing '\n' optional) as one line. */
static void put_line(const char *s, size_t n, bool screen)
{
    if (n > 0 && s[n - 1] == '\n')
        n--;
    /* The screen first: whoever sees the line on serial may read the
     * screen at once and must find it there (the boot tests do). */
    if (screen) {
        if (scr->col != 0)
            screen_putc(scr, '\n');
        screen_write(scr, s, n);
        screen_putc(scr, '\n');
        vga_sync_cursor(scr);
    }
    serial_write_line(s, n);
}

/* screen_enter'ed: queue the line; false if there is no room. */
static bool queue_line(const char *s, size_t n, bool screen)
{
    if (n > UINT16_MAX || pending_len + 3 + n > PENDING_MAX)
        return false;
    uint8_t *e = pending + pending_len;
    e[0] = screen ? TO_SCREEN : 0;
    e[1] = (uint8_t)n;
    e[2] = (uint8_t)(n >> 8);
    for (size_t i = 0; i < n; i++)
        e[3 + i] = (uint8_t)s[i];
    pending_len += 3 + n;
    return true;
}

/*
 * When the queue is full while a print is mid-line (its printer was
 * preempted between pieces, say), a thread waits for the print to reach a
 * line end rather than split its line.  The wait ends: the printer holds
 * only the console lock, needs nothing to go on but the CPU, and wakes
 * room_waiters whenever it empties the queue.  Code that may not block
 * (interrupts off: a handler, boot) writes its line at once, still whole.
 */
/* screen_enter'ed: write or queue the line; false if it must wait. */
static bool try_line(const char *s, size_t n, bool screen, uint32_t was)
{
    if (!print_mid_line && pending_len == 0) {
        put_line(s, n, screen);
        return true;
    }
    if (queue_line(s, n, screen))
        return true;
    if (!irq_was_enabled(was) || !sched_running()) { /* may not wait: interrupts (or a spinlock) were held */
        put_line(s, n, screen);
        return true;
    }
    return false;
}

static void kernel_line(const char *s, size_t n, bool screen)
{
    struct screen_hold h = screen_enter();
    bool done = try_line(s, n, screen, h.irq);
    screen_leave(h);
    if (done)
        return;
    /* Wait for room: retest with waitq_lock taken first (it ranks below
     * screen_lock), so that drain_pending's wake-up cannot come between
     * the test and the sleep. */
    uint32_t wq = waitq_lock();
    for (;;) {
        struct screen_hold t = screen_enter();
        done = try_line(s, n, screen, wq);
        screen_leave(t);
        if (done)
            break;
        waitq_wait(&room_waiters, 0);
    }
    waitq_unlock(wq);
}

/* Write the queued lines out, one per locked section, and wake whoever
 * waits for room (after screen_lock is released: see kernel_line). */
static void drain_pending(void)
{
    for (;;) {
        struct screen_hold was = screen_enter();
        if (pending_len == 0 || print_mid_line) {
            screen_leave(was);
            return;
        }
        size_t n = pending[1] | (size_t)pending[2] << 8;
        put_line((const char *)pending + 3, n, pending[0] & TO_SCREEN);
        size_t used = 3 + n;
        for (size_t i = used; i < pending_len; i++)
            pending[i - used] = pending[i];
        pending_len -= used;
        screen_leave(was);
        uint32_t wq = waitq_lock();
        waitq_wake_all(&room_waiters);
        waitq_unlock(wq);
    }
}

/* The next piece of a print: at most PIECE bytes, cut after the last
 * newline in them, if any. */
static size_t piece_len(const char *buf, size_t n)
{
    size_t k = n < PIECE ? n : PIECE;
    if (k == n)
        return k;
    for (size_t i = k; i > 0; i--)
        if (buf[i - 1] == '\n')
            return i;
    return k;
}

void console_print(const char *buf, size_t n)
{
    while (n > 0) {
        size_t k = piece_len(buf, n);
        struct screen_hold was = screen_enter();
        put_raw(buf, k);
        print_mid_line = buf[k - 1] != '\n';
        screen_leave(was);
        buf += k;
        n -= k;
        drain_pending(); /* at a line end: lines queued meanwhile go here */
    }
    struct screen_hold was = screen_enter();
    print_mid_line = false;
    screen_leave(was);
    drain_pending();
}

void console_line(const char *s, size_t n) { kernel_line(s, n, true); }

void console_kernel_write(const char *buf, size_t n)
{
    if (n > 0 && buf[n - 1] == '\n' && irq_enabled())
        kernel_line(buf, n, true);
    else
        console_write(buf, n);
}

int console_set_color(int color)
{
    struct screen_hold was = screen_enter();
    int r = screen_set_color(scr, color);
    screen_leave(was);
    return r;
}

int console_set_cursor(int row, int col)
{
    struct screen_hold was = screen_enter();
    int r = screen_set_cursor(scr, row, col);
    if (r == 0)
        vga_sync_cursor(scr);
    screen_leave(was);
    return r;
}

void console_get_cursor(int *row, int *col)
{
    struct screen_hold was = screen_enter();
    screen_get_cursor(scr, row, col);
    screen_leave(was);
}

void console_log_line(const char *line) { kernel_line(line, strlen(line), false); }
