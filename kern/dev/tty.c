/*
 * tty.c - console input line discipline and output atomicity (see tty.h).
 *
 * Input path: IRQ handlers put raw bytes into the input stream
 * (dev/input.c) and wake the one waiting reader.  A reader (getchar or
 * readline, serialized by readers_lock, a fair mutex, so readers are served
 * in order) takes bytes first from `leftover` -- the unread tail of a line
 * that did not fit an earlier readline -- and then from the stream.
 * readline builds the pending line in `line`, echoing each byte it takes
 * from the stream; bytes from `leftover` were echoed when they were typed
 * and are not echoed again.  Backspace removes the last pending byte (and
 * its echo) and does nothing when the line is empty, so it never eats the
 * prompt.  (leftover only ever holds whole lines, so a backspace never
 * meets a byte of it.)
 *
 * Locks: readers_lock (LOCK_RANK_READLINE) guards line, leftover;
 * console_lock (LOCK_RANK_CONSOLE) makes each print and echo whole.
 */
#include "dev/tty.h"

#include <abi/console.h>
#include <abi/errors.h>

#include "arch/cpu.h"
#include "dev/console.h"
#include "dev/input.h"
#include "lib/assert.h"
#include "lib/string.h"
#include "sched/sched.h"
#include "sched/waitq.h"
#include "sync/mutex.h"

#define LINE_MAX 4096 /* longest line kept; more is dropped */

static struct mutex readers_lock;
static struct mutex console_lock;
static struct waitq input_waiters; /* the reader, while the stream is empty */

static char line[LINE_MAX];
static uint32_t line_len;
static char leftover[LINE_MAX];
static uint32_t leftover_pos, leftover_len;

/* The input IRQ, after it put a byte in the ring: a reader that found the
 * ring empty under waitq_lock is on the queue by the time we get it. */
static void input_arrived(void)
{
    uint32_t was = waitq_lock();
    waitq_wake_one(&input_waiters);
    waitq_unlock(was);
}

void tty_init(void)
{
    mutex_init(&readers_lock, LOCK_RANK_READLINE, "readers");
    mutex_init(&console_lock, LOCK_RANK_CONSOLE, "console");
    waitq_init(&input_waiters, "input");
    input_set_notify(input_arrived);
}

void tty_print(const char *buf, size_t n)
{
    mutex_lock(&console_lock);
    console_print(buf, n);
    mutex_unlock(&console_lock);
}

/* readers_lock held: next byte for a reader, blocking; -E_INTR if killed.
 * *typed says whether it is new from the stream (not yet echoed). */
static int next_byte(bool *typed)
{
    assert(mutex_held(&readers_lock));
    *typed = leftover_pos >= leftover_len;
    if (!*typed)
        return (unsigned char)leftover[leftover_pos++];
    int c;
    uint32_t was = waitq_lock();
    while ((c = input_try_getc()) < 0) {
        int r = waitq_wait(&input_waiters, WAITQ_INTR); /* the test above was under waitq_lock */
        if (r < 0) {
            c = r;
            break;
        }
    }
    waitq_unlock(was);
    return c;
}

int tty_getchar(void)
{
    bool typed;
    mutex_lock(&readers_lock);
    int c = next_byte(&typed);
    mutex_unlock(&readers_lock);
    return c;
}

/* readers_lock held: the line editor.  Returns when line holds a whole
 * line ending in '\n' (or is full), or -E_INTR. */
static int collect_line(void)
{
    assert(mutex_held(&readers_lock));
    while (line_len == 0 || line[line_len - 1] != '\n') {
        bool typed;
        int c = next_byte(&typed);
        if (c < 0)
            return c;
        if (c == '\b') {
            if (line_len > 0) {
                line_len--;
                tty_print("\b", 1);
            }
            continue;
        }
        if (line_len == LINE_MAX - 1 && c != '\n')
            continue; /* full: only the end of the line is taken */
        line[line_len++] = (char)c;
        char ch = (char)c;
        if (typed)
            tty_print(&ch, 1);
    }
    return 0;
}

int tty_readline(uint32_t size, tty_deliver_fn deliver, void *ctx)
{
    mutex_lock(&readers_lock);
    int r = collect_line();
    if (r == 0) {
        uint32_t n = line_len < size ? line_len : size;
        r = deliver(ctx, line, n);
        if (r == 0) {
            /* The unread tail stays for the next reader, ahead of new input. */
            uint32_t rest = line_len - n;
            memmove(leftover, leftover + leftover_pos, leftover_len - leftover_pos);
            leftover_len -= leftover_pos;
            leftover_pos = 0;
            if (rest > 0 && leftover_len + rest <= LINE_MAX) {
                memmove(leftover + rest, leftover, leftover_len);
                memcpy(leftover, line + n, rest);
                leftover_len += rest;
            }
            line_len = 0;
            r = (int)n;
        }
    }
    mutex_unlock(&readers_lock);
    return r;
}
