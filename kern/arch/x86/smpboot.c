/*
 * smpboot.c - finding the CPUs (smp_discover) and starting the others
 * (smp_start); the x86 side of kern/arch/smp.h.
 *
 * The boot CPU starts one application processor at a time: it fills the
 * trampoline's argument block (this CPU's stack and struct cpu), sends
 * INIT and STARTUP, and waits, bounded, until the CPU marks itself online.
 * Only then is the block reused, so two CPUs never share it; after a CPU
 * that does not come up, no more are started (it might still read the
 * block).  An application CPU loads its own GDT and TSS, the shared IDT,
 * enables its local APIC and FPU, marks itself online and parks: it halts
 * with interrupts on, so that IPIs reach it (its timer is stopped, and no
 * device IRQ is sent to it), and marks itself in smp_parked_mask, so that
 * its traps do no scheduler work on their way out (trap.c, irq.c).  When
 * the scheduler is ready for it, smp_release_others names the entry and
 * wakes it with an IPI: it leaves the mask and enters the scheduler.
 *
 * Before the CPUs start, smp_start maps the boot CPU's local APIC and
 * chooses the interrupt controllers (irq.c), which need paging on and
 * must be in place before any driver registers its IRQ.
 *
 * Boot only, interrupts off, before any thread exists: no locks.
 */
#include "arch/x86/smpboot.h"

#include "arch/smp.h"
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "arch/x86/irq.h"
#include "arch/x86/lapic.h"
#include "arch/x86/mp.h"
#include "arch/x86/paging.h"
#include "arch/x86/percpu.h"
#include "arch/x86/pit.h"
#include "lib/assert.h"
#include "lib/printf.h"
#include "lib/string.h"

#define AP_STACK_SIZE 4096u
/* How long a CPU may take to come up after its STARTUP IPIs.  Generous:
 * under multi-threaded TCG on a loaded host a vCPU thread may wait. */
#define AP_TIMEOUT_MS 2000u

static struct topology topo;
volatile uint32_t smp_parked_mask;
static uint8_t ap_stacks[SMP_MAX_CPUS - 1][AP_STACK_SIZE] __attribute__((aligned(16)));

void smp_discover(void)
{
    if (!acpi_madt_find(&topo)) {
        memset(&topo, 0, sizeof(topo));
        mp_table_find(&topo);
    }
    uint8_t boot = lapic_cpuid_apic_id();
    percpu_register(0, boot); /* the boot CPU is 0, whatever the tables' order */
    unsigned id = 1;
    for (unsigned i = 0; i < topo.ncpus; i++)
        if (topo.apic_id[i] != boot)
            percpu_register(id++, topo.apic_id[i]);
    cpus[0].online = 1;
}

/* What the parked CPUs run once released (smp_release_others). */
static void (*volatile release_entry)(void);

void smp_release_others(void (*entry)(void))
{
    __atomic_store_n(&release_entry, entry, __ATOMIC_RELEASE);
    for (unsigned c = 1; c < smp_cpus_found(); c++)
        if (__atomic_load_n(&cpus[c].online, __ATOMIC_ACQUIRE))
            smp_send_ipi(c, IPI_RESCHED); /* out of its hlt, to see the entry */
}

/* Wait for IPIs until released.  sti takes effect after the next
 * instruction, so no interrupt slips in between it and hlt.  Not inlined:
 * a backtrace from here names ap_park. */
static void __attribute__((noreturn, noinline)) ap_park(struct cpu *c)
{
    __atomic_or_fetch(&smp_parked_mask, 1u << c->id, __ATOMIC_SEQ_CST);
    void (*entry)(void);
    while (!(entry = __atomic_load_n(&release_entry, __ATOMIC_ACQUIRE)))
        __asm__ volatile("sti; hlt; cli" ::: "memory");
    __atomic_and_fetch(&smp_parked_mask, ~(1u << c->id), __ATOMIC_SEQ_CST);
    entry();
    panic("CPU %u came back from the scheduler", c->id);
}

/* An application CPU's first C code, on its boot stack, paging on. */
static void __attribute__((noreturn)) ap_main(struct cpu *c)
{
    percpu_load(c);
    idt_load();
    lapic_enable_ap();
    fpu_start_this_cpu();
    __atomic_store_n(&c->online, 1, __ATOMIC_RELEASE);
    ap_park(c);
}

/* Where sym (a label of trampoline.S) is in the trampoline's copy. */
static uint32_t tramp_offset(const char *sym) { return (uint32_t)sym - (uint32_t)trampoline_start; }

static bool wait_online(const struct cpu *c)
{
    for (unsigned ms = 0; ms < AP_TIMEOUT_MS; ms++) {
        if (__atomic_load_n(&c->online, __ATOMIC_ACQUIRE))
            return true;
        pit_delay_us(1000);
    }
    return __atomic_load_n(&c->online, __ATOMIC_ACQUIRE) != 0;
}

static bool start_one(struct cpu *c)
{
    struct trampoline_args *a = (void *)(TRAMPOLINE_PA + tramp_offset(trampoline_args_block));
    c->boot_stack_top = (uint32_t)ap_stacks[c->id - 1] + AP_STACK_SIZE;
    *a = (struct trampoline_args){
        .cr0 = read_cr0(),
        .cr3 = paging_kernel_pd(),
        .cr4 = read_cr4(),
        .esp = c->boot_stack_top,
        .entry = (uint32_t)ap_main,
        .arg = (uint32_t)c,
    };
    if (!lapic_start_cpu(c->apic_id, TRAMPOLINE_PA)) {
        printf("CPU %u (APIC id %u): the start-up IPIs were not accepted\n", c->id, c->apic_id);
        return false;
    }
    if (!wait_online(c)) {
        printf("CPU %u (APIC id %u) did not come up within %u ms\n", c->id, c->apic_id, AP_TIMEOUT_MS);
        return false;
    }
    return true;
}

void smp_start(void)
{
    unsigned n = smp_cpus_found();
    if (topo.nskipped)
        printf("%u CPUs beyond the %u this kernel starts: not started\n", topo.nskipped, SMP_MAX_CPUS);
    lapic_map(topo.lapic_pa);
    irq_controllers_init(&topo);
    if (n > 1) {
        memcpy((void *)TRAMPOLINE_PA, trampoline_start, tramp_offset(trampoline_end));
        for (unsigned i = 1; i < n && start_one(&cpus[i]); i++)
            ;
    }
    unsigned up = smp_cpus_online();
    smp_several = up > 1;
    printf("%u CPU%s%s%s\n", up, up == 1 ? "" : "s", topo.source ? ", from the " : "",
           topo.source ? topo.source : "");
}
