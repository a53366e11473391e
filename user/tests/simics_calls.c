/*
 * simics_calls.c - every call <simics.h> declares (SPEC §4) links and is
 * safe outside a simulator: the logging ones (lprintf, sim_printf,
 * sim_puts, sim_call(SIM_PUTS, ...)) each put their line in the kernel log,
 * checked by the harness against the hints below; the others return 0 or
 * nothing and leave the program running; magic_readline is readline (a bad
 * buffer is refused, as by readline).
 * @expect-log simics_calls: lprintf 1 two
 * @expect-log simics_calls: lprintf as a function 2
 * @expect-log simics_calls: sim_printf 3
 * @expect-log simics_calls: sim_puts
 * @expect-log simics_calls: sim_call SIM_PUTS
 */
#include <simics.h>
#include <syscall.h>

#include "test.h"

int main(void)
{
    TEST_START("simics_calls");
    lprintf("simics_calls: lprintf %d %s", 1, "two");
    void (*fn)(const char *, ...) = lprintf; /* the function behind the macro */
    fn("simics_calls: lprintf as a function %d", 2);
    sim_printf("simics_calls: sim_printf %d", 3);
    sim_puts("simics_calls: sim_puts");
    CHECK(sim_call(SIM_PUTS, "simics_calls: sim_call SIM_PUTS") == 0, "sim_call(SIM_PUTS) logs, returns 0");

    CHECK(sim_in_simics() == 0, "not in a simulator");
    CHECK(sim_memsize() == 0, "no simulator to tell the memory size");
    CHECK(sim_call(SIM_HALT) == 0, "sim_call of anything else is a no-op");
    sim_breakpoint();
    MAGIC_BREAK;
    sim_halt(); /* stops a simulator only; we keep running */
    sim_ck1();
    sim_fr_prog(7);
    sim_fr_here();
    sim_update_scoreboard("simics_calls", 1);
    CHECK(magic_readline(16, (char *)KERNEL_ADDR) < 0, "magic_readline is readline: kernel buffer refused");
    TEST_PASS();
}
