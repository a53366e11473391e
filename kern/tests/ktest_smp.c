/*
 * ktest_smp.c - boot test of the CPUs, judged by tests/harness/boot_tests.py
 * (smp_cpus_*), which boots it with -smp N and compares N:
 *   cpus   every CPU the firmware lists came up (online), and the running
 *          CPU is the boot CPU, 0; prints "cpus: F found, O online"
 */
#include "arch/smp.h"
#include "lib/printf.h"
#include "tests/ktest.h"

KTEST(cpus)
{
    unsigned found = smp_cpus_found(), online = smp_cpus_online();
    printf("cpus: %u found, %u online\n", found, online);
    if (smp_cpu_id() != 0)
        ktest_fail("cpus", "the boot thread runs on CPU %u, not 0", smp_cpu_id());
    if (online != found)
        ktest_fail("cpus", "%u of %u CPUs came up", online, found);
    ktest_pass("cpus");
}
