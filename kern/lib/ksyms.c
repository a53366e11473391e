/*
 * ksyms.c - address-to-name lookup over the embedded symbol table, and a
 * frame-pointer backtrace (the kernel is built -fno-omit-frame-pointer).
 * The walk stops at a NULL frame pointer (boot stack), at a frame outside
 * kernel memory (a trap from user mode saved the user's %ebp), or after a
 * bounded number of frames, so a corrupt stack cannot loop it.
 */
#include "lib/ksyms.h"

#include <abi/layout.h>

#include "lib/printf.h"

struct ksym {
    uint32_t addr;
    const char *name;
};

extern const uint32_t ksyms_count;
extern const struct ksym ksyms_table[];
extern const char kernel_start[], kernel_end[];

const char *ksyms_lookup(uint32_t addr, uint32_t *offset)
{
    if (ksyms_count == 0 || addr < ksyms_table[0].addr || addr >= (uint32_t)kernel_end)
        return NULL;
    uint32_t lo = 0, hi = ksyms_count; /* find the last entry with addr <= addr */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ksyms_table[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    *offset = addr - ksyms_table[lo].addr;
    return ksyms_table[lo].name;
}

static void print_frame(int n, uint32_t eip)
{
    uint32_t off;
    const char *name = ksyms_lookup(eip, &off);
    if (name)
        printf("  #%d 0x%08x %s+0x%x\n", n, eip, name, off);
    else
        printf("  #%d 0x%08x ?\n", n, eip);
}

void backtrace_print(uint32_t eip, uint32_t ebp)
{
    printf("Backtrace:\n");
    print_frame(0, eip);
    for (int n = 1; n < 32; n++) {
        if (ebp == 0 || (ebp & 3) || ebp < (uint32_t)kernel_start || ebp >= USER_MEM_START - 8)
            return;
        uint32_t *frame = (uint32_t *)ebp;
        uint32_t ret = frame[1];
        if (ret < (uint32_t)kernel_start || ret >= (uint32_t)kernel_end)
            return;
        print_frame(n, ret - 1); /* -1: name the call, not what follows it */
        ebp = frame[0];
    }
}
