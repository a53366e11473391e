/*
 * swexn_basic.c - proves software-exception delivery (SPEC §3): with a
 * handler registered, a divide error (cause 0), a page fault on an unmapped
 * address (14, cr2 = the address, read, user), a write to read-only text
 * (14, present+write), a fault on a kernel address (14, cr2 = 0x100000), a
 * protection fault (`cli` and `int $0x30`: 13), an invalid opcode (ud2: 6)
 * and a breakpoint (int3: 3, eip after it) each reach the handler on the
 * exception stack with arg and a ureg_t holding the faulting state (eip at
 * the instruction, general registers, esp, user selectors, IF set).  The
 * handler resumes through swexn(esp3, eip, arg, &fixed): past the
 * instruction, with a register it chose, or at the same instruction after
 * mapping the page with new_pages.  Finally swexn with a newureg outside any
 * handler jumps to a crafted state.
 */
#include <string.h>

#include "swexn_fault.h"
#include "test.h"

#define EXN_STACK 16384
#define UNMAPPED  0x40000000u

FAULT_STUB(f_div, "movl $1, %eax\n xorl %edx, %edx\n xorl %ecx, %ecx", "divl %ecx");
FAULT_STUB(f_pf_read, "movl $0x40000000, %ecx\n movl $7, %eax\n movl $9, %edx", "movl (%ecx), %eax");
FAULT_STUB(f_text_write, "movl $f_div, %ecx\n movl $5, %eax", "movl %eax, (%ecx)");
FAULT_STUB(f_kernel_read, "movl $0x100000, %ecx\n movl $6, %eax", "movl (%ecx), %eax");
FAULT_STUB(f_cli, "movl $8, %eax", "cli");
FAULT_STUB(f_int30, "movl $10, %eax", "int $0x30");
FAULT_STUB(f_ud2, "movl $11, %eax", "ud2");
FAULT_STUB(f_int3, "movl $12, %eax", "int3");

static char exn_stack[EXN_STACK] __attribute__((aligned(16)));
#define ESP3 ((void *)(exn_stack + EXN_STACK))

enum fix { RESUME_AFTER, RESUME_SAME, MAP_AND_RETRY };

/* What the handler should see and do, set before each fault. */
static struct expect {
    const char *what;
    unsigned int cause;
    char *eip;    /* expected ureg->eip */
    char *resume; /* where to resume (RESUME_AFTER) */
    int check_cr2;
    unsigned int cr2;
    unsigned int err_set, err_clear; /* page-fault error-code bits */
    enum fix fix;
    unsigned int new_eax;
} ex;

static volatile int handled;
static ureg_t last; /* copy of the last ureg seen */
static int magic_arg;

static void handler(void *arg, ureg_t *u)
{
    int local;
    CHECK(arg == &magic_arg, "handler gets its arg");
    CHECK((char *)&local > exn_stack && (char *)&local < exn_stack + EXN_STACK,
          "handler runs on the exception stack");
    CHECK((char *)u >= exn_stack && (char *)(u + 1) <= (char *)ESP3,
          "ureg lies on the exception stack below esp3");
    CHECK((char *)(u + 1) + 16 >= (char *)ESP3, "ureg written from esp3 downward");
    last = *u;
    if (u->cause != ex.cause)
        TEST_FAIL("swexn_basic: %s: cause %u, expected %u", ex.what, u->cause, ex.cause);
    if (u->eip != (unsigned int)ex.eip)
        TEST_FAIL("swexn_basic: %s: eip 0x%x, expected %p", ex.what, u->eip, ex.eip);
    if (ex.check_cr2 && u->cr2 != ex.cr2)
        TEST_FAIL("swexn_basic: %s: cr2 0x%x, expected 0x%x", ex.what, u->cr2, ex.cr2);
    if ((u->error_code & ex.err_set) != ex.err_set || (u->error_code & ex.err_clear))
        TEST_FAIL("swexn_basic: %s: error code 0x%x", ex.what, u->error_code);
    CHECK(u->ebx == FAULT_EBX && u->esi == FAULT_ESI && u->edi == FAULT_EDI && u->ebp == FAULT_EBP,
          "ureg holds the general registers");
    CHECK(u->esp == fault_esp, "ureg holds the faulting esp");
    CHECK(u->cs == 0x23 && u->ss == 0x2B, "user code and stack selectors");
    CHECK(u->ds == 0x2B && u->es == 0x2B, "user data selectors");
    CHECK(u->eflags & 0x200, "interrupts were enabled");
    CHECK(!(u->eflags & 0x3000), "IOPL 0");

    ureg_t fixed = *u;
    switch (ex.fix) {
    case RESUME_AFTER:
        fixed.eip = (unsigned int)ex.resume;
        fixed.eax = ex.new_eax;
        break;
    case MAP_AND_RETRY:
        CHECK(new_pages((void *)UNMAPPED, PAGE_SIZE) == 0, "handler maps the page");
        *(volatile unsigned int *)UNMAPPED = ex.new_eax;
        break;
    case RESUME_SAME: break;
    }
    handled++;
    swexn(ESP3, handler, arg, &fixed);
    TEST_FAIL("swexn_basic: %s: resuming swexn returned", ex.what);
}

static void expect(const char *what, unsigned int cause, char *eip, char *resume, enum fix fix,
                   unsigned int new_eax)
{
    memset(&ex, 0, sizeof(ex));
    ex.what = what;
    ex.cause = cause;
    ex.eip = eip;
    ex.resume = resume;
    ex.fix = fix;
    ex.new_eax = new_eax;
}

static void expect_pf(unsigned int cr2, unsigned int set, unsigned int clear)
{
    ex.check_cr2 = 1;
    ex.cr2 = cr2;
    ex.err_set = set;
    ex.err_clear = clear;
}

static void run(int (*stub)(void), int want_eax)
{
    int before = handled;
    int got = stub();
    if (handled != before + 1)
        TEST_FAIL("swexn_basic: %s: handler ran %d times", ex.what, handled - before);
    if (got != want_eax)
        TEST_FAIL("swexn_basic: %s: resumed with eax %d, expected %d", ex.what, got, want_eax);
    NOTE("swexn_basic: %s delivered and handled", ex.what);
}

/* The final jump: a crafted ureg lands here with chosen registers. */
unsigned int land_regs[8];
static char land_stack[8192] __attribute__((aligned(16)));
void landed(void);
__asm__(".text\n"
        "landing_stub:\n"
        "    movl %eax, land_regs\n"
        "    movl %ebx, land_regs+4\n"
        "    movl %ecx, land_regs+8\n"
        "    movl %edx, land_regs+12\n"
        "    movl %esi, land_regs+16\n"
        "    movl %edi, land_regs+20\n"
        "    movl %ebp, land_regs+24\n"
        "    movl %esp, land_regs+28\n"
        "    call landed\n"
        "    ud2\n");
extern char landing_stub[];

void landed(void)
{
    static const unsigned int want[7] = {0xA0, 0xB0, 0xC0, 0xD0, 0x51, 0xD1, 0};
    for (int i = 0; i < 7; i++)
        if (land_regs[i] != want[i])
            TEST_FAIL("swexn_basic: after the jump register #%d is 0x%x, expected 0x%x", i, land_regs[i],
                      want[i]);
    CHECK(land_regs[7] == (unsigned int)(land_stack + sizeof(land_stack) - 16),
          "after the jump esp is the one asked for");
    CHECK(swexn(NULL, NULL, NULL, NULL) == 0, "deregister");
    TEST_PASS();
}

int main(void)
{
    TEST_START("swexn_basic");
    CHECK(swexn(ESP3, handler, &magic_arg, NULL) == 0, "register a handler");

    expect("divide error", SWEXN_CAUSE_DIVIDE, f_div_insn, f_div_after, RESUME_AFTER, 0x600D);
    run(f_div, 0x600D);
    CHECK(last.eax == 1 && last.ecx == 0 && last.edx == 0, "divide: eax/ecx/edx in ureg");

    expect("page fault (unmapped read)", SWEXN_CAUSE_PAGEFAULT, f_pf_read_insn, NULL, MAP_AND_RETRY, 0x5A5A);
    expect_pf(UNMAPPED, 4, 1 | 2); /* user, not present, read */
    run(f_pf_read, 0x5A5A);
    CHECK(last.ecx == UNMAPPED && last.edx == 9, "page fault: ecx/edx in ureg");
    CHECK(remove_pages((void *)UNMAPPED) == 0, "remove the page the handler mapped");

    expect("write to text", SWEXN_CAUSE_PAGEFAULT, f_text_write_insn, f_text_write_after, RESUME_AFTER, 55);
    expect_pf((unsigned int)(void *)f_div, 1 | 2 | 4, 0); /* present, write, user */
    run(f_text_write, 55);

    expect("kernel-address read", SWEXN_CAUSE_PAGEFAULT, f_kernel_read_insn, f_kernel_read_after,
           RESUME_AFTER, 66);
    expect_pf(0x100000, 4, 2); /* user, read */
    run(f_kernel_read, 66);

    expect("cli", SWEXN_CAUSE_PROTFAULT, f_cli_insn, f_cli_after, RESUME_AFTER, 88);
    run(f_cli, 88);
    expect("int $0x30", SWEXN_CAUSE_PROTFAULT, f_int30_insn, f_int30_after, RESUME_AFTER, 30);
    run(f_int30, 30);
    expect("ud2", SWEXN_CAUSE_OPCODE, f_ud2_insn, f_ud2_after, RESUME_AFTER, 99);
    run(f_ud2, 99);
    /* int3 is a trap: eip is already past it; resume there unchanged. */
    expect("int3", SWEXN_CAUSE_BREAKPOINT, f_int3_after, NULL, RESUME_SAME, 0);
    run(f_int3, 12);

    /* Twice in a row: each resume re-registered the handler. */
    expect("ud2 again", SWEXN_CAUSE_OPCODE, f_ud2_insn, f_ud2_after, RESUME_AFTER, 100);
    run(f_ud2, 100);

    /* swexn with newureg outside a handler: resume with a crafted state. */
    ureg_t u = last;
    u.eip = (unsigned int)landing_stub;
    u.esp = (unsigned int)(land_stack + sizeof(land_stack) - 16);
    u.eax = 0xA0;
    u.ebx = 0xB0;
    u.ecx = 0xC0;
    u.edx = 0xD0;
    u.esi = 0x51;
    u.edi = 0xD1;
    u.ebp = 0;
    int r = swexn(ESP3, handler, &magic_arg, &u);
    TEST_FAIL("swexn_basic: swexn with a valid newureg returned %d", r);
}
