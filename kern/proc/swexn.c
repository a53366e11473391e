/*
 * swexn.c - software exception handlers (see swexn.h).
 *
 * Registration is all-or-nothing: every argument is checked before the
 * thread's handler or registers change.  A register set from the program
 * (newureg) may not give it privilege: the selectors must be the user ones
 * and EFLAGS may only differ in the arithmetic and trace flags.
 */
#include "proc/swexn.h"

#include <abi/errors.h>
#include <abi/layout.h>

#include "arch/x86/cpu.h"
#include "arch/x86/seg.h"
#include "mm/uaccess.h"
#include "sched/sched.h"

/* What the handler finds on its stack, lowest address first. */
struct handler_frame {
    uint32_t ret; /* dummy return address */
    uint32_t arg;
    uint32_t ureg_ptr;
    ureg_t ureg;
};

#define EFLAGS_USER_CHANGEABLE                                                                               \
    (EFLAGS_CF | EFLAGS_PF | EFLAGS_AF | EFLAGS_ZF | EFLAGS_SF | EFLAGS_TF | EFLAGS_DF | EFLAGS_OF |         \
     EFLAGS_RF | EFLAGS_AC | EFLAGS_ID)
#define EFLAGS_USER_REQUIRED (EFLAGS_RSV1 | EFLAGS_IF)

static bool ureg_valid(const ureg_t *u)
{
    if (u->cs != SEL_UCODE || u->ss != SEL_UDATA)
        return false;
    if (u->ds != SEL_UDATA || u->es != SEL_UDATA || u->fs != SEL_UDATA || u->gs != SEL_UDATA)
        return false;
    return (u->eflags & ~EFLAGS_USER_CHANGEABLE) == EFLAGS_USER_REQUIRED;
}

static void adopt(trapframe_t *tf, const ureg_t *u)
{
    uint32_t cause = tf->cause;
    *tf = *u;
    tf->cause = cause;
}

int swexn_syscall(trapframe_t *tf, uint32_t esp3, uint32_t eip, uint32_t arg, uint32_t newureg)
{
    bool install = esp3 != 0 && eip != 0;
    if (install && (!user_range(eip, 1) || !user_range(esp3 - sizeof(uint32_t), sizeof(uint32_t))))
        return -E_INVAL;
    ureg_t u;
    if (newureg) {
        if (copy_from_user(&u, newureg, sizeof(u)) < 0)
            return -E_FAULT;
        if (!ureg_valid(&u))
            return -E_INVAL;
    }
    struct thread *self = sched_current();
    self->swexn = install ? (struct swexn_handler){esp3, eip, arg} : (struct swexn_handler){0};
    if (!newureg)
        return 0;
    adopt(tf, &u);
    return (int)tf->eax;
}

bool swexn_deliver(trapframe_t *tf)
{
    struct thread *self = sched_current();
    struct swexn_handler h = self->swexn;
    if (!h.eip)
        return false;
    uint32_t esp3 = h.esp3, eip = h.eip;
    struct handler_frame f;
    f.ret = 0;
    f.arg = h.arg;
    f.ureg = *tf;
    f.ureg.zero = 0;
    self->swexn = (struct swexn_handler){0}; /* deregistered before it runs */

    uint32_t base = esp3 - (uint32_t)sizeof(f);
    f.ureg_ptr = base + (uint32_t) __builtin_offsetof(struct handler_frame, ureg);
    if (esp3 < sizeof(f) || copy_to_user(base, &f, sizeof(f)) < 0)
        return false;
    tf->eip = eip;
    tf->esp = base;
    /* The handler is a C function: it starts with the direction flag clear
     * (the ABI) and not single-stepping (a trap-flag fault would otherwise
     * fault again at its first instruction).  ureg keeps the old flags. */
    tf->eflags &= ~(EFLAGS_TF | EFLAGS_DF);
    return true;
}
