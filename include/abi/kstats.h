/*
 * kstats.h - kernel resource counters exposed to user space through the
 * extension vector KSTATS_INT, so leak tests can compare before and after.
 */
#ifndef ABI_KSTATS_H
#define ABI_KSTATS_H

#define KSTATS_TSC_SHIFT 8 /* the *_tsc fields count rdtsc ticks >> this */

struct kstats {
    unsigned int user_frames_free; /* free frames in the user pool (>= 16 MiB) */
    unsigned int user_frames_total;
    unsigned int user_frames_reserved; /* promised to tasks, not yet filled */
    unsigned int heap_bytes_used;      /* kernel heap: bytes handed out */
    unsigned int heap_bytes_total;
    unsigned int heap_allocs;    /* live kernel heap allocations */
    unsigned int tasks;          /* live tasks (including zombies) */
    unsigned int threads;        /* live threads */
    unsigned int cr3_writes;     /* %cr3 loads since boot (each flushes the TLB) */
    unsigned int fpu_loads;      /* FPU states loaded since boot (lazily: on a thread's FPU use) */
    unsigned int cpus;           /* CPUs online (they all run threads) */
    unsigned int tlb_shootdowns; /* shootdown NMIs sent to other CPUs since boot */
    /* Contention since boot, all CPUs (make bench's contention rows): the
     * times a CPU found a spinlock taken and waited, and the rdtsc ticks
     * it waited, over 2^KSTATS_TSC_SHIFT (wrapping: take differences);
     * the times a thread found a mutex taken and slept. */
    unsigned int sched_lock_waits; /* the scheduler's lock */
    unsigned int sched_lock_tsc;
    unsigned int frames_lock_waits; /* the frame pool's */
    unsigned int frames_lock_tsc;
    unsigned int kheap_lock_waits; /* the kernel heap's */
    unsigned int kheap_lock_tsc;
    unsigned int spin_waits; /* every spinlock, these three included */
    unsigned int spin_tsc;
    unsigned int mutex_sleeps; /* every mutex */
};

#endif
