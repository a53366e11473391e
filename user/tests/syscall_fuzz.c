/*
 * syscall_fuzz.c - hostile arguments: forked children issue thousands of
 * system calls with random register and packet contents (random pointers
 * into kernel memory, unmapped space, their own stack and text; random
 * sizes and flags), and the kernel must neither panic nor hang: every
 * child ends (normally or killed), the parent reaps them all, and the
 * kernel's resource counters return to where they started.
 * Excluded, because they legitimately block or end the machine: halt,
 * deschedule, getchar, readline, long sleeps, fork/thread_fork (bombs are
 * tested elsewhere).
 * @timeout 120
 * @smp 2
 */
#include <pebbles_ext.h>
#include <simics.h>
#include <stdio.h>
#include <stdlib.h>
#include <syscall.h>
#include <syscall_int.h>

#define NAME     "syscall_fuzz"
#define CHILDREN 24
#define CALLS    1500

static unsigned int seed;

static unsigned int next(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed;
}

static unsigned int scratch[64];
int main(void);

/* An argument word: small numbers, page-ish values, kernel, user, stack,
 * text, unmapped and top-of-memory addresses. */
static unsigned int random_word(void)
{
    switch (next() % 10) {
    case 0: return next() % 16;
    case 1: return (unsigned int)-(int)(next() % 8);
    case 2: return next() & ~0xFFFu;
    case 3: return 0x100000 + (next() % 0x100000);         /* kernel */
    case 4: return (unsigned int)scratch + (next() % 256); /* our data */
    case 5: return (unsigned int)&seed;                    /* read-write */
    case 6: return (unsigned int)main;                     /* text: read-only */
    case 7: return 0xFFFFF000u + (next() % 0x1000);        /* stack top */
    case 8: return 0x40000000u + (next() & 0x0FFFF000u);   /* unmapped */
    default: return next();
    }
}

static const unsigned char vectors[] = {
    EXEC_INT,           WAIT_INT,         YIELD_INT,     MAKE_RUNNABLE_INT,  GETTID_INT,
    NEW_PAGES_INT,      REMOVE_PAGES_INT, PRINT_INT,     SET_TERM_COLOR_INT, SET_CURSOR_POS_INT,
    GET_CURSOR_POS_INT, GET_TICKS_INT,    MISBEHAVE_INT, SET_STATUS_INT,     READFILE_INT,
    SWEXN_INT,          KLOG_INT,         KSTATS_INT,
};

/* Vectors with no system call: a protection fault kills the caller. */
static const unsigned char unassigned[] = {0x30, 0x43, 0x56, 0x61, 0x8F};

static int raw_syscall(unsigned int vec, unsigned int esi, unsigned int ebx)
{
    int r;
    /* The vector must be an immediate: dispatch through a small table. */
    /* clang-format off */
#define CASE(v) \
    case v: __asm__ volatile("int $" #v : "=a"(r) : "S"(esi), "b"(ebx), "a"(next()) : "memory"); break;
    switch (vec) {
    CASE(0x42) CASE(0x44) CASE(0x45) CASE(0x47) CASE(0x48) CASE(0x49) CASE(0x4A) CASE(0x4E)
    CASE(0x4F) CASE(0x50) CASE(0x51) CASE(0x53) CASE(0x54) CASE(0x59) CASE(0x62) CASE(0x74)
    CASE(0x80) CASE(0x81) CASE(0x30) CASE(0x43) CASE(0x56) CASE(0x61) CASE(0x8F)
    default: r = 0;
    }
#undef CASE
    /* clang-format on */
    return r;
}

static void fuzz(int child)
{
    seed = 0x410u * (unsigned int)(child + 1);
    for (int i = 0; i < CALLS; i++) {
        unsigned int vec = vectors[next() % sizeof(vectors)];
        for (int k = 0; k < 8; k++)
            scratch[k] = random_word(); /* a packet for calls that take one */
        unsigned int esi = (next() % 3) ? (unsigned int)scratch : random_word();
        if (vec == SWEXN_INT && next() % 2)
            continue; /* keep most children alive long enough to try the rest */
        raw_syscall(vec, esi, random_word());
    }
    if (child % 2)
        raw_syscall(unassigned[child % sizeof(unassigned)], 0, 0); /* dies here */
    exit(child);
}

int main(void)
{
    lprintf("(^_^)_%s START__TYPE_COMPLETE", NAME);
    struct kstats before, after;
    kstats(&before);
    int killed = 0, normal = 0; /* odd children end on an unassigned vector */
    for (int c = 0; c < CHILDREN; c++) {
        int tid = fork();
        if (tid < 0) {
            lprintf("%s: fork failed: %d", NAME, tid);
            lprintf("(^_^)_%s END__FAIL", NAME);
            return 1;
        }
        if (tid == 0)
            fuzz(c);
        int status;
        if (wait(&status) != tid) {
            lprintf("(^_^)_%s END__FAIL", NAME);
            return 1;
        }
        if (status == -2)
            killed++;
        else
            normal++;
    }
    set_term_color(FGND_LGRAY | BGND_BLACK);
    sleep(20);
    kstats(&after);
    lprintf("%s: %d children finished, %d killed; frames free %u -> %u, heap %u -> %u bytes", NAME, normal,
            killed, before.user_frames_free, after.user_frames_free, before.heap_bytes_used,
            after.heap_bytes_used);
    if (after.user_frames_free != before.user_frames_free || after.heap_allocs != before.heap_allocs ||
        after.tasks != before.tasks) {
        lprintf("(^_^)_%s END__FAIL", NAME);
        return 1;
    }
    lprintf("(^_^)_%s END__SUCCESS", NAME);
    return 0;
}
