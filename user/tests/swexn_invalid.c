/*
 * swexn_invalid.c - proves swexn is all-or-nothing (SPEC §3): with handler H
 * registered, every invalid call - a newureg with a kernel (or RPL-0)
 * segment selector in cs/ss/ds/es/fs/gs, eflags changing IOPL, clearing IF,
 * setting NT, VM, VIF, VIP or a reserved bit; an unreadable newureg; a
 * handler address or exception stack in kernel memory - returns negative,
 * even when it also tries to register another handler or to deregister.
 * Afterwards a fault still reaches H with H's arg: nothing changed.
 */
#include <stddef.h>

#include "swexn_fault.h"
#include "test.h"

FAULT_STUB(f_ud2, "movl $1, %eax", "ud2");

static char exn_stack[16384] __attribute__((aligned(16)));
#define ESP3 ((void *)(exn_stack + sizeof(exn_stack)))
static char other_stack[16384] __attribute__((aligned(16)));
#define ESP3_OTHER ((void *)(other_stack + sizeof(other_stack)))

static int arg_h, arg_other;
static volatile int h_count;
static ureg_t tmpl; /* a valid user state, captured by the handler */

static void handler(void *arg, ureg_t *u)
{
    CHECK(arg == &arg_h, "the original handler's arg");
    CHECK(u->cause == SWEXN_CAUSE_OPCODE, "cause: invalid opcode");
    h_count++;
    tmpl = *u;
    ureg_t fixed = *u;
    fixed.eip = (unsigned int)f_ud2_after;
    swexn(ESP3, handler, arg, &fixed);
    TEST_FAIL("swexn_invalid: resume failed");
}

static void other_handler(void *arg, ureg_t *u)
{
    (void)arg;
    (void)u;
    TEST_FAIL("swexn_invalid: a refused registration took effect");
}

static void wrongly_resumed(void) { TEST_FAIL("swexn_invalid: an invalid newureg was accepted"); }

static int failures;

static void refused(int r, const char *what)
{
    if (r >= 0) {
        NOTE("swexn_invalid: %s accepted (%d)", what, r);
        failures++;
    }
}

/* Try a bad newureg three ways: registering another handler, keeping none
 * (deregistration), and re-registering H itself. */
static void try_ureg(const ureg_t *bad, const char *what)
{
    ureg_t u = *bad;
    refused(swexn(ESP3_OTHER, other_handler, &arg_other, &u), what);
    refused(swexn(NULL, NULL, NULL, &u), what);
    refused(swexn(ESP3, handler, &arg_h, &u), what);
}

static void bad_selectors(void)
{
    static const struct {
        size_t off;
        const char *name;
    } segs[] = {
        {offsetof(ureg_t, cs), "cs"}, {offsetof(ureg_t, ss), "ss"}, {offsetof(ureg_t, ds), "ds"},
        {offsetof(ureg_t, es), "es"}, {offsetof(ureg_t, fs), "fs"}, {offsetof(ureg_t, gs), "gs"},
    };
    static const unsigned int sels[] = {0x08, 0x10, 0x18, 0x13, 0x1B};
    for (unsigned int i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
        for (unsigned int j = 0; j < sizeof(sels) / sizeof(sels[0]); j++) {
            ureg_t u = tmpl;
            *(unsigned int *)((char *)&u + segs[i].off) = sels[j];
            NOTE("swexn_invalid: %s = 0x%x", segs[i].name, sels[j]);
            try_ureg(&u, segs[i].name);
        }
    }
    ureg_t u = tmpl;
    u.cs = 0x20; /* user code, RPL 0 */
    try_ureg(&u, "cs with RPL 0");
    u = tmpl;
    u.ss = 0x28; /* user data, RPL 0 */
    try_ureg(&u, "ss with RPL 0");
}

static void bad_eflags(void)
{
    static const struct {
        unsigned int set, clear;
        const char *name;
    } fl[] = {
        {0x3000, 0, "IOPL 3"},
        {0x1000, 0, "IOPL 1"},
        {0, 0x200, "IF clear"},
        {0x4000, 0, "NT"},
        {0x20000, 0, "VM"},
        {0x80000, 0, "VIF"},
        {0x100000, 0, "VIP"},
        {0, 0x2, "reserved bit 1 clear"},
        {0x8, 0, "reserved bit 3"},
        {0x20, 0, "reserved bit 5"},
        {0x8000, 0, "reserved bit 15"},
        {0x400000, 0, "reserved bit 22"},
        {0x80000000, 0, "reserved bit 31"},
    };
    for (unsigned int i = 0; i < sizeof(fl) / sizeof(fl[0]); i++) {
        ureg_t u = tmpl;
        u.eflags = (u.eflags | fl[i].set) & ~fl[i].clear;
        NOTE("swexn_invalid: eflags %s (0x%x)", fl[i].name, u.eflags);
        try_ureg(&u, fl[i].name);
    }
}

static void bad_registrations(void)
{
    refused(swexn(ESP3_OTHER, (swexn_handler_t)KERNEL_ADDR, &arg_other, NULL), "handler in kernel memory");
    refused(swexn(KERNEL_ADDR, other_handler, &arg_other, NULL), "esp3 in kernel memory");
    refused(swexn((void *)USER_MEM_START, other_handler, &arg_other, NULL),
            "exception stack entirely below user memory");
    refused(swexn(ESP3_OTHER, other_handler, &arg_other, (ureg_t *)KERNEL_ADDR), "kernel-address newureg");
    refused(swexn(ESP3_OTHER, other_handler, &arg_other, (ureg_t *)UNMAPPED_ADDR), "unmapped newureg");
    refused(swexn(NULL, NULL, NULL, (ureg_t *)KERNEL_ADDR), "deregister + bad newureg");
    refused(swexn(NULL, NULL, NULL, (ureg_t *)UNMAPPED_ADDR), "deregister + unmapped newureg");
}

int main(void)
{
    TEST_START("swexn_invalid");
    CHECK(swexn(ESP3, handler, &arg_h, NULL) == 0, "register H");
    CHECK(f_ud2() == 1 && h_count == 1, "H handles a first fault (captures a valid ureg)");

    tmpl.eip = (unsigned int)wrongly_resumed;
    bad_selectors();
    bad_eflags();
    bad_registrations();

    /* Nothing changed: H (with its arg) still handles the next fault. */
    CHECK(f_ud2() == 1, "resumed after the fault");
    CHECK(h_count == 2, "the original handler still fires");
    if (failures)
        TEST_FAIL("swexn_invalid: %d invalid calls were accepted", failures);
    TEST_PASS();
}
