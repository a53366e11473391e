/*
 * vm.c - user address spaces (see vm.h).
 *
 * Page tables and frames are reached through kmap (arch/mmu.h), a page
 * table at a time: pt_runs hands each run of PTEs (at most RUN_MAX, never
 * across a page table) to a function, with the frame pool's spinlock held
 * (interrupts off) for that run only, and the frame bookkeeping in the run
 * uses the *_locked calls.
 *
 * Copy-on-write: fork shares every present page.  A page the program may
 * write (mmu_pte_user_writable) is shared read-only and copied at the
 * first write fault.
 * So that the copy can never fail, fork reserves one frame per shared
 * writable page; the invariant is
 *     COW reservations = sum over user-writable frames of (refcount - 1)
 * kept by mm/cow.h, which every sharing change goes through: fork's
 * cow_promise and cow_share (run_share), an unmap's cow_drop and cow_return
 * (run_remove) and the fault's cow_break (a copy uses one up).  An edit of the loaded address space other
 * than filling an empty PTE is followed by mmu_flush (a removed page, a page made copy-on-write, a
 * copy-on-write fault).
 */
#include "mm/vm.h"

#include <abi/errors.h>
#include <abi/layout.h>

#include "arch/cpu.h"
#include "arch/mmu.h"
#include "lib/assert.h"
#include "lib/string.h"
#include "mm/cow.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "trace/trace.h"

#define PAGE_BYTES ((uint64_t)PAGE_SIZE)

/* ------------------------------------------------------------ regions */

/* Lookups go through the index (O(log n), the hint first); the list keeps
 * the same regions in order for the walks over all of them (fork,
 * destroy), and vm->stack points at the stack region. */

static struct region *region_find(struct vm *vm, uint32_t va)
{
    assert(mutex_held(&vm->lock));
    return region_index_find(&vm->index, va);
}

static bool range_free(struct vm *vm, uint32_t start, uint64_t end)
{
    assert(mutex_held(&vm->lock));
    return !region_index_overlaps(&vm->index, start, end);
}

static void region_insert(struct vm *vm, struct region *r)
{
    struct region *below = region_index_insert(&vm->index, r);
    list_insert_before(below ? below->node.next : vm->regions.head.next, &r->node);
    if (r->kind == REGION_STACK)
        vm->stack = r;
}

static void region_remove(struct vm *vm, struct region *r)
{
    assert(mutex_held(&vm->lock));
    assert(r != vm->stack); /* only new_pages regions are ever removed alone */
    region_index_remove(&vm->index, r);
    list_remove(&r->node);
}

static struct region *stack_region(struct vm *vm) { return vm->stack; }

/* ------------------------------------------------------------ page tables */

/* Pages handled per interrupts-off stretch (at most one page table's
 * worth): bounds how long interrupts stay off when each page is zeroed. */
#define RUN_MAX 64u

enum pt_missing {
    PT_SKIP, /* a range with no page table has nothing to visit */
    PT_MAKE, /* make the page table (-E_NOMEM if there is no frame) */
    PT_NEED, /* a missing page table is an error (-E_FAULT) */
};

static uint32_t table_no(uint32_t va) { return va / MMU_PT_SPAN; }

/* Interrupts off.  Zero the page frame through a kmap slot. */
static void frame_zero(uint32_t frame)
{
    void *p = kmap(frame);
    mmu_page_zero(p);
    kunmap(p);
}

/* frames_lock held, and held again on return.  Zero frame, which the
 * caller has just taken from the pool and nothing maps yet, with the lock
 * let go meanwhile: 4 KiB of stores under the pool's one lock would stall
 * every other CPU's faults, forks and exits (make bench's
 * contention_memory_smp2: 15% of the CPUs' time went on waiting for it;
 * with zeroing outside, 10%).  The caller holds vm->lock, so nothing it
 * looked at in vm's page tables changes meanwhile. */
static void frame_zero_paused(uint32_t frame)
{
    frames_pause_locked();
    frame_zero(frame);
    frames_resume_locked();
}

/* frames_lock held.  A fresh zeroed frame for a page (or page table); 0 if
 * there is none. */
static uint32_t frame_zeroed(void)
{
    uint32_t frame;
    if (frame_alloc_locked(&frame) < 0)
        return 0;
    frame_zero_paused(frame);
    return frame;
}

/* frames_lock held.  Map the page table of vm that covers va and return the
 * PTE of va (kunmap it when done), or NULL: there is none (and missing is
 * not PT_MAKE, or no frame for one).  A page table made here and left
 * empty by a later failure is harmless: vm_destroy frees it. */
static pte_t *pt_map(struct vm *vm, uint32_t va, enum pt_missing missing)
{
    uint32_t pt = mmu_pt_get(vm->pd_pa, va);
    if (!pt) {
        if (missing != PT_MAKE || !(pt = frame_zeroed()))
            return NULL;
        mmu_pt_set(vm->pd_pa, va, pt);
        vm->tables[table_no(va) / 32] |= 1u << (table_no(va) % 32);
    }
    return (pte_t *)kmap(pt) + mmu_pt_index(va);
}

/* What is done to one run of n PTEs (pte[0] maps va), all in one page
 * table, with interrupts off.  Returns 0 or a negative error. */
typedef int (*pt_run_fn)(struct vm *vm, pte_t *pte, uint32_t va, uint32_t n, void *arg);

/* Call fn on the PTEs of [va, va + pages pages), at most RUN_MAX at a time
 * and never across a page table: one interrupts-off stretch and one page
 * table mapping per run, not a walk from the directory per page.  Stops
 * at the first error. */
static int pt_runs(struct vm *vm, uint32_t va, uint32_t pages, enum pt_missing missing, pt_run_fn fn,
                   void *arg)
{
    int r = 0;
    while (pages > 0 && r == 0) {
        uint32_t n = MMU_PT_ENTRIES - mmu_pt_index(va);
        n = n < RUN_MAX ? n : RUN_MAX;
        n = n < pages ? n : pages;
        uint32_t was = frames_lock_irqsave();
        pte_t *pte = pt_map(vm, va, missing);
        if (pte) {
            r = fn(vm, pte, va, n, arg);
            kunmap(pte);
        } else if (missing != PT_SKIP) {
            r = missing == PT_MAKE ? -E_NOMEM : -E_FAULT;
        }
        frames_unlock_irqrestore(was);
        va += n * PAGE_SIZE;
        pages -= n;
    }
    return r;
}

/* ------------------------------------------------------------ pages */

enum fill { FILL_ZERO, FILL_LAZY, FILL_NONE };

struct install {
    uint32_t prot;
    enum fill fill;
    uint32_t done; /* pages installed so far */
};

/* Install fresh pages in empty PTEs: zeroed frames, frames whose contents
 * the caller will write (FILL_NONE), or promises (FILL_LAZY). */
static int run_install(struct vm *vm, pte_t *pte, uint32_t va, uint32_t n, void *arg)
{
    struct install *in = arg;
    bool writable = (in->prot & VM_WRITE) != 0;
    (void)va;
    for (uint32_t i = 0; i < n; i++, in->done++) {
        assert(pte[i] == 0);
        if (in->fill == FILL_LAZY) {
            pte[i] = mmu_pte_promise(writable);
            vm->reserved++;
            continue;
        }
        uint32_t frame = 0;
        if (in->fill == FILL_ZERO)
            frame = frame_zeroed();
        else if (frame_alloc_locked(&frame) < 0)
            frame = 0;
        if (!frame)
            return -E_NOMEM;
        pte[i] = mmu_pte_page(frame, writable);
    }
    return 0;
}

/* Remove whatever the PTEs map: drop the frames and the promises, giving
 * back their reservations in one call. */
static int run_remove(struct vm *vm, pte_t *pte, uint32_t va, uint32_t n, void *arg)
{
    uint32_t unreserve = 0;
    bool mapped = false; /* a translation may be cached */
    (void)arg;
    for (uint32_t i = 0; i < n; i++) {
        pte_t old = pte[i];
        pte[i] = 0;
        if (mmu_pte_present(old)) {
            mapped = true;
            unreserve += cow_drop(mmu_pte_frame(old), mmu_pte_user_writable(old));
        } else if (mmu_pte_promised(old)) {
            vm->reserved--;
            unreserve++;
        }
    }
    cow_return(unreserve);
    if (mapped)
        mmu_flush(vm->pd_pa, va, n); /* before anyone can reuse the frames */
    return 0;
}

static void pages_remove(struct vm *vm, uint32_t start, uint32_t pages)
{
    pt_runs(vm, start, pages, PT_SKIP, run_remove, NULL);
}

/* ------------------------------------------------------------ create/destroy */

struct vm *vm_create(void)
{
    struct vm *vm = kzalloc(sizeof(*vm));
    if (!vm)
        return NULL;
    if (frame_alloc(&vm->pd_pa) < 0) {
        kfree(vm);
        return NULL;
    }
    uint32_t was = irq_save();
    mmu_pd_init(vm->pd_pa);
    irq_restore(was);
    list_init(&vm->regions);
    region_index_init(&vm->index);
    mutex_init(&vm->lock, LOCK_RANK_VM, "vm");
    return vm;
}

/* Free the page tables vm->tables names (only those: no directory scan). */
static void tables_free(struct vm *vm)
{
    for (uint32_t w = 0; w < sizeof(vm->tables) / sizeof(vm->tables[0]); w++) {
        for (uint32_t bits = vm->tables[w]; bits; bits &= bits - 1) {
            uint32_t va = (w * 32 + (uint32_t)__builtin_ctz(bits)) * MMU_PT_SPAN;
            uint32_t was = frames_lock_irqsave();
            frame_unref_locked(mmu_pt_get(vm->pd_pa, va));
            frames_unlock_irqrestore(was);
        }
    }
}

void vm_destroy(struct vm *vm)
{
    uint32_t was = irq_save();
    mmu_release(vm->pd_pa); /* the last thread of a task may still run on it */
    irq_restore(was);
    struct list_node *n;
    while ((n = list_pop_front(&vm->regions))) {
        struct region *r = list_entry(n, struct region, node);
        pages_remove(vm, r->start, r->pages);
        kfree(r);
    }
    assert(vm->reserved == 0);
    tables_free(vm);
    frame_unref(vm->pd_pa);
    kfree(vm);
}

/* ------------------------------------------------------------ regions API */

static int map_locked(struct vm *vm, uint32_t start, uint32_t pages, uint32_t prot, enum region_kind kind,
                      enum fill fill)
{
    assert(mutex_held(&vm->lock));
    uint64_t end = start + pages * PAGE_BYTES;
    if (pages == 0 || (start & (PAGE_SIZE - 1)) || !user_range(start, pages * PAGE_BYTES))
        return -E_INVAL;
    if (!range_free(vm, start, end))
        return -E_INVAL;
    struct region *reg = kmalloc(sizeof(*reg));
    if (!reg)
        return -E_NOMEM;
    bool lazy = fill == FILL_LAZY;
    if (lazy && frame_reserve(pages) < 0) {
        kfree(reg);
        return -E_NOMEM;
    }
    struct install in = {.prot = prot, .fill = fill, .done = 0};
    if (pt_runs(vm, start, pages, PT_MAKE, run_install, &in) < 0) {
        pages_remove(vm, start, in.done);
        if (lazy)
            frame_unreserve(pages - in.done);
        kfree(reg);
        return -E_NOMEM;
    }
    *reg = (struct region){.start = start, .pages = pages, .prot = prot, .kind = kind};
    region_insert(vm, reg);
    return 0;
}

int vm_map(struct vm *vm, uint32_t start, uint32_t pages, uint32_t prot, enum region_kind kind, bool lazy)
{
    mutex_lock(&vm->lock);
    int ret = map_locked(vm, start, pages, prot, kind, lazy ? FILL_LAZY : FILL_ZERO);
    mutex_unlock(&vm->lock);
    return ret;
}

int vm_map_unfilled(struct vm *vm, uint32_t start, uint32_t pages, uint32_t prot, enum region_kind kind)
{
    mutex_lock(&vm->lock);
    int ret = map_locked(vm, start, pages, prot, kind, FILL_NONE);
    mutex_unlock(&vm->lock);
    return ret;
}

int vm_unmap_newpages(struct vm *vm, uint32_t start)
{
    mutex_lock(&vm->lock);
    struct region *r = region_find(vm, start);
    int ret = -E_INVAL;
    if (r && r->start == start && r->kind == REGION_NEWPAGES) {
        region_remove(vm, r);
        pages_remove(vm, r->start, r->pages);
        kfree(r);
        ret = 0;
    }
    mutex_unlock(&vm->lock);
    return ret;
}

/* Bytes [at, end) of the address space get src's bytes (src advances), or
 * zeroes when src is NULL. */
struct fill_bytes {
    const uint8_t *src;
    uint64_t at, end;
};

static int run_fill(struct vm *vm, pte_t *pte, uint32_t va, uint32_t n, void *arg)
{
    struct fill_bytes *f = arg;
    (void)vm;
    for (uint32_t i = 0; i < n; i++) {
        if (!mmu_pte_present(pte[i]))
            return -E_FAULT;
        uint64_t page = (uint64_t)va + i * PAGE_BYTES;
        uint64_t hi = page + PAGE_BYTES < f->end ? page + PAGE_BYTES : f->end;
        uint32_t off = (uint32_t)(f->at - page), len = (uint32_t)(hi - f->at);
        uint8_t *p = kmap(mmu_pte_frame(pte[i]));
        if (f->src && len == PAGE_SIZE)
            mmu_page_copy(p, f->src);
        else if (f->src)
            memcpy(p + off, f->src, len);
        else if (len == PAGE_SIZE)
            mmu_page_zero(p);
        else
            memset(p + off, 0, len);
        kunmap(p);
        if (f->src)
            f->src += len;
        f->at = hi;
    }
    return 0;
}

static int fill(struct vm *vm, uint32_t va, const void *src, size_t len)
{
    if (len == 0)
        return 0;
    struct fill_bytes f = {.src = src, .at = va, .end = (uint64_t)va + len};
    uint32_t pages = (uint32_t)(((f.end + PAGE_SIZE - 1) >> 12) - (va >> 12));
    return pt_runs(vm, PAGE_ROUND_DOWN(va), pages, PT_NEED, run_fill, &f);
}

int vm_write(struct vm *vm, uint32_t va, const void *src, size_t len) { return fill(vm, va, src, len); }

int vm_zero(struct vm *vm, uint32_t va, size_t len) { return fill(vm, va, NULL, len); }

/* fork: a run of the parent's PTEs is copied into the child's.  Present
 * pages are shared (a writable one becomes copy-on-write in both, with one
 * frame reserved for its copy, all the run's in one call); promises stay
 * promises (vm_copy reserved them). */
struct share {
    struct vm *dst;
    uint32_t cow_va[RUN_MAX]; /* parent pages made read-only, to flush */
    uint32_t ncow;            /* > RUN_MAX: too many to name, flush all */
};

static uint32_t cow_count(const pte_t *pte, uint32_t n)
{
    uint32_t c = 0;
    for (uint32_t i = 0; i < n; i++)
        c += mmu_pte_present(pte[i]) && mmu_pte_user_writable(pte[i]);
    return c;
}

static int run_share(struct vm *src, pte_t *spte, uint32_t va, uint32_t n, void *arg)
{
    struct share *sh = arg;
    (void)src;
    pte_t *dpte = pt_map(sh->dst, va, PT_MAKE);
    if (!dpte)
        return -E_NOMEM;
    uint32_t cow = cow_count(spte, n);
    int r = cow_promise(cow); /* the future copies */
    for (uint32_t i = 0; i < n && r == 0; i++) {
        pte_t s = spte[i];
        assert(dpte[i] == 0);
        if (mmu_pte_present(s)) {
            cow_share(mmu_pte_frame(s));
            if (mmu_pte_user_writable(s) && mmu_pte_writable(s)) {
                spte[i] = s = mmu_pte_cow(s);
                if (sh->ncow++ < RUN_MAX)
                    sh->cow_va[sh->ncow - 1] = va + i * PAGE_SIZE;
            }
            dpte[i] = mmu_pte_cow_copy(s);
        } else if (mmu_pte_promised(s)) {
            dpte[i] = s;
            sh->dst->reserved++;
        }
    }
    kunmap(dpte);
    return r;
}

/* The parent's pages made read-only keep writable translations until
 * flushed.  Flushing once at the end is safe: fork's caller is the only
 * thread of its task (task_claim_alone) and touches no user memory inside
 * vm_copy. */
static void share_flush(struct vm *src, const struct share *sh)
{
    if (sh->ncow > RUN_MAX) {
        mmu_flush(src->pd_pa, USER_MEM_START, (uint32_t)((USER_MEM_END - USER_MEM_START) / PAGE_SIZE));
        return;
    }
    for (uint32_t i = 0; i < sh->ncow; i++)
        mmu_flush(src->pd_pa, sh->cow_va[i], 1);
}

int vm_copy(struct vm *dst, struct vm *src)
{
    mutex_lock(&src->lock);
    uint32_t promised = src->reserved;
    int ret = frame_reserve(promised);
    if (ret < 0) {
        mutex_unlock(&src->lock);
        return ret;
    }
    struct share sh = {.dst = dst, .ncow = 0};
    struct list_node *n;
    list_for_each(n, &src->regions) {
        if (ret < 0)
            break;
        struct region *sr = list_entry(n, struct region, node);
        struct region *dr = kmalloc(sizeof(*dr));
        if (!dr) {
            ret = -E_NOMEM;
            break;
        }
        *dr = *sr;
        list_node_init(&dr->node);
        region_insert(dst, dr);
        ret = pt_runs(src, sr->start, sr->pages, PT_SKIP, run_share, &sh);
    }
    share_flush(src, &sh);
    if (ret < 0 && promised > dst->reserved)
        frame_unreserve(promised - dst->reserved);
    mutex_unlock(&src->lock);
    return ret;
}

/* ------------------------------------------------------------ faults */

static void copy_frame(uint32_t dst, uint32_t src)
{
    void *d = kmap(dst);
    const void *s = kmap(src);
    mmu_page_copy(d, s);
    kunmap(s);
    kunmap(d);
}

/* Interrupts off.  First write to a copy-on-write page: take it over if no
 * one else maps it any more, otherwise copy it into a frame fork reserved. */
static void cow_write(struct vm *vm, pte_t *pte, uint32_t page)
{
    uint32_t old = mmu_pte_frame(*pte);
    uint32_t frame = cow_break(old, copy_frame);
    *pte = frame == old ? mmu_pte_make_writable(*pte) : mmu_pte_page(frame, true);
    mmu_flush(vm->pd_pa, page, 1);
}

/* Interrupts off.  Resolve a fault on the page whose PTE is pte. */
static int fault_resolve(struct vm *vm, pte_t *pte, uint32_t page, uint32_t prot, bool write)
{
    assert(mutex_held(&vm->lock));
    pte_t old = *pte;
    bool writable = (prot & VM_WRITE) != 0;
    if (mmu_pte_promised(old)) {
        uint32_t frame = frame_alloc_reserved_locked();
        vm->reserved--;
        frame_zero_paused(frame);
        *pte = mmu_pte_page(frame, writable);
        return 0;
    }
    if (mmu_pte_present(old) && write && !mmu_pte_writable(old)) {
        int ret = mmu_pte_user_writable(old) ? 0 : -E_FAULT;
        if (ret == 0)
            cow_write(vm, pte, page);
        trace_mem(TEV_COW, page, (uint32_t)ret, 0);
        return ret;
    }
    if (mmu_pte_present(old))
        return 0;                    /* filled meanwhile by another thread */
    uint32_t frame = frame_zeroed(); /* stack: while memory lasts */
    if (!frame)
        return -E_NOMEM;
    *pte = mmu_pte_page(frame, writable);
    return 0;
}

/* Grow the stack region down to cover va, if va is in its growth zone and
 * nothing else is in the way.  Pages are filled as they are touched. */
static struct region *stack_grow(struct vm *vm, uint32_t va)
{
    assert(mutex_held(&vm->lock));
    struct region *st = stack_region(vm);
    uint32_t page = PAGE_ROUND_DOWN(va);
    if (!st || va >= st->start || page < STACK_FLOOR || !range_free(vm, page, st->start))
        return NULL;
    st->pages += (st->start - page) / PAGE_SIZE;
    st->start = page;
    return st;
}

int vm_handle_fault(struct vm *vm, uint32_t va, bool write)
{
    if (va < USER_MEM_START)
        return -E_FAULT;
    mutex_lock(&vm->lock);
    struct region *r = region_find(vm, va);
    if (!r)
        r = stack_grow(vm, va);
    int ret = -E_FAULT;
    if (!r || (write && !(r->prot & VM_WRITE)))
        goto out;

    uint32_t page = PAGE_ROUND_DOWN(va);
    uint32_t was = frames_lock_irqsave();
    pte_t *pte = pt_map(vm, page, PT_MAKE);
    ret = pte ? fault_resolve(vm, pte, page, r->prot, write) : -E_NOMEM;
    if (pte)
        kunmap(pte);
    frames_unlock_irqrestore(was);
out:
    mutex_unlock(&vm->lock);
    return ret;
}

bool vm_range_ok(struct vm *vm, uint32_t va, uint32_t len, bool write)
{
    if (!user_range(va, len))
        return false;
    uint64_t end = (uint64_t)va + len;
    mutex_lock(&vm->lock);
    struct region *st = stack_region(vm);
    bool ok = true;
    for (uint64_t a = va; a < end && ok;) {
        struct region *r = region_find(vm, (uint32_t)a);
        if (!r && st && a >= STACK_FLOOR && a < st->start && range_free(vm, (uint32_t)a, st->start)) {
            a = st->start; /* the stack's growth zone */
            continue;
        }
        ok = r && (!write || (r->prot & VM_WRITE));
        if (ok)
            a = region_end(r);
    }
    mutex_unlock(&vm->lock);
    return ok;
}
