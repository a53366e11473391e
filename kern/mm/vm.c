/*
 * vm.c - user address spaces (see vm.h).
 *
 * All page-table and frame contents are reached through the physical window
 * (arch/x86/paging.h), in short windows so interrupts are never off for long.
 *
 * Copy-on-write: fork shares every present page.  A page the program may
 * write (PTE_UW) is shared read-only and copied at the first write fault.
 * So that the copy can never fail, fork reserves one frame per shared
 * writable page; the invariant is
 *     COW reservations = sum over frames mapped PTE_UW of (refcount - 1)
 * kept by page_remove_w (an unmap gives one back) and cow_break (a copy
 * uses one up).  Closing a window reloads %cr3, which flushes every
 * non-global TLB entry, so no explicit invalidation is needed after an edit.
 */
#include "mm/vm.h"

#include <abi/errors.h>
#include <abi/layout.h>

#include "arch/x86/paging.h"
#include "lib/assert.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "trace/trace.h"

#define PAGE_BYTES ((uint64_t)PAGE_SIZE)

static uint64_t region_end(const struct region *r) { return r->start + r->pages * PAGE_BYTES; }

static pte_t pte_bits(uint32_t prot) { return PTE_P | PTE_U | ((prot & VM_WRITE) ? (PTE_W | PTE_UW) : 0); }

/* ------------------------------------------------------------ regions */

static struct region *region_find(struct vm *vm, uint32_t va)
{
    struct list_node *n;
    list_for_each(n, &vm->regions) {
        struct region *r = list_entry(n, struct region, node);
        if (va >= r->start && va < region_end(r))
            return r;
    }
    return NULL;
}

static bool range_free(struct vm *vm, uint32_t start, uint64_t end)
{
    struct list_node *n;
    list_for_each(n, &vm->regions) {
        struct region *r = list_entry(n, struct region, node);
        if (start < region_end(r) && end > r->start)
            return false;
    }
    return true;
}

static void region_insert(struct vm *vm, struct region *r)
{
    struct list_node *n;
    list_for_each(n, &vm->regions) {
        if (list_entry(n, struct region, node)->start > r->start) {
            list_insert_before(n, &r->node);
            return;
        }
    }
    list_push_back(&vm->regions, &r->node);
}

static struct region *stack_region(struct vm *vm)
{
    struct list_node *n;
    list_for_each(n, &vm->regions) {
        struct region *r = list_entry(n, struct region, node);
        if (r->kind == REGION_STACK)
            return r;
    }
    return NULL;
}

/* ------------------------------------------------------------ pages */

/* Pages handled per window: bounds how long interrupts stay off. */
#define WINDOW_BATCH 32u

/* Window open.  The PTE for va, making its page table if there is none;
 * NULL if that needs a frame and there is none.  (A page table left empty
 * by a later failure is harmless: vm_destroy frees it.) */
static pte_t *pte_make_w(struct vm *vm, uint32_t va)
{
    uint32_t pt = 0;
    if (!pt_present(vm->pd_pa, va) && frame_alloc(&pt) < 0)
        return NULL;
    return pte_walk(vm->pd_pa, va, pt);
}

/* Window open.  Install one page at va: a fresh zeroed frame, or, if lazy,
 * a promise.  -E_NOMEM maps nothing. */
static int page_install_w(struct vm *vm, uint32_t va, uint32_t prot, bool lazy)
{
    pte_t *pte = pte_make_w(vm, va);
    if (!pte)
        return -E_NOMEM;
    assert(*pte == 0);
    if (lazy) {
        *pte = PTE_LAZY | ((prot & VM_WRITE) ? PTE_UW : 0);
        return 0;
    }
    uint32_t frame;
    if (frame_alloc(&frame) < 0)
        return -E_NOMEM;
    memset((void *)frame, 0, PAGE_SIZE);
    *pte = frame | pte_bits(prot);
    return 0;
}

/* Window open.  Remove whatever maps va: drop the frame or the promise. */
static void page_remove_w(struct vm *vm, uint32_t va)
{
    pte_t *pte = pte_walk(vm->pd_pa, va, 0);
    if (!pte)
        return;
    pte_t old = *pte;
    *pte = 0;
    if (old & PTE_P) {
        uint32_t left = frame_unref(PTE_ADDR(old));
        if ((old & PTE_UW) && left > 0)
            frame_unreserve(1); /* one sharer fewer: one copy fewer to promise */
    } else if (old & PTE_LAZY) {
        vm->reserved--;
        frame_unreserve(1);
    }
}

static void pages_remove(struct vm *vm, uint32_t start, uint32_t pages)
{
    for (uint32_t done = 0; done < pages;) {
        uint32_t w = window_enter();
        for (uint32_t n = 0; n < WINDOW_BATCH && done < pages; n++, done++)
            page_remove_w(vm, start + done * PAGE_SIZE);
        window_leave(w);
    }
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
    uint32_t w = window_enter();
    pd_init(vm->pd_pa);
    window_leave(w);
    list_init(&vm->regions);
    mutex_init(&vm->lock, LOCK_RANK_VM, "vm");
    return vm;
}

void vm_destroy(struct vm *vm)
{
    assert(paging_current_pd() != vm->pd_pa);
    struct list_node *n;
    while ((n = list_pop_front(&vm->regions))) {
        struct region *r = list_entry(n, struct region, node);
        pages_remove(vm, r->start, r->pages);
        kfree(r);
    }
    assert(vm->reserved == 0);
    uint32_t w = window_enter(); /* a scan of one directory: short */
    for (uint32_t va = USER_MEM_START; va != 0; va += 1u << 22) {
        uint32_t pt = pt_detach(vm->pd_pa, va);
        if (pt)
            frame_unref(pt);
    }
    window_leave(w);
    frame_unref(vm->pd_pa);
    kfree(vm);
}

/* ------------------------------------------------------------ regions API */

static int map_locked(struct vm *vm, uint32_t start, uint32_t pages, uint32_t prot, enum region_kind kind,
                      bool lazy)
{
    uint64_t end = start + pages * PAGE_BYTES;
    if (pages == 0 || (start & (PAGE_SIZE - 1)) || !user_range(start, pages * PAGE_BYTES))
        return -E_INVAL;
    if (!range_free(vm, start, end))
        return -E_INVAL;
    struct region *reg = kmalloc(sizeof(*reg));
    if (!reg)
        return -E_NOMEM;
    if (lazy && frame_reserve(pages) < 0) {
        kfree(reg);
        return -E_NOMEM;
    }
    uint32_t done = 0;
    int r = 0;
    while (done < pages && r == 0) {
        uint32_t w = window_enter();
        for (uint32_t n = 0; n < WINDOW_BATCH && done < pages; n++, done++) {
            if ((r = page_install_w(vm, start + done * PAGE_SIZE, prot, lazy)) < 0)
                break;
            if (lazy)
                vm->reserved++;
        }
        window_leave(w);
    }
    if (done < pages) {
        pages_remove(vm, start, done);
        if (lazy)
            frame_unreserve(pages - done);
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
    int ret = map_locked(vm, start, pages, prot, kind, lazy);
    mutex_unlock(&vm->lock);
    return ret;
}

int vm_unmap_newpages(struct vm *vm, uint32_t start)
{
    mutex_lock(&vm->lock);
    struct region *r = region_find(vm, start);
    int ret = -E_INVAL;
    if (r && r->start == start && r->kind == REGION_NEWPAGES) {
        list_remove(&r->node);
        pages_remove(vm, r->start, r->pages);
        kfree(r);
        ret = 0;
    }
    mutex_unlock(&vm->lock);
    return ret;
}

int vm_write(struct vm *vm, uint32_t va, const void *src, size_t len)
{
    const uint8_t *s = src;
    while (len > 0) {
        uint32_t off = va & (PAGE_SIZE - 1);
        size_t chunk = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
        uint32_t w = window_enter();
        pte_t *pte = pte_walk(vm->pd_pa, va, 0);
        bool ok = pte && (*pte & PTE_P);
        if (ok)
            memcpy((void *)(PTE_ADDR(*pte) + off), s, chunk);
        window_leave(w);
        if (!ok)
            return -E_FAULT;
        va += chunk;
        s += chunk;
        len -= chunk;
    }
    return 0;
}

/* Window open.  Map the frame of the present page spte in dst too,
 * read-only; a writable page becomes copy-on-write in both. */
static int page_share_w(struct vm *dst, pte_t *spte, uint32_t va)
{
    pte_t *dpte = pte_make_w(dst, va);
    if (!dpte)
        return -E_NOMEM;
    if ((*spte & PTE_UW) && frame_reserve(1) < 0) /* the future copy */
        return -E_NOMEM;
    assert(*dpte == 0);
    frame_ref(PTE_ADDR(*spte));
    *spte &= ~PTE_W;
    *dpte = *spte & ~(PTE_A | PTE_D);
    return 0;
}

/* Window open.  Copy one page's mapping from src to dst (fork): present
 * pages are shared, lazy pages stay lazy (vm_copy reserved them). */
static int page_copy_w(struct vm *dst, struct vm *src, uint32_t va)
{
    pte_t *spte = pte_walk(src->pd_pa, va, 0);
    pte_t s = spte ? *spte : 0;
    if (s & PTE_P)
        return page_share_w(dst, spte, va);
    if (!(s & PTE_LAZY))
        return 0;
    int r = page_install_w(dst, va, (s & PTE_UW) ? VM_READ | VM_WRITE : VM_READ, true);
    if (r == 0)
        dst->reserved++;
    return r;
}

static int region_copy(struct vm *dst, struct vm *src, const struct region *sr)
{
    int r = 0;
    for (uint32_t i = 0; i < sr->pages && r == 0;) {
        uint32_t w = window_enter();
        for (uint32_t n = 0; n < WINDOW_BATCH && i < sr->pages && r == 0; n++, i++)
            r = page_copy_w(dst, src, sr->start + i * PAGE_SIZE);
        window_leave(w);
    }
    return r;
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
        ret = region_copy(dst, src, sr);
    }
    if (ret < 0 && promised > dst->reserved)
        frame_unreserve(promised - dst->reserved);
    mutex_unlock(&src->lock);
    return ret;
}

/* ------------------------------------------------------------ faults */

/* Window open.  First write to a copy-on-write page: take it over if no one
 * else maps it any more, otherwise copy it into a frame fork reserved. */
static int cow_break(pte_t *pte)
{
    uint32_t old = PTE_ADDR(*pte);
    if (frame_refcount(old) == 1) {
        *pte |= PTE_W;
        return 0;
    }
    uint32_t frame = frame_alloc_reserved();
    memcpy((void *)frame, (void *)old, PAGE_SIZE);
    *pte = frame | PTE_P | PTE_U | PTE_W | PTE_UW;
    frame_unref(old); /* the reservation was used up by the copy */
    return 0;
}

/* Grow the stack region down to cover va, if va is in its growth zone and
 * nothing else is in the way.  Pages are filled as they are touched. */
static struct region *stack_grow(struct vm *vm, uint32_t va)
{
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
    uint32_t w = window_enter();
    pte_t *pte = pte_walk(vm->pd_pa, page, 0);
    pte_t old = pte ? *pte : 0;
    if (old & PTE_LAZY) {
        uint32_t frame = frame_alloc_reserved();
        vm->reserved--;
        memset((void *)frame, 0, PAGE_SIZE);
        *pte = frame | pte_bits(r->prot);
        ret = 0;
    } else if ((old & PTE_P) && write && !(old & PTE_W)) {
        ret = (old & PTE_UW) ? cow_break(pte) : -E_FAULT;
        trace_mem(TEV_COW, page, (uint32_t)ret, 0);
    } else if (old & PTE_P) {
        ret = 0; /* filled meanwhile by another thread */
    } else {
        ret = page_install_w(vm, page, r->prot, false); /* stack: while memory lasts */
    }
    window_leave(w);
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
