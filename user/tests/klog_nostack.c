/*
 * klog_nostack.c - the kernel log (vector 0x80, SPEC §2) works from a
 * thread with no usable stack: %esp = 0, and %esp = a kernel address.  The
 * kernel reads nothing from the user stack, writes each string as one
 * whole line, cuts a string longer than 256 bytes at 256, and leaves every
 * register but %eax as it was.  The lines themselves are checked by the
 * harness against these hints:
 * @expect-log klog_nostack: logged with esp = 0
 * @expect-log klog_nostack: logged with esp in the kernel
 * @expect-log klog_nostack: 256 bytes 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901
 */
#include <string.h>

#include "test.h"

/* Log s with %esp set to bad_esp for the duration of the trap. */
static int klog_with_esp(const char *s, unsigned int bad_esp, unsigned int *ebx_after)
{
    int r;
    unsigned int ebx = 0x12345678;
    __asm__ volatile("pushl %%ebp\n\t"
                     "movl %%esp, %%ebp\n\t"
                     "movl %[bad], %%esp\n\t"
                     "int %[vec]\n\t"
                     "movl %%ebp, %%esp\n\t"
                     "popl %%ebp"
                     : "=a"(r), "+b"(ebx)
                     : "S"(s), [bad] "r"(bad_esp), [vec] "i"(KLOG_INT)
                     : "memory");
    *ebx_after = ebx;
    return r;
}

int main(void)
{
    TEST_START("klog_nostack");
    unsigned int ebx;
    CHECK(klog_with_esp("klog_nostack: logged with esp = 0", 0, &ebx) == 0, "esp = 0: returns 0");
    CHECK(ebx == 0x12345678, "registers preserved");
    CHECK(klog_with_esp("klog_nostack: logged with esp in the kernel", 0x00100000, &ebx) == 0,
          "esp in the kernel: returns 0");

    /* 300 bytes: "klog_nostack: 256 bytes " then digits; cut at 256. */
    static char longer[301];
    strcpy(longer, "klog_nostack: 256 bytes ");
    for (size_t i = strlen(longer); i < 300; i++)
        longer[i] = (char)('0' + (i - 24) % 10);
    CHECK(klog_with_esp(longer, 0, &ebx) == 0, "a long line is cut, not refused");
    CHECK(klog_with_esp((const char *)KERNEL_ADDR, 0, &ebx) < 0, "a kernel pointer is refused");
    TEST_PASS();
}
