/*
 * paging.c - kernel page tables, the physical window, and the page-table
 * walker (see paging.h for the rules of the window).
 *
 * Invariant: every page directory's entries 0..3 point at the same four
 * kernel page tables, so a change to kernel mappings (there are none after
 * boot) would show everywhere.  The window directory is never global so its
 * translations vanish with the %cr3 reload that closes it.
 */
#include "arch/x86/paging.h"

#include <abi/layout.h>

#include "arch/x86/cpu.h"
#include "lib/assert.h"
#include "lib/string.h"

#define KERNEL_PTS (USER_MEM_START / (4u << 20))
#define ENTRIES    1024

static pte_t kernel_pts[KERNEL_PTS][ENTRIES] __attribute__((aligned(4096)));
static pte_t kernel_pd[ENTRIES] __attribute__((aligned(4096)));
static pte_t window_pd[ENTRIES] __attribute__((aligned(4096)));

static uint32_t window_saved_cr3;
static uint32_t window_cookie_irq;
static bool window_open;
/* Every %cr3 load, for kstats: each one flushes the TLB, which TCG makes
 * expensive, so benchmarks report them per operation. */
static uint32_t cr3_loads;

static void load_cr3(uint32_t pd_pa)
{
    cr3_loads++;
    write_cr3(pd_pa);
}

uint32_t paging_cr3_loads(void) { return cr3_loads; }

void paging_init(void)
{
    for (uint32_t t = 0; t < KERNEL_PTS; t++) {
        for (uint32_t i = 0; i < ENTRIES; i++) {
            uint32_t pa = (t * ENTRIES + i) * PAGE_SIZE;
            kernel_pts[t][i] = pa ? (pa | PTE_P | PTE_W | PTE_G) : 0;
        }
        kernel_pd[t] = (uint32_t)kernel_pts[t] | PTE_P | PTE_W;
    }
    for (uint32_t i = 0; i < ENTRIES; i++)
        window_pd[i] = (i << 22) | PTE_P | PTE_W | PTE_PS;

    write_cr4(read_cr4() | CR4_PSE | CR4_PGE);
    load_cr3((uint32_t)kernel_pd);
    write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

uint32_t paging_kernel_pd(void) { return (uint32_t)kernel_pd; }

uint32_t paging_current_pd(void) { return read_cr3(); }

void paging_activate(uint32_t pd_pa)
{
    assert(!window_open);
    if (read_cr3() != pd_pa)
        load_cr3(pd_pa);
}

uint32_t window_enter(void)
{
    uint32_t was = irq_save();
    assert(!window_open);
    window_open = true;
    window_saved_cr3 = read_cr3();
    load_cr3((uint32_t)window_pd);
    window_cookie_irq = was;
    return was;
}

void window_leave(uint32_t cookie)
{
    assert(window_open && cookie == window_cookie_irq);
    load_cr3(window_saved_cr3);
    window_open = false;
    irq_restore(cookie);
}

void pd_init(uint32_t pd_pa)
{
    assert(window_open);
    pte_t *pd = (pte_t *)pd_pa;
    memcpy(pd, kernel_pd, KERNEL_PTS * sizeof(pte_t));
    memset(pd + KERNEL_PTS, 0, (ENTRIES - KERNEL_PTS) * sizeof(pte_t));
}

pte_t *pte_walk(uint32_t pd_pa, uint32_t va, uint32_t pt_frame)
{
    assert(window_open && va >= USER_MEM_START);
    pte_t *pde = (pte_t *)pd_pa + PD_INDEX(va);
    if (!(*pde & PTE_P)) {
        if (!pt_frame)
            return NULL;
        memset((void *)pt_frame, 0, PAGE_SIZE);
        /* User and writable at this level; each PTE decides. */
        *pde = pt_frame | PTE_P | PTE_W | PTE_U;
    }
    return (pte_t *)PTE_ADDR(*pde) + PT_INDEX(va);
}

bool pt_present(uint32_t pd_pa, uint32_t va) { return pt_of(pd_pa, va) != 0; }

uint32_t pt_of(uint32_t pd_pa, uint32_t va)
{
    assert(window_open);
    pte_t pde = ((pte_t *)pd_pa)[PD_INDEX(va)];
    return (pde & PTE_P) ? PTE_ADDR(pde) : 0;
}

uint32_t pt_detach(uint32_t pd_pa, uint32_t va)
{
    uint32_t pt = pt_of(pd_pa, va);
    ((pte_t *)pd_pa)[PD_INDEX(va)] = 0;
    return pt;
}
