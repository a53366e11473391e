/*
 * sys_misc.c - halt, readfile, and the extensions: the kernel log (0x80),
 * resource counters (0x81) and allocation-failure injection (0x82).
 */
#include <abi/errors.h>
#include <abi/kstats.h>
#include <abi/layout.h>

#include "arch/cpu.h"
#include "arch/fpu.h"
#include "arch/mmu.h"
#include "arch/smp.h"
#include "dev/console.h"
#include "fs/ramdisk.h"
#include "lock/spinlock.h"
#include "mm/alloc_fail.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "sched/sched.h"
#include "sync/mutex.h"
#include "syscall/syscall.h"
#include "trace/trace.h"

int sys_halt(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    (void)arg;
    trace_stop(); /* the last events, and the count of those dropped */
    machine_exit(0);
}

#define READFILE_NAME_MAX 256

int sys_readfile(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    char name[READFILE_NAME_MAX];
    int r = copy_string_from_user(name, arg[0], sizeof(name));
    if (r < 0)
        return r == -E_2BIG ? -E_NOENT : r;
    int count = (int)arg[2], offset = (int)arg[3];
    if (count < 0 || offset < 0)
        return -E_INVAL;
    const struct rd_file *f = ramdisk_find(name);
    if (!f)
        return -E_NOENT;
    if ((uint32_t)offset >= f->size)
        return 0;
    uint32_t n = f->size - (uint32_t)offset;
    if (n > (uint32_t)count)
        n = (uint32_t)count;
    r = copy_to_user(arg[1], f->data + offset, n);
    return r < 0 ? r : (int)n;
}

/* The kernel log: one line, whole, on the serial port.  Reads only the
 * string (never the caller's stack), so it works with no usable stack. */
int sys_klog(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    char line[KLOG_MAX + 1];
    int r = copy_string_from_user(line, arg[0], sizeof(line));
    if (r < 0 && r != -E_2BIG)
        return r;
    console_log_line(line);
    return 0;
}

/* kstats' spinlock contention: the scheduler's, the frame pool's, the
 * heap's, all. */
static void count_spin_waits(struct kstats *k)
{
    struct spin_contention c;
    spin_contention(LOCK_RANK_SCHED, &c);
    k->sched_lock_waits = c.waits;
    k->sched_lock_tsc = c.tsc_units;
    spin_contention(LOCK_RANK_FRAMES, &c);
    k->frames_lock_waits = c.waits;
    k->frames_lock_tsc = c.tsc_units;
    spin_contention(LOCK_RANK_HEAP, &c);
    k->kheap_lock_waits = c.waits;
    k->kheap_lock_tsc = c.tsc_units;
    for (unsigned r = LOCK_RANK_SPIN_FIRST; r < LOCK_RANK_COUNT; r++) {
        spin_contention((enum lock_rank)r, &c);
        k->spin_waits += c.waits;
        k->spin_tsc += c.tsc_units;
    }
}

int sys_kstats(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    if (sched_wait_leavers() < 0) /* threads on their way out on other CPUs */
        return -E_INTR;
    reap_now(); /* count only what is really in use */
    struct frame_stats fs;
    struct kmalloc_stats ks;
    frame_stats(&fs);
    kmalloc_stats(&ks);
    struct kstats k = {
        .user_frames_free = fs.free,
        .user_frames_total = fs.total,
        .user_frames_reserved = fs.reserved,
        .heap_bytes_used = ks.bytes_used,
        .heap_bytes_total = ks.bytes_total,
        .heap_allocs = ks.allocs,
        .tasks = task_count(),
        .threads = thread_count(),
        .cr3_writes = paging_cr3_loads(),
        .fpu_loads = fpu_load_count(),
        .cpus = smp_cpus_online(),
        .tlb_shootdowns = tlb_shootdown_count(),
        .mutex_sleeps = mutex_sleeps(),
    };
    count_spin_waits(&k);
    return copy_to_user(arg[0], &k, sizeof(k));
}

int sys_failinject(trapframe_t *tf, const uint32_t *arg)
{
    (void)tf;
    int n = (int)arg[0];
    if (n < 0)
        return -E_INVAL;
    return alloc_fail_arm(n);
}
