/*
 * trace.c - the trace rings, their drain to debugcon, and the session
 * control behind trace= and trace() (see trace.h for the design).
 *
 * Per CPU: a ring (trace_ring.c: claim at the head, drain from the tail,
 * count what a full ring drops), touched only by its own CPU with
 * interrupts off, so recording and draining need no lock.  Once there are
 * several CPUs, the port they share will need a lock around trace_drain's
 * writes (never on the record path).
 *
 * The trace sits low (above arch, below sched: docs/architecture.md), so
 * that every layer may record.  What it needs from above is registered
 * at boot by kern/proc (trace_glue.c): who a thread is (tid, task, state)
 * and the tick (describe), the thread names at a session's start (namer),
 * and the port the drain writes to (sink: dev/debugcon.c).  Until then a
 * record says thread 0 at tick 0, and nothing is written.  While a session
 * runs, the trap core calls trace_rec_irq after each interrupt (a hook set
 * by trace_start, cleared by trace_stop).
 */
#include "trace/trace.h"

#include "arch/cpu.h"
#include "arch/irq.h"
#include "arch/smp.h"
#include "lib/assert.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lock/spinlock.h"

/* A CPU's ring lives in `slots` (TRACE_RING_MAX entries): CPU 0's in the
 * kernel image, so that a session can start at boot; another's from the
 * heap, given at boot by kern/proc (trace_set_cpu_slots) for the CPUs that
 * came up, so that a machine with one CPU spends nothing on the others
 * (8 static rings were 1.25 MiB of the heap, and a thousand threads no
 * longer fitted).  A CPU given none records into its one spare slot: one
 * record per session, the rest counted as dropped. */
struct trace_cpu {
    struct trace_ring ring; /* this CPU only, interrupts off; reset by trace_start */
    struct trace_event *slots;
    struct trace_event spare;
};

uint8_t trace_on; /* plain: it changes only inside calls (trace_start/stop), after which a hook reloads it */
static struct trace_event boot_slots[TRACE_RING_MAX];
static struct trace_cpu trace_cpus[TRACE_MAX_CPUS] = {[0] = {.slots = boot_slots}};
static uint32_t capacity = TRACE_RING_MAX; /* tracebuf=: a power of two <= TRACE_RING_MAX */
static uint8_t cmdline_categories;

static void describe_nobody(const struct thread *t, struct trace_who *w)
{
    (void)t;
    *w = (struct trace_who){0};
}
static void name_nobody(void) {}
static void sink_nowhere(const void *buf, uint32_t len)
{
    (void)buf;
    (void)len;
}
/* Each set once at boot (trace_glue.c), before any session. */
static void (*describe)(const struct thread *t, struct trace_who *w) = describe_nobody;
static void (*name_threads)(void) = name_nobody;
static void (*sink)(const void *buf, uint32_t len) = sink_nowhere;

void trace_set_describe(void (*fn)(const struct thread *t, struct trace_who *w)) { describe = fn; }
void trace_set_namer(void (*fn)(void)) { name_threads = fn; }
void trace_set_sink(void (*fn)(const void *buf, uint32_t len)) { sink = fn; }
void trace_set_cpu_slots(unsigned cpu, struct trace_event *slots)
{
    assert(cpu > 0 && cpu < TRACE_MAX_CPUS && !trace_on);
    trace_cpus[cpu].slots = slots;
}

/* Empty c's ring, at the session's capacity (or its spare slot's). */
static void ring_reset(struct trace_cpu *c)
{
    if (c->slots)
        trace_ring_init(&c->ring, c->slots, capacity);
    else
        trace_ring_init(&c->ring, &c->spare, 1);
}

/* Records leaving for the sink: one CPU's run at a time, so that records
 * never interleave inside one another. */
SPINLOCK_DEFINE(drain_lock, LOCK_RANK_TRACE, "trace");

/* The ring of the CPU we run on (interrupts off). */
static inline struct trace_cpu *local_cpu(void) { return &trace_cpus[smp_cpu_id()]; }

/* ------------------------------------------------------------ recording */

/* Interrupts off.  The next free slot, filled with the common fields (the
 * thread: self, NULL for the current one; its description in *w), or NULL
 * if tracing is off or the ring is full (counted). */
static struct trace_event *claim_for(struct trace_cpu *c, enum trace_type type, const struct thread *self,
                                     struct trace_who *w)
{
    if (!trace_on)
        return NULL; /* stopped between a hook's test and here (a traced call's exit) */
    struct trace_event *e = trace_ring_claim(&c->ring);
    if (!e)
        return NULL;
    e->tsc = rdtsc();
    describe(self, w);
    e->tick = w->tick;
    e->type = (uint16_t)type;
    e->cpu = (uint16_t)smp_cpu_id();
    e->tid = w->tid;
    e->task = w->task;
    return e;
}

static struct trace_event *claim(struct trace_cpu *c, enum trace_type type)
{
    struct trace_who w;
    return claim_for(c, type, NULL, &w);
}

TRACE_REC void trace_rec(enum trace_type type, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    uint32_t was = irq_save();
    struct trace_event *e = claim(local_cpu(), type);
    if (e) {
        e->args[0] = a0;
        e->args[1] = a1;
        e->args[2] = a2;
        e->args[3] = a3;
    }
    irq_restore(was);
}

/* Copy name into dst[len], NUL-padded (not always terminated: the decoder
 * stops at len). */
static void put_name(void *dst, const char *name, uint32_t len)
{
    char *d = dst;
    uint32_t i = 0;
    for (; name && name[i] && i < len; i++)
        d[i] = name[i];
    for (; i < len; i++)
        d[i] = '\0';
}

TRACE_REC void trace_rec_name(enum trace_type type, const char *name)
{
    uint32_t was = irq_save();
    struct trace_event *e = claim(local_cpu(), type);
    if (e)
        put_name(e->args, name, TRACE_NAME_LEN);
    irq_restore(was);
}

TRACE_REC void trace_rec_wakeup(int tid, const char *reason)
{
    uint32_t was = irq_save();
    struct trace_event *e = claim(local_cpu(), TEV_WAKEUP);
    if (e) {
        e->args[0] = (uint32_t)tid;
        put_name(&e->args[1], reason, TRACE_NAME_LEN - sizeof(uint32_t));
    }
    irq_restore(was);
}

void trace_rec_thread(int tid, int task, const char *name)
{
    uint32_t was = irq_save();
    struct trace_event *e = claim(local_cpu(), TEV_THREAD);
    if (e) {
        e->tid = tid;
        e->task = task;
        put_name(e->args, name, TRACE_NAME_LEN);
    }
    irq_restore(was);
}

/* Called from trace_switch's asm, arguments on the stack (cdecl). */
TRACE_REC __attribute__((regparm(0))) void trace_rec_switch(const struct thread *prev,
                                                            const struct thread *next)
{
    uint32_t was = irq_save();
    struct trace_who from, to;
    struct trace_event *e = claim_for(local_cpu(), TEV_SWITCH, prev, &from);
    if (e) {
        describe(next, &to);
        e->args[0] = (uint32_t)from.tid;
        e->args[1] = (uint32_t)to.tid;
        e->args[2] = from.state;
        e->args[3] = 0;
    }
    irq_restore(was);
}

void trace_rec_irq(int irq)
{
    if (trace_on & TRACE_IRQ)
        trace_rec(TEV_IRQ, (uint32_t)irq, 0, 0, 0);
    trace_drain(); /* interrupt handlers run with interrupts off */
}

void trace_mark(const char *label)
{
    if (trace_on)
        trace_rec_name(TEV_MARK, label);
}

/* ------------------------------------------------------------ draining */

/* Interrupts off.  A record that does not go through the ring (header,
 * dropped, stop), stamped like the others. */
static void emit_direct(enum trace_type type, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    struct trace_who w;
    describe(NULL, &w);
    struct trace_event e = {
        .tsc = rdtsc(),
        .tick = w.tick,
        .type = (uint16_t)type,
        .cpu = (uint16_t)smp_cpu_id(),
        .tid = w.tid,
        .task = w.task,
        .args = {a0, a1, a2, a3},
    };
    spin_lock(&drain_lock);
    sink(&e, sizeof(e));
    spin_unlock(&drain_lock);
}

/* Interrupts off.  Send ring r's records to the sink. */
static void drain_ring(struct trace_ring *r)
{
    spin_lock(&drain_lock);
    for (;;) { /* at most two runs: the records may wrap around the ring's end */
        uint32_t n;
        const struct trace_event *run = trace_ring_peek(r, &n);
        if (!n)
            break;
        sink(run, n * sizeof(*run));
        trace_ring_consume(r, n);
    }
    spin_unlock(&drain_lock);
    uint32_t lost = trace_ring_take_dropped(r);
    if (lost)
        emit_direct(TEV_DROPPED, lost, r->dropped_total, 0, 0);
}

void trace_drain(void) { drain_ring(&local_cpu()->ring); }

void trace_drain_if_half(void)
{
    uint32_t was = irq_save();
    const struct trace_ring *r = &local_cpu()->ring;
    if (trace_ring_fill(r) >= r->capacity / 2)
        trace_drain();
    irq_restore(was);
}

/* ------------------------------------------------------------ control */

int trace_start(unsigned categories)
{
    if (categories & ~(unsigned)TRACE_ALL)
        return -1;
    if (!categories)
        categories = cmdline_categories ? cmdline_categories : TRACE_ALL;
    trace_stop(); /* a running session ends first, with its report */
    uint32_t was = irq_save();
    for (unsigned i = 0; i < TRACE_MAX_CPUS; i++) /* empty: trace_stop drained them */
        ring_reset(&trace_cpus[i]);
    emit_direct(TEV_HEADER, TRACE_VERSION, sizeof(struct trace_event), TRACE_MAX_CPUS, capacity);
    trace_on = (uint8_t)categories;
    irq_set_exit_hook(trace_rec_irq); /* every interrupt: a record, and a drain */
    irq_restore(was);
    name_threads();
    return 0;
}

void trace_stop(void)
{
    uint32_t was = irq_save();
    if (!trace_on) {
        irq_restore(was);
        return;
    }
    trace_on = 0;
    irq_set_exit_hook(NULL);
    /* Every CPU's ring: another CPU may still be filling the record it
     * claimed just before trace_on went to 0; at worst that one record
     * goes out half written. */
    uint32_t lost = 0;
    for (unsigned i = 0; i < TRACE_MAX_CPUS; i++) {
        drain_ring(&trace_cpus[i].ring);
        lost += trace_cpus[i].ring.dropped_total;
    }
    emit_direct(TEV_STOP, lost, 0, 0, 0);
    irq_restore(was);
    if (lost)
        printf("trace: %u events dropped (ring of %u entries per CPU)\n", lost, capacity);
}

static int category_bit(const char *name, size_t len)
{
    static const struct {
        const char *name;
        uint8_t bit;
    } names[] = {
        {"sched", TRACE_SCHED}, {"syscall", TRACE_SYSCALL}, {"fault", TRACE_FAULT}, {"irq", TRACE_IRQ},
        {"block", TRACE_BLOCK}, {"proc", TRACE_PROC},       {"mem", TRACE_MEM},     {"all", TRACE_ALL},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strlen(names[i].name) == len && strncmp(names[i].name, name, len) == 0)
            return names[i].bit;
    return -1;
}

/* "sched,syscall,..." -> bits; -1 if a name is unknown. */
static int parse_categories(const char *list)
{
    int bits = 0;
    while (*list) {
        size_t len = 0;
        while (list[len] && list[len] != ',')
            len++;
        int b = category_bit(list, len);
        if (b < 0)
            return -1;
        bits |= b;
        list += len;
        if (*list == ',')
            list++;
    }
    return bits;
}

/* tracebuf=<n>: the largest power of two <= n, within 2..TRACE_RING_MAX. */
static void set_capacity(const char *digits)
{
    uint32_t n = 0;
    const char *p = digits;
    for (; *p >= '0' && *p <= '9'; p++)
        if (n <= TRACE_RING_MAX) /* saturates: larger means the most */
            n = n * 10 + (uint32_t)(*p - '0');
    if (n < 2 || *p) {
        printf("trace: tracebuf=%s ignored (want a number of entries >= 2)\n", digits);
        return;
    }
    capacity = 2;
    while (capacity * 2 <= n && capacity < TRACE_RING_MAX)
        capacity *= 2;
}

bool trace_cmdline_word(const char *w)
{
    if (strncmp(w, "tracebuf=", 9) == 0) {
        set_capacity(w + 9);
        return true;
    }
    if (strncmp(w, "trace=", 6) != 0)
        return false;
    int bits = parse_categories(w + 6);
    if (bits < 0)
        printf("trace: %s ignored (categories: sched,syscall,fault,irq,block,proc,mem or all)\n", w);
    else
        cmdline_categories = (uint8_t)bits;
    return true;
}

void trace_boot(void)
{
    if (cmdline_categories)
        trace_start(cmdline_categories);
}
