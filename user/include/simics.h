/*
 * simics.h - the course's simulator interface (SPEC §4), so course programs
 * build unchanged.  A call to the simulator puts its number in %ebx, its
 * arguments in %ecx and %edx, and executes the "magic" instruction
 * xchg %ebx, %ebx, which is a no-op on a real CPU and under QEMU.  We run
 * under no simulator, so:
 *   - the logging calls (lprintf, sim_printf, sim_puts, SIM_PUTS through
 *     sim_call or INLINE_SIMCALL) write one line to the kernel log
 *     (vector 0x80, SPEC §2; at most 256 characters);
 *   - every other call does nothing and returns 0 (sim_in_simics() == 0,
 *     sim_memsize() == 0); magic_readline is readline.
 * Includable from assembly (ASSEMBLER or __ASSEMBLER__ defined): then it
 * gives the SIM_* numbers and INLINE_SIMCALL only.
 */
#ifndef _SIMICS_H
#define _SIMICS_H

#include <abi/syscall_int.h> /* KLOG_INT */

#define SIM_IN_SIMICS   0x04100000
#define SIM_MEMSIZE     0x04100001
#define SIM_PUTS        0x04100002
#define SIM_BREAKPOINT  0x04100003
#define SIM_HALT        0x04100004
#define SIM_CK1         0x04108000
#define SIM_FR_INKEYS   0x04108004
#define SIM_FR_PROG     0x04108006
#define SIM_FR_HERE     0x04108007
#define SIM_TEST_REPORT 0x0410800B

#if defined(ASSEMBLER) || defined(__ASSEMBLER__)

/*
 * INLINE_SIMCALL(num, arg0, arg1): a simulator call from assembly that
 * touches no memory but what its operands name (so it works with no usable
 * stack).  num is a constant; arg0 and arg1 are source operands of movl
 * ($msg, %eax, ...).  Leaves %ebx = num, %ecx = arg0 and changes %edx;
 * every other register is preserved.  For SIM_PUTS, arg0 is the string's
 * address and the string also goes to the kernel log: %esi and %eax are
 * swapped out and back around the int, since vector 0x80 takes its pointer
 * in %esi and answers in %eax (left in %edx).
 */
/* clang-format off */
#define INLINE_SIMCALL(num, arg0, arg1) \
    movl $(num), %ebx;                  \
    movl arg0, %ecx;                    \
    movl arg1, %edx;                    \
    xchgl %ebx, %ebx;                   \
    .if (num) == SIM_PUTS;              \
    xchgl %eax, %edx;                   \
    xchgl %ecx, %esi;                   \
    int $KLOG_INT;                      \
    xchgl %ecx, %esi;                   \
    xchgl %eax, %edx;                   \
    .endif
/* clang-format on */

#else

/* The simulator call itself: %ebx = num, %ecx and %edx = the next two
 * arguments (read whether passed or not, as the simulator does).  Returns
 * what the simulator leaves in %eax: here 0, or klog's result for SIM_PUTS. */
int sim_call(int num, ...);

int sim_in_simics(void);
int sim_memsize(void);
void sim_puts(const char *str);
void sim_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sim_breakpoint(void);
void sim_halt(void);
void sim_ck1(void);
void sim_fr_prog(int prog);
void sim_fr_here(void);
void sim_update_scoreboard(char *testname, int success);
int magic_readline(int size, char *buf);

/* lprintf is sim_printf (as the course spells it); the function exists too,
 * for code that takes its address. */
void lprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define lprintf(...) sim_printf(__VA_ARGS__)
#define MAGIC_BREAK  sim_breakpoint()

#endif

#endif
