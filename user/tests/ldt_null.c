/*
 * ldt_null.c - ring 3 sees no LDT.  The kernel loads LDTR with the null
 * selector at boot; left at its reset value, LDTR would make the 64 KiB
 * at linear 0 (kernel memory) an LDT, and TI=1 selectors would name kernel
 * bytes as descriptors.  For every TI=1 selector (all 8192 indexes, RPL 3)
 * this checks that lar, lsl, verr and verw all fail (ZF clear) and that
 * loading it into %fs or %gs raises a general protection fault naming the
 * selector (caught with swexn, resumed past the load).  The same
 * instructions on the user data selector 0x2B succeed, so the checks are
 * not vacuous.
 */
#include <string.h>

#include "test.h"

#define LDT_ENTRIES 8192
#define SEL_TI_RPL3 0x7u
#define UDATA       0x2Bu
#define CAUSE_GP    13u

static char exn_stack[8192] __attribute__((aligned(16)));
static volatile unsigned int gp_faults, bad_faults, last_error;

/* int try_load_fs(unsigned sel) / try_load_gs: 1 if the load succeeded,
 * 0 if it faulted (the handler resumes at the _fault label).  %fs/%gs are
 * put back to the user data selector either way. */
#define TRY_LOAD(seg)                                                                                        \
    int try_load_##seg(unsigned int sel);                                                                    \
    extern char try_load_##seg##_fault[];                                                                    \
    __asm__(".text\n"                                                                                        \
            ".globl try_load_" #seg "\ntry_load_" #seg ":\n"                                                 \
            "    movl 4(%esp), %eax\n"                                                                       \
            "    movw %ax, %" #seg "\n"                                                                      \
            "    movl $1, %eax\n"                                                                            \
            "    jmp 1f\n"                                                                                   \
            ".globl try_load_" #seg "_fault\ntry_load_" #seg "_fault:\n"                                     \
            "    xorl %eax, %eax\n"                                                                          \
            "1:  movl $0x2b, %ecx\n"                                                                         \
            "    movw %cx, %" #seg "\n"                                                                      \
            "    ret\n")
TRY_LOAD(fs);
TRY_LOAD(gs);

/* Resume at arg (the _fault label of the stub that faulted), re-armed. */
static void handler(void *arg, ureg_t *u)
{
    if (u->cause == CAUSE_GP)
        gp_faults++;
    else
        bad_faults++;
    last_error = u->error_code;
    u->eip = (unsigned int)arg;
    swexn(exn_stack + sizeof(exn_stack), handler, arg, u);
    exit(98); /* swexn refused to resume */
}

/* A fault while probing: the CPU read a descriptor table it should not have. */
static volatile unsigned int probing;
static void probe_handler(void *arg, ureg_t *u)
{
    (void)arg;
    TEST_FAIL("ldt_null: fault %u (cr2 0x%08x, error 0x%x) probing selector 0x%04x", u->cause, u->cr2,
              u->error_code, probing);
}

static int lar_ok(unsigned int sel, unsigned int *out)
{
    unsigned char z;
    unsigned int r = 0;
    __asm__ volatile("larl %2, %0\n\tsetz %1" : "+r"(r), "=q"(z) : "r"(sel) : "cc");
    *out = r;
    return z;
}

static int lsl_ok(unsigned int sel, unsigned int *out)
{
    unsigned char z;
    unsigned int r = 0;
    __asm__ volatile("lsll %2, %0\n\tsetz %1" : "+r"(r), "=q"(z) : "r"(sel) : "cc");
    *out = r;
    return z;
}

static int verr_ok(unsigned int sel)
{
    unsigned char z;
    __asm__ volatile("verr %w1\n\tsetz %0" : "=q"(z) : "r"(sel) : "cc");
    return z;
}

static int verw_ok(unsigned int sel)
{
    unsigned char z;
    __asm__ volatile("verw %w1\n\tsetz %0" : "=q"(z) : "r"(sel) : "cc");
    return z;
}

/* Load sel into %fs (or %gs); 1 if it faulted as it must. */
static int load_faults(int (*load)(unsigned int), char *resume, unsigned int sel)
{
    unsigned int before = gp_faults;
    CHECK(swexn(exn_stack + sizeof(exn_stack), handler, resume, NULL) == 0, "swexn register");
    int loaded = load(sel);
    swexn(NULL, NULL, NULL, NULL);
    if (loaded)
        return 0;
    CHECK(gp_faults == before + 1, "one #GP per refused load");
    CHECK(last_error == (sel & ~3u), "the #GP error code names the selector");
    return 1;
}

int main(void)
{
    TEST_START("ldt_null");
    unsigned int v;
    CHECK(lar_ok(UDATA, &v) && lsl_ok(UDATA, &v) && verr_ok(UDATA) && verw_ok(UDATA),
          "lar/lsl/verr/verw accept the user data selector");
    CHECK(try_load_fs(UDATA) == 1 && try_load_gs(UDATA) == 1, "0x2B loads into %fs/%gs");

    int leaks = 0;
    CHECK(swexn(exn_stack + sizeof(exn_stack), probe_handler, NULL, NULL) == 0, "swexn register");
    /* From index 512 (linear 0x1000) round to 0: on a kernel with a stale
     * LDTR the mapped kernel bytes come first and the leaks are reported
     * before the unmapped page 0 faults. */
    for (unsigned int k = 0; k < LDT_ENTRIES; k++) {
        unsigned int i = (k + 512) % LDT_ENTRIES;
        unsigned int sel = (i << 3) | SEL_TI_RPL3, ar = 0, lim = 0;
        probing = sel;
        int bad = lar_ok(sel, &ar) + lsl_ok(sel, &lim) + verr_ok(sel) + verw_ok(sel);
        if (bad && leaks++ < 3)
            NOTE("ldt_null: selector 0x%04x: lar %s (0x%08x) lsl %s (0x%08x) verr %d verw %d", sel,
                 lar_ok(sel, &ar) ? "ok" : "fail", ar, lsl_ok(sel, &lim) ? "ok" : "fail", lim, verr_ok(sel),
                 verw_ok(sel));
    }
    swexn(NULL, NULL, NULL, NULL);
    if (leaks)
        TEST_FAIL("ldt_null: %d TI=1 selectors are described to ring 3", leaks);

    int loads = 0;
    for (unsigned int i = 0; i < LDT_ENTRIES; i++) {
        unsigned int sel = (i << 3) | SEL_TI_RPL3;
        int ok = load_faults(try_load_fs, try_load_fs_fault, sel) +
                 load_faults(try_load_gs, try_load_gs_fault, sel);
        if (ok != 2 && loads++ < 5)
            NOTE("ldt_null: selector 0x%04x loads into a segment register", sel);
    }
    CHECK(bad_faults == 0, "only general protection faults");
    if (loads)
        TEST_FAIL("ldt_null: %d TI=1 selectors load into %%fs/%%gs", loads);
    TEST_PASS();
}
