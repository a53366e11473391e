/*
 * swexn.c - software exception handlers (see swexn.h).
 *
 * Registration is all-or-nothing: every argument is checked before the
 * thread's handler or registers change.  A register set from the program
 * (newureg) may not give it privilege (context_user_regs_ok: on x86 the
 * selectors must be the user ones and EFLAGS may only differ in the
 * arithmetic and trace flags).
 */
#include "proc/swexn.h"

#include <abi/errors.h>
#include <abi/layout.h>

#include "arch/context.h"
#include "arch/cpu.h"
#include "mm/uaccess.h"
#include "sched/sched.h"

/* What the handler finds on its stack, lowest address first. */
struct handler_frame {
    uint32_t ret; /* dummy return address */
    uint32_t arg;
    uint32_t ureg_ptr;
    ureg_t ureg;
};

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
        if (!context_user_regs_ok(&u))
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
    context_handler_entry(tf, eip, base); /* DF and TF clear: why, in arch/context.h */
    return true;
}
