/*
 * memprobe.c - prints the largest new_pages region (in MiB, to the nearest
 * MiB below) the kernel grants, found by bisection between 1 MiB and
 * 1 GiB; every granted region is removed again.  make/qemu_mem runs it
 * under two QEMU_MEM sizes.  (SPEC §3: a request that cannot be backed
 * fails at once.)
 */
#include <simics.h>
#include <syscall.h>

#define MIB    (1024 * 1024)
#define REGION ((void *)0x40000000)

static int grants(int mib)
{
    if (new_pages(REGION, mib * MIB) < 0)
        return 0;
    remove_pages(REGION);
    return 1;
}

int main(void)
{
    lprintf("(^_^)_memprobe START__TYPE_COMPLETE");
    int lo = 0, hi = 1024; /* lo is granted (or 0), hi is not tried yet */
    if (grants(hi))
        lo = hi;
    else
        while (hi - lo > 1) {
            int mid = (lo + hi) / 2;
            if (grants(mid))
                lo = mid;
            else
                hi = mid;
        }
    lprintf("memprobe: largest new_pages %d MiB", lo);
    lprintf("(^_^)_memprobe END__SUCCESS");
    return 0;
}
