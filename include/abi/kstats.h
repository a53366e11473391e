/*
 * kstats.h - kernel resource counters exposed to user space through the
 * extension vector KSTATS_INT, so leak tests can compare before and after.
 */
#ifndef ABI_KSTATS_H
#define ABI_KSTATS_H

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
};

#endif
