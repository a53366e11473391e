/*
 * sys_console.c - console system calls: print, getchar, readline,
 * set_term_color, set_cursor_pos, get_cursor_pos.
 */
#include <abi/console.h>
#include <abi/errors.h>

#include "dev/console.h"
#include "dev/tty.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "syscall/syscall.h"

int sys_print(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    int size = (int)arg[0];
    if (size < 0 || size > CONSOLE_PRINT_MAX)
        return -E_INVAL;
    if (size == 0)
        return 0;
    char *buf = kmalloc((size_t)size);
    if (!buf)
        return -E_NOMEM;
    int r = copy_from_user(buf, arg[1], (uint32_t)size);
    if (r == 0)
        tty_print(buf, (size_t)size);
    kfree(buf);
    return r;
}

int sys_getchar(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    (void)arg;
    return tty_getchar();
}

#define READLINE_MAX_SIZE (1 << 20) /* larger buffers are refused as unreasonable */

/* tty_readline's deliver: the line's bytes go to the user buffer. */
static int line_to_user(void *ubuf, const char *buf, uint32_t n)
{
    return copy_to_user((uint32_t)ubuf, buf, n);
}

int sys_readline(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    int size = (int)arg[0];
    uint32_t ubuf = arg[1];
    if (size < 0 || size > READLINE_MAX_SIZE)
        return -E_INVAL;
    if (!user_writable(ubuf, (uint32_t)size))
        return -E_FAULT;
    if (size == 0)
        return 0;
    return tty_readline((uint32_t)size, line_to_user, (void *)ubuf);
}

int sys_set_term_color(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    return console_set_color((int)arg[0]);
}

int sys_set_cursor_pos(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    return console_set_cursor((int)arg[0], (int)arg[1]);
}

int sys_get_cursor_pos(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    if (!user_writable(arg[0], sizeof(int)) || !user_writable(arg[1], sizeof(int)))
        return -E_FAULT;
    int row, col;
    console_get_cursor(&row, &col);
    if (copy_to_user(arg[0], &row, sizeof(row)) < 0 || copy_to_user(arg[1], &col, sizeof(col)) < 0)
        return -E_FAULT;
    return 0;
}
