/*
 * uaccess.c - checked user-memory access (see uaccess.h).
 */
#include "mm/uaccess.h"

#include <abi/errors.h>
#include <abi/layout.h>

extern int uaccess_copy(void *dst, const void *src, uint32_t n);
extern int uaccess_strncpy(char *dst, const char *src, uint32_t max);
extern const char uaccess_text_start[], uaccess_text_end[], uaccess_fault[];

int copy_from_user(void *dst, uint32_t usrc, uint32_t len)
{
    if (!user_range(usrc, len))
        return -E_FAULT;
    return len ? uaccess_copy(dst, (const void *)usrc, len) : 0;
}

int copy_to_user(uint32_t udst, const void *src, uint32_t len)
{
    if (!user_range(udst, len))
        return -E_FAULT;
    return len ? uaccess_copy((void *)udst, src, len) : 0;
}

int copy_string_from_user(char *dst, uint32_t usrc, uint32_t max)
{
    if (max == 0 || usrc < USER_MEM_START)
        return -E_FAULT;
    /* Never read past the end of the address space. */
    uint64_t room = USER_MEM_END - usrc;
    uint32_t lim = room < max ? (uint32_t)room : max;
    int r = uaccess_strncpy(dst, (const char *)usrc, lim);
    if (r == -E_2BIG)
        dst[max - 1] = '\0';
    if (r == -E_2BIG && lim < max)
        return -E_FAULT; /* ran into the top of memory without a NUL */
    return r;
}

int copy_args(uint32_t *args, uint32_t uaddr, int n)
{
    return copy_from_user(args, uaddr, (uint32_t)n * sizeof(uint32_t));
}

bool uaccess_fixup(trapframe_t *tf)
{
    /* Only what a copy can raise: not an NMI or a debug trap that happens
     * to arrive while a copy runs. */
    if (tf->cause != TRAP_PAGEFAULT && tf->cause != TRAP_GPFAULT)
        return false;
    if (tf->eip < (uint32_t)uaccess_text_start || tf->eip >= (uint32_t)uaccess_text_end)
        return false;
    tf->eip = (uint32_t)uaccess_fault;
    return true;
}
