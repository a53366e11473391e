/*
 * syscall.c - system-call dispatch: a table indexed by vector, generated
 * from include/abi/syscall_table.h like the IDT gates and the user stubs,
 * that fetches each call's arguments by the table's count.
 * Handlers run with interrupts enabled.
 *
 * syscall_dispatch is the whole C side of a system call: trap_entry.S
 * calls it straight, and it does the trap's exit checks itself, two flag
 * tests with interrupts off, so a call that leaves nothing pending runs
 * its handler and no other function.
 */
#include "syscall/syscall.h"

#include <abi/errors.h>
#include <abi/syscall_int.h>

#include "arch/cpu.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "trace/trace.h"

typedef int (*syscall_fn)(trapframe_t *tf, const uint32_t *arg);

/* How each call's arguments are fetched, by syscall_table.h's count (SPEC
 * §2).  A call of none or one takes its handler straight from the table
 * and gets arg = &tf->esi; one of n >= 2 goes through fetch_<name>, which
 * copies the packet of n words %esi points at (-E_FAULT if it cannot).
 * A count without its FETCH_/ENTRY_ pair below does not compile. */
#define FETCH_PACKET(name, n)                                                                                \
    static int fetch_##name(trapframe_t *tf, const uint32_t *esi)                                            \
    {                                                                                                        \
        uint32_t packet[n];                                                                                  \
        if (copy_args(packet, *esi, n) < 0)                                                                  \
            return -E_FAULT;                                                                                 \
        return sys_##name(tf, packet);                                                                       \
    }
#define FETCH_0(name)
#define FETCH_1(name)
#define FETCH_2(name) FETCH_PACKET(name, 2)
#define FETCH_3(name) FETCH_PACKET(name, 3)
#define FETCH_4(name) FETCH_PACKET(name, 4)
#define FETCH_5(name) FETCH_PACKET(name, 5)
#define FETCH_6(name) FETCH_PACKET(name, 6)
#define ENTRY_0(name) sys_##name
#define ENTRY_1(name) sys_##name
#define ENTRY_2(name) fetch_##name
#define ENTRY_3(name) fetch_##name
#define ENTRY_4(name) fetch_##name
#define ENTRY_5(name) fetch_##name
#define ENTRY_6(name) fetch_##name

#define SYSCALL(vec, name, nargs) FETCH_##nargs(name)
#include <abi/syscall_table.h>
#undef SYSCALL

#define SYSCALL(vec, name, nargs) [vec] = ENTRY_##nargs(name),
static const syscall_fn syscall_handlers[256] = {
#include <abi/syscall_table.h>
};
/* What dispatch calls: syscall_handlers, or traced_call in every used
 * slot while system calls are traced (syscall_trace_sync).  Rewriting the
 * table, rather than testing a flag, costs the untraced path nothing. */
static syscall_fn syscall_table[256] = {
#include <abi/syscall_table.h>
};
#undef SYSCALL

/* Records entry and exit around the call's own handler. */
static int traced_call(trapframe_t *tf, const uint32_t *arg)
{
    uint32_t vec = tf->cause;
    trace_rec(TEV_SYSCALL, vec, tf->esi, 0, 0);
    int r = syscall_handlers[vec](tf, arg);
    trace_rec(TEV_SYSRET, vec, (uint32_t)r, 0, 0);
    trace_drain_if_half();
    return r;
}

void syscall_trace_sync(void)
{
    /* One word per slot: a call dispatched meanwhile finds either entry,
     * and each one works alone. */
    bool on = (trace_on & TRACE_SYSCALL) != 0;
    for (int v = 0; v < 256; v++)
        if (syscall_handlers[v])
            syscall_table[v] = on ? traced_call : syscall_handlers[v];
}

/* tf->cause is the vector of a syscall_stubs entry, which exists only for
 * the vectors of the table: its slot is never NULL. */
void syscall_dispatch(trapframe_t *tf)
{
    irq_enable();
    tf->eax = (uint32_t)syscall_table[tf->cause & 0xFF](tf, &tf->esi);
    if (sched_misbehave() == MISBEHAVE_YIELD_SYSCALL)
        sched_yield();
    irq_disable();
    if (sched_need_resched() || sched_current()->killed)
        proc_trap_exit(tf);
}
